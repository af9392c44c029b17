//! The first look at the bytes: refuse what is not an article (PDF, images, archives, programs),
//! unpack gzip within the size limit, and tell HTML from plain text once decoded.

use std::io::Read;

use crate::error::ExtractProblem;

/// How many bytes the NUL-byte and control-byte tests look at.
const NUL_WINDOW: usize = 8 * 1024;

/// How many nested gzip layers are unpacked before the input is refused.
const MAX_GZIP_LAYERS: u32 = 2;

/// Checks the bytes and unpacks gzip. Returns the bytes to decode: the input itself or what the
/// gzip stream unpacks to, which is checked again (size, emptiness, magic numbers).
pub fn unpack(bytes: &[u8], max_bytes: u64) -> Result<Vec<u8>, ExtractProblem> {
    unpack_layer(std::borrow::Cow::Borrowed(bytes), max_bytes, 0)
}

/// One layer of unpacking; takes what a gzip layer gave by value so it is not copied again.
fn unpack_layer(
    bytes: std::borrow::Cow<'_, [u8]>,
    max_bytes: u64,
    layer: u32,
) -> Result<Vec<u8>, ExtractProblem> {
    if bytes.is_empty() {
        return Err(ExtractProblem::Empty);
    }
    let size = bytes.len() as u64;
    if size > max_bytes {
        return Err(ExtractProblem::TooLarge {
            size,
            limit: max_bytes,
        });
    }
    if is_blank(&bytes) {
        return Err(ExtractProblem::Empty);
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        if layer >= MAX_GZIP_LAYERS {
            return Err(ExtractProblem::Binary("nested gzip archive"));
        }
        let unpacked = gunzip(&bytes, max_bytes)?;
        return unpack_layer(std::borrow::Cow::Owned(unpacked), max_bytes, layer + 1);
    }
    if is_pdf(&bytes) {
        return Err(ExtractProblem::Pdf);
    }
    if let Some(kind) = binary_kind(&bytes) {
        return Err(ExtractProblem::Binary(kind));
    }
    if bom_utf16(&bytes).is_none() {
        let window = &bytes[..bytes.len().min(NUL_WINDOW)];
        if window.contains(&0) || too_many_controls(window) {
            return Err(ExtractProblem::Binary("binary"));
        }
    }
    Ok(bytes.into_owned())
}

/// Text in the charsets claimdesk reads (UTF-16 aside) uses no C0 control bytes but tab, line
/// feed, vertical tab, form feed, carriage return and escape (ISO-2022-JP). A stray one happens
/// (a DOS end-of-file mark); more than one byte in 32 is random or compressed data without a NUL
/// in its first kilobytes, which every legacy charset would decode to an "article" of garbage.
fn too_many_controls(window: &[u8]) -> bool {
    let controls = window
        .iter()
        .filter(|&&b| matches!(b, 0x01..=0x08 | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f))
        .count();
    controls * 32 > window.len()
}

/// Unpacks a gzip stream (all its members), reading at most `max_bytes + 1` bytes of output so a
/// gzip bomb costs no more memory than the limit.
fn gunzip(bytes: &[u8], max_bytes: u64) -> Result<Vec<u8>, ExtractProblem> {
    let decoder = flate2::bufread::MultiGzDecoder::new(bytes);
    // The trailer's ISIZE (the unpacked size, mod 2^32) sizes the buffer once. It is only a
    // hint: capped at the limit and at what deflate can expand this input to, so a lying
    // trailer costs nothing more than the limit allows.
    let hint = bytes
        .len()
        .checked_sub(4)
        .and_then(|at| bytes.get(at..))
        .and_then(|t| <[u8; 4]>::try_from(t).ok())
        .map_or(0, |t| u64::from(u32::from_le_bytes(t)))
        .min(max_bytes.saturating_add(1))
        .min((bytes.len() as u64).saturating_mul(1032));
    let mut out = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).saturating_add(1));
    decoder
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| ExtractProblem::BadGzip(e.to_string()))?;
    if out.len() as u64 > max_bytes {
        return Err(ExtractProblem::GzipTooLarge { limit: max_bytes });
    }
    Ok(out)
}

/// `Some(true)` for a UTF-16LE byte-order mark, `Some(false)` for UTF-16BE.
fn bom_utf16(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xff, 0xfe, ..] => Some(true),
        [0xfe, 0xff, ..] => Some(false),
        _ => None,
    }
}

/// True when the bytes hold nothing but whitespace (and perhaps a byte-order mark), in UTF-8 or
/// in UTF-16 with a BOM.
fn is_blank(bytes: &[u8]) -> bool {
    if let Some(le) = bom_utf16(bytes) {
        let rest = &bytes[2..];
        return rest.chunks(2).all(|pair| {
            let unit = match pair {
                [a, b] if le => u16::from_le_bytes([*a, *b]),
                [a, b] => u16::from_be_bytes([*a, *b]),
                _ => return true, // a dangling odd byte carries no text
            };
            char::from_u32(u32::from(unit)).is_some_and(|c| c.is_whitespace() || c == '\u{feff}')
        });
    }
    let rest = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    // Whitespace-only text is short in practice; look at the whole thing only if it is ASCII-ish.
    match std::str::from_utf8(rest) {
        Ok(s) => s.chars().all(|c| c.is_whitespace() || c == '\u{feff}'),
        Err(_) => rest.iter().all(|b| b.is_ascii_whitespace()),
    }
}

/// A PDF starts with `%PDF-`, possibly after a little junk (the format allows it within the first
/// kilobyte); we accept leading whitespace or a BOM only, so prose that mentions "%PDF-" later is
/// not taken for a PDF.
fn is_pdf(bytes: &[u8]) -> bool {
    let rest = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    let start = rest
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    rest[start..].starts_with(b"%PDF-")
}

/// Names the kind of a file by its magic number, for the formats people mistake for articles.
fn binary_kind(b: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| b.starts_with(magic);
    let at = |offset: usize, magic: &[u8]| {
        b.len() >= offset + magic.len() && &b[offset..offset + magic.len()] == magic
    };
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some("PNG image");
    }
    if starts(&[0xff, 0xd8, 0xff]) {
        return Some("JPEG image");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Some("GIF image");
    }
    if starts(b"RIFF") && at(8, b"WEBP") {
        return Some("WebP image");
    }
    if starts(b"RIFF") && at(8, b"WAVE") {
        return Some("WAV audio");
    }
    if starts(b"RIFF") && at(8, b"AVI ") {
        return Some("AVI video");
    }
    if at(4, b"ftyp") {
        let brand = b.get(8..12).unwrap_or(&[]);
        return Some(match brand {
            b"avif" | b"avis" => "AVIF image",
            b"heic" | b"heix" | b"mif1" | b"msf1" => "HEIF image",
            b"M4A " => "M4A audio",
            _ => "MP4 video",
        });
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return Some("TIFF image");
    }
    if starts(b"BM") && at(6, &[0, 0, 0, 0]) {
        return Some("BMP image");
    }
    if starts(&[0, 0, 1, 0]) || starts(&[0, 0, 2, 0]) {
        return Some("icon image");
    }
    if starts(b"8BPS") {
        return Some("Photoshop image");
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        return Some(zip_kind(b));
    }
    if starts(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Some("Microsoft Office (OLE) document");
    }
    if starts(b"{\\rtf") {
        return Some("RTF document");
    }
    if starts(b"\x7fELF") {
        return Some("ELF executable");
    }
    if starts(b"MZ") && b.iter().take(64).any(|&x| x == 0) {
        return Some("Windows executable");
    }
    if starts(&[0xfe, 0xed, 0xfa, 0xce])
        || starts(&[0xfe, 0xed, 0xfa, 0xcf])
        || starts(&[0xce, 0xfa, 0xed, 0xfe])
        || starts(&[0xcf, 0xfa, 0xed, 0xfe])
        || starts(&[0xca, 0xfe, 0xba, 0xbe])
    {
        return Some("Mach-O executable or Java class");
    }
    if starts(b"\0asm") {
        return Some("WebAssembly");
    }
    if starts(b"7z\xbc\xaf\x27\x1c") {
        return Some("7-Zip archive");
    }
    if starts(b"Rar!\x1a\x07") {
        return Some("RAR archive");
    }
    if starts(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        return Some("xz archive");
    }
    if starts(&[0x28, 0xb5, 0x2f, 0xfd]) {
        return Some("Zstandard archive");
    }
    if starts(b"BZh") && at(4, b"1AY&SY") {
        return Some("bzip2 archive");
    }
    if at(257, b"ustar") {
        return Some("tar archive");
    }
    if starts(b"SQLite format 3\0") {
        return Some("SQLite database");
    }
    if starts(b"ID3") || starts(&[0xff, 0xfb]) || starts(&[0xff, 0xf3]) || starts(&[0xff, 0xf2]) {
        return Some("MP3 audio");
    }
    if starts(b"OggS") {
        return Some("Ogg audio or video");
    }
    if starts(b"fLaC") {
        return Some("FLAC audio");
    }
    if starts(&[0x1a, 0x45, 0xdf, 0xa3]) {
        return Some("Matroska/WebM video");
    }
    if starts(b"wOFF") || starts(b"wOF2") {
        return Some("web font");
    }
    if starts(&[0, 1, 0, 0, 0]) || starts(b"OTTO") {
        return Some("font");
    }
    None
}

/// Tells the ZIP-based formats apart by the names in the first entries.
fn zip_kind(b: &[u8]) -> &'static str {
    let head = &b[..b.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"application/epub+zip") {
        "EPUB book"
    } else if has(b"word/") {
        "Word document (docx)"
    } else if has(b"xl/") {
        "Excel spreadsheet (xlsx)"
    } else if has(b"ppt/") {
        "PowerPoint presentation (pptx)"
    } else if has(b"application/vnd.oasis.opendocument") {
        "OpenDocument"
    } else {
        "ZIP archive"
    }
}

/// How many characters from the start of the text the block-tag test looks at.
const HTML_WINDOW: usize = 4096;

/// True when the decoded text is HTML rather than prose: it starts (after a BOM, whitespace,
/// comments and an XML declaration) with a doctype or one of the document-level tags, or its start
/// holds both an opening and a closing block tag (`<p>…</p>`, `<div …>…</div>`). Prose with a
/// stray `<` ("<3 I love it", "a < b") is not HTML.
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = match after.find("-->") {
                Some(end) => &after[end + 3..],
                None => return false,
            };
        } else if starts_with_ci(rest, "<?xml") {
            rest = match rest.find("?>") {
                Some(end) => &rest[end + 2..],
                None => return false,
            };
        } else {
            break;
        }
        rest = rest.trim_start();
    }
    for start in [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
    ] {
        if starts_with_ci(rest, start) {
            let next = rest[start.len()..].chars().next();
            if next.is_none_or(|c| c == '>' || c == '/' || c.is_ascii_whitespace()) {
                return true;
            }
        }
    }
    has_block_tags(super::head(text, HTML_WINDOW))
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}


/// Tags whose opening and closing forms together mark HTML.
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "article", "section", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "table", "tr", "td", "blockquote", "span", "a", "strong", "em",
];

/// True when the text holds an opening block tag and a closing one of the same set.
fn has_block_tags(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut opening = false;
    let mut closing = false;
    for (i, _) in lower.match_indices('<') {
        let after = &lower[i + 1..];
        let (is_close, name_part) = match after.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, after),
        };
        let name_len = name_part
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !BLOCK_TAGS.contains(&&name_part[..name_len]) {
            continue;
        }
        let end = i + 1 + usize::from(is_close) + name_len;
        let next = bytes.get(end).copied();
        let tag_ok = match next {
            Some(b'>') => true,
            Some(c) if !is_close && (c.is_ascii_whitespace() || c == b'/') => {
                lower[end..].contains('>')
            }
            Some(c) if is_close && c.is_ascii_whitespace() => {
                lower[end..].trim_start().starts_with('>')
            }
            _ => false,
        };
        if tag_ok {
            if is_close {
                closing = true;
            } else {
                opening = true;
            }
            if opening && closing {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const MAX: u64 = 1024 * 1024;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn plain_text_passes() {
        assert_eq!(unpack(b"Hello world.", MAX).unwrap(), b"Hello world.");
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert_eq!(unpack(b"", MAX), Err(ExtractProblem::Empty));
        assert_eq!(unpack(b"  \r\n\t \n", MAX), Err(ExtractProblem::Empty));
        assert_eq!(unpack(b"\xef\xbb\xbf \n", MAX), Err(ExtractProblem::Empty));
        assert_eq!(
            unpack("\u{a0}\u{2003}\n".as_bytes(), MAX),
            Err(ExtractProblem::Empty)
        );
        assert_eq!(unpack(b"\xff\xfe \0\n\0", MAX), Err(ExtractProblem::Empty));
        assert_eq!(unpack(&gzip(b"   \n"), MAX), Err(ExtractProblem::Empty));
    }

    #[test]
    fn too_large() {
        assert_eq!(
            unpack(b"0123456789", 5),
            Err(ExtractProblem::TooLarge { size: 10, limit: 5 })
        );
        assert!(unpack(b"01234", 5).is_ok());
    }

    #[test]
    fn gzip_is_unpacked_and_checked_again() {
        assert_eq!(
            unpack(&gzip(b"<p>Bonjour</p>"), MAX).unwrap(),
            b"<p>Bonjour</p>"
        );
        assert_eq!(
            unpack(&gzip(b"%PDF-1.7\n..."), MAX),
            Err(ExtractProblem::Pdf)
        );
        assert_eq!(
            unpack(&gzip(b"\x89PNG\r\n\x1a\n\0\0"), MAX),
            Err(ExtractProblem::Binary("PNG image"))
        );
    }

    #[test]
    fn gzip_bomb_is_refused_without_unpacking_it_all() {
        // 64 MB of zeros compress to about 64 KB.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![b'a'; 1024 * 1024];
        for _ in 0..64 {
            enc.write_all(&chunk).unwrap();
        }
        let bomb = enc.finish().unwrap();
        assert!(bomb.len() < 1024 * 1024);
        assert_eq!(
            unpack(&bomb, MAX),
            Err(ExtractProblem::GzipTooLarge { limit: MAX })
        );
    }

    #[test]
    fn gzip_exactly_at_the_limit_is_fine() {
        let data = vec![b'x'; 1000];
        assert_eq!(unpack(&gzip(&data), 1000).unwrap().len(), 1000);
        assert_eq!(
            unpack(&gzip(&vec![b'x'; 1001]), 1000),
            Err(ExtractProblem::GzipTooLarge { limit: 1000 })
        );
    }

    #[test]
    fn corrupt_gzip() {
        let mut bad = gzip(b"Some text that is long enough to be compressed into a stream.");
        let n = bad.len();
        bad.truncate(n / 2);
        assert!(matches!(unpack(&bad, MAX), Err(ExtractProblem::BadGzip(_))));
        assert!(matches!(
            unpack(&[0x1f, 0x8b, 0x08, 0x00, 0xff], MAX),
            Err(ExtractProblem::BadGzip(_))
        ));
    }

    #[test]
    fn nested_gzip_is_bounded() {
        let once = gzip(b"text");
        let twice = gzip(&once);
        assert_eq!(unpack(&twice, MAX).unwrap(), b"text");
        let thrice = gzip(&twice);
        assert_eq!(
            unpack(&thrice, MAX),
            Err(ExtractProblem::Binary("nested gzip archive"))
        );
    }

    #[test]
    fn pdf() {
        assert_eq!(
            unpack(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", MAX),
            Err(ExtractProblem::Pdf)
        );
        assert_eq!(unpack(b"\n  %PDF-1.4\n", MAX), Err(ExtractProblem::Pdf));
        assert!(unpack(b"The file header is %PDF-1.4, said the clerk.", MAX).is_ok());
    }

    #[test]
    fn images_archives_and_programs() {
        assert_eq!(
            unpack(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", MAX),
            Err(ExtractProblem::Binary("PNG image"))
        );
        assert_eq!(
            unpack(b"\xff\xd8\xff\xe0\0\x10JFIF", MAX),
            Err(ExtractProblem::Binary("JPEG image"))
        );
        assert_eq!(
            unpack(b"GIF89a\x01\0\x01\0", MAX),
            Err(ExtractProblem::Binary("GIF image"))
        );
        assert_eq!(
            unpack(b"RIFF\x24\0\0\0WEBPVP8 ", MAX),
            Err(ExtractProblem::Binary("WebP image"))
        );
        assert_eq!(
            unpack(b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0word/document.xml", MAX),
            Err(ExtractProblem::Binary("Word document (docx)"))
        );
        assert_eq!(
            unpack(b"PK\x03\x04\x14\0\0\0foo.txt", MAX),
            Err(ExtractProblem::Binary("ZIP archive"))
        );
        assert_eq!(
            unpack(b"\x7fELF\x02\x01\x01\0", MAX),
            Err(ExtractProblem::Binary("ELF executable"))
        );
        assert_eq!(
            unpack(b"\0\0\0\x18ftypmp42", MAX),
            Err(ExtractProblem::Binary("MP4 video"))
        );
    }

    #[test]
    fn nul_bytes_mean_binary_unless_utf16_with_bom() {
        assert_eq!(
            unpack(b"abc\0def", MAX),
            Err(ExtractProblem::Binary("binary"))
        );
        // NUL far past the first 8 KB is not looked at.
        let mut late = vec![b'a'; NUL_WINDOW + 10];
        late.push(0);
        assert!(unpack(&late, MAX).is_ok());
        // UTF-16LE "Hi" with a BOM is text.
        assert!(unpack(b"\xff\xfeH\0i\0", MAX).is_ok());
        assert!(unpack(b"\xfe\xff\0H\0i", MAX).is_ok());
    }

    #[test]
    fn control_bytes_mean_binary() {
        // Bytes 1..=255 in a fixed pseudo-random order: no NUL, about one byte in ten a control.
        let noise: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 | 1).collect();
        assert_eq!(unpack(&noise, MAX), Err(ExtractProblem::Binary("binary")));
        // One DOS end-of-file mark, tabs, form feeds and escapes are text.
        let mut text = b"Line one.\tTabbed.\x0c\r\nLine two \x1b$B ok.\n".repeat(4);
        text.push(0x1a);
        assert!(unpack(&text, MAX).is_ok());
    }

    #[test]
    fn html_detection() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body><p>x</p></body></html>"
        ));
        assert!(looks_like_html(
            "\u{feff}  \n<!doctype HTML>\n<title>x</title>"
        ));
        assert!(looks_like_html(
            "<!-- saved from url=(0042)https://example.org -->\n<html lang=\"fr\">"
        ));
        assert!(looks_like_html("<html>"));
        assert!(looks_like_html("<head><meta charset=utf-8>"));
        assert!(looks_like_html("<meta charset=\"utf-8\"><p>Bonjour</p>"));
        assert!(looks_like_html(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
        ));
        assert!(looks_like_html(
            "Some fragment\n<div class=\"x\"><p>Body text.</p></div>"
        ));
        assert!(looks_like_html("<p>Un paragraphe.</p>\n<p>Un autre.</p>"));
    }

    #[test]
    fn prose_is_not_html() {
        assert!(!looks_like_html("<3 I love it"));
        assert!(!looks_like_html(
            "If a < b and b > c, then nothing follows."
        ));
        assert!(!looks_like_html(
            "The <p> tag starts a paragraph, people say."
        ));
        assert!(!looks_like_html(
            "Publié le vendredi 6 septembre 2024 | aBamako.com\nTexte."
        ));
        assert!(!looks_like_html("<htmlish> is not a tag we know"));
        assert!(!looks_like_html("<!-- an unterminated comment"));
        assert!(!looks_like_html(""));
    }
}

//! Finding the charset of the bytes and decoding them.
//!
//! The order follows the HTML specification, simplified: a byte-order mark wins; then the charset
//! of the HTTP `Content-Type` header, when the bytes were fetched; then a charset the document declares in its first 1024 bytes (`<meta charset>`, `<meta http-equiv>`); then
//! UTF-8 if the bytes are valid UTF-8 (or nearly: see [`mostly_utf8`]); then chardetng's guess.
//! Malformed sequences become U+FFFD and [`Decoded::malformed`] says so; decoding never fails.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many bytes the `<meta>` prescan looks at, as in the HTML specification.
const PRESCAN_BYTES: usize = 1024;

/// Decodes the bytes; returns the text and the name of the encoding used (`"UTF-8"`,
/// `"windows-1252"`, `"UTF-16LE"`…). A byte-order mark is not part of the text.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    decode_with(bytes, None)
}

/// Like [`decode`], for bytes fetched over HTTP: `http_charset` is the `charset` parameter of the
/// response's `Content-Type`, which outranks the document's own `<meta>` (but not a BOM).
pub fn decode_with(bytes: &[u8], http_charset: Option<&str>) -> (String, &'static str) {
    let decoded = decode_checked(bytes, http_charset);
    (decoded.text, decoded.charset)
}

/// The decoded text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The name of the encoding used (`"UTF-8"`, `"windows-1252"`…).
    pub charset: &'static str,
    /// Some bytes were not valid in that encoding and became U+FFFD.
    pub malformed: bool,
}

/// Like [`decode_with`], and says whether some bytes could not be read (they became U+FFFD), so
/// the caller can refuse a text that would carry them.
pub fn decode_checked(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    let (encoding, bom_len) = match http_charset.and_then(|label| Encoding::for_label(label.trim().as_bytes())) {
        Some(declared) if Encoding::for_bom(bytes).is_none() => (fix_declared(declared), 0),
        _ => sniff_encoding(bytes),
    };
    let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    Decoded { text: text.into_owned(), charset: encoding.name(), malformed }
}

/// True when bytes that are not valid UTF-8 are still mostly UTF-8: more well-formed multi-byte
/// characters than malformed sequences. Text in a legacy charset almost never forms a
/// well-formed multi-byte sequence (an accented letter is followed by ASCII, which cannot continue
/// one), so such bytes are UTF-8 with some damage; guessing a legacy charset instead would garble
/// every accent in the article without a word.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut well_formed, mut malformed) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        well_formed += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        malformed += usize::from(!chunk.invalid().is_empty());
    }
    well_formed > malformed
}

/// The encoding to decode with and the length of the byte-order mark to skip.
fn sniff_encoding(bytes: &[u8]) -> (&'static Encoding, usize) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return (encoding, bom_len);
    }
    // Valid UTF-8, or UTF-8 with a few damaged bytes (which then become U+FFFD, and the caller
    // refuses them if they land in the article).
    let utf8 = std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes);
    if let Some(declared) = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        // A page that declares a legacy single-byte charset but is valid UTF-8 with non-ASCII in
        // it was almost certainly re-saved as UTF-8 without its <meta> being updated (editors and
        // "save page" features do this); legacy text that happens to form valid multi-byte UTF-8
        // is vanishingly rare, so UTF-8 is the better reading.
        if utf8 && declared.is_single_byte() && !bytes.is_ascii() {
            return (UTF_8, 0);
        }
        return (declared, 0);
    }
    if utf8 {
        return (UTF_8, 0);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), 0)
}

/// The HTML specification's "prescan a byte stream to determine its encoding", simplified: finds
/// the first `<meta charset=…>` or `<meta http-equiv="content-type" content="…charset=…">`,
/// skipping comments and other tags. A declared UTF-16 means UTF-8 (the bytes have no BOM, so
/// they cannot be UTF-16 text the prescan could read), `x-user-defined` means windows-1252.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i += 4 + find(&rest[4..], b"-->").map_or(rest.len(), |p| p + 3);
            continue;
        }
        if starts_with_ci(rest, b"<meta") && rest.get(5).is_some_and(|&c| is_space(c) || c == b'/')
        {
            let (attrs, end) = attributes(bytes, i + 5);
            i = end;
            if let Some(encoding) = meta_encoding(&attrs) {
                return Some(encoding);
            }
            continue;
        }
        if rest.len() >= 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic()
                || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Another tag: skip its name and attributes.
            let name_start = i + if rest[1] == b'/' { 2 } else { 1 };
            let mut j = name_start;
            while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'>' {
                j += 1;
            }
            let (_, end) = attributes(bytes, j);
            i = end;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i += find(rest, b">").map_or(rest.len(), |p| p + 1);
            continue;
        }
        i += 1;
    }
    None
}

/// The encoding a `<meta>` element's attributes declare, if any.
fn meta_encoding(attrs: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let label = match get("charset") {
        Some(charset) => charset.to_string(),
        None => {
            let is_content_type =
                get("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type"));
            if !is_content_type {
                return None;
            }
            charset_from_content(get("content")?)?
        }
    };
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    Some(fix_declared(encoding))
}

/// Per the specification, a declared UTF-16 is read as UTF-8 and x-user-defined as windows-1252.
fn fix_declared(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// The specification's "extracting a character encoding from a meta element":
/// `text/html; charset=ISO-8859-1` → `ISO-8859-1`.
fn charset_from_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let mut from = 0;
    loop {
        let pos = from + lower[from..].find("charset")?;
        let mut rest = content[pos + 7..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(after_eq) = rest.strip_prefix('=') else {
            from = pos + 7;
            continue;
        };
        rest = after_eq.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let value = match rest.chars().next()? {
            q @ ('"' | '\'') => {
                let inner = &rest[1..];
                &inner[..inner.find(q)?]
            }
            _ => {
                let end = rest
                    .find(|c: char| c.is_ascii_whitespace() || c == ';')
                    .unwrap_or(rest.len());
                &rest[..end]
            }
        };
        return if value.is_empty() {
            None
        } else {
            Some(value.to_string())
        };
    }
}

/// Reads the attributes of a tag starting at `start` (just after the tag name) up to its `>`.
/// Returns them lower-cased by name (values as bytes decoded as Latin-1, which is enough for
/// charset labels) and the index just past the tag.
fn attributes(bytes: &[u8], start: usize) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let mut i = start;
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, i);
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = latin1(&bytes[name_start..i]).to_ascii_lowercase();
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let value_start = i + 1;
                let end = bytes[value_start..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(bytes.len(), |p| value_start + p);
                value = latin1(&bytes[value_start..end]);
                i = (end + 1).min(bytes.len());
            } else {
                let value_start = i;
                while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
                value = latin1(&bytes[value_start..i]);
            }
        }
        if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, value));
        }
    }
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp1252(s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = WINDOWS_1252.encode(s);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn an_http_charset_outranks_meta_but_not_a_bom() {
        let page = b"<meta charset=utf-8><p>\xe9t\xe9</p>";
        assert_eq!(decode_with(page, Some("ISO-8859-1")), ("<meta charset=utf-8><p>été</p>".to_string(), "windows-1252"));
        let bom = b"\xef\xbb\xbf<p>\xc3\xa9</p>";
        assert_eq!(decode_with(bom, Some("windows-1252")).1, "UTF-8");
        assert_eq!(decode_with(b"<p>ok</p>", Some("no-such-charset")).1, "UTF-8");
    }

    #[test]
    fn plain_utf8() {
        assert_eq!(
            decode("Publié le vendredi".as_bytes()),
            ("Publié le vendredi".to_string(), "UTF-8")
        );
        assert_eq!(decode(b"ascii only"), ("ascii only".to_string(), "UTF-8"));
    }

    #[test]
    fn utf8_bom_is_stripped() {
        assert_eq!(
            decode(b"\xef\xbb\xbfCaf\xc3\xa9"),
            ("Café".to_string(), "UTF-8")
        );
    }

    #[test]
    fn utf16_boms() {
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Été « ok »".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le), ("Été « ok »".to_string(), "UTF-16LE"));
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Été".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be), ("Été".to_string(), "UTF-16BE"));
    }

    #[test]
    fn meta_charset_is_obeyed() {
        let mut page =
            b"<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>".to_vec();
        page.extend(cp1252("L’été à Bamako"));
        page.extend(b"</title>");
        let (text, name) = decode(&page);
        assert_eq!(name, "windows-1252");
        assert!(text.contains("L’été à Bamako"));
    }

    #[test]
    fn meta_http_equiv() {
        let mut page =
            b"<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'>"
                .to_vec();
        page.extend(cp1252("déjà"));
        let (text, name) = decode(&page);
        assert_eq!(name, "windows-1252"); // the label iso-8859-1 means windows-1252
        assert!(text.ends_with("déjà"));
    }

    #[test]
    fn meta_inside_comment_is_ignored() {
        let mut page = b"<!-- <meta charset=\"koi8-r\"> --><meta charset=utf-8>".to_vec();
        page.extend("é".as_bytes());
        assert_eq!(decode(&page).1, "UTF-8");
    }

    #[test]
    fn meta_in_attribute_value_is_not_a_meta() {
        let page = b"<div title=\"<meta charset=koi8-r>\">\xe9t\xe9</div>";
        // Not declared, not UTF-8: falls to detection, which reads Latin text as windows-1252.
        assert_eq!(decode(page).1, "windows-1252");
    }

    #[test]
    fn declared_utf16_means_utf8() {
        let page = "<meta charset=\"utf-16\"><p>é</p>".as_bytes();
        assert_eq!(
            decode(page),
            ("<meta charset=\"utf-16\"><p>é</p>".to_string(), "UTF-8")
        );
    }

    #[test]
    fn meta_past_1024_bytes_is_not_seen() {
        let mut page = vec![b' '; 1100];
        page.extend(b"<meta charset=\"koi8-r\">");
        page.extend("é".as_bytes());
        assert_eq!(decode(&page).1, "UTF-8");
    }

    #[test]
    fn legacy_declaration_on_utf8_bytes_reads_utf8() {
        let page = "<meta charset=\"iso-8859-1\"><p>L’été</p>".as_bytes();
        let (text, name) = decode(page);
        assert_eq!(name, "UTF-8");
        assert!(text.contains("L’été"));
    }

    #[test]
    fn cp1252_without_meta_is_detected() {
        let bytes = cp1252(
            "Le ministre a déclaré qu’il était prêt à négocier. « Nous avons reçu des garanties », \
             a-t-il précisé lors d’une conférence de presse à Bamako, où les élèves étaient présents.",
        );
        assert!(std::str::from_utf8(&bytes).is_err());
        let (text, name) = decode(&bytes);
        assert_eq!(name, "windows-1252");
        assert!(text.contains("« Nous avons reçu des garanties »"));
        assert!(text.contains("qu’il était prêt"));
    }

    #[test]
    fn garbage_never_panics() {
        for bytes in [
            &b"\xff"[..],
            b"\xfe",
            b"\xff\xfe\x00",
            b"<meta charset=",
            b"<meta",
            b"<!--",
            b"<meta charset='",
            b"\x80\x81\x82",
        ] {
            let _ = decode(bytes);
        }
        let (text, _) = decode(b"\xef\xbb\xbf\xff");
        assert_eq!(text, "\u{fffd}");
    }

    #[test]
    fn damaged_utf8_is_read_as_utf8_and_flagged() {
        // Accents in UTF-8 and one stray byte: UTF-8 with damage, not windows-1252 mojibake.
        let bytes = b"d\xc3\xa9clar\xc3\xa9 \xff \xc3\xa0 Bamako";
        let d = decode_checked(bytes, None);
        assert_eq!((d.text.as_str(), d.charset, d.malformed), ("déclaré \u{fffd} à Bamako", "UTF-8", true));
        // A declared UTF-8 with a bad byte is flagged too.
        let d = decode_checked(b"<meta charset=utf-8><p>\xff</p>", None);
        assert!(d.malformed && d.charset == "UTF-8");
        // Clean input is not flagged, and legacy text stays legacy.
        assert!(!decode_checked("déclaré".as_bytes(), None).malformed);
        let legacy = cp1252("Le ministre a déclaré qu’il était prêt à négocier à Bamako.");
        assert!(!mostly_utf8(&legacy));
        let d = decode_checked(&legacy, None);
        assert!(d.charset != "UTF-8" && !d.malformed, "{d:?}");
    }

    #[test]
    fn content_charset_extraction() {
        assert_eq!(
            charset_from_content("text/html; charset=ISO-8859-1").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(
            charset_from_content("text/html;charset = \"utf-8\"").as_deref(),
            Some("utf-8")
        );
        assert_eq!(charset_from_content("text/html"), None);
        assert_eq!(charset_from_content("charset"), None);
        assert_eq!(charset_from_content("charset='unterminated"), None);
    }
}

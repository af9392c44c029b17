//! CSV: one row per claim, for spreadsheets and newsroom tools.
//!
//! RFC 4180: records end with CRLF (the last one too); a field that holds a comma, a double quote,
//! a CR or an LF is put in double quotes, with its double quotes doubled; nothing else is quoted.
//! The text is UTF-8, optionally after a byte order mark so that spreadsheet software reads it as
//! UTF-8 rather than the system's legacy code page.
//!
//! The header is the Claim JSON keys in the order the native export writes them ([`COLUMNS`]).
//! Cells hold the JSON values flattened: `null` is an empty cell, `true`/`false` and numbers as
//! JSON writes them, `tags` joined with `"; "`, `evidence` as its URLs joined with `" "`, `reviews`
//! as `"reviewer: verdict"` joined with `"; "`, `value` as its JSON. Everything else a claim holds (evidence titles and
//! quotes, review notes and dates) is in the native `json` export.

use std::io::Write;

use super::json::Document;
use crate::claim::Claim;

/// The header: every Claim JSON key, in the Claim struct's order.
pub const COLUMNS: [&str; 29] = [
    "id",
    "article_id",
    "version",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "claimant",
    "verdict",
    "status",
    "note",
    "reviewer",
    "modified_by",
    "created",
    "modified",
    "statement",
    "type",
    "claimant_role",
    "claimant_url",
    "rationale",
    "tags",
    "evidence",
    "assignee",
    "reviews",
    "anchor_state",
    "previous_quote",
    "kept_on_version",
    "value",
];

const BOM: &str = "\u{feff}";

/// Writes the document's claims as CSV, in its order, after a header row; `bom` puts U+FEFF
/// first.
pub fn write(doc: &Document, bom: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let mut record = String::new();
    if bom {
        record.push_str(BOM);
    }
    push_record(&mut record, COLUMNS.iter().copied());
    out.write_all(record.as_bytes())?;
    for claim in &doc.claims {
        record.clear();
        let cells = cells(&claim.claim);
        push_record(&mut record, cells.iter().map(String::as_str));
        out.write_all(record.as_bytes())?;
    }
    Ok(())
}

/// One record: the fields, quoted where RFC 4180 needs it, separated by commas, then CRLF.
fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// A claim's cells, in [`COLUMNS`] order. The pattern names every field, so a field added to
/// [`Claim`] does not compile until it has a column here.
fn cells(claim: &Claim) -> [String; COLUMNS.len()] {
    let Claim {
        id,
        article_id,
        version,
        start,
        end,
        quote,
        prefix,
        suffix,
        claimant,
        verdict,
        status,
        note,
        reviewer,
        modified_by,
        created,
        modified,
        statement,
        claim_type,
        claimant_role,
        claimant_url,
        rationale,
        tags,
        evidence,
        assignee,
        reviews,
        anchor_state,
        previous_quote,
        kept_on_version,
        value,
    } = claim;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        id.clone(),
        article_id.clone(),
        version.to_string(),
        start.to_string(),
        end.to_string(),
        quote.clone(),
        prefix.clone(),
        suffix.clone(),
        text(claimant),
        text(verdict),
        status.key().to_string(),
        text(note),
        reviewer.clone(),
        modified_by.clone(),
        created.clone(),
        modified.clone(),
        text(statement),
        claim_type.map(|t| t.key().to_string()).unwrap_or_default(),
        text(claimant_role),
        text(claimant_url),
        text(rationale),
        tags.join("; "),
        evidence
            .iter()
            .map(|e| e.url.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        text(assignee),
        reviews
            .iter()
            .map(|r| format!("{}: {}", r.reviewer, r.verdict))
            .collect::<Vec<_>>()
            .join("; "),
        anchor_state.key().to_string(),
        text(previous_quote),
        kept_on_version.to_string(),
        // The value read by a suggestion, as its JSON (one cell: its parts vary by type).
        value.as_ref().map(|v| v.to_string()).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(s: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, s);
        out
    }

    #[test]
    fn only_fields_that_need_it_are_quoted() {
        assert_eq!(
            field("plain text, with a comma"),
            "\"plain text, with a comma\""
        );
        assert_eq!(field("il a dit \"non\""), "\"il a dit \"\"non\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\ronly"), "\"cr\ronly\"");
        assert_eq!(
            field(" 12 % en un an ; selon l’ANSD "),
            " 12 % en un an ; selon l’ANSD "
        );
        assert_eq!(field(""), "");
    }
}

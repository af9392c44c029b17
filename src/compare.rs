//! Two versions of an article side by side: what was kept, removed and added, word by word, with
//! the code-point offsets each piece has in either text so that claims can be drawn on the diff.

use std::time::Duration;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// How long a comparison may take before `similar` settles for a coarser (still correct) diff;
/// a reviewer is waiting for it.
const DEADLINE: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// In both versions.
    Kept,
    /// Only in the older version.
    Removed,
    /// Only in the newer version.
    Added,
}

/// A run of text with where it starts in each version (code points); `None` for the version it
/// is not in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub kind: SegmentKind,
    pub text: String,
    pub old_start: Option<usize>,
    pub new_start: Option<usize>,
}

/// The word-level differences from `old` to `new`, adjacent pieces of the same kind merged.
/// Concatenating the kept and removed texts gives `old`; the kept and added ones give `new`.
pub fn compare(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::configure().timeout(DEADLINE).diff_words(old, new);
    let mut segments: Vec<Segment> = Vec::new();
    let (mut old_at, mut new_at) = (0usize, 0usize);
    for change in diff.iter_all_changes() {
        let text = change.value();
        let len = text.chars().count();
        let kind = match change.tag() {
            ChangeTag::Equal => SegmentKind::Kept,
            ChangeTag::Delete => SegmentKind::Removed,
            ChangeTag::Insert => SegmentKind::Added,
        };
        match segments.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => segments.push(Segment {
                kind,
                text: text.to_string(),
                old_start: (kind != SegmentKind::Added).then_some(old_at),
                new_start: (kind != SegmentKind::Removed).then_some(new_at),
            }),
        }
        if kind != SegmentKind::Added {
            old_at += len;
        }
        if kind != SegmentKind::Removed {
            new_at += len;
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(segments: &[Segment], skip: SegmentKind) -> String {
        segments.iter().filter(|s| s.kind != skip).map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn both_versions_can_be_rebuilt_and_offsets_are_code_points() {
        let old = "📱 Kalimba compte 950 millions d’utilisateurs.\n\nFin.";
        let new = "📱 Kalimba compte 900 millions d’utilisateurs actifs.\n\nFin.";
        let segments = compare(old, new);
        assert_eq!(rebuild(&segments, SegmentKind::Added), old);
        assert_eq!(rebuild(&segments, SegmentKind::Removed), new);
        let removed = segments.iter().find(|s| s.kind == SegmentKind::Removed).unwrap();
        assert_eq!(removed.text, "950");
        // "📱" is one code point: "950" starts at 17 in code points (18 in UTF-16 units).
        assert_eq!(removed.old_start, Some(17));
        assert_eq!(removed.new_start, None);
        let added: Vec<&str> = segments.iter().filter(|s| s.kind == SegmentKind::Added).map(|s| s.text.as_str()).collect();
        assert!(added.contains(&"900") && added.iter().any(|a| a.contains("actifs")), "{added:?}");
    }

    #[test]
    fn identical_texts_are_one_kept_segment() {
        let segments = compare("même texte", "même texte");
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].kind, SegmentKind::Kept);
        assert_eq!((segments[0].old_start, segments[0].new_start), (Some(0), Some(0)));
    }
}

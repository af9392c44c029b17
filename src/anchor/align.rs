//! The character diff from an old version's text to a new one, and the offset map built from it.
//!
//! A character diff of two 120 KB texts is fast when they are nearly equal and slow when edits
//! are spread everywhere (Myers costs (N+M)·D). So the diff goes down in three levels, each only
//! inside what the level above found changed, all with `similar`'s Myers:
//!
//! 1. lines (paragraphs — canonical text separates them with `\n\n`): unchanged paragraphs,
//!    inserted, deleted and moved ones cost one hash each;
//! 2. tokens (runs of letters and digits; every other code point alone) inside each changed
//!    block of lines: an edited paragraph costs its changed words;
//! 3. code points inside each changed run of tokens: "950" → "900" keeps the "9" and "0".
//!
//! The diff runs on [`fold`](super::fold)ed text, so a document whose apostrophes all became
//! curly still diffs as unchanged line by line. One deadline bounds the whole diff; past it,
//! `similar` returns a coarser (still valid) diff and the search steps do the rest.
//!
//! Moved paragraphs come out as a deletion plus an insertion: the diff maps only what stayed in
//! order, and the quote search (the next step) finds what moved.

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use super::score::OWNED_RUN_CHARS;

/// The whole diff gets this long; each level's Myers falls back to a coarser script past it.
pub const DIFF_DEADLINE: Duration = Duration::from_millis(120);

const NONE: u32 = u32::MAX;

/// The offset map between two texts.
pub(crate) struct Alignment {
    /// For each old code point kept by the diff, its new offset; else `NONE`.
    old_to_new: Vec<u32>,
    /// For each new code point inside an equal run of at least [`OWNED_RUN_CHARS`], the old code
    /// point it continues; else `NONE`.
    new_owner: Vec<u32>,
    /// The changed regions (deleted, inserted or replaced), in order; those with an empty old
    /// side are pure insertions.
    changed: Vec<(Range<usize>, Range<usize>)>,
}

/// Equal runs at most this long, between two edits each at least as long, are absorbed into
/// one edit (the "semantic cleanup" of diff-match-patch): "950" → "900" is one replaced "50" →
/// "00", not "5" deleted and "0" inserted around a kept "0", and a rewritten sentence is one
/// replacement, not letters kept here and there.
const ABSORBED_EQUAL_CHARS: usize = 8;

/// A piece of the diff, in code points: kept text, or old text replaced by new (either may be
/// empty).
#[derive(Debug, Clone)]
enum Seg {
    Equal { old: usize, new: usize, len: usize },
    Change(Range<usize>, Range<usize>),
}

struct Builder {
    segs: Vec<Seg>,
    deadline: Option<Instant>,
}

impl Builder {
    fn equal(&mut self, old: usize, new: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(Seg::Equal { len: last, .. }) = self.segs.last_mut() {
            *last += len;
            return;
        }
        self.segs.push(Seg::Equal { old, new, len });
    }

    fn change(&mut self, old: Range<usize>, new: Range<usize>) {
        if old.is_empty() && new.is_empty() {
            return;
        }
        // A short equal run between this edit and the previous one is absorbed.
        if let [.., Seg::Change(po, pn), Seg::Equal { len, .. }] = self.segs.as_slice() {
            let size = |o: &Range<usize>, n: &Range<usize>| o.len() + n.len();
            if *len <= ABSORBED_EQUAL_CHARS && *len <= size(po, pn) && *len <= size(&old, &new) {
                self.segs.pop();
            }
        }
        // Adjacent edits (a deletion then an insertion) are one replacement.
        if let Some(Seg::Change(o, n)) = self.segs.last_mut() {
            o.end = old.end;
            n.end = new.end;
            return;
        }
        self.segs.push(Seg::Change(old, new));
    }

    /// Diffs `old[o]` against `new[n]` as units produced by `split` at `level`, recursing into
    /// replaced runs with the next level.
    fn diff(&mut self, old: &[char], new: &[char], o: Range<usize>, n: Range<usize>, level: u8) {
        if o.is_empty() || n.is_empty() || level == 3 {
            if level == 3 && !o.is_empty() && !n.is_empty() {
                self.chars(old, new, o, n);
            } else {
                self.change(o, n);
            }
            return;
        }
        let split = if level == 1 { lines } else { tokens };
        let old_units = split(&old[o.clone()], o.start);
        let new_units = split(&new[n.clone()], n.start);
        let old_keys: Vec<&[char]> = old_units.iter().map(|r| &old[r.clone()]).collect();
        let new_keys: Vec<&[char]> = new_units.iter().map(|r| &new[r.clone()]).collect();
        // Paragraphs that share few words (one moved away, an unrelated one in its place) are
        // replaced whole: a word diff would only pair their "de" and "la", slowly.
        if level == 2 && shared_words(&old_keys, &new_keys) < MIN_SHARED_WORDS {
            self.change(o, n);
            return;
        }
        let ops =
            capture_diff_slices_deadline(Algorithm::Myers, &old_keys, &new_keys, self.deadline);
        // Unit index → code-point offset, with the end of the range for one past the last unit.
        let old_at = |i: usize| old_units.get(i).map_or(o.end, |r| r.start);
        let new_at = |i: usize| new_units.get(i).map_or(n.end, |r| r.start);
        for op in ops {
            let (or, nr) = (op.old_range(), op.new_range());
            let (o2, n2) = (
                old_at(or.start)..old_at(or.end),
                new_at(nr.start)..new_at(nr.end),
            );
            match op {
                DiffOp::Equal { .. } => self.equal(o2.start, n2.start, o2.len()),
                DiffOp::Replace { .. } => self.diff(old, new, o2, n2, level + 1),
                _ => self.change(o2, n2),
            }
        }
    }

    fn chars(&mut self, old: &[char], new: &[char], o: Range<usize>, n: Range<usize>) {
        let ops = capture_diff_slices_deadline(
            Algorithm::Myers,
            &old[o.clone()],
            &new[n.clone()],
            self.deadline,
        );
        for op in ops {
            let (or, nr) = (op.old_range(), op.new_range());
            let (o2, n2) = (
                o.start + or.start..o.start + or.end,
                n.start + nr.start..n.start + nr.end,
            );
            match op {
                DiffOp::Equal { .. } => self.equal(o2.start, n2.start, o2.len()),
                _ => self.change(o2, n2),
            }
        }
    }
}

/// Below this share of words in common (see [`shared_words`]), two changed blocks of lines are
/// one replacement rather than a word diff. Unrelated paragraphs in one language share 0.2–0.4
/// (their function words); a paragraph and its edited version 0.7 and more.
const MIN_SHARED_WORDS: f64 = 0.5;

/// The Dice coefficient of the two blocks' word tokens (as multisets): 2·common / (a + b).
fn shared_words(old: &[&[char]], new: &[&[char]]) -> f64 {
    let words = |keys: &[&[char]]| -> Vec<u64> {
        let mut out: Vec<u64> = keys
            .iter()
            .filter(|k| k.first().is_some_and(|c| c.is_alphanumeric()))
            .map(|k| {
                let mut h = std::hash::DefaultHasher::new();
                std::hash::Hash::hash(k, &mut h);
                std::hash::Hasher::finish(&h)
            })
            .collect();
        out.sort_unstable();
        out
    };
    let (a, b) = (words(old), words(new));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Lines of `text` (which starts at `offset`), each with its `\n`.
fn lines(text: &[char], offset: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in text.iter().enumerate() {
        if c == '\n' {
            out.push(offset + start..offset + i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(offset + start..offset + text.len());
    }
    out
}

/// Tokens of `text` (which starts at `offset`): maximal runs of alphanumeric code points, and
/// every other code point on its own.
fn tokens(text: &[char], offset: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let start = i;
        if text[i].is_alphanumeric() {
            while i < text.len() && text[i].is_alphanumeric() {
                i += 1;
            }
        } else {
            i += 1;
        }
        out.push(offset + start..offset + i);
    }
    out
}

impl Alignment {
    /// Diffs the folded texts `old` and `new`.
    pub fn new(old: &[char], new: &[char]) -> Self {
        let mut b = Builder {
            segs: Vec::new(),
            deadline: Instant::now().checked_add(DIFF_DEADLINE),
        };
        b.diff(old, new, 0..old.len(), 0..new.len(), 1);
        let mut a = Alignment {
            old_to_new: vec![NONE; old.len()],
            new_owner: vec![NONE; new.len()],
            changed: Vec::new(),
        };
        for seg in b.segs {
            match seg {
                Seg::Equal { old, new, len } => {
                    for i in 0..len {
                        a.old_to_new[old + i] = (new + i) as u32;
                    }
                    if len >= OWNED_RUN_CHARS {
                        for i in 0..len {
                            a.new_owner[new + i] = (old + i) as u32;
                        }
                    }
                }
                Seg::Change(o, n) => a.changed.push((o, n)),
            }
        }
        a
    }

    /// The changed region holding old code point `i` (which the diff did not keep).
    fn region_of(&self, i: usize) -> Option<&(Range<usize>, Range<usize>)> {
        let at = self.changed.partition_point(|(o, _)| o.end <= i);
        self.changed.get(at).filter(|(o, _)| o.contains(&i))
    }

    /// Where the old span `start..end` lands in the new text. A boundary on a kept code point
    /// moves with it; a boundary inside a deleted or replaced region expands to that region's
    /// replacement (so a replaced first or last word is part of the new span), and text inserted
    /// exactly at a boundary stays outside. A span whose text was deleted entirely maps to the
    /// empty span where it was. `None` when the ends cross (the span straddles a move).
    pub fn map(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end || end > self.old_to_new.len() {
            return None;
        }
        let first = match self.old_to_new[start] {
            NONE => self.region_of(start)?.1.start,
            n => n as usize,
        };
        let last = match self.old_to_new[end - 1] {
            NONE => self.region_of(end - 1)?.1.end,
            n => n as usize + 1,
        };
        (first <= last).then_some((first, last))
    }

    /// Whether the diff keeps the old span `start..end` exactly in place, code point for code
    /// point (up to typography).
    pub fn keeps_in_place(&self, start: usize, end: usize) -> bool {
        (start..end).all(|i| self.old_to_new[i] == i as u32)
    }

    /// How many code points of the old span `old` the diff keeps inside the new span `new`.
    pub fn kept_within(&self, old: Range<usize>, new: Range<usize>) -> usize {
        self.old_to_new[old]
            .iter()
            .filter(|&&n| n != NONE && new.contains(&(n as usize)))
            .count()
    }

    /// Whether most of the new span `start..end` is kept text from elsewhere in the old version:
    /// outside `own` (the claim's old span with its context). Such a span is another passage.
    pub fn owned_by_other(&self, start: usize, end: usize, own: Range<usize>) -> bool {
        let foreign = self.new_owner[start..end]
            .iter()
            .filter(|&&o| o != NONE && !own.contains(&(o as usize)))
            .count();
        2 * foreign > end - start
    }

    /// The share of the old text the new one keeps in long equal runs (see [`OWNED_RUN_CHARS`]).
    pub fn kept_share(&self) -> f64 {
        let kept = self.new_owner.iter().filter(|&&o| o != NONE).count();
        kept as f64 / self.old_to_new.len().max(1) as f64
    }

    /// Whether the new code point `new` is kept text (inside a long equal run).
    pub fn kept(&self, new: usize) -> bool {
        self.new_owner[new] != NONE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn map(old: &str, new: &str, quote: &str) -> String {
        let (o, n) = (chars(old), chars(new));
        let a = Alignment::new(&o, &n);
        let start = old.find(quote).map(|b| old[..b].chars().count()).unwrap();
        let (s, e) = a.map(start, start + quote.chars().count()).unwrap();
        n[s..e].iter().collect()
    }

    #[test]
    fn maps_through_insertions_deletions_and_replacements() {
        let old = "Premier paragraphe.\n\nTelegram compte 950 millions d'utilisateurs.\n\nFin.";
        let inserted = format!("Un paragraphe neuf.\n\n{old}");
        assert_eq!(map(old, &inserted, "950 millions"), "950 millions");
        let corrected = old.replace("950", "900");
        assert_eq!(map(old, &corrected, "950 millions"), "900 millions");
        assert_eq!(map(old, &corrected, "950"), "900");
        // A word inserted inside the span is part of it; at its edges it is not.
        let widened = old.replace("compte 950", "compte déjà 950");
        assert_eq!(map(old, &widened, "compte 950"), "compte déjà 950");
        let before = old.replace("Telegram", "Aujourd'hui Telegram");
        assert_eq!(map(old, &before, "Telegram compte"), "Telegram compte");
    }

    #[test]
    fn a_boundary_inside_a_replaced_region_expands_to_the_replacement() {
        let old = "Il a dit : 'Nous partirons.' Puis il est parti.";
        let new = "Il a dit : « Nous partirons. » Puis il est parti.";
        // The closing quote and the space before "Puis" are one replaced region here, so the
        // map takes both; re-anchoring trims such edges by scoring the context.
        let mapped = map(old, new, "'Nous partirons.'");
        assert_eq!(mapped.trim_end(), "« Nous partirons. »");
    }

    #[test]
    fn a_deleted_span_maps_to_an_empty_span() {
        let old = "Un.\n\nDeux est supprimé.\n\nTrois.";
        let new = "Un.\n\nTrois.";
        let (o, n) = (chars(old), chars(new));
        let a = Alignment::new(&o, &n);
        let (s, e) = a.map(5, 21).unwrap();
        assert_eq!(s, e);
    }

    #[test]
    fn only_long_equal_runs_are_kept_text() {
        let old = "Un paragraphe qui reste tel quel.\n\nUn autre qui ne bouge pas.";
        let new = "Un paragraphe qui reste tel quel.\n\nInséré ici.\n\nUn autre qui ne bouge pas.";
        let a = Alignment::new(&chars(old), &chars(new));
        let n = chars(new);
        let fresh: String = (0..n.len()).filter(|&i| !a.kept(i)).map(|i| n[i]).collect();
        assert!(fresh.contains("Inséré ici."), "{fresh:?}");
        assert!(fresh.len() <= "\n\nInséré ici.\n\n".len(), "{fresh:?}");
        assert!(a.kept(0) && a.kept(n.len() - 1));
    }
}

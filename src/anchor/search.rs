//! Approximate string search: Myers' bit-parallel edit-distance algorithm (1999), in the
//! block form of Hyyrö (2003) so a pattern may be longer than 64 code points.
//!
//! This is what Hypothesis uses through the `approx-string-match` package; the same algorithm
//! serves two needs here:
//!
//! - [`Pattern::ends`]: for each end position in a text, the fewest edits that turn the whole
//!   pattern into some substring ending there (the start is free) — the fuzzy quote search;
//! - [`edit_distance`]: plain Levenshtein distance (both ends fixed) — the similarity scores.
//!
//! Cost: `ceil(m / 64)` word operations per text code point.

const WORD: usize = 64;

/// A pattern compiled for the bit-parallel search: one bit mask per (character, block) saying
/// where that character occurs in the pattern.
pub(crate) struct Pattern {
    len: usize,
    blocks: usize,
    /// Masks of ASCII characters, `blocks` words per character.
    ascii: Vec<u64>,
    /// Masks of the other characters of the pattern, `blocks` words each, in the order of
    /// `index` (sorted: a pattern has few distinct non-ASCII characters, and a binary search of
    /// them is faster than hashing every text character).
    other: Vec<u64>,
    index: Vec<char>,
    zero: Vec<u64>,
    /// The bit of each block's last row.
    last_bit: Vec<u64>,
}

impl Pattern {
    pub(crate) fn new(pattern: &[char]) -> Self {
        let len = pattern.len();
        let blocks = len.div_ceil(WORD).max(1);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut index: Vec<char> = pattern.iter().copied().filter(|c| !c.is_ascii()).collect();
        index.sort_unstable();
        index.dedup();
        let mut other = vec![0u64; index.len() * blocks];
        for (i, &c) in pattern.iter().enumerate() {
            let (block, bit) = (i / WORD, 1u64 << (i % WORD));
            if c.is_ascii() {
                ascii[c as usize * blocks + block] |= bit;
            } else if let Ok(slot) = index.binary_search(&c) {
                other[slot * blocks + block] |= bit;
            }
        }
        let last_bit = (0..blocks)
            .map(|b| {
                if b + 1 < blocks || len == 0 {
                    1u64 << (WORD - 1)
                } else {
                    1u64 << ((len - 1) % WORD)
                }
            })
            .collect();
        Pattern {
            len,
            blocks,
            ascii,
            other,
            index,
            zero: vec![0; blocks],
            last_bit,
        }
    }

    fn masks(&self, c: char) -> &[u64] {
        if c.is_ascii() {
            let at = c as usize * self.blocks;
            &self.ascii[at..at + self.blocks]
        } else {
            match self.index.binary_search(&c) {
                Ok(slot) => &self.other[slot * self.blocks..(slot + 1) * self.blocks],
                Err(_) => &self.zero,
            }
        }
    }

    /// Runs the pattern over `text`, calling `visit(j, d)` for every end position `j` in
    /// `1..=text.len()` with `d` = the edit distance of the whole pattern to the best substring
    /// of `text` ending at `j` (`free_start`), or to `text[..j]` (not `free_start`).
    pub(crate) fn scan(
        &self,
        text: impl IntoIterator<Item = char>,
        free_start: bool,
        mut visit: impl FnMut(usize, usize),
    ) {
        // Vertical deltas of each block: all +1 (column 0 of the matrix is 0, 1, 2, … m).
        let mut pv = vec![!0u64; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let mut score = self.len as isize;
        // The horizontal delta entering the first row: 0 when a match may start anywhere
        // (row 0 is all zeros), +1 when it must start at the text's first character.
        let top = if free_start { 0 } else { 1 };
        for (j, c) in text.into_iter().enumerate() {
            let masks = self.masks(c);
            let mut carry = top;
            for b in 0..self.blocks {
                carry = advance(&mut pv[b], &mut mv[b], masks[b], carry, self.last_bit[b]);
            }
            score += carry as isize;
            visit(j + 1, score.max(0) as usize);
        }
    }

    /// Every end position `j` (exclusive) in `text` where the pattern matches with at most
    /// `max_errors` edits and the count is a local minimum, with that count.
    pub(crate) fn ends(&self, text: &[char], max_errors: usize) -> Vec<(usize, usize)> {
        let mut scores = Vec::with_capacity(text.len() + 1);
        scores.push(self.len);
        self.scan(text.iter().copied(), true, |_, d| scores.push(d));
        let mut out = Vec::new();
        for j in 1..scores.len() {
            let d = scores[j];
            let left_ok = d <= scores[j - 1];
            let right_ok = scores.get(j + 1).is_none_or(|&r| d <= r);
            if d <= max_errors && left_ok && right_ok {
                out.push((j, d));
            }
        }
        out
    }
}

/// One column step of one block (Hyyrö's formulation, as in `approx-string-match`): updates the
/// block's vertical deltas for the next text character and returns the horizontal delta at the
/// block's last row, which is the carry into the next block.
#[inline]
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, carry_in: i32, last_bit: u64) -> i32 {
    let neg = (carry_in < 0) as u64;
    let pos = (carry_in > 0) as u64;
    let eq = eq | neg;
    let xv = eq | *mv;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let out = ((ph & last_bit) != 0) as i32 - ((mh & last_bit) != 0) as i32;
    ph = (ph << 1) | pos;
    mh = (mh << 1) | neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    out
}

/// The Levenshtein distance between `a` and `b` (insertions, deletions and substitutions of
/// code points, each costing 1).
pub(crate) fn edit_distance(a: &[char], b: &[char]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    if b.is_empty() {
        return a.len();
    }
    // The shorter string is the pattern: fewer blocks.
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let compiled = Pattern::new(pattern);
    let mut last = pattern.len();
    compiled.scan(text.iter().copied(), false, |_, d| last = d);
    last
}

/// The start positions `s` minimising the edit distance between the whole `pattern` and
/// `text[s..end]`, with that distance. Found by running the reversed pattern backwards from
/// `end` over at most `pattern.len() + max_errors` characters.
pub(crate) fn starts(
    pattern_reversed: &Pattern,
    text: &[char],
    end: usize,
    max_errors: usize,
) -> (Vec<usize>, usize) {
    let reach = (pattern_reversed.len + max_errors).min(end);
    let window = text[end - reach..end].iter().rev().copied();
    // Consuming no text at all costs the whole pattern.
    let mut best = pattern_reversed.len;
    let mut at = vec![end];
    pattern_reversed.scan(window, false, |t, d| {
        if d < best {
            best = d;
            at.clear();
        }
        if d == best {
            at.push(end - t);
        }
    });
    (at, best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut prev = row[0];
            row[0] = i;
            for j in 1..=b.len() {
                let cur = row[j];
                row[j] = (prev + (a[i - 1] != b[j - 1]) as usize)
                    .min(row[j] + 1)
                    .min(row[j - 1] + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }

    fn naive_ends(p: &[char], t: &[char]) -> Vec<usize> {
        // Row 0 all zeros: a match may start anywhere.
        let mut col: Vec<usize> = (0..=p.len()).collect();
        let mut out = Vec::new();
        for &c in t {
            let mut diag = col[0];
            col[0] = 0;
            for i in 1..=p.len() {
                let cur = col[i];
                col[i] = (diag + (p[i - 1] != c) as usize)
                    .min(col[i] + 1)
                    .min(col[i - 1] + 1);
                diag = cur;
            }
            out.push(col[p.len()]);
        }
        out
    }

    /// A small deterministic generator: the tests need no randomness crate.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn string(&mut self, alphabet: &[char], len: usize) -> Vec<char> {
            (0..len)
                .map(|_| alphabet[self.next() as usize % alphabet.len()])
                .collect()
        }
    }

    #[test]
    fn bit_parallel_distances_equal_the_textbook_dynamic_programme() {
        let alphabet: Vec<char> = "ab é’📰".chars().collect();
        let mut rng = Lcg(7);
        for round in 0..400 {
            // Lengths around and beyond one 64-bit block.
            let la = (rng.next() % 150) as usize;
            let lb = (rng.next() % 150) as usize + round % 3;
            let a = rng.string(&alphabet, la);
            let b = rng.string(&alphabet, lb);
            assert_eq!(edit_distance(&a, &b), naive(&a, &b), "{a:?} / {b:?}");
            if !a.is_empty() {
                let mut got = Vec::new();
                Pattern::new(&a).scan(b.iter().copied(), true, |_, d| got.push(d));
                assert_eq!(got, naive_ends(&a, &b), "{a:?} in {b:?}");
            }
        }
    }

    #[test]
    fn finds_approximate_ends_and_their_starts() {
        let text: Vec<char> = "Telegram compte 900 millions d’utilisateurs"
            .chars()
            .collect();
        let quote: Vec<char> = "950 millions".chars().collect();
        let ends = Pattern::new(&quote).ends(&text, 3);
        let (end, errors) = *ends.iter().min_by_key(|&&(_, d)| d).unwrap();
        assert_eq!(errors, 1);
        let reversed: Vec<char> = quote.iter().rev().copied().collect();
        let (at, d) = starts(&Pattern::new(&reversed), &text, end, 3);
        assert_eq!(d, 1);
        let found: String = text[at[0]..end].iter().collect();
        assert_eq!(found, "900 millions");
    }
}

//! How far reviewers' independent verdicts on the same claims agree.
//!
//! Raw percentage agreement flatters a desk where almost every claim is "false": two reviewers
//! who never looked would still agree most of the time. Both statistics here subtract the
//! agreement expected by chance. Cohen's κ is the familiar one but only covers two reviewers who
//! both rated every claim; Krippendorff's α (nominal) takes any number of reviewers and claims
//! that not everyone rated, which is how a desk actually works.

use std::collections::{BTreeMap, BTreeSet};

/// The verdicts given on one claim, by reviewer name.
pub type Ratings = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Agreement {
    /// Claims with at least two verdicts (the only ones that count).
    pub claims: usize,
    /// Every reviewer with a verdict on a counted claim, sorted by name.
    pub reviewers: Vec<String>,
    /// Cohen's kappa: Some only when exactly two reviewers are involved (and it is defined).
    pub cohen_kappa: Option<f64>,
    /// Krippendorff's alpha, nominal; None when undefined (no pairable values, or only one
    /// category ever used so the expected disagreement is 0).
    pub krippendorff_alpha: Option<f64>,
}

/// Agreement over `units`; units with fewer than two verdicts are left out.
///
/// A claim with a single verdict says nothing about agreement, so it counts neither towards
/// `claims` nor towards `reviewers`.
pub fn agreement(units: &[Ratings]) -> Agreement {
    let counted: Vec<&Ratings> = units.iter().filter(|unit| unit.len() >= 2).collect();
    let reviewers: BTreeSet<&str> = counted
        .iter()
        .flat_map(|unit| unit.keys().map(String::as_str))
        .collect();
    let reviewers: Vec<String> = reviewers.into_iter().map(str::to_owned).collect();

    // With only two reviewers in play every counted claim carries both verdicts, so κ's
    // requirement of a complete two-column table holds. The pair is ordered by name so the
    // result does not depend on who rated first.
    let cohen_kappa = match reviewers.as_slice() {
        [first, second] => {
            let pairs: Vec<(&str, &str)> = counted
                .iter()
                .filter_map(|unit| Some((unit.get(first)?.as_str(), unit.get(second)?.as_str())))
                .collect();
            cohen_kappa(&pairs)
        }
        _ => None,
    };

    let values: Vec<Vec<&str>> = counted
        .iter()
        .map(|unit| unit.values().map(String::as_str).collect())
        .collect();

    Agreement {
        claims: counted.len(),
        reviewers,
        cohen_kappa,
        krippendorff_alpha: krippendorff_alpha_nominal(&values),
    }
}

/// Cohen's κ = (pₒ − pₑ) / (1 − pₑ) over `(first reviewer, second reviewer)` verdict pairs.
///
/// None when there are no pairs, or when chance agreement is certain (pₑ = 1: both reviewers
/// used one and the same category throughout), where κ would be 0/0.
pub fn cohen_kappa(pairs: &[(&str, &str)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    // category -> (times the first reviewer used it, times the second did)
    let mut marginals: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut agreeing = 0usize;
    for &(first, second) in pairs {
        marginals.entry(first).or_default().0 += 1;
        marginals.entry(second).or_default().1 += 1;
        if first == second {
            agreeing += 1;
        }
    }
    let total = pairs.len();
    // Decide definedness on integers: pₑ·n² = Σ a_c·b_c, and pₑ = 1 exactly when that is n².
    let chance_product: usize = marginals.values().map(|(a, b)| a * b).sum();
    if chance_product == total * total {
        return None;
    }
    let observed = agreeing as f64 / total as f64;
    let expected = chance_product as f64 / (total as f64 * total as f64);
    Some((observed - expected) / (1.0 - expected))
}

/// Krippendorff's α for nominal data, from the coincidence matrix.
///
/// Each inner vec holds the values present in one unit; missing ratings are simply absent, and
/// units with fewer than two values are ignored because they have nothing to pair with.
///
/// Only the matrix's totals are needed, so it is never built: its row sums n_c are the counts of
/// pairable values, and a unit with m values, n_uc of them in category c, adds
/// (m² − Σ_c n_uc²) / (m − 1) to the off-diagonal sum. Then
/// α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, with Σ_{c≠k} n_c·n_k = n² − Σ_c n_c².
/// None when that expected disagreement is 0 (no pairable values, or a single category).
pub fn krippendorff_alpha_nominal(units: &[Vec<&str>]) -> Option<f64> {
    let mut pairable_by_category: BTreeMap<&str, usize> = BTreeMap::new();
    let mut observed_disagreement = 0.0;
    for unit in units.iter().filter(|unit| unit.len() >= 2) {
        let mut in_unit: BTreeMap<&str, usize> = BTreeMap::new();
        for &value in unit {
            *in_unit.entry(value).or_default() += 1;
            *pairable_by_category.entry(value).or_default() += 1;
        }
        let values = unit.len();
        let agreeing_pairs: usize = in_unit.values().map(|count| count * count).sum();
        observed_disagreement += (values * values - agreeing_pairs) as f64 / (values - 1) as f64;
    }
    let pairable: usize = pairable_by_category.values().sum();
    let same_category: usize = pairable_by_category
        .values()
        .map(|count| count * count)
        .sum();
    let expected_disagreement = pairable * pairable - same_category;
    if expected_disagreement == 0 {
        return None;
    }
    Some(1.0 - (pairable - 1) as f64 * observed_disagreement / expected_disagreement as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(actual: f64, expected: f64) {
        assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
    }

    fn ratings(verdicts: &[(&str, &str)]) -> Ratings {
        verdicts
            .iter()
            .map(|&(who, what)| (who.to_owned(), what.to_owned()))
            .collect()
    }

    /// Ten claims, two reviewers, three categories. Contingency table (rows: first reviewer):
    ///
    /// ```text
    ///            false mixed true | row
    ///   false      3     1     0  |  4
    ///   mixed      0     2     1  |  3
    ///   true       1     0     2  |  3
    ///   column     4     3     3  | 10
    /// ```
    ///
    /// pₒ = (3+2+2)/10 = 0.7; pₑ = .4·.4 + .3·.3 + .3·.3 = 0.34; κ = 0.36/0.66 ≈ 0.545.
    const THREE_CATEGORY_PAIRS: [(&str, &str); 10] = [
        ("false", "false"),
        ("false", "false"),
        ("false", "false"),
        ("false", "mixed"),
        ("mixed", "mixed"),
        ("mixed", "mixed"),
        ("mixed", "true"),
        ("true", "false"),
        ("true", "true"),
        ("true", "true"),
    ];

    #[test]
    fn cohen_kappa_matches_hand_computation() {
        let kappa = cohen_kappa(&THREE_CATEGORY_PAIRS).unwrap();
        assert_close(kappa, (0.7 - 0.34) / (1.0 - 0.34));
        assert_eq!(cohen_kappa(&[]), None);
        assert_eq!(cohen_kappa(&[("false", "false"), ("false", "false")]), None);
    }

    /// Same ten claims as Krippendorff units. The coincidence matrix is the contingency table
    /// plus its transpose: diagonal 6, 4, 4; off-diagonal sum 2·3 = 6. n_c = 8, 6, 6; n = 20.
    /// α = 1 − 19·6 / (20² − (64+36+36)) = 1 − 114/264 ≈ 0.568.
    ///
    /// For two coders, nominal, no missing data α = 1 − (1 − π)(2N − 1)/(2N), with Scott's π
    /// using the pooled marginals: pₑ = (8² + 6² + 6²)/20² = 0.34, π = (0.7 − 0.34)/0.66.
    #[test]
    fn alpha_for_two_complete_coders_follows_scotts_pi() {
        let units: Vec<Vec<&str>> = THREE_CATEGORY_PAIRS
            .iter()
            .map(|&(first, second)| vec![first, second])
            .collect();
        let alpha = krippendorff_alpha_nominal(&units).unwrap();
        assert_close(alpha, 1.0 - 19.0 * 6.0 / 264.0);
        let scotts_pi = (0.7 - 0.34) / (1.0 - 0.34);
        assert_close(alpha, 1.0 - (1.0 - scotts_pi) * 19.0 / 20.0);
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", nominal example:
    /// 4 observers, 12 units, missing data; unit 12 has one value and is not pairable.
    /// Coincidence matrix (categories 1..5):
    ///
    /// ```text
    ///        1    2    3    4    5  | n_c
    ///   1    7   4/3  1/3  1/3   .  |  9
    ///   2   4/3  10   4/3  1/3   .  | 13
    ///   3   1/3  4/3   8   1/3   .  | 10
    ///   4   1/3  1/3  1/3   4    .  |  5
    ///   5    .    .    .    .    3  |  3
    /// ```
    ///
    /// n = 40; off-diagonal sum = 40 − (7+10+8+4+3) = 8; Σ n_c² = 81+169+100+25+9 = 384.
    /// α = 1 − 39·8 / (1600 − 384) = 1 − 312/1216 ≈ 0.7434; published: 0.743.
    #[test]
    fn alpha_reproduces_krippendorffs_published_example() {
        let units: Vec<Vec<&str>> = vec![
            vec!["1", "1", "1"],
            vec!["2", "2", "3", "2"],
            vec!["3", "3", "3", "3"],
            vec!["3", "3", "3", "3"],
            vec!["2", "2", "2", "2"],
            vec!["1", "2", "3", "4"],
            vec!["4", "4", "4", "4"],
            vec!["1", "1", "2", "1"],
            vec!["2", "2", "2", "2"],
            vec!["5", "5", "5"],
            vec!["1", "1"],
            vec!["3"],
        ];
        let alpha = krippendorff_alpha_nominal(&units).unwrap();
        assert_close(alpha, 1.0 - 39.0 * 8.0 / 1216.0);
        assert!((alpha - 0.743).abs() < 1e-3, "{alpha}");
    }

    /// Three reviewers, four claims, missing verdicts:
    /// claim 1 {a, a, b} (m = 3, each ordered pair weighs 1/2): o_aa += 1, o_ab += 1, o_ba += 1;
    /// claim 2 {a, a}: o_aa += 2; claim 3 {b, b}: o_bb += 2; claim 4 {b}: ignored.
    /// o = [[3, 1], [1, 2]]; n_a = 4, n_b = 3, n = 7.
    /// α = 1 − 6·(1+1) / (2·4·3) = 1 − 12/24 = 0.5.
    #[test]
    fn alpha_with_missing_verdicts_matches_hand_computation() {
        let values = vec![
            vec!["a", "a", "b"],
            vec!["a", "a"],
            vec!["b", "b"],
            vec!["b"],
        ];
        assert_close(
            krippendorff_alpha_nominal(&values).unwrap(),
            1.0 - 12.0 / 24.0,
        );

        // The same through `agreement`; "dee" rated only the lone claim, so does not count.
        let units = vec![
            ratings(&[("ann", "a"), ("bob", "a"), ("cy", "b")]),
            ratings(&[("bob", "a"), ("cy", "a")]),
            ratings(&[("ann", "b"), ("cy", "b")]),
            ratings(&[("dee", "b")]),
        ];
        let result = agreement(&units);
        assert_eq!(result.claims, 3);
        assert_eq!(result.reviewers, ["ann", "bob", "cy"]);
        assert_eq!(result.cohen_kappa, None);
        assert_close(result.krippendorff_alpha.unwrap(), 0.5);
    }

    #[test]
    fn agreement_counts_only_claims_with_two_verdicts() {
        let units = vec![
            ratings(&[("bob", "false"), ("ann", "false")]),
            ratings(&[("ann", "true"), ("bob", "true")]),
            ratings(&[("ann", "false"), ("bob", "false")]),
            ratings(&[("cy", "true")]),
            ratings(&[]),
        ];
        let result = agreement(&units);
        assert_eq!(result.claims, 3);
        assert_eq!(result.reviewers, ["ann", "bob"]);
        assert_eq!(result.cohen_kappa, Some(1.0));
        assert_eq!(result.krippendorff_alpha, Some(1.0));
    }

    /// The table above through `agreement`, names inserted out of order: same κ.
    #[test]
    fn agreement_gives_kappa_for_two_reviewers_in_name_order() {
        let units: Vec<Ratings> = THREE_CATEGORY_PAIRS
            .iter()
            .map(|&(first, second)| ratings(&[("zoe", second), ("ann", first)]))
            .collect();
        let kappa = agreement(&units).cohen_kappa.unwrap();
        assert_close(kappa, (0.7 - 0.34) / (1.0 - 0.34));
    }

    #[test]
    fn agreement_is_undefined_for_one_category_or_no_claims() {
        let units = vec![
            ratings(&[("ann", "false"), ("bob", "false")]),
            ratings(&[("ann", "false"), ("bob", "false")]),
        ];
        // Two reviewers, so κ is None because pₑ = 1, not because of the reviewer count.
        let one_category = agreement(&units);
        assert_eq!(one_category.claims, 2);
        assert_eq!(one_category.cohen_kappa, None);
        assert_eq!(one_category.krippendorff_alpha, None);

        let empty = agreement(&[]);
        assert_eq!(empty.claims, 0);
        assert!(empty.reviewers.is_empty());
        assert_eq!(empty.cohen_kappa, None);
        assert_eq!(empty.krippendorff_alpha, None);
    }
}

//! The claim record: a span of an article's canonical text, what the desk says about it, and where
//! it is in the review workflow.

use serde::{Deserialize, Serialize};

use crate::anchor::AnchorState;
use crate::error::{Error, Result};

/// A claim as stored and exported. `start`/`end` are Unicode code points into the canonical text
/// of the article version it was made on; `quote` is exactly `text[start..end]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub article_id: String,
    /// The article version the span refers to (1 for the first import).
    pub version: u32,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub claimant: Option<String>,
    pub verdict: Option<String>,
    pub status: Status,
    pub note: Option<String>,
    /// The reviewer who created the claim.
    pub reviewer: String,
    /// The reviewer who last changed it.
    pub modified_by: String,
    pub created: String,
    pub modified: String,
    /// What is claimed, in one sentence (ClaimReview's `claimReviewed`).
    pub statement: Option<String>,
    #[serde(rename = "type")]
    pub claim_type: Option<ClaimType>,
    /// The claimant's role or organisation ("ministre de la Santé", "Telegram").
    pub claimant_role: Option<String>,
    /// A URL that identifies the claimant.
    pub claimant_url: Option<String>,
    /// Why the verdict (markdown).
    pub rationale: Option<String>,
    /// Sorted, without duplicates.
    pub tags: Vec<String>,
    /// Oldest first.
    pub evidence: Vec<Evidence>,
    /// The reviewer the claim is assigned to.
    pub assignee: Option<String>,
    /// Independent verdicts by reviewers other than the author, oldest first, one per reviewer.
    pub reviews: Vec<Review>,
    /// How the span fared when the article changed: `anchored` on the version it refers to,
    /// `moved` there, `changed` there (awaiting the reviewer's confirmation), or `orphaned` (the
    /// span is on the last version it was found in).
    pub anchor_state: AnchorState,
    /// For a `changed` claim: the quote before the article changed, to compare with `quote`.
    pub previous_quote: Option<String>,
    /// The reviewer kept this orphan as a claim about the version it refers to.
    pub kept_on_version: bool,
    /// The value claimdesk read when the claim was made from a suggestion: the suggestion's
    /// `type` and its value as `claimdesk suggest` gives it (`{"type": "quantity", "number",
    /// "unit"?}`, `{"type": "date", "date", "granularity"}`, `{"type": "duration", "iso"}`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

/// The fields a reviewer sets on a claim, when making it (`status`: draft or in_review) or changing
/// it. `None` leaves a field as it is (or empty, for a new claim); `Some("")` clears a text field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ClaimFields {
    pub claimant: Option<String>,
    pub verdict: Option<String>,
    pub status: Option<Status>,
    pub note: Option<String>,
    pub statement: Option<String>,
    /// A [`ClaimType`] key; empty clears it.
    #[serde(rename = "type")]
    pub claim_type: Option<String>,
    pub claimant_role: Option<String>,
    pub claimant_url: Option<String>,
    pub rationale: Option<String>,
    /// A reviewer's name (created on first use); empty clears it.
    pub assignee: Option<String>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    pub add_evidence: Option<NewEvidence>,
    /// The value read by a suggestion; only set when a claim is made from one.
    #[serde(skip)]
    pub value: Option<serde_json::Value>,
}

/// Above this many characters a statement is too long for ClaimReview readers, which show about
/// one line; exports and the CLI warn.
pub const STATEMENT_WARN_CHARS: usize = 75;

/// A warning for a statement too long to show in full where ClaimReview is read.
pub fn statement_warning(statement: &str) -> Option<String> {
    let n = statement.chars().count();
    (n > STATEMENT_WARN_CHARS).then(|| {
        format!("the statement is {n} characters long; ClaimReview readers show about {STATEMENT_WARN_CHARS}, so shorten it if you can")
    })
}

/// Full Fact's typology of claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimType {
    Quantity,
    Prediction,
    CorrelationCausation,
    LawsRules,
    PersonalExperience,
    Other,
}

impl ClaimType {
    pub const ALL: [ClaimType; 6] = [
        ClaimType::Quantity,
        ClaimType::Prediction,
        ClaimType::CorrelationCausation,
        ClaimType::LawsRules,
        ClaimType::PersonalExperience,
        ClaimType::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ClaimType::Quantity => "quantity",
            ClaimType::Prediction => "prediction",
            ClaimType::CorrelationCausation => "correlation_causation",
            ClaimType::LawsRules => "laws_rules",
            ClaimType::PersonalExperience => "personal_experience",
            ClaimType::Other => "other",
        }
    }

    pub fn parse(key: &str) -> Result<ClaimType> {
        ClaimType::ALL.into_iter().find(|t| t.key() == key).ok_or_else(|| Error::UnknownClaimType {
            key: key.to_string(),
            known: ClaimType::ALL.map(ClaimType::key).join(", "),
        })
    }
}

/// Whether a source supports or refutes the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Supports,
    Refutes,
}

impl Stance {
    pub fn key(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
        }
    }

    pub fn parse(key: &str) -> Result<Stance> {
        match key {
            "supports" => Ok(Stance::Supports),
            "refutes" => Ok(Stance::Refutes),
            _ => Err(Error::UnknownStance(key.to_string())),
        }
    }
}

/// A source consulted for the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub url: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// YYYY-MM-DD
    pub accessed: String,
    /// The passage that supports or refutes the claim.
    pub quote: Option<String>,
    pub stance: Option<Stance>,
    /// When (RFC 3339) and by whom it was added: the order evidence is listed in, kept across
    /// export and import.
    pub added: String,
    pub added_by: String,
}

/// Evidence a reviewer adds; `accessed` defaults to today.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewEvidence {
    pub url: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub accessed: Option<String>,
    pub quote: Option<String>,
    pub stance: Option<Stance>,
}

/// Where a claim stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InReview,
    Reviewed,
    Published,
    /// Not a claim, or not worth checking.
    Rejected,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Draft, Status::InReview, Status::Reviewed, Status::Published, Status::Rejected];

    pub fn key(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Reviewed => "reviewed",
            Status::Published => "published",
            Status::Rejected => "rejected",
        }
    }

    pub fn parse(key: &str) -> Result<Status> {
        Status::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .ok_or_else(|| Error::UnknownStatus(key.to_string()))
    }

    /// The statuses a claim may move to from this one. A reviewed claim goes back to review
    /// rather than straight to draft, and a published one can only be reopened for review
    /// (a correction), so that nothing published changes without a second look.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Draft => &[InReview, Rejected],
            InReview => &[Draft, Reviewed, Rejected],
            Reviewed => &[InReview, Published, Rejected],
            Published => &[InReview],
            Rejected => &[Draft],
        }
    }

    /// Checks a move; staying in the same status is always allowed.
    pub fn check_move(self, to: Status) -> Result<()> {
        if self == to || self.next().contains(&to) {
            return Ok(());
        }
        let allowed: Vec<&str> = self.next().iter().map(|s| s.key()).collect();
        Err(Error::Transition {
            from: self.key().into(),
            to: to.key().into(),
            allowed: allowed.join(", "),
        })
    }
}

/// Every status with the statuses a claim may move to from it, keyed by status key, for front ends
/// that offer only the moves the workflow allows.
pub fn transitions() -> std::collections::BTreeMap<&'static str, Vec<&'static str>> {
    Status::ALL.into_iter().map(|s| (s.key(), s.next().iter().map(|n| n.key()).collect())).collect()
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// One value of a rating scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub key: String,
    /// The value exports put in `ratingValue`; `None` for a verdict off the numeric scale.
    pub value: Option<i32>,
    pub label_en: String,
    pub label_fr: String,
    /// A `#rrggbb` colour for highlights and charts.
    pub colour: String,
}

/// A rating scale, worst first. Scales are data: two are built in, a desk adds its own with
/// `claimdesk scale add FILE` and picks the one in use with the `review.scale` setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingScale {
    pub key: String,
    pub name: String,
    pub ratings: Vec<Rating>,
}

/// The scale a desk uses until it picks another.
pub const DEFAULT_SCALE: &str = "default";

fn rating(key: &str, value: Option<i32>, label_en: &str, label_fr: &str, colour: &str) -> Rating {
    Rating {
        key: key.into(),
        value,
        label_en: label_en.into(),
        label_fr: label_fr.into(),
        colour: colour.into(),
    }
}

impl RatingScale {
    /// The default scale: five steps from false to true, plus "unverifiable" off the scale.
    pub fn default_scale() -> RatingScale {
        RatingScale {
            key: DEFAULT_SCALE.into(),
            name: "claimdesk default".into(),
            ratings: vec![
                rating("false", Some(1), "False", "Faux", "#c62828"),
                rating("mostly_false", Some(2), "Mostly false", "Plutôt faux", "#ef6c00"),
                rating("mixed", Some(3), "Mixed", "Mitigé", "#f9a825"),
                rating("mostly_true", Some(4), "Mostly true", "Plutôt vrai", "#7cb342"),
                rating("true", Some(5), "True", "Vrai", "#2e7d32"),
                rating("unverifiable", None, "Unverifiable", "Invérifiable", "#607d8b"),
            ],
        }
    }

    /// An AFP-style 1–5 scale: the labels wire fact-checks use, with satire off the scale.
    pub fn afp_scale() -> RatingScale {
        RatingScale {
            key: "afp".into(),
            name: "AFP-style 1–5".into(),
            ratings: vec![
                rating("false", Some(1), "False", "Faux", "#b71c1c"),
                rating("misleading", Some(2), "Misleading", "Trompeur", "#e65100"),
                rating("missing_context", Some(3), "Missing context", "Manque de contexte", "#f9a825"),
                rating("mostly_true", Some(4), "Mostly true", "Plutôt vrai", "#689f38"),
                rating("true", Some(5), "True", "Vrai", "#1b5e20"),
                rating("satire", None, "Satire", "Satire", "#6a1b9a"),
            ],
        }
    }

    /// The scales every desk has.
    pub fn built_in() -> Vec<RatingScale> {
        vec![RatingScale::default_scale(), RatingScale::afp_scale()]
    }

    pub fn rating(&self, key: &str) -> Option<&Rating> {
        self.ratings.iter().find(|r| r.key == key)
    }

    /// Checks that `key` is one of this scale's verdicts.
    pub fn check(&self, key: &str) -> Result<()> {
        if self.rating(key).is_some() {
            return Ok(());
        }
        let known: Vec<&str> = self.ratings.iter().map(|r| r.key.as_str()).collect();
        Err(Error::UnknownVerdict { key: key.into(), known: known.join(", ") })
    }

    /// Checks a desk-defined scale: keys a CLI can type, labels in both languages, colours the
    /// highlights can use, numeric values that say which verdict is better.
    pub fn validate(&self) -> Result<()> {
        let bad = |why: String| Err(Error::BadScale { key: self.key.clone(), why });
        let is_key = |k: &str| {
            !k.is_empty() && k.len() <= 40 && k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        if !is_key(&self.key) {
            return bad(format!("its key {:?} must be 1–40 characters of a–z, 0–9 and _", self.key));
        }
        if self.name.trim().is_empty() {
            return bad("its name is empty".into());
        }
        if self.ratings.len() < 2 {
            return bad("it needs at least two ratings".into());
        }
        let mut keys = std::collections::HashSet::new();
        let mut values = std::collections::HashSet::new();
        for r in &self.ratings {
            if !is_key(&r.key) {
                return bad(format!("the rating key {:?} must be 1–40 characters of a–z, 0–9 and _", r.key));
            }
            if !keys.insert(r.key.as_str()) {
                return bad(format!("the rating key {:?} appears twice", r.key));
            }
            if r.label_en.trim().is_empty() || r.label_fr.trim().is_empty() {
                return bad(format!("the rating {:?} needs both label_en and label_fr", r.key));
            }
            if !is_colour(&r.colour) {
                return bad(format!("the colour {:?} of {:?} must be written #rrggbb (lowercase hex)", r.colour, r.key));
            }
            if let Some(v) = r.value
                && !values.insert(v)
            {
                return bad(format!("the value {v} is given to two ratings"));
            }
        }
        if values.is_empty() {
            return bad("at least one rating needs a numeric value (exports put it in ratingValue)".into());
        }
        Ok(())
    }
}

/// A `#rrggbb` colour in lowercase hex, as stored.
pub fn is_colour(value: &str) -> bool {
    value.len() == 7
        && value.starts_with('#')
        && value[1..].chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// A reviewer's independent verdict on a claim someone else made (a second review). It does not
/// change the claim's own verdict, which stays its author's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub reviewer: String,
    pub verdict: String,
    pub note: Option<String>,
    pub at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_keys_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.key()).unwrap(), s);
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.key()));
        }
        assert!(Status::parse("done").is_err());
    }

    #[test]
    fn workflow_goes_forward_through_review() {
        assert!(Status::Draft.check_move(Status::InReview).is_ok());
        assert!(Status::InReview.check_move(Status::Reviewed).is_ok());
        assert!(Status::Reviewed.check_move(Status::Published).is_ok());
        assert!(Status::Published.check_move(Status::InReview).is_ok());
    }

    #[test]
    fn workflow_refuses_skipping_review_and_names_the_way() {
        let err = Status::Draft.check_move(Status::Reviewed).unwrap_err().to_string();
        assert_eq!(err, "a claim cannot move from draft to reviewed — from draft it can go to: in_review, rejected");
        assert!(Status::Draft.check_move(Status::Published).is_err());
        assert!(Status::Published.check_move(Status::Draft).is_err());
        assert!(Status::Rejected.check_move(Status::Reviewed).is_err());
    }

    #[test]
    fn default_scale_has_the_contract_keys() {
        let scale = RatingScale::default_scale();
        let keys: Vec<_> = scale.ratings.iter().map(|r| r.key.as_str()).collect();
        for k in ["true", "mostly_true", "mixed", "mostly_false", "false", "unverifiable"] {
            assert!(keys.contains(&k), "{k} missing");
        }
        assert!(scale.check("mostly_true").is_ok());
        let err = scale.check("pants_on_fire").unwrap_err().to_string();
        assert!(err.contains("\"pants_on_fire\"") && err.contains("mostly_false"), "{err}");
    }
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    #[test]
    fn built_in_scales_are_valid() {
        for scale in RatingScale::built_in() {
            scale.validate().unwrap();
        }
    }

    #[test]
    fn a_desk_scale_is_checked_with_reasons() {
        let mut scale = RatingScale::afp_scale();
        scale.key = "desk".into();
        assert!(scale.validate().is_ok());
        scale.ratings[1].key = "false".into();
        assert!(scale.validate().unwrap_err().to_string().contains("\"false\" appears twice"));
        let mut scale = RatingScale::afp_scale();
        scale.ratings[0].colour = "red".into();
        assert!(scale.validate().unwrap_err().to_string().contains("#rrggbb"));
        let mut scale = RatingScale::afp_scale();
        scale.ratings[2].value = Some(1);
        assert!(scale.validate().unwrap_err().to_string().contains("value 1"));
        let mut scale = RatingScale::afp_scale();
        scale.key = "Mon Échelle".into();
        assert!(scale.validate().is_err());
    }
}

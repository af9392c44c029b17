//! Desk settings (`claimdesk config`): a fixed set of known keys, each checked before it is stored,
//! so an export never finds a setting it cannot use.

use crate::error::{Error, Result};
use crate::store::Db;

/// A known setting and how its value is checked.
pub struct Setting {
    pub key: &'static str,
    pub about: &'static str,
    check: fn(&str) -> std::result::Result<(), String>,
}

fn non_empty(v: &str) -> std::result::Result<(), String> {
    if v.trim().is_empty() { Err("it must not be empty".into()) } else { Ok(()) }
}

fn http_url(v: &str) -> std::result::Result<(), String> {
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !v.chars().any(char::is_whitespace) => Ok(()),
        _ => Err("it must be an http:// or https:// URL without spaces".into()),
    }
}

fn byte_count(v: &str) -> std::result::Result<(), String> {
    match v.parse::<u64>() {
        Ok(n) if n >= 1024 => Ok(()),
        _ => Err("it must be a whole number of bytes, at least 1024 (20971520 is 20 MB)".into()),
    }
}

fn url_pattern(v: &str) -> std::result::Result<(), String> {
    http_url(v)?;
    if v.contains("{id}") { Ok(()) } else { Err("it must contain {id}, where the claim id goes".into()) }
}

fn boolean(v: &str) -> std::result::Result<(), String> {
    match v {
        "true" | "false" => Ok(()),
        _ => Err("it must be true or false".into()),
    }
}

fn scale_key(v: &str) -> std::result::Result<(), String> {
    non_empty(v)
}

/// Which rating scale verdicts are given on.
pub const REVIEW_SCALE: &str = "review.scale";
/// Whether `reviewed` needs a second reviewer's verdict.
pub const SECOND_REVIEWER: &str = "review.second_reviewer";

pub const SETTINGS: &[Setting] = &[
    Setting { key: "desk.name", about: "the fact-checking desk's name, the author of exported reviews", check: non_empty },
    Setting { key: "desk.url", about: "the desk's home page", check: http_url },
    Setting {
        key: "claimreview.url_pattern",
        about: "where each published review lives, with {id} for the claim id",
        check: url_pattern,
    },
    Setting {
        key: "import.max_bytes",
        about: "the largest file or download an import accepts, in bytes (default 20 MB)",
        check: byte_count,
    },
    Setting {
        key: REVIEW_SCALE,
        about: "the rating scale verdicts are given on (see `claimdesk scales`; default: default)",
        check: scale_key,
    },
    Setting {
        key: SECOND_REVIEWER,
        about: "true: a claim needs a second reviewer's verdict before it is reviewed (default false)",
        check: boolean,
    },
];

/// Whether the desk requires a second reviewer's sign-off before `reviewed`.
pub async fn second_reviewer_required(db: &Db) -> Result<bool> {
    Ok(db.setting(SECOND_REVIEWER).await?.as_deref() == Some("true"))
}

/// The import size limit: the `import.max_bytes` setting, else 20 MB.
pub async fn max_import_bytes(db: &Db) -> Result<u64> {
    Ok(db
        .setting("import.max_bytes")
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(crate::article::DEFAULT_MAX_BYTES))
}

fn find(key: &str) -> Result<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key).ok_or_else(|| Error::UnknownSetting {
        key: key.to_string(),
        known: SETTINGS.iter().map(|s| s.key).collect::<Vec<_>>().join(", "),
    })
}

/// Checks and stores a setting.
pub async fn set(db: &Db, key: &str, value: &str) -> Result<()> {
    let setting = find(key)?;
    let value = value.trim();
    (setting.check)(value).map_err(|why| Error::BadSetting { key: key.into(), value: value.into(), why })?;
    if key == REVIEW_SCALE {
        crate::desk::check_scale_switch(db, value).await?;
    }
    db.set_setting(key, value).await
}

/// A setting's value; `None` when it was never set.
pub async fn get(db: &Db, key: &str) -> Result<Option<String>> {
    find(key)?;
    db.setting(key).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_with_reasons() {
        assert!((find("desk.url").unwrap().check)("https://desk.example").is_ok());
        assert!((find("desk.url").unwrap().check)("desk.example").is_err());
        assert!((find("claimreview.url_pattern").unwrap().check)("https://x.example/c/{id}").is_ok());
        let why = (find("claimreview.url_pattern").unwrap().check)("https://x.example/c/").unwrap_err();
        assert!(why.contains("{id}"));
        let err = find("desk.colour").err().unwrap().to_string();
        assert!(err.contains("\"desk.colour\"") && err.contains("desk.name"), "{err}");
    }
}

//! What the app needs before its window opens: which database, and who is acting. The same
//! options as the CLI: `--db PATH` / `CLAIMDESK_DB`, `--reviewer NAME` / `CLAIMDESK_REVIEWER`
//! (the flag wins over the variable).

use std::path::PathBuf;
use std::sync::Mutex;

use claimdesk::store::{Db, Reviewer};

/// What every command works with.
pub struct AppState {
    pub db: Db,
    /// Who is acting; the reviewer can switch in the app.
    reviewer: Mutex<Reviewer>,
    /// True when --reviewer or CLAIMDESK_REVIEWER named the reviewer, so the app need not ask.
    pub chosen: bool,
}

impl AppState {
    /// The acting reviewer, as of now.
    pub fn acting(&self) -> Reviewer {
        // A panic while holding the lock cannot leave a Reviewer half-written: take it anyway.
        self.reviewer.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    pub fn set_acting(&self, reviewer: Reviewer) {
        *self.reviewer.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = reviewer;
    }
}

/// The value of `--name VALUE` or `--name=VALUE` among the arguments.
fn flag(args: &[String], name: &str) -> Option<String> {
    let with_equals = format!("{name}=");
    args.iter().enumerate().find_map(|(i, a)| {
        if a == name {
            args.get(i + 1).cloned()
        } else {
            a.strip_prefix(&with_equals).map(str::to_string)
        }
    })
}

fn option(args: &[String], name: &str, variable: &str) -> Option<String> {
    flag(args, name).or_else(|| std::env::var(variable).ok()).filter(|v| !v.trim().is_empty())
}

/// Opens the database and the acting reviewer, or says why not.
pub fn open() -> Result<AppState, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = match option(&args, "--db", "CLAIMDESK_DB") {
        Some(p) => PathBuf::from(p),
        None => Db::default_path()
            .ok_or("no platform data directory was found — start with --db PATH or set CLAIMDESK_DB")?,
    };
    let named = option(&args, "--reviewer", "CLAIMDESK_REVIEWER");
    let chosen = named.is_some();
    let name = named.unwrap_or_else(|| whoami::username().unwrap_or_default());
    tauri::async_runtime::block_on(async {
        let db = Db::open(&path).await.map_err(|e| e.to_string())?;
        let reviewer = db.reviewer(&name).await.map_err(|e| e.to_string())?;
        Ok(AppState { db, reviewer: Mutex::new(reviewer), chosen })
    })
}

#[cfg(test)]
mod tests {
    use super::flag;

    #[test]
    fn flags_take_a_following_value_or_an_equals_sign() {
        let args: Vec<String> = ["--db", "/tmp/a.db", "--reviewer=Awa"].map(String::from).to_vec();
        assert_eq!(flag(&args, "--db").as_deref(), Some("/tmp/a.db"));
        assert_eq!(flag(&args, "--reviewer").as_deref(), Some("Awa"));
        assert_eq!(flag(&args, "--other"), None);
    }
}

//! The claimdesk desktop app: a window over the claimdesk library. This crate only starts the
//! app, holds the open database and wires commands to library functions (see `commands.rs`).

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod startup;

/// How long the host waits for the page to close the window after a close request.
const CLOSE_FALLBACK: std::time::Duration = std::time::Duration::from_secs(8);

fn main() {
    let state = match startup::open() {
        Ok(state) => state,
        Err(message) => {
            eprintln!("claimdesk: {message}");
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                // The page stores the edits still queued, then closes the window itself (ui/src/
                // api.ts onWindowClose, at most 5 s). Should the page never answer — hung, or
                // starved on a loaded machine — the host closes the window anyway: a window that
                // will not close is worse than waiting a little longer.
                let window = window.clone();
                std::thread::spawn(move || {
                    std::thread::sleep(CLOSE_FALLBACK);
                    let _ = window.destroy();
                });
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::session,
            commands::list_articles,
            commands::get_article,
            commands::import_text,
            commands::import_file,
            commands::import_url,
            commands::import_folder,
            commands::list_claims,
            commands::create_claim,
            commands::update_claim,
            commands::claim_history,
            commands::count_export,
            commands::export_claims,
            commands::import_claims,
            commands::claimreview_settings,
            commands::set_claimreview_setting,
            commands::list_reviewers,
            commands::choose_reviewer,
            commands::review_claim,
            commands::agreement,
            commands::list_versions,
            commands::get_version,
            commands::compare_versions,
            commands::confirm_anchor,
            commands::reattach_claim,
            commands::keep_on_version,
            commands::list_suggestions,
            commands::accept_suggestion,
            commands::dismiss_suggestion,
            commands::restore_suggestion,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("claimdesk: the window could not start: {e}");
        std::process::exit(1);
    }
}

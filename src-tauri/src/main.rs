//! The claimdesk desktop app: a window over the claimdesk library. This crate only starts the
//! app, holds the open database and wires commands to library functions (see `commands.rs`).

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod startup;

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
            commands::export_json,
            commands::list_reviewers,
            commands::choose_reviewer,
            commands::review_claim,
            commands::agreement,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("claimdesk: the window could not start: {e}");
        std::process::exit(1);
    }
}

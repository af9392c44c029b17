// The app's own commands get generated `allow-<command>` permissions; the main window's
// capability (capabilities/main.json) grants exactly those and nothing else.
const COMMANDS: &[&str] = &[
    "session",
    "list_articles",
    "get_article",
    "import_text",
    "import_file",
    "import_url",
    "import_folder",
    "list_claims",
    "create_claim",
    "update_claim",
    "claim_history",
    "count_export",
    "export_claims",
    "import_claims",
    "claimreview_settings",
    "set_claimreview_setting",
    "list_reviewers",
    "choose_reviewer",
    "review_claim",
    "agreement",
    "list_versions",
    "get_version",
    "compare_versions",
    "confirm_anchor",
    "reattach_claim",
    "keep_on_version",
    "list_suggestions",
    "accept_suggestion",
    "dismiss_suggestion",
    "restore_suggestion",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed: see the message above");
}

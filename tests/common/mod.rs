//! What the integration tests share: an engine built from the example
//! configuration and the frozen campaign (`tests/fixtures/campaign/`, so a
//! campaign that changes its shipped letters breaks no test), the sample
//! lookup table, and a fixed clock.

#![allow(dead_code, unreachable_pub)]

pub mod campaign_copy;

use std::path::{Path, PathBuf};

use postbag::config::{Config, Secret};
use postbag::letters::Templates;
use postbag::lookup::MpLookup;
use postbag::lookup::table::Table;
use postbag::pipeline::{self, Engine, Processed};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The frozen campaign: `campaign.toml` and `templates/`.
pub fn frozen_campaign() -> PathBuf {
    root().join("tests/fixtures/campaign")
}

/// The settings that point the example configuration at the campaign in
/// `dir` (its `campaign.toml` and `templates/`), as environment overrides.
pub fn campaign_env(dir: &Path) -> [(String, String); 2] {
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    [
        (
            "POSTBAG_CAMPAIGN__LETTERS".to_owned(),
            path("campaign.toml"),
        ),
        ("POSTBAG_CAMPAIGN__TEMPLATES".to_owned(), path("templates")),
    ]
}

/// The example configuration on the frozen campaign with a fixed reply
/// secret, ignoring the environment.
pub fn engine() -> Engine {
    engine_for(&frozen_campaign())
}

/// The example configuration on the campaign in `dir`.
pub fn engine_for(dir: &Path) -> Engine {
    engine_with(campaign_env(dir))
}

/// The example configuration as shipped: `config/campaign.toml` and
/// `templates/`.
pub fn shipped_engine() -> Engine {
    engine_with([])
}

/// A copy of the shipped campaign (`config/campaign.toml` and
/// `templates/`) in a temporary folder, with `from` replaced by `to` once
/// in its `campaign.toml`; use it with [`engine_for`].
pub fn shipped_copy_with(from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    campaign_copy::copy_campaign(
        &root().join("config/campaign.toml"),
        &root().join("templates"),
        dir.path(),
        from,
        to,
    );
    dir
}

/// The example configuration as shipped, with `env` overrides.
fn engine_with(env: impl IntoIterator<Item = (String, String)>) -> Engine {
    let config =
        Config::load(&root().join("config/postbag.example.toml"), env).expect("example config");
    let templates = Templates::load(&config.templates_dir, &config.campaign).expect("templates");
    Engine::new(
        config,
        templates,
        Secret::new(b"test-secret-0123456789".to_vec()),
    )
}

/// The sample lookup table.
pub fn table() -> Table {
    Table::load(&root().join("config/sample-lookup.csv")).expect("sample table")
}

/// 23 November 2026, 10:30 in London.
pub fn now() -> jiff::Zoned {
    jiff::civil::date(2026, 11, 23)
        .at(10, 30, 0, 0)
        .in_tz("Europe/London")
        .expect("valid time")
}

/// Run the pipeline on raw bytes.
pub fn process(engine: &Engine, table: &Table, raw: &[u8]) -> Processed {
    process_with(engine, table, raw)
}

/// Run the pipeline on raw bytes with any lookup.
pub fn process_with(engine: &Engine, lookup: &impl MpLookup, raw: &[u8]) -> Processed {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    runtime.block_on(pipeline::process(engine, lookup, raw, &now()))
}

/// Run the pipeline on one message with the shipped engine and table.
pub fn process_one(raw: &[u8]) -> Processed {
    process(&engine(), &table(), raw)
}

/// Every `.eml` file under `dir`, sorted.
pub fn eml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "eml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The shared public data folder (`../shared/data` beside the repository,
/// or `POSTBAG_SHARED_DATA`), if present. Tests that use it say so and pass
/// without it: it is never committed.
pub fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("POSTBAG_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/data"));
    if dir.join("SOURCES.md").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} is absent; skipping the checks against it",
            dir.display()
        );
        None
    }
}

//! What the integration tests share: an engine built from the shipped
//! configuration and templates, the sample lookup table, and a fixed clock.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use postbag::config::{Config, Secret};
use postbag::letters::Templates;
use postbag::lookup::table::Table;
use postbag::pipeline::{self, Engine, Processed};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped example configuration with a fixed reply secret, ignoring
/// the environment.
pub fn engine() -> Engine {
    let config =
        Config::load(&root().join("config/postbag.example.toml"), []).expect("example config");
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
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    runtime.block_on(pipeline::process(engine, table, raw, &now()))
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

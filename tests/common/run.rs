//! Running the `postbag` binary as an operator would, for the integration
//! tests (apart from `common`, which the benches share and where cargo does
//! not name the binary).

use std::path::Path;
use std::process::{Command, Output};

/// Run the `postbag` binary from the repository root on the frozen
/// campaign (`tests/fixtures/campaign/`), with `env` and no other
/// `POSTBAG_*` variables.
pub(crate) fn postbag(args: &[&str], env: &[(&str, &str)]) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let frozen = root.join("tests/fixtures/campaign");
    let mut command = Command::new(env!("CARGO_BIN_EXE_postbag"));
    command.current_dir(root).args(args);
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("POSTBAG_")) {
        command.env_remove(key);
    }
    command
        .env("POSTBAG_CAMPAIGN__LETTERS", frozen.join("campaign.toml"))
        .env("POSTBAG_CAMPAIGN__TEMPLATES", frozen.join("templates"));
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run postbag")
}

//! Running the `postbag` binary as an operator would, for the integration
//! tests (apart from `common`, which the benches share and where cargo does
//! not name the binary).

use std::process::{Command, Output};

/// Run the `postbag` binary from the repository root with `env` and no
/// other `POSTBAG_*` variables.
pub(crate) fn postbag(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_postbag"));
    command.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("POSTBAG_")) {
        command.env_remove(key);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run postbag")
}

//! The fuzz target: postbag's whole pipeline on arbitrary bytes, checked by
//! `fuzz/src/check.rs` (no panic, well-formed reply heads, one recipient
//! who is the sender, no template syntax from the input evaluated). Run it
//! with `scripts/fuzz`.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../src/check.rs"]
mod check;

static HARNESS: OnceLock<check::Harness> = OnceLock::new();

fuzz_target!(
    init: {
        // A fresh canary for Tera's `get_env` to find, set before anything
        // else runs: libFuzzer has started no thread yet.
        let canary = check::fresh_canary();
        // SAFETY: single-threaded at this point; nothing reads the
        // environment concurrently.
        unsafe { std::env::set_var(check::CANARY_VAR, &canary) };
        // After libfuzzer-sys's hook (abort on any panic): ours lets a
        // mail-parser panic reach postbag's catch_unwind, and checks it.
        check::install_panic_hook();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let _ = HARNESS.set(check::Harness::new(&root));
    },
    |data: &[u8]| {
        let harness = HARNESS.get().expect("initialised");
        if let Err(broken) = harness.run(data) {
            panic!("the fuzz check failed:\n{broken}");
        }
    }
);

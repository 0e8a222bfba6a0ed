//! A SHA-256 of every reply the pipeline builds for the mail corpus, one
//! line a message: run it before and after a change meant to make replies
//! faster, not different, and compare (`diff`). The tests' helpers give it
//! the shipped config, the sample table and a fixed clock, so the same
//! build prints the same lines.
//!
//! `cargo run --release --example reply_digests > digests.txt`

use sha2::{Digest, Sha256};

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let engine = common::engine();
    let table = common::table();
    let root = common::root();
    for file in common::eml_files(&root.join("tests/corpus")) {
        let raw = std::fs::read(&file).expect("read a corpus mail");
        let processed = common::process(&engine, &table, &raw);
        let mut digest = Sha256::new();
        let mut bytes = 0;
        for message in processed.reply.iter().flat_map(|r| r.messages()) {
            let formatted = message.formatted();
            bytes += formatted.len();
            digest.update(&formatted);
        }
        let name = file.strip_prefix(&root).unwrap_or(&file).display();
        println!("{name} {bytes} {:x}", digest.finalize());
    }
}

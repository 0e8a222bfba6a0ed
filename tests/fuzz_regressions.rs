//! The fuzz check as a normal test: every crash the fuzzer found
//! (`tests/fuzz/regressions/`), the committed seeds (`tests/fuzz/seeds/`)
//! and every `.eml` of the mail corpus run through the pipeline and the
//! same check the fuzz target uses (`fuzz/src/check.rs`). Also tests that
//! the check itself fails on a reply that breaks each rule, so a check
//! that had quietly become true of everything would be seen.

#[path = "../fuzz/src/check.rs"]
mod check;
mod common;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::Command;

use check::{CANARY_VAR, Harness, check_head};
use lettre::Message;

const CORPUS_TEST: &str = "regressions_seeds_and_corpus_pass_the_fuzz_check";

/// Every file in `dir` (not below it) but its README, sorted.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}

#[test]
fn regressions_seeds_and_corpus_pass_the_fuzz_check() {
    // The canary must be in the environment before anything could read it,
    // and this package forbids the `unsafe` that setting it needs: run this
    // test again in a child process that has it.
    if std::env::var_os(CANARY_VAR).is_none() {
        let status = Command::new(std::env::current_exe().expect("test binary"))
            .env(CANARY_VAR, check::fresh_canary())
            .args([CORPUS_TEST, "--exact", "--nocapture", "--test-threads=1"])
            .status()
            .expect("run the test again with a canary");
        assert!(status.success(), "the fuzz check failed: see above");
        return;
    }
    let root = common::root();
    let harness = Harness::new(&root);
    let mut files = files_in(&root.join("tests/fuzz/regressions"));
    files.extend(files_in(&root.join("tests/fuzz/seeds")));
    let seeds = files.len();
    files.extend(common::eml_files(&root.join("tests/corpus")));
    assert!(files.len() > seeds + 100, "the corpus is missing");

    // Every panic counts, as in the fuzzer, even one postbag catches.
    check::install_panic_hook();

    let mut failures = Vec::new();
    let mut answered = 0;
    for file in &files {
        let raw = std::fs::read(file).expect("read");
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| harness.run(&raw)));
        let name = file.strip_prefix(&root).unwrap_or(file).display();
        match result {
            Ok(Ok(processed)) => answered += usize::from(processed.reply.is_some()),
            Ok(Err(broken)) => failures.push(format!("{name}:\n{broken}")),
            Err(_) => failures.push(format!("{name}: panicked")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} inputs fail the fuzz check:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    eprintln!(
        "{} inputs pass the fuzz check, {answered} answered",
        files.len()
    );
    assert!(
        answered > 100,
        "only {answered} replies: the check saw little"
    );
}

/// A letters request whose address holds template syntax.
fn template_request(canary: &str) -> Vec<u8> {
    format!(
        "Return-Path: <grace@example.org>\r\nFrom: Grace Liu <grace@example.org>\r\nTo: letters@notwithmynhsdata.org\r\nSubject: letters\r\nMessage-ID: <t@example.org>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nName: Grace Liu\r\nAddress: {{{{ 7*7 }}}} Acacia Avenue, {{% raw %}}Swanley{{% endraw %}} {canary}\r\nPostcode: BR8 7RE\r\n"
    )
    .into_bytes()
}

fn harness(canary: Option<&str>) -> Harness {
    Harness::with_canary(&common::root(), canary.map(str::to_owned))
}

#[test]
fn the_check_passes_template_syntax_kept_verbatim() {
    let harness = harness(Some("pbcanarytest"));
    let processed = harness.run(&template_request("")).expect("passes");
    assert_eq!(processed.outcome.class(), "letters");
    let address = processed.extraction.expect("extraction").address;
    assert!(
        address.iter().any(|l| l.contains("{{ 7*7 }}")),
        "{address:?}"
    );
}

#[test]
fn the_check_fails_on_an_evaluated_template() {
    let harness = harness(None);
    let raw = template_request("");
    let mut processed = harness.process(&raw);
    let reply = processed.reply.as_mut().expect("a reply");
    reply.letters[2].body = reply.letters[2].body.replace("{{ 7*7 }}", "49");
    let broken = harness.check(&raw, &processed).expect_err("must fail");
    assert!(broken.contains("lacks the line"), "{broken}");

    let mut processed = harness.process(&raw);
    let reply = processed.reply.as_mut().expect("a reply");
    reply.letters[0].body = reply.letters[0]
        .body
        .replace("{% raw %}Swanley{% endraw %}", "Swanley");
    assert!(harness.check(&raw, &processed).is_err());
}

#[test]
fn the_check_fails_when_the_canary_leaks() {
    let harness = harness(Some("pbcanaryleak"));
    let raw = template_request("");
    let mut processed = harness.process(&raw);
    let reply = processed.reply.as_mut().expect("a reply");
    reply.letters[1].body.push_str("pbcanaryleak\n");
    let broken = harness.check(&raw, &processed).expect_err("must fail");
    assert!(broken.contains("canary"), "{broken}");
    // Unless the input holds it: then it is only repeated.
    let raw = template_request("pbcanaryleak");
    let mut processed = harness.process(&raw);
    processed.reply.as_mut().expect("a reply").letters[1]
        .body
        .push_str("pbcanaryleak\n");
    assert!(harness.check(&raw, &processed).is_ok());
}

#[test]
fn the_check_fails_on_a_second_recipient_or_the_wrong_one() {
    let harness = harness(None);
    let raw = template_request("");
    for to in [
        vec!["grace@example.org", "victim@example.org"],
        vec!["victim@example.org"],
    ] {
        let mut processed = harness.process(&raw);
        let mut builder = Message::builder()
            .from("letters@notwithmynhsdata.org".parse().expect("address"))
            .subject("Re: letters");
        for address in &to {
            builder = builder.to(address.parse().expect("address"));
        }
        processed.reply.as_mut().expect("a reply").message =
            builder.body(String::from("hi")).expect("message");
        let broken = harness.check(&raw, &processed).expect_err("must fail");
        assert!(broken.contains("envelope recipients"), "{broken}");
        assert!(broken.contains("To field recipients"), "{broken}");
    }
}

#[test]
fn the_check_fails_on_a_malformed_head() {
    let fields = ["to", "subject", "x-a"];
    let ok = |head: &str| check_head(head.as_bytes(), &fields, &["to"]);
    assert_eq!(
        ok("To: a@example.org\r\nSubject: a\r\n  folded\r\n\r\nbody\n").expect("well formed"),
        ["to", "subject"]
    );
    for (head, why) in [
        ("To: a@example.org\nBcc: b@example.org\r\n\r\n", "bare LF"),
        ("To: a@example.org\rX-A: 1\r\n\r\n", "bare CR"),
        (
            "To: a@example.org\r\nBcc: b@example.org\r\n\r\n",
            "unexpected",
        ),
        ("To: a@example.org\r\nTo: b@example.org\r\n\r\n", "2 \"to\""),
        ("Subject: a\r\n\r\n", "no \"to\""),
        ("To: Zoë <a@example.org>\r\n\r\n", "byte 0xc3"),
        ("To: a@example.org\r\n \r\n\r\n", "only white space"),
        (" To: a@example.org\r\n\r\n", "continuation"),
        ("To: a@example.org\r\nno colon\r\n\r\n", "neither"),
        ("To: a@example.org\r\n", "no CRLF CRLF"),
    ] {
        let broken = ok(head).expect_err(head);
        assert!(broken.contains(why), "{head:?}: {broken}");
    }
    let long = format!("To: a@example.org\r\nX-A: {}\r\n\r\n", "x".repeat(1000));
    assert!(ok(&long).expect_err("too long").contains("bytes long"));
}

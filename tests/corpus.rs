//! Walk the inbound mail corpus (`tests/corpus/`) and check each message's
//! outcome and extracted details against the `.json` beside it.
//!
//! On a mismatch the test writes `NAME.actual.json` beside the fixture and
//! fails, listing every mismatch, so a change is reviewed by diffing the
//! two files.

mod common;

use serde_json::{Value, json};

use postbag::preview::Report;

/// The comparable form of a result: the keys a fixture may pin.
fn comparable(report: &Report) -> Value {
    json!({
        "outcome": report.outcome,
        "reason": report.reason,
        "missing": report.missing,
        "name": report.name,
        "address": report.address,
        "postcode": report.postcode,
        "nation": report.nation,
        "constituency": report.constituency.as_ref().map(|c| c.name.clone()),
        "letters": report.letters.iter().map(|l| l.id.clone()).collect::<Vec<_>>(),
    })
}

#[test]
fn every_corpus_message_gives_its_expected_result() {
    let engine = common::engine();
    let table = common::table();
    let files = common::eml_files(&common::root().join("tests/corpus"));
    assert!(
        files.len() >= 80,
        "the corpus has {} messages; it should have at least 80",
        files.len()
    );

    let mut failures = Vec::new();
    for eml in &files {
        let expected_path = eml.with_extension("json");
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{} has no .json", eml.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let raw = std::fs::read(eml).expect("read fixture");
        let processed = common::process(&engine, &table, &raw);
        let actual = comparable(&Report::new(&processed));

        let expected = expected.as_object().expect("expected result is an object");
        let wrong: Vec<String> = expected
            .iter()
            .filter(|(key, want)| actual.get(key.as_str()) != Some(*want))
            .map(|(key, want)| {
                format!(
                    "{key}: want {want}, got {}",
                    actual.get(key.as_str()).unwrap_or(&Value::Null)
                )
            })
            .collect();
        let actual_path = eml.with_extension("actual.json");
        if wrong.is_empty() {
            let _ = std::fs::remove_file(&actual_path);
        } else {
            std::fs::write(
                &actual_path,
                serde_json::to_string_pretty(&actual).expect("json") + "\n",
            )
            .expect("write");
            let name = eml
                .strip_prefix(common::root())
                .unwrap_or(eml)
                .display()
                .to_string();
            failures.push(format!("{name}\n    {}", wrong.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} messages differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

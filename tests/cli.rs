//! The `postbag` binary as an operator runs it, from the repository root
//! with the example configuration on the frozen campaign: output, files, exit codes, and errors
//! that name the field or template at fault without echoing mail content.

mod common;
#[path = "common/run.rs"]
mod run;

use run::postbag;

const SAMPLE: &str = "tests/corpus/shapes/mailto-template-filled-in.eml";

#[test]
fn preview_prints_the_reply_from_the_repository_root() {
    let out = postbag(&["preview", SAMPLE, "--date", "2026-11-23"], &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reply = String::from_utf8(out.stdout).expect("ASCII reply");
    assert!(reply.contains("\r\nAuto-Submitted: auto-replied\r\n"));
    assert!(reply.contains("\r\nTo: \"Jane Smith\" <jane.smith@example.com>\r\n"));
    assert!(reply.contains("filename=\"02-dpo.eml\""));
}

#[test]
fn preview_json_reports_what_was_read() {
    let out = postbag(&["preview", SAMPLE, "--json"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["outcome"], "letters");
    assert_eq!(report["postcode"], "BR8 7RE");
    assert_eq!(report["constituency"]["code"], "E14001465");
    assert_eq!(report["mp"]["email"], "alex.example@example.org");
    assert_eq!(report["letters"].as_array().map(Vec::len), Some(5));
    assert_eq!(report["letters"][1]["to"][0], "england.dpo@nhs.net");
}

#[test]
fn preview_out_writes_the_reply_and_its_attachments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dir_arg = dir.path().to_str().expect("utf-8 path");
    let out = postbag(&["preview", SAMPLE, "--out", dir_arg], &[]);
    assert_eq!(out.status.code(), Some(0));
    for name in [
        "reply.eml",
        "01-mp.eml",
        "02-dpo.eml",
        "03-secretary-of-state.eml",
        "04-committee.eml",
        "05-fdp-team.eml",
        "reminder.ics",
    ] {
        assert!(dir.path().join(name).is_file(), "{name} missing");
    }
    let draft = std::fs::read_to_string(dir.path().join("02-dpo.eml")).expect("draft");
    assert!(draft.starts_with("X-Unsent: 1\r\n"));
}

#[test]
fn a_wrong_config_value_names_the_field_and_exits_78() {
    let out = postbag(
        &["preview", SAMPLE],
        &[("POSTBAG_CAMPAIGN__ADDRESS", "not-an-address")],
    );
    assert_eq!(out.status.code(), Some(78));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("postbag.example.toml: campaign.address: not an email address"),
        "{stderr}"
    );
}

#[test]
fn run_with_an_unreadable_password_file_names_it_and_exits_78_at_once() {
    let state = tempfile::tempdir().expect("tempdir");
    let state_dir = state.path().join("state");
    let out = postbag(
        &["run", "--once"],
        &[
            ("POSTBAG_REPLY_SECRET", "cli-test-secret-0123456789"),
            ("POSTBAG_IMAP__PASSWORD_FILE", "/nonexistent/imap-password"),
            ("POSTBAG_STATE__DIR", state_dir.to_str().expect("utf-8")),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(78), "{stderr}");
    assert!(stderr.contains("imap.password_file"), "{stderr}");
    assert!(stderr.contains("/nonexistent/imap-password"), "{stderr}");
    // Found from the settings alone, before any connection (the example's
    // imap.example.org is never looked up) and before the state folder.
    assert!(!state_dir.exists(), "the state folder is not touched");
}

#[test]
fn a_missing_input_file_exits_66() {
    let out = postbag(&["preview", "no/such/file.eml"], &[]);
    assert_eq!(out.status.code(), Some(66));
}

#[test]
fn a_broken_template_stops_start_up_naming_the_template() {
    for (broken, mistake) in [
        ("{% if %}", "syntax"),
        ("{{ supporter.shoe_size }}", "unknown variable"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&common::frozen_campaign().join("templates"), dir.path());
        let letter = dir.path().join("en/letters/04-committee.txt");
        let text = std::fs::read_to_string(&letter).expect("template");
        std::fs::write(&letter, text.replacen("Dear", &format!("{broken} Dear"), 1))
            .expect("write");
        let templates = dir.path().to_str().expect("utf-8 path");
        let out = postbag(
            &["preview", SAMPLE],
            &[("POSTBAG_CAMPAIGN__TEMPLATES", templates)],
        );
        assert_eq!(out.status.code(), Some(78), "{mistake}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("letters/04-committee.txt"),
            "{mistake}: {stderr}"
        );
        assert!(
            out.stdout.is_empty(),
            "{mistake}: nothing may be printed as a reply"
        );
    }
}

#[test]
fn an_ignored_message_prints_the_reason_and_nothing_from_the_mail() {
    let out = postbag(
        &[
            "preview",
            "tests/corpus/shapes/mailing-list-list-id-header.eml",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no reply: ignored (mailing_list)"),
        "{stderr}"
    );
    let raw = std::fs::read_to_string(
        common::root().join("tests/corpus/shapes/mailing-list-list-id-header.eml"),
    )
    .expect("fixture");
    let sender = raw
        .lines()
        .find_map(|l| l.strip_prefix("From: "))
        .expect("From line");
    let address = sender
        .rsplit('<')
        .next()
        .unwrap_or(sender)
        .trim_end_matches('>');
    assert!(
        !stderr.contains(address),
        "the sender's address reached stderr"
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn a_hand_written_email_without_return_path_is_told_how_to_test() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hand.eml");
    let mail = "From: Jane Smith <jane@example.org>\r\nTo: letters@notwithmynhsdata.org\r\nSubject: letters\r\n\r\nName: Jane Smith\r\nAddress: 1 High Street, Swanley\r\nPostcode: BR8 7RE\r\n";
    std::fs::write(&file, mail).expect("write");
    let path = file.display().to_string();
    let out = postbag(&["preview", &path], &[]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no reply: ignored (bounce)"), "{said}");
    assert!(
        said.contains("no Return-Path header") && said.contains("Return-Path: <"),
        "{said}"
    );
    // With the line it asks for, the same email gets its letters.
    std::fs::write(&file, format!("Return-Path: <jane@example.org>\r\n{mail}")).expect("write");
    let out = postbag(&["preview", &path, "--json"], &[]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["outcome"], "letters");
}

#[test]
fn stats_on_a_state_folder_that_does_not_exist_says_so_and_exits_66() {
    let out = postbag(
        &["stats"],
        &[("POSTBAG_STATE__DIR", "/nonexistent/postbag-state")],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(66), "{said}");
    assert!(
        said.contains("state.dir: /nonexistent/postbag-state does not exist"),
        "{said}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_secret_file_that_is_not_there_stops_run_but_not_stats() {
    // Under the packaged unit, the secrets exist only while the service
    // runs: `stats` by hand must still read the count.
    let state = tempfile::tempdir().expect("tempdir");
    let state_dir = state.path().to_str().expect("utf-8");
    let missing = "/run/credentials/postbag.service/secrets_reply-secret-not-here";
    let password = state.path().join("imap-password");
    std::fs::write(&password, "a password").expect("write");
    let env = [
        ("POSTBAG_REPLY__SECRET_FILE", missing),
        ("POSTBAG_STATE__DIR", state_dir),
        (
            "POSTBAG_IMAP__PASSWORD_FILE",
            password.to_str().expect("utf-8"),
        ),
    ];
    let stats = postbag(&["stats"], &env);
    assert_eq!(
        stats.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&stats.stderr)
    );
    let run = postbag(&["run", "--once"], &env);
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(78), "{said}");
    assert!(
        said.contains("reply.secret_file: cannot read") && said.contains(missing),
        "{said}"
    );
}

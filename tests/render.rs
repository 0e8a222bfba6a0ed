//! The shipped reply as headless Chromium lays it out (`scripts/render
//! measure`), at phone (390 px) and desktop (1280 px) width: every
//! letter's text, recipient and button are there and visible, the jump
//! links lead to each letter, nothing makes the page scroll sideways, and
//! the help reply shows what was read with its reply button. Not a pixel
//! comparison. Needs `scripts/render install` (`scripts/test` runs it).

mod common;

use std::path::Path;
use std::process::Command;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Report {
    width: f64,
    scroll_width: f64,
    text: String,
    links: Vec<Link>,
}

#[derive(Debug, Deserialize)]
struct Link {
    label: String,
    href: String,
    width: f64,
    height: f64,
    right: f64,
}

const WIDTHS: [u32; 2] = [390, 1280];

/// The reply's HTML body.
fn html_of(reply: &postbag::reply::Reply) -> String {
    let formatted = reply.message.formatted();
    let parsed = mail_parser::MessageParser::default()
        .parse(&formatted)
        .expect("reply parses");
    parsed.body_html(0).expect("an HTML body").into_owned()
}

fn measure(html: &str, width: u32) -> Report {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("reply.html");
    std::fs::write(&page, html).expect("write page");
    let script = common::root().join("scripts/render");
    let output = Command::new(&script)
        .arg("measure")
        .arg(&page)
        .arg(width.to_string())
        .output()
        .expect("run scripts/render");
    assert!(
        output.status.success(),
        "scripts/render measure failed (run scripts/render install as root): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("a JSON report")
}

fn assert_visible(link: &Link, report: &Report, what: &str) {
    assert!(
        link.width > 20.0 && link.height > 10.0,
        "{what}: the link has no size at {} px: {link:?}",
        report.width
    );
    assert!(
        link.right <= report.width + 0.5,
        "{what}: the link runs off the page at {} px: {link:?}",
        report.width
    );
}

fn request(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(&common::root()).join(path)).expect("fixture")
}

#[test]
fn every_letter_is_readable_and_sendable_at_phone_and_desktop_width() {
    let engine = common::shipped_engine();
    let processed = common::process(
        &engine,
        &common::table(),
        &request("tests/corpus/shapes/mailto-template-filled-in.eml"),
    );
    let reply = processed.reply.expect("a reply");
    assert_eq!(reply.letters.len(), 5);
    let html = html_of(&reply);
    for width in WIDTHS {
        let report = measure(&html, width);
        assert!(
            report.scroll_width <= report.width,
            "the page scrolls sideways at {width} px ({} wide)",
            report.scroll_width
        );
        for letter in &reply.letters {
            let what = format!("letter {} at {width} px", letter.number);
            // The text as laid out: innerText has the lines the reader sees.
            for needle in [letter.title.as_str(), letter.subject.as_str()] {
                assert!(report.text.contains(needle), "{what}: {needle:?} not shown");
            }
            for line in letter.body.lines().filter(|l| !l.trim().is_empty()) {
                assert!(
                    report.text.contains(line.trim()),
                    "{what}: the line {line:?} is not shown"
                );
            }
            if let Some(address) = letter.to.first() {
                assert!(report.text.contains(address), "{what}: {address} not shown");
                let button = report
                    .links
                    .iter()
                    .find(|l| l.href.starts_with(&format!("mailto:{address}")))
                    .unwrap_or_else(|| panic!("{what}: no button to {address}"));
                assert_eq!(
                    button.label.trim(),
                    format!("Start an email to {}", letter.recipient),
                    "{what}: the button says what it does"
                );
                assert_visible(button, &report, &what);
            } else {
                let note = letter.delivery_note.as_deref().expect("a delivery note");
                assert!(report.text.contains(note), "{what}: how to send it");
            }
            let jump = report
                .links
                .iter()
                .find(|l| l.href == format!("#letter-{}", letter.number))
                .unwrap_or_else(|| panic!("{what}: no jump link"));
            assert_visible(jump, &report, &what);
        }
    }
}

#[test]
fn the_help_reply_shows_what_was_read_and_a_reply_button() {
    let processed = common::process(
        &common::shipped_engine(),
        &common::table(),
        &request("tests/corpus/shapes/address-missing-name-and-postcode-only.eml"),
    );
    let reply = processed.reply.expect("a help reply");
    assert!(reply.letters.is_empty());
    let html = html_of(&reply);
    for width in WIDTHS {
        let report = measure(&html, width);
        assert!(
            report.scroll_width <= report.width,
            "sideways at {width} px"
        );
        for line in ["Name: Yusuf Ali", "Postcode: M4 5JD", "Address:"] {
            assert!(
                report.text.contains(line),
                "{line:?} not shown at {width} px"
            );
        }
        let button = report
            .links
            .iter()
            .find(|l| l.label.trim() == "Reply with my details")
            .expect("the reply button");
        assert!(
            button.href.starts_with("mailto:letters@")
                && button.href.contains("Name%3A%20Yusuf%20Ali"),
            "the button opens a reply with what was read: {}",
            button.href
        );
        assert_visible(button, &report, "help reply");
    }
}

#[test]
fn each_letter_email_of_the_per_letter_layout_holds_its_letter_and_button() {
    let dir = common::shipped_copy_with("layout = \"single\"", "layout = \"per_letter\"");
    let processed = common::process(
        &common::engine_for(dir.path()),
        &common::table(),
        &request("tests/corpus/shapes/mailto-template-filled-in.eml"),
    );
    let reply = processed.reply.expect("a reply");
    assert_eq!(reply.letter_emails.len(), 5);
    let summary = measure(&html_of(&reply), 390);
    for letter in &reply.letters {
        assert!(
            summary.text.contains(&letter.title),
            "the summary lists {}",
            letter.title
        );
    }
    for email in &reply.letter_emails {
        let letter = &email.letters[0];
        let report = measure(&html_of(email), 390);
        let what = format!("letter email {}", letter.number);
        assert!(report.scroll_width <= report.width, "{what}: sideways");
        for line in letter.body.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                report.text.contains(line.trim()),
                "{what}: {line:?} not shown"
            );
        }
        if let Some(address) = letter.to.first() {
            let button = report
                .links
                .iter()
                .find(|l| l.href.starts_with(&format!("mailto:{address}")))
                .unwrap_or_else(|| panic!("{what}: no button"));
            assert_visible(button, &report, &what);
        }
    }
}

#[test]
fn a_welsh_reply_shows_letter_one_in_welsh_and_english_with_a_button_each() {
    let processed = common::process(
        &common::shipped_engine(),
        &common::table(),
        b"Return-Path: <carys@people.test>\r\nFrom: Carys Vaughan <carys@people.test>\r\n\
          To: letters@notwithmynhsdata.org\r\nSubject: Anfon fy llythyrau\r\n\
          Message-ID: <welsh-render@people.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
          Helo, hoffwn anfon y llythyrau os gwelwch yn dda.\r\n\
          Enw: Carys Vaughan\r\nCyfeiriad: 20 Bute Terrace, Caerdydd\r\nCod post: CF10 1EP\r\n\
          Diolch yn fawr\r\n",
    );
    let reply = processed.reply.expect("a reply");
    let letter = &reply.letters[0];
    let english = letter.english.as_deref().expect("an English version");
    let html = html_of(&reply);
    for width in WIDTHS {
        let report = measure(&html, width);
        assert!(
            report.scroll_width <= report.width,
            "sideways at {width} px"
        );
        for version in [letter, english] {
            for line in version.body.lines().filter(|l| !l.trim().is_empty()) {
                assert!(
                    report.text.contains(line.trim()),
                    "{line:?} not shown at {width} px"
                );
            }
        }
        let address = letter.to.first().expect("the MP's address");
        let buttons = report
            .links
            .iter()
            .filter(|l| {
                l.href.starts_with(&format!("mailto:{address}")) && !l.label.contains("Apple")
            })
            .count();
        assert!(buttons >= 2, "a button for each version at {width} px");
    }
}

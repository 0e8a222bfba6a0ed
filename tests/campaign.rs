//! A campaign is its config and templates, not code. The shipped campaign
//! loads and answers in every region and seat state; a sixth letter added
//! to a copy of the frozen campaign is written and attached with no code
//! change (`tests/mail.rs` sees the daemon send and count it).

mod common;

use postbag::campaign::{Recipient, Region};
use postbag::lookup::table::Table;
use postbag::lookup::{Answer, Lookup, MpLookup};
use postbag::pipeline::{Engine, Outcome, Processed};
use postbag::postcode::Postcode;

/// The sample table while Parliament is dissolved: every seat, no MP.
struct Dissolved(Table);

impl MpLookup for Dissolved {
    async fn lookup(&self, postcode: &Postcode) -> Answer {
        let mut answer = self.0.lookup(postcode).await;
        if let Lookup::Found {
            constituency,
            nation,
            ..
        } = answer.lookup
        {
            answer.lookup = Lookup::Dissolved {
                constituency,
                nation,
            };
        }
        answer
    }
}

fn request(name: &str, street: &str, postcode: &str) -> Vec<u8> {
    format!(
        "Return-Path: <supporter@people.test>\r\n\
         From: {name} <supporter@people.test>\r\n\
         To: letters@notwithmynhsdata.org\r\n\
         Subject: Send my letters\r\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n\
         Message-ID: <request@people.test>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         Name: {name}\r\n\
         Address: {street}\r\n\
         Postcode: {postcode}\r\n"
    )
    .into_bytes()
}

fn letter_ids(processed: &Processed) -> Vec<String> {
    match &processed.outcome {
        Outcome::Letters { letters, .. } => letters.clone(),
        other => panic!("letters expected, got {other:?}"),
    }
}

/// The letters the campaign gives a supporter in `region` with or
/// without a seat, read from the campaign, not from the code under test.
fn expected_ids(engine: &Engine, region: Region, has_seat: bool) -> Vec<String> {
    engine
        .config
        .campaign
        .letters
        .iter()
        .filter(|l| has_seat || l.recipient != Recipient::Mp)
        .filter(|l| l.applies_in(region) || l.elsewhere_note.is_some())
        .map(|l| l.id.clone())
        .collect()
}

/// Every letter was written for this supporter and attached as a draft.
fn assert_written_and_attached(processed: &Processed, ids: &[String], name: &str) {
    let reply = processed.reply.as_ref().expect("a reply");
    assert_eq!(reply.letters.len(), ids.len());
    for (letter, id) in reply.letters.iter().zip(ids) {
        assert_eq!(&letter.id, id);
        assert!(letter.body.contains(name), "{id}: the supporter signs it");
        assert!(!letter.subject.is_empty(), "{id}: a subject");
        let draft = format!("{:02}-{id}.eml", letter.number);
        assert!(
            reply.files.iter().any(|f| f.name == draft),
            "{draft} attached"
        );
    }
}

#[test]
fn the_shipped_campaign_answers_in_every_region_and_seat_state() {
    use postbag::nation::Nation::{England, NorthernIreland, Scotland, Wales};
    // Loading renders every template for a sample supporter in every
    // region, seat state and variant; here the whole pipeline runs too.
    let engine = common::shipped_engine();
    let cases = [
        ("BR8 7RE", Region::Nation(England), true, "found"),
        ("PR1 2HE", Region::Nation(England), true, "found"),
        ("WN4 9AA", Region::Nation(England), true, "vacant"),
        ("EH1 1YZ", Region::Nation(Scotland), true, "found"),
        ("CF10 1EP", Region::Nation(Wales), true, "found"),
        ("BT4 3SR", Region::Nation(NorthernIreland), true, "found"),
        ("JE2 4WD", Region::NoSeat, false, "no_seat"),
        ("SA13 1PH", Region::Nation(Wales), true, "dissolved"),
    ];
    for (postcode, region, has_seat, seat) in cases {
        let name = "Robin Sample";
        let raw = request(name, "1 High Street", postcode);
        let processed = if seat == "dissolved" {
            common::process_with(&engine, &Dissolved(common::table()), &raw)
        } else {
            common::process(&engine, &common::table(), &raw)
        };
        let state = processed.lookup.as_ref().map(|l| l.code());
        assert_eq!(state, Some(seat), "{postcode}");
        let ids = letter_ids(&processed);
        assert_eq!(
            ids,
            expected_ids(&engine, region, has_seat),
            "{postcode} ({seat})"
        );
        assert_written_and_attached(&processed, &ids, name);
    }
}

#[test]
fn a_sixth_letter_in_a_copy_of_the_campaign_is_written_and_attached() {
    let dir = tempfile::tempdir().expect("tempdir");
    common::campaign_copy::copy_with_a_sixth_letter(&common::frozen_campaign(), dir.path());
    let engine = common::engine_for(dir.path());
    let name = "Robin Sample";
    let processed = common::process(
        &engine,
        &common::table(),
        &request(name, "12 Acacia Avenue, Swanley", "BR8 7RE"),
    );
    let ids = letter_ids(&processed);
    assert_eq!(ids.len(), 6);
    assert_eq!(ids[5], common::campaign_copy::SIXTH_ID);
    assert_written_and_attached(&processed, &ids, name);
    let reply = processed.reply.as_ref().expect("a reply");
    let sixth = &reply.letters[5];
    assert_eq!(sixth.to, ["leader@council.example"]);
    assert!(sixth.body.contains("23 November 2026"), "the date filter");
    assert!(sixth.body.contains("Dear Leader of the Council,"));
    let message = String::from_utf8(reply.message.formatted()).expect("ASCII");
    assert!(message.contains("Letter to the leader of your council"));
}

/// The shipped reply as a supporter reads it: the text body, then each
/// draft's recipients and subject, and the reminder's date.
fn shipped_reply_text(processed: &Processed) -> String {
    let reply = processed.reply.as_ref().expect("a reply");
    let formatted = reply.message.formatted();
    let parsed = mail_parser::MessageParser::default()
        .parse(&formatted)
        .expect("reply parses");
    let mut out = parsed.body_text(0).expect("text body").into_owned();
    for file in &reply.files {
        out.push_str(&format!("\n----- {} -----\n", file.name));
        if file.name.ends_with(".eml") {
            let draft = mail_parser::MessageParser::default()
                .parse(file.bytes.as_slice())
                .expect("draft parses");
            for name in ["X-Unsent", "To", "Cc", "Subject"] {
                if let Some(value) = draft.header_raw(name) {
                    out.push_str(&format!("{name}: {}\n", value.trim()));
                }
            }
        } else {
            let text = String::from_utf8_lossy(&file.bytes);
            for line in text.lines().filter(|l| l.starts_with("DTSTART")) {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn snapshots_of_the_shipped_letters_in_each_nation_and_seat_state() {
    // The shipped wording, pinned with a fixed clock (23 November 2026),
    // so a change to a letter is reviewed as a diff (`cargo insta review`).
    let engine = common::shipped_engine();
    let cases = [
        ("england", "BR8 7RE", "12 Acacia Avenue, Swanley"),
        (
            "england-vacant-seat",
            "WN4 9AA",
            "3 Bank Street, Ashton-in-Makerfield",
        ),
        ("scotland", "EH1 1YZ", "9 Castle Wynd, Edinburgh"),
        ("wales", "CF10 1EP", "20 Bute Terrace, Cardiff"),
        ("northern-ireland", "BT4 3SR", "4 Station Road, Belfast"),
        ("jersey", "JE2 4WD", "7 La Rue, St Helier"),
        ("bfpo", "BFPO 105", "Unit 4"),
        ("wales-dissolved", "SA13 1PH", "2 Talbot Road, Port Talbot"),
    ];
    for (case, postcode, street) in cases {
        let raw = request("Robin Sample", street, postcode);
        let processed = if case.ends_with("dissolved") {
            common::process_with(&engine, &Dissolved(common::table()), &raw)
        } else {
            common::process(&engine, &common::table(), &raw)
        };
        let text = shipped_reply_text(&processed);
        insta::assert_snapshot!(format!("shipped-{case}"), text);
    }
}

#[test]
fn snapshot_of_the_shipped_per_letter_layout() {
    // The shipped campaign with `layout = "per_letter"`: the summary, then
    // each letter's email (its headers, text and draft's name).
    let dir = common::shipped_copy_with("layout = \"single\"", "layout = \"per_letter\"");
    let engine = common::engine_for(dir.path());
    let processed = common::process(
        &engine,
        &common::table(),
        &request("Robin Sample", "12 Acacia Avenue, Swanley", "BR8 7RE"),
    );
    let reply = processed.reply.as_ref().expect("a reply");
    assert_eq!(reply.emails(), 6);
    let mut text = shipped_reply_text(&processed);
    for email in &reply.letter_emails {
        let formatted = email.message.formatted();
        let parsed = mail_parser::MessageParser::default()
            .parse(&formatted)
            .expect("letter email parses");
        text.push_str("\n===== letter email =====\n");
        for name in ["Subject", "Message-ID", "In-Reply-To", "Auto-Submitted"] {
            if let Some(value) = parsed.header_raw(name) {
                text.push_str(&format!("{name}: {}\n", value.trim()));
            }
        }
        text.push_str(&parsed.body_text(0).expect("text body"));
        for file in &email.files {
            text.push_str(&format!("\n[attached: {}]\n", file.name));
        }
    }
    insta::assert_snapshot!("shipped-per-letter-england", text);
}

/// A request written in Welsh, from Cardiff.
fn welsh_request(address_line: &str) -> Vec<u8> {
    format!(
        "Return-Path: <carys@people.test>\r\n\
         From: Carys Vaughan <carys@people.test>\r\n\
         To: letters@notwithmynhsdata.org\r\n\
         Subject: Anfon fy llythyrau\r\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n\
         Message-ID: <welsh-request@people.test>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         Helo,\r\n\r\nHoffwn anfon y llythyrau, os gwelwch yn dda.\r\n\r\n\
         Enw: Carys Vaughan\r\n\
         {address_line}\
         Cod post: CF10 1EP\r\n\r\nDiolch yn fawr,\r\nCarys\r\n"
    )
    .into_bytes()
}

#[test]
fn a_supporter_who_writes_in_welsh_is_answered_in_welsh() {
    let engine = common::shipped_engine();
    let processed = common::process(
        &engine,
        &common::table(),
        &welsh_request("Cyfeiriad: 20 Bute Terrace, Caerdydd\r\n"),
    );
    let reply = processed.reply.as_ref().expect("a reply");
    // Letter 1 in Welsh with its English version; the others in English.
    assert_eq!(reply.letters[0].language, "cy");
    let english = reply.letters[0]
        .english
        .as_deref()
        .expect("letter 1 in English too");
    assert_eq!(english.language, "en");
    assert!(
        english.body.contains("Dear "),
        "the English version is English"
    );
    assert!(
        reply.letters[1..]
            .iter()
            .all(|l| l.language == "en" && l.english.is_none())
    );
    let drafts: Vec<&str> = reply.files.iter().map(|f| f.name.as_str()).collect();
    assert!(
        drafts.contains(&"01-mp.eml") && drafts.contains(&"01-mp-en.eml"),
        "{drafts:?}"
    );
    insta::assert_snapshot!("shipped-welsh", shipped_reply_text(&processed));

    // Missing their address: the help reply is Welsh too, its form Welsh.
    let help = common::process(&engine, &common::table(), &welsh_request(""));
    let text = shipped_reply_text(&help);
    assert!(text.contains("Cyfeiriad:"), "{text}");
    insta::assert_snapshot!("shipped-welsh-help", text);

    // A Welsh address in an English mail stays English.
    let english_mail = request("Carys Vaughan", "Tŷ Gwyn, Heol y Bont, Llanrug", "CF10 1EP");
    let processed = common::process(&engine, &common::table(), &english_mail);
    let reply = processed.reply.as_ref().expect("a reply");
    assert!(reply.letters.iter().all(|l| l.language == "en"));
    assert!(shipped_reply_text(&processed).starts_with("Dear Carys Vaughan,"));
}

#[test]
fn only_a_supporter_writing_from_apple_mail_gets_the_whole_letter_links() {
    // Apple Mail and iOS Mail open a mailto: link of any length; Chrome and
    // Edge on Windows drop one over 2,046 characters without a word. So the
    // whole-letter button goes only to those who wrote from Apple Mail.
    let engine = common::shipped_engine();
    let html = |fixture: &str| {
        let raw =
            std::fs::read(common::root().join("tests/corpus").join(fixture)).expect("fixture");
        let processed = common::process(&engine, &common::table(), &raw);
        let reply = processed.reply.expect("a reply");
        assert!(!reply.letters.is_empty(), "{fixture}: letters");
        let formatted = reply.message.formatted();
        let parsed = mail_parser::MessageParser::default()
            .parse(&formatted)
            .expect("parses");
        parsed.body_html(0).expect("html").into_owned()
    };
    for apple in [
        "clients/ios-mail-emoji-qp-double-space-postcode.eml",
        "clients/apple-mail-macos-plain-text-only.eml",
    ] {
        let html = html(apple);
        assert!(
            html.contains("Open the whole letter in Apple Mail"),
            "{apple}"
        );
        assert!(html.contains("On an iPhone, iPad or Mac"), "{apple}");
    }
    let other = html("shapes/mailto-template-filled-in.eml");
    assert!(!other.contains("Apple Mail"), "no Apple button for others");
    assert!(other.contains("Start an email to"));
}

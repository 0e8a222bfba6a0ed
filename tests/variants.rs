//! The blind sets, rewritten the ways clients and people rewrite mail.
//!
//! A blind set measures the shapes its writers thought of. This measures
//! something they did not choose: whether a mail the extractor reads right
//! stays right when the same words reach it in another form. Each blind
//! mail is decoded, its text rebuilt as a new message in one of the forms
//! below, and read again; the answer must not change. No expectation is
//! written here: each variant's answer is its blind mail's, with the case
//! or punctuation the variant itself removed ignored in the comparison.
//!
//! - `plain`: the decoded text as UTF-8 plain text (the baseline; a mail
//!   read wrong here is left out of the others);
//! - `lower`: all in lower case, as a phone with caps off writes;
//! - `wrapped`: every line over 60 characters hard-wrapped, as older
//!   clients and list software do;
//! - `flowed`: the same wrap as `format=flowed` soft breaks (RFC 3676);
//! - `html`: HTML-only, a `<div>` per line, as webmail composes;
//! - `unpunctuated`: no commas or full stops in what the person typed, as
//!   people typing fast (lines their client wrote, such as a forward's
//!   header or a quote, stay as the client wrote them);
//! - `quoted`: a quoted earlier message with another person's details
//!   below the text, as a reply carries.
//!
//! `cargo test --release --test variants -- --nocapture` prints each form's
//! figures and misses; the test fails when a form reads fewer mails than
//! its floor, last measured. With `VARIANT_DUMP=dir` set, each rebuilt
//! mail is also written to `dir/<form>/`, to read a miss as the extractor
//! saw it.

mod common;

use std::path::Path;

use serde_json::Value;

use postbag::extract::{self, Extraction};

/// The forms and the fewest mails each must still read right.
const FORMS: &[(&str, usize)] = &[
    ("plain", 19927),
    ("lower", 19590),
    ("wrapped", 19261),
    ("flowed", 19413),
    ("html", 19913),
    ("unpunctuated", 18252),
    ("quoted", 19917),
];

/// The headers kept from the blind mail; the rest describe its old body.
const KEPT: &[&str] = &[
    "return-path",
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "x-mailer",
    "user-agent",
];

/// The kept header lines of `raw`, folded lines joined.
fn kept_headers(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw).replace("\r\n", "\n");
    let head = text.split("\n\n").next().unwrap_or_default();
    let mut fields: Vec<String> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = fields.last_mut() {
                last.push_str(line);
            }
        } else {
            fields.push(line.to_owned());
        }
    }
    fields
        .into_iter()
        .filter(|f| {
            let name = f.split(':').next().unwrap_or_default().to_ascii_lowercase();
            KEPT.contains(&name.trim())
        })
        .map(|f| f + "\n")
        .collect()
}

/// Break `line` at spaces so no piece is over `width`; each piece but the
/// last ends in `tail` (a space for format=flowed, nothing for a hard wrap).
fn wrap(line: &str, width: usize, tail: &str) -> String {
    if line.chars().count() <= width || line.starts_with('>') {
        return line.to_owned();
    }
    let mut out = String::new();
    let mut current = String::new();
    for word in line.split(' ') {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            out.push_str(current.trim_end());
            out.push_str(tail);
            out.push('\n');
            current.clear();
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push_str(&current);
    out
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A line the mail client wrote, not the person: quoted text, a quote's
/// attribution, a forwarded message's header. Someone who types without
/// punctuation still sends these as their client made them.
fn written_by_client(line: &str) -> bool {
    let line = line.trim();
    let header = ["From:", "Sent:", "Date:", "To:", "Cc:", "Subject:"]
        .iter()
        .any(|h| line.starts_with(h));
    line.starts_with('>')
        || header
        || line.ends_with("wrote:")
        || line.contains("Forwarded message")
        || line.contains("Original Message")
}

/// The blind mail rebuilt in `form`, or `None` when the form does not
/// apply (nothing for it to change).
fn rebuild(raw: &[u8], body: &str, form: &str) -> Option<Vec<u8>> {
    let headers = kept_headers(raw);
    let plain = |text: &str, extra: &str| {
        format!(
            "{headers}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8{extra}\nContent-Transfer-Encoding: 8bit\n\n{text}\n"
        )
    };
    let wrapped = |tail: &str| {
        body.lines()
            .map(|l| wrap(l, 60, tail))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let text = match form {
        "plain" => plain(body, ""),
        "lower" => plain(&body.to_lowercase(), ""),
        "wrapped" => {
            let text = wrapped("");
            if text == body {
                return None;
            }
            plain(&text, "")
        }
        "flowed" => {
            let text = wrapped(" ");
            if text == body {
                return None;
            }
            plain(&text, "; format=flowed")
        }
        "html" => {
            let divs: String = body
                .lines()
                .map(|l| {
                    if l.trim().is_empty() {
                        "<div><br></div>\n".to_owned()
                    } else {
                        format!("<div>{}</div>\n", escape_html(l))
                    }
                })
                .collect();
            format!(
                "{headers}MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n<html><body>\n{divs}</body></html>\n"
            )
        }
        "unpunctuated" => {
            let text = body
                .split('\n')
                .map(|l| {
                    if written_by_client(l) {
                        l.to_owned()
                    } else {
                        l.replace([',', '.'], "")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            if text == body {
                return None;
            }
            plain(&text, "")
        }
        "quoted" => plain(
            &format!(
                "{body}\n\nOn Mon, 30 Nov 2026 at 09:12, Pat Example <pat@example.org> wrote:\n> Hi, here are my details for the letters.\n>\n> Name: Pat Example\n> Address: 14 Quarry Road, Exampleton\n> Postcode: ZE2 9QN\n"
            ),
            "",
        ),
        _ => unreachable!("unknown form {form}"),
    };
    Some(text.into_bytes())
}

/// What is compared: name, address, postcode, with case ignored for
/// `lower` and commas and full stops ignored for `unpunctuated`.
fn answer(e: &Extraction, form: &str) -> [Option<String>; 3] {
    let address = (!e.address.is_empty()).then(|| e.address.join(", "));
    normalise(
        [
            e.name.clone(),
            address,
            e.postcode().map(|p| p.as_str().to_owned()),
        ],
        form,
    )
}

fn normalise(answer: [Option<String>; 3], form: &str) -> [Option<String>; 3] {
    answer.map(|field| {
        field.map(|v| {
            let v = match form {
                "lower" => v.to_lowercase(),
                "unpunctuated" => v.replace([',', '.'], ""),
                _ => v,
            };
            v.split_whitespace().collect::<Vec<_>>().join(" ")
        })
    })
}

fn expected(want: &Value, form: &str) -> [Option<String>; 3] {
    let field = |k: &str| want[k].as_str().map(str::to_owned);
    normalise([field("name"), field("address"), field("postcode")], form)
}

fn read(raw: &[u8]) -> Option<Extraction> {
    let inbound = postbag::inbound::read(raw, 10 << 20).ok()?;
    Some(extract::extract(&inbound))
}

#[derive(Default)]
struct Tally {
    tried: usize,
    right: usize,
    misses: Vec<String>,
}

#[test]
fn the_blind_sets_read_the_same_in_every_form() {
    let tests = common::root().join("tests");
    let mut dirs: Vec<_> = std::fs::read_dir(&tests)
        .expect("tests")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("blind"))
                && p.is_dir()
        })
        .collect();
    dirs.sort();
    let mut tallies: Vec<Tally> = FORMS.iter().map(|_| Tally::default()).collect();
    let mut mails = 0;
    for dir in &dirs {
        for eml in common::eml_files(dir) {
            let raw = std::fs::read(&eml).expect("read");
            let want: Value = serde_json::from_str(
                &std::fs::read_to_string(eml.with_extension("json")).expect("json"),
            )
            .expect("json");
            let Some(body) = postbag::inbound::read(&raw, 10 << 20).ok().map(|i| i.body) else {
                continue;
            };
            mails += 1;
            let label = label(dir, &eml);
            for ((form, _), tally) in FORMS.iter().zip(&mut tallies) {
                let Some(variant) = rebuild(&raw, &body, form) else {
                    continue;
                };
                if let Ok(dump) = std::env::var("VARIANT_DUMP") {
                    let to = Path::new(&dump).join(form).join(label.replace('/', "__"));
                    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                    std::fs::write(to, &variant).unwrap();
                }
                let got = read(&variant).map(|e| answer(&e, form));
                let want = expected(&want, form);
                tally.tried += 1;
                if got.as_ref() == Some(&want) {
                    tally.right += 1;
                } else {
                    tally
                        .misses
                        .push(format!("{label}: want {want:?}, got {got:?}"));
                }
                if *form == "plain" && got.as_ref() != Some(&want) {
                    break;
                }
            }
        }
    }
    println!("{mails} blind mails; each form counts those read right in plain text");
    let mut short = Vec::new();
    for ((form, floor), tally) in FORMS.iter().zip(&tallies) {
        println!("{form:<13} {} of {}", tally.right, tally.tried);
        for miss in &tally.misses {
            println!("  MISS {form} {miss}");
        }
        if tally.right < *floor {
            short.push(format!("{form}: {} < {floor}", tally.right));
        }
    }
    assert!(short.is_empty(), "below the floor: {short:?}");
}

fn label(dir: &Path, eml: &Path) -> String {
    format!(
        "{}/{}",
        dir.file_name().unwrap_or_default().to_string_lossy(),
        eml.file_name().unwrap_or_default().to_string_lossy()
    )
}

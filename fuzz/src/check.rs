//! The fuzzing check: run postbag's whole pipeline (parse → screen →
//! extract → table lookup → letters → reply) on one input and test what
//! came out. Shared, as this one file, by the fuzz target
//! (`fuzz/fuzz_targets/pipeline.rs`) and by `tests/fuzz_regressions.rs`, so
//! a crash the fuzzer found fails `cargo test` for the same reason. Uses
//! only postbag's public API.
//!
//! The rules, for every input:
//!
//! 1. No panic. With [`install_panic_hook`], every panic counts, even one a
//!    `catch_unwind` in postbag hides (the pipeline's `internal_error`),
//!    and goes on to the previous hook: the fuzzer's prints and aborts.
//!    The one exception is a panic inside mail-parser, which postbag
//!    catches at the source (`inbound::read`): mail-parser 0.11.9 panics on
//!    some malformed MIME (`tests/fuzz/regressions/mail-parser-*`), and
//!    such a message must then be set aside as `review`, `unreadable`.
//! 2. A reply exists exactly for the outcomes `letters` and `help`.
//! 3. For every reply, on its wire bytes (`Message::formatted`), and on the
//!    head of every draft it attaches: the head ends in an empty line;
//!    every CR is followed by LF and every LF preceded by CR; only
//!    printable ASCII, space and tab; no line over 998 bytes; the first
//!    line is a field, continuation lines start with space or tab and are
//!    not blank; field names are printable ASCII without `:`; only the
//!    fields postbag writes, the ones every message needs exactly once.
//! 4. Exactly one recipient, the sender postbag read (`inbound::read`): the
//!    envelope and the `To` field each hold that one address, and there is
//!    no `Cc` or `Bcc`. A draft's `To` and `Cc` hold only the addresses of
//!    its letter (configuration and lookup, never the input).
//! 5. No template syntax from the input is evaluated:
//!    - the canary: the target sets `POSTBAG_FUZZ_CANARY` to a random
//!      token, which Tera's `get_env` could read; the token must not occur
//!      in any decoded part of a reply (bodies, drafts, the letters) unless
//!      the input itself holds it;
//!    - verbatim: the name and address lines the pipeline extracted are the
//!      values the templates received, so each must come out unchanged:
//!      every letter has the name and each address line as whole lines,
//!      the text body has the name and the address line, the HTML body has
//!      them HTML-escaped as Tera escapes. A `{{ 7*7 }}` evaluated to `49`,
//!      or `{% raw %}` swallowed, breaks these.

use std::hash::{BuildHasher, Hasher, RandomState};
use std::path::Path;
use std::pin::pin;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};

use mail_parser::{MessageParser, PartType};
use postbag::config::{Config, Secret};
use postbag::inbound::{self, Inbound};
use postbag::letters::Templates;
use postbag::lookup::table::Table;
use postbag::pipeline::{self, Engine, Outcome, Processed, ReviewReason};
use postbag::reply::Reply;

/// The environment variable holding the canary token.
pub(crate) const CANARY_VAR: &str = "POSTBAG_FUZZ_CANARY";

/// Fields of a reply's head, and those of them that must be there once.
const REPLY_FIELDS: [&str; 13] = [
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "content-type",
    "in-reply-to",
    "references",
    "auto-submitted",
    "x-auto-response-suppress",
    "x-loop",
    "content-transfer-encoding",
];
const REPLY_REQUIRED: [&str; 7] = [
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "content-type",
];
/// Fields of a draft letter's head.
const DRAFT_FIELDS: [&str; 7] = [
    "x-unsent",
    "to",
    "cc",
    "subject",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
];
const DRAFT_REQUIRED: [&str; 3] = ["x-unsent", "subject", "content-type"];

/// Panics inside mail-parser so far, and panics anywhere else.
static PARSER_PANICS: AtomicUsize = AtomicUsize::new(0);
static OTHER_PANICS: AtomicUsize = AtomicUsize::new(0);

/// Count every panic. One inside mail-parser is noted once per place and
/// left to unwind to the `catch_unwind` in `inbound::read`; any other goes
/// on to the hook installed before (the fuzzer's aborts).
pub(crate) fn install_panic_hook() {
    static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let Some(at) = info
            .location()
            .filter(|l| l.file().contains("/mail-parser-"))
        else {
            OTHER_PANICS.fetch_add(1, Ordering::SeqCst);
            return previous(info);
        };
        PARSER_PANICS.fetch_add(1, Ordering::SeqCst);
        let at = format!("{}:{}", at.file(), at.line());
        let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
        if !seen.contains(&at) {
            eprintln!("note: mail-parser panicked at {at} (caught by inbound::read)");
            seen.push(at);
        }
    }));
}

/// The pipeline as the fuzzer runs it: the shipped example configuration
/// and templates, the sample lookup table, a fixed reply secret and clock.
pub(crate) struct Harness {
    engine: Engine,
    table: Table,
    now: jiff::Zoned,
    canary: Option<String>,
}

impl Harness {
    /// Load from the repository at `root`, with the canary from the
    /// environment, if set.
    pub(crate) fn new(root: &Path) -> Harness {
        Harness::with_canary(root, std::env::var(CANARY_VAR).ok())
    }

    /// Load from the repository at `root`, looking for `canary`.
    pub(crate) fn with_canary(root: &Path, canary: Option<String>) -> Harness {
        let config =
            Config::load(&root.join("config/postbag.example.toml"), []).expect("example config");
        let templates =
            Templates::load(&config.templates_dir, &config.campaign).expect("templates");
        Harness {
            engine: Engine::new(
                config,
                templates,
                Secret::new(b"fuzz-secret-0123456789".to_vec()),
            ),
            table: Table::load(&root.join("config/sample-lookup.csv")).expect("sample table"),
            // 23 November 2026, 10:30 in London, as the other tests.
            now: jiff::civil::date(2026, 11, 23)
                .at(10, 30, 0, 0)
                .in_tz("Europe/London")
                .expect("valid time"),
            canary: canary.filter(|c| !c.is_empty()),
        }
    }

    /// Run the pipeline on `raw`. The table answers at once, so the future
    /// completes on its first poll and needs no runtime.
    pub(crate) fn process(&self, raw: &[u8]) -> Processed {
        let mut future = pin!(pipeline::process(&self.engine, &self.table, raw, &self.now));
        match future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(processed) => processed,
            Poll::Pending => panic!("the pipeline waited, with a table that never does"),
        }
    }

    /// Run the pipeline on `raw` and check the result.
    ///
    /// # Errors
    /// Every rule broken, one per line.
    pub(crate) fn run(&self, raw: &[u8]) -> Result<Processed, String> {
        let (parser, other) = (
            PARSER_PANICS.load(Ordering::SeqCst),
            OTHER_PANICS.load(Ordering::SeqCst),
        );
        let processed = self.process(raw);
        let mut broken: Vec<String> = self.check(raw, &processed).err().into_iter().collect();
        if OTHER_PANICS.load(Ordering::SeqCst) != other {
            broken.push("a panic, caught inside postbag".to_owned());
        }
        if PARSER_PANICS.load(Ordering::SeqCst) != parser
            && processed.outcome != Outcome::Review(ReviewReason::Unreadable)
        {
            broken.push(format!(
                "mail-parser panicked, and the outcome is {} {:?}, not review unreadable",
                processed.outcome.class(),
                processed.outcome.reason()
            ));
        }
        if broken.is_empty() {
            Ok(processed)
        } else {
            Err(broken.join("\n"))
        }
    }

    /// Check what the pipeline made of `raw` against the rules above.
    ///
    /// # Errors
    /// Every rule broken, one per line.
    pub(crate) fn check(&self, raw: &[u8], processed: &Processed) -> Result<(), String> {
        let mut broken = Vec::new();
        if processed.outcome == Outcome::Review(ReviewReason::Internal) {
            broken.push("a step panicked (caught by the pipeline)".to_owned());
        }
        let answered = matches!(
            processed.outcome,
            Outcome::Letters { .. } | Outcome::Help(_)
        );
        match (&processed.reply, answered) {
            (Some(reply), true) => self.check_reply(raw, processed, reply, &mut broken),
            (None, false) => {}
            (Some(_), false) => broken.push(format!(
                "a reply was built for outcome {}",
                processed.outcome.class()
            )),
            (None, true) => broken.push(format!(
                "no reply for outcome {}",
                processed.outcome.class()
            )),
        }
        if broken.is_empty() {
            Ok(())
        } else {
            Err(broken.join("\n"))
        }
    }

    fn check_reply(
        &self,
        raw: &[u8],
        processed: &Processed,
        reply: &Reply,
        broken: &mut Vec<String>,
    ) {
        let wire = reply.message.formatted();
        match check_head(&wire, &REPLY_FIELDS, &REPLY_REQUIRED) {
            Ok(names) => {
                for field in ["cc", "bcc"] {
                    if names.iter().any(|n| n == field) {
                        broken.push(format!("the reply has a {field} field"));
                    }
                }
            }
            Err(e) => broken.push(format!("reply head: {e}")),
        }

        // The sender, as postbag reads it; the reply must go there only.
        let inbound = inbound::read(raw, self.engine.config.max_message_bytes).ok();
        let Some(sender) = inbound.as_ref().and_then(|i| i.sender.as_ref()) else {
            broken.push("a reply to a message with no sender".to_owned());
            return;
        };
        let envelope = reply.message.envelope();
        let to: Vec<String> = envelope.to().iter().map(ToString::to_string).collect();
        if to != [sender.address.as_str()] {
            broken.push(format!(
                "envelope recipients {to:?}, not the sender {:?}",
                sender.address
            ));
        }
        if envelope.from().map(ToString::to_string).as_deref()
            != Some(self.engine.config.address.as_str())
        {
            broken.push("envelope sender is not the campaign address".to_owned());
        }

        let Some(parsed) = MessageParser::default().parse(&wire) else {
            broken.push("the reply does not parse".to_owned());
            return;
        };
        let to_field: Vec<&str> = parsed
            .to()
            .map(|a| a.iter().filter_map(|a| a.address()).collect())
            .unwrap_or_default();
        if to_field != [sender.address.as_str()] {
            broken.push(format!(
                "To field recipients {to_field:?}, not the sender {:?}",
                sender.address
            ));
        }
        if parsed.cc().is_some() || parsed.bcc().is_some() {
            broken.push("the reply has a Cc or Bcc recipient".to_owned());
        }

        self.check_drafts(reply, broken);

        let text = parsed
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default();
        let html = parsed
            .body_html(0)
            .map(|t| t.into_owned())
            .unwrap_or_default();
        self.check_verbatim(processed, reply, &text, &html, broken);

        if let Some(canary) = &self.canary {
            let mut decoded = Vec::new();
            decoded_texts(&parsed, &mut decoded);
            for letter in drafted(reply) {
                decoded.push(letter.subject.clone());
                decoded.push(letter.body.clone());
            }
            if decoded.iter().any(|t| t.contains(canary.as_str()))
                && !input_holds(raw, inbound.as_ref(), canary)
            {
                broken.push(format!(
                    "the canary ${CANARY_VAR} reached the reply: a template evaluated input"
                ));
            }
        }
    }

    /// Each draft's head, and its recipients: only its letter's.
    fn check_drafts(&self, reply: &Reply, broken: &mut Vec<String>) {
        let letters = drafted(reply);
        let files: Vec<_> = reply
            .files
            .iter()
            .chain(reply.letter_emails.iter().flat_map(|e| &e.files))
            .filter(|f| f.content_type.starts_with("message/rfc822"))
            .collect();
        for (index, (file, letter)) in files.iter().zip(&letters).enumerate() {
            if let Err(e) = check_head(&file.bytes, &DRAFT_FIELDS, &DRAFT_REQUIRED) {
                broken.push(format!("draft {}: head: {e}", index + 1));
                continue;
            }
            let Some(draft) = MessageParser::default().parse(&file.bytes) else {
                broken.push(format!("draft {} does not parse", index + 1));
                continue;
            };
            for (field, address, allowed) in [
                ("To", draft.to(), &letter.to),
                ("Cc", draft.cc(), &letter.cc),
            ] {
                for a in address.iter().flat_map(|a| a.iter()) {
                    let a = a.address().unwrap_or_default();
                    if !allowed.iter().any(|x| x == a) {
                        broken.push(format!(
                            "draft {}: {field} holds {a:?}, not an address of its letter",
                            index + 1
                        ));
                    }
                }
            }
        }
        if files.len() != letters.len() {
            broken.push(format!(
                "{} drafts attached for {} letters",
                files.len(),
                letters.len()
            ));
        }
    }

    /// The extracted name and address lines come out exactly as they went
    /// in: a template that evaluated them would change them.
    fn check_verbatim(
        &self,
        processed: &Processed,
        reply: &Reply,
        text: &str,
        html: &str,
        broken: &mut Vec<String>,
    ) {
        let Some(extraction) = &processed.extraction else {
            broken.push("a reply without an extraction".to_owned());
            return;
        };
        for letter in drafted(reply) {
            let mut wanted: Vec<&str> = extraction.address.iter().map(String::as_str).collect();
            wanted.extend(extraction.name.as_deref());
            for value in wanted {
                if !letter.body.lines().any(|line| line == value) {
                    broken.push(format!(
                        "letter {:?} lacks the line {value:?} verbatim",
                        letter.id
                    ));
                }
            }
        }
        for value in [extraction.name.clone(), extraction.address_line()]
            .into_iter()
            .flatten()
        {
            if !text.contains(&value) {
                broken.push(format!("the text body lacks {value:?} verbatim"));
            }
            if !html.contains(&escape_html(&value)) {
                broken.push(format!("the HTML body lacks {value:?}, escaped, verbatim"));
            }
        }
    }
}

/// Check a message head on the wire and return its field names, lower
/// case, in order.
///
/// # Errors
/// The first rule the head breaks.
pub(crate) fn check_head(
    message: &[u8],
    allowed: &[&str],
    required: &[&str],
) -> Result<Vec<String>, String> {
    let end = message
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no CRLF CRLF ends the head")?;
    let head = &message[..end + 2];
    for (i, &b) in head.iter().enumerate() {
        match b {
            b'\r' if head.get(i + 1) != Some(&b'\n') => {
                return Err(format!("bare CR at byte {i}"));
            }
            b'\n' if i == 0 || head[i - 1] != b'\r' => {
                return Err(format!("bare LF at byte {i}"));
            }
            b'\r' | b'\n' | b'\t' | b' '..=b'~' => {}
            _ => return Err(format!("byte {b:#04x} at byte {i}")),
        }
    }
    let head = std::str::from_utf8(&message[..end]).map_err(|e| e.to_string())?;
    let mut names: Vec<String> = Vec::new();
    for (number, line) in head.split("\r\n").enumerate() {
        if line.len() > 998 {
            return Err(format!("line {} is {} bytes long", number + 1, line.len()));
        }
        if line.starts_with([' ', '\t']) {
            if number == 0 {
                return Err("the head starts with a continuation line".to_owned());
            }
            if line.trim().is_empty() {
                return Err(format!("line {} is only white space", number + 1));
            }
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return Err(format!("line {} is neither a field nor folded", number + 1));
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(format!("line {} has a bad field name", number + 1));
        }
        let name = name.to_ascii_lowercase();
        if !allowed.contains(&name.as_str()) {
            return Err(format!("unexpected field {name:?}"));
        }
        names.push(name);
    }
    for name in allowed {
        let count = names.iter().filter(|n| n == name).count();
        if count > 1 {
            return Err(format!("{count} {name:?} fields"));
        }
        if count == 0 && required.contains(name) {
            return Err(format!("no {name:?} field"));
        }
    }
    Ok(names)
}

/// Every decoded text and attachment in `message` and the messages it
/// carries, as (lossy) text.
fn decoded_texts(message: &mail_parser::Message<'_>, out: &mut Vec<String>) {
    for part in &message.parts {
        match &part.body {
            PartType::Text(t) | PartType::Html(t) => out.push(t.to_string()),
            PartType::Binary(b) | PartType::InlineBinary(b) => {
                out.push(String::from_utf8_lossy(b).into_owned());
            }
            PartType::Message(inner) => decoded_texts(inner, out),
            PartType::Multipart(_) => {}
        }
    }
}

/// Whether the input holds `token`, raw or once decoded.
fn input_holds(raw: &[u8], inbound: Option<&Inbound>, token: &str) -> bool {
    raw.windows(token.len()).any(|w| w == token.as_bytes())
        || inbound.is_some_and(|i| {
            i.subject.contains(token)
                || i.body.contains(token)
                || i.html_alternative
                    .as_deref()
                    .is_some_and(|h| h.contains(token))
                || i.sender
                    .as_ref()
                    .and_then(|s| s.name.as_deref())
                    .is_some_and(|n| n.contains(token))
                || i.attached.iter().any(|a| a.body.contains(token))
        })
}

/// HTML escaping as Tera 1.x autoescape does it (`tera::escape_html`).
fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '/' => out.push_str("&#x2F;"),
            c => out.push(c),
        }
    }
    out
}

/// Every letter written, in the order its draft is attached: each letter,
/// then its version in the campaign's language if it has one.
fn drafted(reply: &Reply) -> Vec<&postbag::reply::DraftLetter> {
    reply
        .letters
        .iter()
        .flat_map(|l| std::iter::once(l).chain(l.english.as_deref()))
        .collect()
}

/// A random token for the canary: letters and digits only, so no encoding
/// on the way (quoted-printable, HTML escaping) changes it.
pub(crate) fn fresh_canary() -> String {
    let mut token = String::from("pbcanary");
    for _ in 0..2 {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u32(std::process::id());
        token.push_str(&format!("{:016x}", hasher.finish()));
    }
    token
}

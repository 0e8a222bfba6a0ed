//! The privacy scan (issue 6, item 7): after 1,000 requests through a real
//! Postfix and Dovecot and `postbag run`, none of the supporters' names,
//! streets, towns, postcodes, email addresses, subject lines or
//! Message-IDs is anywhere postbag writes or leaves: its state folder, its
//! log at every level, and every folder of the campaign account.
//!
//! The run: 1,000 emails, each person with their own name, street, town,
//! postcode (half from the sample table, so they get letters; half
//! valid-format postcodes the table lacks, so they get help replies),
//! address, subject and Message-ID; plain, quoted-printable and base64
//! bodies, RFC 2047 names and subjects. Among them auto-replies and list
//! mail (no reply, deleted) and five senders writing four times (the
//! fourth over the cap, deleted). The first half is answered with
//! `POSTBAG_LOG=trace` (postbag at trace, other crates at warn), the
//! second with `POSTBAG_LOG=trace,postbag=trace` (every crate at trace).
//!
//! Mail that rightly stays, 20 requests whose replies the relay refuses
//! (so they go to Review), uses data of its own, kept out of the search
//! and checked to be in Review, so "0 found" means gone, not missed. The
//! search is shown to work by finding every needle in the mail as sent.
//!
//! Dovecot's own index and cache files are reported, not asserted: they
//! are Dovecot's, not postbag's (see the printed figures).

#[path = "common/http_get.rs"]
mod http_get;
#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/proof.rs"]
mod proof;
#[path = "common/scan.rs"]
mod scan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use http_get::{free_port, http_get};
use mailstack::{Daemon, Stack, stats, wait_until};
use proof::{Replies, maildir_files};
use scan::{Needle, Scanner, base64, by_kind, files_under, qp, size};

const WAIT: Duration = Duration::from_secs(300);

/// First names with their ASCII form for the address.
const FIRST: [(&str, &str); 20] = [
    ("Margaret", "margaret"),
    ("Siân", "sian"),
    ("Zoë", "zoe"),
    ("Ciarán", "ciaran"),
    ("Anaïs", "anais"),
    ("Łukasz", "lukasz"),
    ("Oluwaseun", "oluwaseun"),
    ("Priya", "priya"),
    ("Hamish", "hamish"),
    ("Bronwen", "bronwen"),
    ("Tomasz", "tomasz"),
    ("Aoife", "aoife"),
    ("Gareth", "gareth"),
    ("Fatima", "fatima"),
    ("Declan", "declan"),
    ("Imogen", "imogen"),
    ("Rhys", "rhys"),
    ("Niamh", "niamh"),
    ("Kwame", "kwame"),
    ("Eleanor", "eleanor"),
];
const SURNAME_START: [&str; 20] = [
    "Brin", "Corv", "Dalt", "Fenw", "Gorr", "Halv", "Jask", "Kelv", "Lorr", "Mosk", "Norv", "Pell",
    "Quen", "Rost", "Selb", "Torv", "Veld", "Wexl", "Yarr", "Zand",
];
/// The Review set's surnames start differently, so no needle is in them.
const REVIEW_SURNAME_START: [&str; 4] = ["Ulvr", "Ixor", "Oswy", "Ephr"];
const SURNAME_MIDDLE: [&str; 10] = [
    "idle", "avas", "etro", "imek", "osar", "elin", "abow", "igat", "orix", "upen",
];
const SURNAME_END: [&str; 10] = [
    "worth", "sby", "stone", "field", "ham", "wick", "ridge", "more", "dale", "croft",
];
const STREET_START: [&str; 10] = [
    "Ash", "Bram", "Clover", "Dun", "Elder", "Foxg", "Glen", "Heath", "Ivy", "Juniper",
];
const REVIEW_STREET_START: [&str; 2] = ["Xanthe", "Wyvern"];
const STREET_END: [&str; 10] = [
    "gate", "mere", "holt", "wyn", "ley", "combe", "thorpe", "stead", "wold", "hurst",
];
const STREET_KIND: [&str; 10] = [
    "Road", "Lane", "Close", "Street", "Avenue", "Crescent", "Way", "Gardens", "Terrace", "Row",
];
const TOWN_START: [&str; 10] = [
    "Tinw", "Wolk", "Harv", "Kedd", "Pimb", "Rosk", "Belv", "Calm", "Dorv", "Falk",
];
const REVIEW_TOWN_START: [&str; 2] = ["Yelv", "Ostr"];
const TOWN_END: [&str; 5] = ["bury", "ford", "caster", "minster", "chester"];
/// Postcodes in the sample table (seven characters or more), for letters.
const TABLE_POSTCODES: [&str; 12] = [
    "BR8 7RE", "SE1 2DL", "LS6 2AB", "EH1 1YZ", "TN13 1HX", "OX4 1AB", "AB10 1AB", "CF10 1EP",
    "SA13 1PH", "BT4 3SR", "M11 1AA", "SE16 3TZ",
];
/// Postcode areas the sample table lacks, for valid postcodes it does not
/// know (they get a help reply).
const AREAS: [&str; 25] = [
    "BA", "BB", "BD", "BH", "BL", "BN", "BS", "CA", "CB", "CH", "CM", "CO", "CT", "CV", "CW", "DA",
    "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "EN",
];
/// Letters allowed in an inward code.
const INWARD: &[u8; 20] = b"ABDEFGHJLNPQRSTUWXYZ";
const PHRASES: [&str; 6] = [
    "Please send my letters",
    "Not with my NHS data – letters please",
    "Objection letters",
    "Sign me up",
    "Letters for my MP",
    "I want to object",
];

/// One supporter's details.
#[derive(Clone, Debug)]
struct Person {
    first: &'static str,
    surname: String,
    street_name: String,
    street: String,
    town: String,
    postcode: String,
    address: String,
}

fn person(i: usize, review: bool) -> Person {
    let (first, ascii) = FIRST[i % FIRST.len()];
    let start = if review {
        REVIEW_SURNAME_START[i % REVIEW_SURNAME_START.len()]
    } else {
        SURNAME_START[i % 20]
    };
    let surname = format!(
        "{start}{}{}",
        SURNAME_MIDDLE[(i / 20) % 10],
        SURNAME_END[(i / 200) % 10]
    );
    let street_start = if review {
        REVIEW_STREET_START[i % 2]
    } else {
        STREET_START[i % 10]
    };
    let street_name = format!(
        "{street_start}{} {}",
        STREET_END[(i / 10) % 10],
        STREET_KIND[(i / 100) % 10]
    );
    let street = format!("{} {street_name}", 1 + i % 97);
    let town_start = if review {
        REVIEW_TOWN_START[i % 2]
    } else {
        TOWN_START[i % 10]
    };
    let town = format!("{town_start}{}", TOWN_END[(i / 10) % 5]);
    let inward = |i: usize| {
        format!(
            "{}{}{}",
            i % 10,
            char::from(INWARD[(i / 3) % 20]),
            char::from(INWARD[(i / 7) % 20])
        )
    };
    let postcode = if review {
        format!("ZE{} {}", 1 + i % 3, inward(i))
    } else if i.is_multiple_of(2) {
        TABLE_POSTCODES[(i / 2) % TABLE_POSTCODES.len()].to_owned()
    } else {
        format!("{}{} {}", AREAS[i % 25], 10 + (i / 25) % 90, inward(i))
    };
    let prefix = if review { "refused-" } else { "" };
    let address = format!("{prefix}{ascii}.{}@people.test", surname.to_lowercase());
    Person {
        first,
        surname,
        street_name,
        street,
        town,
        postcode,
        address,
    }
}

/// What kind of mail a request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A request: letters or a help reply.
    Request,
    /// An out-of-office reply quoting the details: no reply, deleted.
    AutoReply,
    /// Mail from a list: no reply, deleted.
    List,
}

/// One email as sent, and the exact encoded forms written into it.
struct Mail {
    from: String,
    raw: Vec<u8>,
    subject: String,
    message_id: String,
    encoded: Vec<String>,
    half: usize,
}

/// An RFC 2047 encoded word (Q for even `n`, B for odd), if `text` needs one.
fn encode_word(text: &str, n: usize) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    Some(if n.is_multiple_of(2) {
        let q = qp(text.as_bytes(), b"_");
        let q = String::from_utf8(q).expect("ASCII").replace('?', "=3F");
        format!("=?UTF-8?Q?{q}?=")
    } else {
        format!("=?UTF-8?B?{}?=", base64(text.as_bytes()))
    })
}

/// A body quoted-printable, lines soft-wrapped at 76 characters.
fn qp_body(body: &str) -> String {
    let mut out = String::new();
    for line in body.split("\r\n") {
        let encoded = String::from_utf8(qp(line.as_bytes(), b" ")).expect("ASCII");
        let mut width = 0;
        let mut chars = encoded.chars().peekable();
        while let Some(c) = chars.next() {
            let step = if c == '=' { 3 } else { 1 };
            if width + step > 75 {
                out.push_str("=\r\n");
                width = 0;
            }
            out.push(c);
            width += 1;
            if c == '=' {
                out.extend(chars.next());
                out.extend(chars.next());
                width += 2;
            }
        }
        out.push_str("\r\n");
    }
    out
}

fn email(p: &Person, n: usize, kind: Kind, half: usize) -> Mail {
    let subject = format!(
        "{} – {} {} (ref K7Q{n:04})",
        PHRASES[n % PHRASES.len()],
        p.first,
        p.surname
    );
    let subject = match kind {
        Kind::AutoReply => format!("Automatic reply: {subject}"),
        _ => subject,
    };
    let message_id = format!(
        "{:08x}.{n:04}.mid@mx{}.people.test",
        (n as u32).wrapping_mul(2_654_435_761),
        n % 7
    );
    let name = format!("{} {}", p.first, p.surname);
    let mut encoded = Vec::new();
    let from_name = encode_word(&name, n).inspect(|w| encoded.push(w.clone()));
    let subject_header = encode_word(&subject, n + 1).inspect(|w| encoded.push(w.clone()));
    let body = format!(
        "Dear campaign,\r\n\r\nPlease send me the letters.\r\n\r\n\
         Name: {name}\r\nAddress: {}, {}\r\nPostcode: {}\r\n\r\nThanks,\r\n{}\r\n",
        p.street, p.town, p.postcode, p.first
    );
    let body = match kind {
        Kind::AutoReply => format!(
            "I am away until Monday.\r\n\r\n> {}",
            body.replace("\r\n", "\r\n> ")
        ),
        _ => body,
    };
    let (encoding, body) = match n % 3 {
        0 => ("8bit", body),
        1 => {
            let body = qp_body(&body);
            encoded.extend(body.lines().filter(|l| l.contains('=')).map(str::to_owned));
            ("quoted-printable", body)
        }
        _ => {
            let b = base64(body.as_bytes());
            let lines: Vec<String> = b
                .as_bytes()
                .chunks(76)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            encoded.extend(lines.iter().cloned());
            ("base64", lines.join("\r\n") + "\r\n")
        }
    };
    let extra = match kind {
        Kind::Request => String::new(),
        Kind::AutoReply => "Auto-Submitted: auto-replied\r\n".to_owned(),
        Kind::List => "List-Id: Campaign news <news.lists.people.test>\r\n".to_owned(),
    };
    let raw = format!(
        "From: {} <{}>\r\n\
         To: letters@campaign.test\r\n\
         Subject: {}\r\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n\
         Message-ID: <{message_id}>\r\n\
         {extra}MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: {encoding}\r\n\
         \r\n\
         {body}",
        from_name.unwrap_or_else(|| name.clone()),
        p.address,
        subject_header.unwrap_or_else(|| subject.clone()),
    );
    Mail {
        from: p.address.clone(),
        raw: raw.into_bytes(),
        subject,
        message_id,
        encoded,
        half,
    }
}

/// Everything a person's mail may reveal of them, as needles.
fn person_needles(p: &Person) -> Vec<Needle> {
    let n = |kind: &'static str, text: &str| Needle {
        kind,
        text: text.as_bytes().to_vec(),
    };
    vec![
        n("name", &format!("{} {}", p.first, p.surname)),
        n("surname", &p.surname),
        n("street", &p.street),
        n("street name", &p.street_name),
        n("town", &p.town),
        n("postcode", &p.postcode),
        n("postcode (no space)", &p.postcode.replace(' ', "")),
        n("email address", &p.address),
    ]
}

fn mail_needles(m: &Mail) -> Vec<Needle> {
    let mut needles = vec![
        Needle {
            kind: "subject",
            text: m.subject.as_bytes().to_vec(),
        },
        Needle {
            kind: "Message-ID",
            text: m.message_id.as_bytes().to_vec(),
        },
    ];
    needles.extend(m.encoded.iter().map(|e| Needle {
        kind: "encoded form",
        text: e.as_bytes().to_vec(),
    }));
    needles
}

/// The run's mail: 1,000 to search for, and 20 for Review.
struct Corpus {
    mail: Vec<Mail>,
    review: Vec<Mail>,
    needles: Vec<Needle>,
    /// Replies due in each half (help or letters).
    replies: [usize; 2],
    /// Requests only postbag's cap stops (deleted as rate_limited).
    capped: usize,
}

fn corpus() -> Corpus {
    let mut mail = Vec::new();
    let mut needles = Vec::new();
    let mut replies = [0, 0];
    // 900 requests, 450 a half.
    for i in 0..900 {
        let p = person(i, false);
        let half = usize::from(i >= 450);
        needles.extend(person_needles(&p));
        mail.push(email(&p, i, Kind::Request, half));
        replies[half] += 1;
    }
    // Five people write four times each (first half): three replies each
    // (the cap), the fourth deleted. Even numbers: table postcodes, so
    // letters, not help (which has a cap of two).
    for (k, i) in (900..910).step_by(2).enumerate() {
        let p = person(i, false);
        needles.extend(person_needles(&p));
        for j in 0..4 {
            mail.push(email(&p, 1000 + k * 4 + j, Kind::Request, 0));
        }
        replies[0] += 3;
    }
    // 40 auto-replies and 40 list messages, half in each half.
    for i in 910..990 {
        let p = person(i, false);
        needles.extend(person_needles(&p));
        let kind = if i < 950 { Kind::AutoReply } else { Kind::List };
        mail.push(email(&p, i, kind, i % 2));
    }
    assert_eq!(mail.len(), 1000);
    let review: Vec<Mail> = (0..20)
        .map(|i| email(&person(i, true), 5000 + i, Kind::Request, i % 2))
        .collect();
    // An encoded line the same in two emails is boilerplate ("Dear
    // campaign, ..."), not anyone's: only forms unique to one email count.
    let mut seen = std::collections::HashMap::new();
    for m in mail.iter().chain(&review) {
        for e in m.encoded.iter().collect::<BTreeSet<_>>() {
            *seen.entry(e.clone()).or_insert(0) += 1;
        }
    }
    for m in &mut mail {
        m.encoded.retain(|e| seen[e] == 1);
        needles.extend(mail_needles(m));
    }
    Corpus {
        mail,
        review,
        needles,
        replies,
        capped: 5,
    }
}

/// Submit one half's mail (requests and Review's).
fn submit_half(stack: &Stack, corpus: &Corpus, half: usize) {
    let batch: Vec<(String, Vec<u8>)> = corpus
        .mail
        .iter()
        .chain(&corpus.review)
        .filter(|m| m.half == half)
        .map(|m| (m.from.clone(), m.raw.clone()))
        .collect();
    stack.submit(&batch);
}

fn campaign_dir(stack: &Stack) -> PathBuf {
    PathBuf::from(stack.get("MAILSTACK_MAILDIR_CAMPAIGN"))
}

/// Whether `path` is a message file of a maildir (in new/, cur/ or tmp/).
fn is_message_file(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "new" || d == "cur" || d == "tmp")
}

/// Answer one half with a daemon at `level`, until everything due is done;
/// before it stops, keep what its HTTP endpoint on `port` shows, for the
/// scan, and check `/metrics` holds every outcome its log reports.
#[allow(clippy::too_many_arguments)]
fn answer_half(
    stack: &Stack,
    config: &Path,
    corpus: &Corpus,
    half: usize,
    level: &str,
    log: &Path,
    port: u16,
    replies: &mut Replies,
) {
    let daemon = Daemon::start_at(config, level, log);
    daemon.wait_open(WAIT);
    submit_half(stack, corpus, half);
    let due: usize = corpus.replies[..=half].iter().sum();
    let review = 10 * (half + 1);
    let inbox = Path::new(stack.get("MAILSTACK_MAILDIR_SUPPORTERS")).join("INBOX");
    wait_until(&format!("half {half} answered"), WAIT, || {
        replies.refresh(&inbox);
        replies.len() >= due
            && stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") == 0
            && stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "Review") == review
    });
    let (ready, _) = http_get(port, "/readyz");
    assert_eq!(ready, 200, "ready while the mailbox is open");
    let mut shown = String::new();
    for path in ["/metrics", "/stats.json"] {
        let (code, body) = http_get(port, path);
        assert_eq!(code, 200, "{path}: {body}");
        shown.push_str(&body);
    }
    let settled = settled_in_log(&std::fs::read_to_string(log).expect("log"));
    assert!(
        settled.len() >= 4,
        "letters, help, ignored and review: {settled:?}"
    );
    for ((outcome, reason), n) in &settled {
        let line =
            format!("postbag_messages_total{{outcome=\"{outcome}\",reason=\"{reason}\"}} {n}");
        assert!(
            shown.lines().any(|l| l == line),
            "/metrics lacks {line}:\n{shown}"
        );
    }
    let endpoint = stack.dir.path().join(format!("endpoint-half-{half}.txt"));
    std::fs::write(endpoint, shown).expect("keep what the endpoint showed");
    assert_eq!(daemon.stop(), Some(0), "SIGTERM stops it cleanly");
    wait_until("Postfix's queue to empty", WAIT, || stack.queue_len() == 0);
    replies.refresh(&inbox);
    assert_eq!(replies.len(), due, "replies after half {half}");
}

/// How many messages the log says ended each way: (outcome, reason) to
/// the number, as `/metrics` labels them.
fn settled_in_log(log: &str) -> BTreeMap<(String, String), u64> {
    let field = |line: &str, name: &str| {
        let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = line[start..].find('"')?;
        Some(line[start..start + len].to_owned())
    };
    let mut settled = BTreeMap::new();
    for line in log.lines() {
        if !(line.contains(" answered uid=") || line.contains(" not answered uid=")) {
            continue;
        }
        let Some(outcome) = field(line, "outcome") else {
            continue;
        };
        let reason = field(line, "reason").unwrap_or_else(|| "none".to_owned());
        *settled.entry((outcome, reason)).or_insert(0) += 1;
    }
    settled
}

#[test]
fn after_1000_requests_nothing_personal_is_left_in_state_logs_or_mailbox() {
    let started = std::time::Instant::now();
    let corpus = corpus();
    let scanner = Scanner::new(corpus.needles.clone());

    // The search works: every needle is found in the mail as sent, through
    // its encodings, except the postcode without its space (never written).
    let mut found = BTreeSet::new();
    for m in &corpus.mail {
        found.extend(scanner.find(&m.raw));
    }
    let missed: Vec<&Needle> = scanner
        .needles()
        .iter()
        .enumerate()
        .filter(|(i, n)| !found.contains(i) && n.kind != "postcode (no space)")
        .map(|(_, n)| n)
        .collect();
    assert!(missed.is_empty(), "the search misses {missed:?}");
    // And the Review set shares nothing with the needles.
    for m in &corpus.review {
        let shared: Vec<&Needle> = scanner
            .find(&m.raw)
            .into_iter()
            .map(|i| &scanner.needles()[i])
            .collect();
        assert!(shared.is_empty(), "Review mail holds needles: {shared:?}");
    }

    let stack = Stack::start();
    // The relay files a copy of every reply in Sent, as Gmail and
    // Microsoft 365 do; postbag must clear them.
    stack.file_sent_copies();
    // Every supporter is at people.test: no per-domain cap here.
    let port = free_port();
    let listen = format!("listen = \"127.0.0.1:{port}\"");
    let config = stack.config(&[
        ("limits", "per_domain_per_hour = 0"),
        ("imap", "sent_folder = \"Sent\"\nsent_keep_secs = 1"),
        ("http", &listen),
    ]);
    let log_postbag = stack.dir.path().join("postbag-trace.log");
    let log_all = stack.dir.path().join("all-crates-trace.log");
    let mut replies = Replies::default();
    answer_half(
        &stack,
        &config,
        &corpus,
        0,
        "trace",
        &log_postbag,
        port,
        &mut replies,
    );
    answer_half(
        &stack,
        &config,
        &corpus,
        1,
        "trace,postbag=trace",
        &log_all,
        port,
        &mut replies,
    );

    // The last copies the relay filed, once older than the window, go at
    // the next look (a run with nothing else to do).
    let filed = std::fs::read_to_string(stack.get("MAILSTACK_POSTFIX_LOG"))
        .unwrap_or_default()
        .matches("to=<letters+Sent@campaign.test>")
        .count();
    assert_eq!(filed, replies.len(), "the relay filed a copy of each reply");
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(
        Daemon::start(&config, &["--once"], &log_all).wait(WAIT),
        Some(0)
    );
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "Sent"),
        0,
        "copies of replies left in Sent"
    );

    // What was answered, ignored and kept.
    let counts = stats(&config);
    let answered = counts["people_helped"].as_u64().unwrap_or(0)
        + counts["help_replies"].as_u64().unwrap_or(0);
    assert_eq!(answered as usize, corpus.replies[0] + corpus.replies[1]);
    let logs = std::fs::read_to_string(&log_postbag).expect("log")
        + &std::fs::read_to_string(&log_all).expect("log");
    assert_eq!(logs.matches("rate_limited").count(), corpus.capped);
    assert_eq!(logs.matches("auto_submitted").count(), 40);
    assert_eq!(logs.matches("mailing_list").count(), 40);
    let campaign = campaign_dir(&stack);
    let review: Vec<Vec<u8>> = maildir_files(&campaign.join("Review"))
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .collect();
    assert_eq!(review.len(), 20, "the refused requests wait in Review");
    for m in &corpus.review {
        assert!(
            review
                .iter()
                .any(|r| r.windows(m.from.len()).any(|w| w == m.from.as_bytes())),
            "{} is in Review",
            m.from
        );
    }
    let state: Vec<String> = std::fs::read_dir(stack.state_dir())
        .expect("state folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        state,
        ["counts.json"],
        "the state folder holds the count only"
    );

    // The scan.
    let maildir = files_under(&campaign);
    let (messages, dovecot): (Vec<PathBuf>, Vec<PathBuf>) =
        maildir.into_iter().partition(|f| is_message_file(f));
    let home =
        files_under(&Path::new(stack.get("MAILSTACK_DIR")).join("home/campaign.test/letters"));
    let servers: Vec<PathBuf> = [
        "MAILSTACK_POSTFIX_LOG",
        "MAILSTACK_DOVECOT_LOG",
        "MAILSTACK_DOVECOT_INFO_LOG",
    ]
    .iter()
    .map(|k| PathBuf::from(stack.get(k)))
    .collect();
    // Asserted: what postbag writes, and the mail it leaves. Reported:
    // Dovecot's own files, and the mail servers' logs (theirs, not
    // postbag's: they log addresses and Message-IDs by design).
    let endpoint: Vec<PathBuf> = (0..2)
        .map(|half| stack.dir.path().join(format!("endpoint-half-{half}.txt")))
        .collect();
    let places: [(&str, Vec<PathBuf>, bool); 8] = [
        ("state folder", files_under(&stack.state_dir()), true),
        ("HTTP endpoint: /metrics and /stats.json", endpoint, true),
        ("log, POSTBAG_LOG=trace", vec![log_postbag.clone()], true),
        ("log, every crate at trace", vec![log_all.clone()], true),
        (
            "campaign account: message files (all folders)",
            messages,
            true,
        ),
        (
            "campaign account: Dovecot's index, cache and lists",
            dovecot,
            false,
        ),
        ("campaign account: home folder", home, false),
        (
            "the mail servers' own logs (Postfix, Dovecot)",
            servers,
            false,
        ),
    ];
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (place, files, asserted) in &places {
        let hits = scanner.scan(files);
        report.push(format!(
            "  {place}: {} files, {} bytes: {} hits {:?}",
            files.len(),
            size(files),
            hits.len(),
            by_kind(&hits)
        ));
        // Which files, for the report.
        let mut per_file = std::collections::BTreeMap::new();
        for hit in &hits {
            let name = hit.file.strip_prefix(&campaign).unwrap_or(&hit.file);
            *per_file.entry(name.display().to_string()).or_insert(0) += 1;
        }
        for (file, n) in per_file {
            report.push(format!("    {file}: {n} hits"));
        }
        if *asserted && !hits.is_empty() {
            failures.push(format!("{place}: {:?}", &hits[..hits.len().min(20)]));
        }
    }
    // Dovecot keeps header fields it cached at delivery (for its delivery
    // log) in dovecot.index.cache until it purges the file: say which
    // fields it decided to cache, purge, and search again.
    let doveadm = |args: &[&str]| {
        std::process::Command::new("doveadm")
            .arg("-c")
            .arg(stack.get("MAILSTACK_DOVECOT_CONFIG"))
            .args(["mailbox", "cache"])
            .args(args)
            .args(["-u", "letters@campaign.test", "INBOX"])
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stdout).into_owned()
                    + String::from_utf8_lossy(&o.stderr).trim()
            })
            .unwrap_or_else(|e| format!("doveadm: {e}"))
    };
    // Lines of "mailbox field decision last-used": the fields it keeps.
    let decisions: Vec<String> = doveadm(&["decision", "--all"])
        .lines()
        .filter_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            (words.len() >= 3 && words[0] == "INBOX" && words[2] != "no")
                .then(|| format!("{}={}", words[1], words[2]))
        })
        .collect();
    let purged = doveadm(&["purge"]);
    let dovecot_after: Vec<PathBuf> = files_under(&campaign)
        .into_iter()
        .filter(|f| !is_message_file(f))
        .collect();
    let after = scanner.scan(&dovecot_after);
    report.push(format!(
        "  Dovecot's cache decisions for INBOX (fields it caches): {}\n  \
         after `doveadm mailbox cache purge` ({}): Dovecot's files: {} hits {:?}",
        decisions.join(", "),
        if purged.trim().is_empty() {
            "ok"
        } else {
            purged.trim()
        },
        after.len(),
        by_kind(&after)
    ));
    let trace_lines = |path: &Path| {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .count()
    };
    let mut kinds = std::collections::BTreeMap::new();
    for n in scanner.needles() {
        *kinds.entry(n.kind).or_insert(0) += 1;
    }
    eprintln!(
        "privacy scan: {} emails + 20 kept in Review; {} needles {kinds:?}; \
         {} replies; log lines: {} at POSTBAG_LOG=trace, {} with every crate at trace; \
         {:.0} s\n{}",
        corpus.mail.len(),
        scanner.needles().len(),
        replies.len(),
        trace_lines(&log_postbag),
        trace_lines(&log_all),
        started.elapsed().as_secs_f64(),
        report.join("\n")
    );
    // To look at what was found: PRIVACY_SCAN_KEEP=DIR keeps a copy.
    if let Some(keep) = std::env::var_os("PRIVACY_SCAN_KEEP") {
        let _ = std::process::Command::new("cp")
            .arg("-a")
            .arg(&campaign)
            .arg(&log_postbag)
            .arg(&log_all)
            .arg(&keep)
            .status();
    }
    assert!(
        failures.is_empty(),
        "personal data kept:\n{}",
        failures.join("\n")
    );
}

//! For the mail-stack tests of mail that must get no reply: putting a
//! message into a mailbox exactly as written, past Postfix (which would
//! add a Received header and rewrite Return-Path); and what Postfix's log
//! says postbag handed it to send.

// Each test binary that includes this file uses a different part of it.
#![allow(dead_code)]

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::mailstack::Stack;

/// Messages written by this test binary, for unique file names.
static WRITTEN: AtomicU32 = AtomicU32::new(0);

/// Put `raw` into `folder` of the maildir `maildir_key` (e.g.
/// `MAILSTACK_MAILDIR_CAMPAIGN`) as a new message, byte for byte, the way
/// a delivery agent does: written in `tmp/`, then renamed into `new/`, and
/// owned by the maildir's owner so Dovecot can move it.
pub(crate) fn put_in_maildir(
    stack: &Stack,
    maildir_key: &str,
    folder: &str,
    raw: &[u8],
) -> PathBuf {
    let dir = PathBuf::from(stack.get(maildir_key)).join(folder);
    let owner = std::fs::metadata(&dir).expect("the folder exists");
    let n = WRITTEN.fetch_add(1, Ordering::SeqCst);
    let name = format!("1790000000.M{n}P{}.postbag-test", std::process::id());
    let tmp = dir.join("tmp").join(&name);
    std::fs::write(&tmp, raw).expect("write the message");
    std::os::unix::fs::chown(&tmp, Some(owner.uid()), Some(owner.gid())).expect("chown");
    let new = dir.join("new").join(&name);
    std::fs::rename(&tmp, &new).expect("move into new/");
    new
}

/// What postbag's SMTP session did at the stack's submission port, from
/// Postfix's log: messages accepted (each gets a queue id and a
/// `sasl_username=` line) and recipients refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Submitted {
    pub(crate) accepted: usize,
    pub(crate) refused: usize,
}

pub(crate) fn submitted(stack: &Stack) -> Submitted {
    let log = std::fs::read_to_string(stack.get("MAILSTACK_POSTFIX_LOG")).unwrap_or_default();
    let submission = log
        .lines()
        .filter(|l| l.contains("postfix/submission/smtpd["));
    let (mut accepted, mut refused) = (0, 0);
    for line in submission {
        if line.contains("sasl_username=") {
            accepted += 1;
        } else if line.contains("reject:") {
            refused += 1;
        }
    }
    Submitted { accepted, refused }
}

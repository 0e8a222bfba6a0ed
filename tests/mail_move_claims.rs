//! Claims by moving, for servers that keep no keywords (Exchange Online),
//! on the real Dovecot seen through a proxy that answers SELECT as
//! Exchange does (no `\*` in PERMANENTFLAGS): postbag sees it, claims by
//! `UID MOVE` into the processing folder, and keeps the crash promise
//! through SIGKILLs at random moments of a burst.

#[path = "common/kill_burst.rs"]
mod kill_burst;
#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/proxy.rs"]
mod proxy;
#[path = "common/run.rs"]
mod run;

use kill_burst::{MAX_IN_FLIGHT, burst_with_kills};
use mailstack::Stack;
use proxy::Proxy;

/// The stack's config with IMAP through a proxy that hides keywords.
fn without_keywords(stack: &Stack, sections: &[(&str, &str)]) -> (std::path::PathBuf, Proxy) {
    let proxy = Proxy::forward_exactly(
        stack.port("MAILSTACK_BASE_PORT") + 7,
        stack.port("MAILSTACK_IMAP_PORT"),
    );
    proxy.hide_keywords();
    let path = stack.config(sections);
    let text = std::fs::read_to_string(&path).expect("read");
    let imap = format!(
        "port = {}\nsecurity = \"starttls\"",
        stack.port("MAILSTACK_IMAP_PORT")
    );
    assert!(text.contains(&imap));
    let text = text.replacen(
        &imap,
        &format!("port = {}\nsecurity = \"none\"", proxy.port),
        1,
    );
    std::fs::write(&path, text).expect("write");
    (path, proxy)
}

#[test]
fn check_names_the_claim_by_moving_where_keywords_are_not_kept() {
    let stack = Stack::start();
    let (config, _proxy) = without_keywords(&stack, &[]);
    let path = config.display().to_string();
    let out = run::postbag(&["check", "--config", &path], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("claims by moving into \"Postbag processing\""),
        "{text}"
    );
}

#[test]
fn sigkill_at_20_random_moments_of_a_200_burst_with_move_claims_loses_nothing() {
    let stack = Stack::start();
    let in_flight = format!("max_in_flight = {MAX_IN_FLIGHT}");
    let (config, _proxy) = without_keywords(
        &stack,
        &[
            ("limits", "per_domain_per_hour = 0"),
            ("daemon", &in_flight),
        ],
    );
    burst_with_kills(&stack, &config, 200, 20);
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "Postbag processing"),
        0
    );
}

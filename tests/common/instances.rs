//! Several postbag instances on one mailbox, for the mail tests: each
//! with its own state folder and `[http]` port (whose `/metrics` says how
//! many claims it won, lost and took over), and what they answered.

// Each test crate that includes this file uses only some of it.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::http_get::{free_port, http_get};

use crate::mailstack::{Daemon, Stack, queue_id, to_address, wait_for};

/// How long a test waits for all to be answered.
pub(crate) const WAIT: Duration = Duration::from_secs(240);

/// One instance: its config (own state folder, own HTTP port) and log.
pub(crate) struct Instance {
    pub(crate) config: PathBuf,
    pub(crate) log: PathBuf,
    pub(crate) port: u16,
}

/// `count` instances' configs made from `shared`, a config of `stack`'s
/// with `daemon.claim_lease_secs`: each its own number, state folder and
/// HTTP port, and `extra` TOML at the end.
pub(crate) fn instances_of(
    stack: &Stack,
    shared: &Path,
    count: usize,
    extra: &str,
) -> Vec<Instance> {
    let text = std::fs::read_to_string(shared).expect("the config");
    assert!(text.contains("claim_lease_secs"), "a lease in {text}");
    let state = stack.state_dir().display().to_string();
    (0..count)
        .map(|i| {
            let dir = stack.dir.path().join(format!("instance-{i}"));
            std::fs::create_dir_all(&dir).expect("the instance's folder");
            let port = free_port();
            let own = text
                .replace(&state, &dir.join("state").display().to_string())
                .replace(
                    "claim_lease_secs",
                    &format!("instance = {}\nclaim_lease_secs", i + 1),
                )
                + &format!("\n[http]\nlisten = \"127.0.0.1:{port}\"\n{extra}");
            let config = dir.join("postbag.toml");
            std::fs::write(&config, own).expect("the instance's config");
            Instance {
                config,
                log: dir.join("postbag.log"),
                port,
            }
        })
        .collect()
}

/// Start every one of `instances` and wait until each has its mailbox
/// open.
pub(crate) fn start_all(instances: &[Instance]) -> Vec<Daemon> {
    let daemons: Vec<Daemon> = instances
        .iter()
        .map(|i| Daemon::start(&i.config, &[], &i.log))
        .collect();
    for daemon in &daemons {
        daemon.wait_open(WAIT);
    }
    daemons
}

/// Stop every one of `daemons`, each cleanly (exit 0).
pub(crate) fn stop_all(daemons: Vec<Daemon>) {
    for daemon in daemons {
        assert_eq!(daemon.stop(), Some(0));
    }
}

/// A sample's value from `/metrics` text, 0 if absent.
pub(crate) fn sample(metrics: &str, name_and_labels: &str) -> u64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(name_and_labels)?.trim().parse().ok())
        .unwrap_or(0)
}

/// Claims an instance's `/metrics` counts with this result.
pub(crate) fn claims(port: u16, result: &str) -> u64 {
    let (status, body) = http_get(port, "/metrics");
    assert_eq!(status, 200);
    sample(
        &body,
        &format!("postbag_claims_total{{result=\"{result}\"}}"),
    )
}

/// Messages an instance has in hand, by its `/metrics`.
pub(crate) fn in_flight(port: u16) -> u64 {
    let (_, body) = http_get(port, "/metrics");
    sample(&body, "postbag_messages_in_flight")
}

/// Wait until every request has a reply and the campaign account and the
/// queue are empty; then each supporter's replies (by queue id: a
/// second acceptance by the relay, not a second delivery).
pub(crate) fn all_answered(
    stack: &Stack,
    log: &Path,
    asked: &[(String, Vec<u8>)],
) -> HashMap<String, usize> {
    wait_for(stack, log, "every request answered", WAIT, || {
        let answered: HashSet<String> = stack.replies().iter().map(|r| to_address(r)).collect();
        answered.len() >= asked.len()
    });
    wait_for(
        stack,
        log,
        "an empty campaign account and queue",
        WAIT,
        || stack.campaign_total() == 0 && stack.queue_len() == 0,
    );
    let mut sent: HashMap<String, HashSet<String>> = HashMap::new();
    for raw in stack.replies() {
        sent.entry(to_address(&raw))
            .or_default()
            .insert(queue_id(&raw));
    }
    let asked: HashSet<&String> = asked.iter().map(|(a, _)| a).collect();
    let strangers: Vec<&String> = sent.keys().filter(|a| !asked.contains(a)).collect();
    assert!(strangers.is_empty(), "replies to {strangers:?}");
    sent.into_iter().map(|(a, ids)| (a, ids.len())).collect()
}

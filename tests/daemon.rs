//! The daemon's loop against in-memory fakes (`tests/common/daemon_fakes.rs`):
//! a mailbox that records every command (and can be told to lose the
//! connection on one), and an outbox whose answers are scripted call by
//! call. Time is paused, so retries,
//! backoffs and reconnect pauses pass at once, and the times recorded are
//! the paused clock's.

mod common;
#[path = "common/daemon_fakes.rs"]
mod fakes;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::time::Instant;

use fakes::*;
use postbag::count::Counts;
use postbag::daemon::Summary;
use postbag::mailbox::MailboxError;
use postbag::pipeline::Outcome;
use postbag::screen::IgnoreReason;

// ---- the tests -----------------------------------------------------------------

#[test]
fn the_sample_request_gets_letters() {
    // The premise of the tests below.
    let processed = common::process_one(&supporter_mail(1, ""));
    assert!(
        matches!(processed.outcome, Outcome::Letters { .. }),
        "{:?}",
        processed.outcome
    );
    let ignored = common::process_one(&supporter_mail(1, "Auto-Submitted: auto-replied\r\n"));
    assert_eq!(
        ignored.outcome,
        Outcome::Ignored(IgnoreReason::AutoSubmitted)
    );
}

#[tokio::test(start_paused = true)]
async fn an_answer_is_claim_fetch_send_mark_remove_in_that_order_and_counted() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    let mut h = harness(&world, Options::default());
    h.run_once().await.expect("run");
    let expected_id = reply_id(&supporter_mail(1, "")).await;

    let s = world.lock();
    assert_eq!(s.ops(1), ANSWERED);
    let sends = s.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].0, address(1), "the reply goes to the sender");
    assert_eq!(sends[0].1, expected_id);
    assert!(s.message(1).deleted);
    // The loop: scan (purge, then candidates) before it takes anything,
    // and log out at the end.
    let calls: Vec<&Call> = s.log.iter().map(|l| &l.call).collect();
    assert_eq!(
        calls[..4],
        [
            &Call::Connect,
            &Call::Purge,
            &Call::Candidates,
            &Call::Claim(1)
        ]
    );
    assert_eq!(calls.last(), Some(&&Call::Close));
    drop(s);
    assert!(helped(1)(&h.counts()), "{:?}", h.counts());
    assert_eq!(
        h.summary(),
        Summary {
            letters: 1,
            ..Summary::default()
        }
    );
}

#[tokio::test(start_paused = true)]
async fn a_passing_failure_releases_the_message_and_retries_with_doubling_waits() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    world.answers([Answer::Transient, Answer::Transient]);
    let mut h = harness(&world, Options::default()); // retry_min 30 s
    let w = Arc::clone(&world);
    let sends = move || w.lock().sends().len();
    let driver = async {
        world
            .until("the first release", |s| s.did(1, "release"))
            .await;
        world.look(|s| {
            let m = s.message(1);
            assert!(!m.claimed && !m.deleted && m.folder == INBOX, "{m:?}");
        });
        tokio::time::sleep(Duration::from_secs(29)).await;
        assert_eq!(sends(), 1, "retried before retry_min");
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(sends(), 2, "not retried after retry_min");
        // The second wait is twice the first: 60 s from the second try.
        tokio::time::sleep(Duration::from_secs(58)).await;
        assert_eq!(sends(), 2, "retried before twice retry_min");
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(sends(), 3, "not retried after twice retry_min");
        world
            .until("the message to go", |s| s.message(1).deleted)
            .await;
    };
    h.run_until(driver).await.expect("run");

    let s = world.lock();
    let tried = ["claim", "fetch", "send:Transient", "release"];
    assert_eq!(s.ops(1), [&tried[..], &tried[..], &ANSWERED[..]].concat());
    let t = s.send_times(1);
    let gaps = [t[1] - t[0], t[2] - t[1]];
    assert!(
        gaps[0] >= Duration::from_secs(30) && gaps[0] < Duration::from_secs(31),
        "{gaps:?}"
    );
    assert!(
        gaps[1] >= Duration::from_secs(60) && gaps[1] < Duration::from_secs(61),
        "{gaps:?}"
    );
    drop(s);
    assert!(helped(1)(&h.counts()), "{:?}", h.counts());
    assert_eq!(
        h.summary(),
        Summary {
            letters: 1,
            retried: 2,
            ..Summary::default()
        }
    );
}

#[tokio::test(start_paused = true)]
async fn a_permanent_refusal_sets_the_message_aside_for_review_uncounted() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    world.answers([Answer::Permanent]);
    let mut h = harness(&world, Options::default());
    h.run_once().await.expect("run");

    let s = world.lock();
    assert_eq!(
        s.ops(1),
        [
            "claim",
            "fetch",
            "send:Permanent",
            &format!("move:{REVIEW}")
        ]
    );
    assert_eq!(s.message(1).folder, REVIEW);
    assert!(!s.message(1).deleted && !s.message(1).sent);
    drop(s);
    assert_eq!(h.counts(), Counts::default());
    assert_eq!(
        h.summary(),
        Summary {
            review: 1,
            ..Summary::default()
        }
    );
}

#[tokio::test(start_paused = true)]
async fn mail_that_must_get_no_reply_is_removed_unanswered() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, "Auto-Submitted: auto-replied\r\n"));
    let mut h = harness(&world, Options::default());
    h.run_once().await.expect("run");

    let s = world.lock();
    assert_eq!(s.ops(1), ["claim", "fetch", "remove"]);
    assert!(s.sends().is_empty());
    assert!(s.message(1).deleted);
    drop(s);
    assert_eq!(h.counts(), Counts::default());
    assert_eq!(
        h.summary(),
        Summary {
            ignored: 1,
            ..Summary::default()
        }
    );
}

#[tokio::test(start_paused = true)]
async fn mail_that_must_get_no_reply_goes_to_the_ignored_folder_if_there_is_one() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, "Auto-Submitted: auto-replied\r\n"));
    let mut h = harness(
        &world,
        Options {
            ignored: Some(JUNK),
            ..Options::default()
        },
    );
    h.run_once().await.expect("run");

    let s = world.lock();
    assert_eq!(s.ops(1), ["claim", "fetch", &format!("move:{JUNK}")]);
    assert!(s.sends().is_empty());
    assert_eq!(s.message(1).folder, JUNK);
    assert!(!s.message(1).deleted);
    drop(s);
    assert_eq!(h.counts(), Counts::default());
    assert_eq!(h.summary().ignored, 1);
}

#[tokio::test(start_paused = true)]
async fn a_message_marked_sent_before_a_crash_is_only_removed() {
    let world = World::new();
    world.deliver_with(1, supporter_mail(1, ""), |m| {
        m.claimed = true;
        m.sent = true;
    });
    let mut h = harness(&world, Options::default());
    h.run_once().await.expect("run");

    let s = world.lock();
    let ops = s.ops(1);
    assert_eq!(ops.last().map(String::as_str), Some("remove"), "{ops:?}");
    assert!(
        ops.iter().all(|op| op == "remove" || op == "mark_sent"),
        "claimed, fetched, sent or moved: {ops:?}"
    );
    assert!(s.sends().is_empty());
    assert!(s.message(1).deleted);
    drop(s);
    assert_eq!(h.counts(), Counts::default(), "counted before the crash");
}

#[tokio::test(start_paused = true)]
async fn a_message_claimed_before_a_crash_is_answered_again_if_its_reply_is_not_in_sent() {
    let world = World::new();
    let raw = supporter_mail(1, "");
    world.deliver_with(1, raw.clone(), |m| m.claimed = true);
    let mut h = harness(&world, Options::default());
    h.run_once().await.expect("run");
    let expected_id = reply_id(&raw).await;

    let s = world.lock();
    // Already claimed, so not claimed again; the documented duplicate.
    assert_eq!(s.ops(1), ["fetch", "send:Accept", "mark_sent", "remove"]);
    assert_eq!(
        s.count(|c| matches!(c, Call::ReplyInSent(id) if *id == expected_id)),
        1,
        "the sent folder was not asked for {expected_id}: {:?}",
        s.log
    );
    assert_eq!(s.sends()[0].1, expected_id, "the same Message-ID again");
    drop(s);
    assert!(helped(1)(&h.counts()), "{:?}", h.counts());
}

#[tokio::test(start_paused = true)]
async fn each_recovered_message_is_marked_sent_before_the_next_is_recovered() {
    // A daemon crashing over and over (a restart loop) must not send the
    // recovered replies again at each crash: each is settled at once.
    let world = World::new();
    for uid in 1..=3 {
        world.deliver_with(uid, supporter_mail(uid, ""), |m| m.claimed = true);
    }
    let mut h = harness(&world, Options::default());
    h.run_once().await.expect("run");

    let s = world.lock();
    let at = |wanted: Call| {
        s.log
            .iter()
            .position(|l| l.call == wanted)
            .unwrap_or_else(|| panic!("never happened: {wanted:?}; log: {:#?}", s.log))
    };
    for uid in 1..3 {
        assert!(
            at(Call::MarkSent(uid)) < at(Call::Fetch(uid + 1)),
            "message {uid} was not marked sent before message {} was recovered: {:#?}",
            uid + 1,
            s.log
        );
    }
    assert_eq!(s.sends().len(), 3);
    drop(s);
    assert!(helped(3)(&h.counts()), "{:?}", h.counts());
}

/// A message claimed before a crash whose reply is in the sent folder;
/// `ignored` is the ignored folder, which answered mail never goes to.
async fn recover_with_reply_in_sent(ignored: Option<&'static str>) {
    let world = World::new();
    let raw = supporter_mail(1, "");
    let id = reply_id(&raw).await;
    world.with(|s| s.sent_folder.insert(id));
    world.deliver_with(1, raw, |m| m.claimed = true);
    let mut h = harness(
        &world,
        Options {
            ignored,
            ..Options::default()
        },
    );
    h.run_once().await.expect("run");

    let s = world.lock();
    assert!(s.sends().is_empty(), "sent again: {:?}", s.sends());
    let ops = s.ops(1);
    assert_eq!(ops.first().map(String::as_str), Some("fetch"), "{ops:?}");
    assert_eq!(ops.last().map(String::as_str), Some("remove"), "{ops:?}");
    assert!(
        ops[1..]
            .iter()
            .all(|op| op == "remove" || op == "mark_sent"),
        "claimed again, sent or moved: {ops:?}"
    );
    assert!(s.message(1).deleted);
    assert_eq!(s.message(1).folder, INBOX);
    drop(s);
    assert_eq!(h.counts(), Counts::default(), "counted before the crash");
    let summary = h.summary();
    assert_eq!(
        (summary.ignored, summary.review),
        (0, 0),
        "answered mail counted as unanswered: {summary:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_message_claimed_before_a_crash_whose_reply_is_in_sent_is_removed_unsent() {
    recover_with_reply_in_sent(None).await;
}

/// Answered mail, not mail that must get no reply: it is removed, not
/// kept in the ignored folder.
#[tokio::test(start_paused = true)]
async fn a_recovered_message_whose_reply_is_in_sent_is_removed_even_with_an_ignored_folder() {
    recover_with_reply_in_sent(Some(JUNK)).await;
}

#[tokio::test(start_paused = true)]
async fn an_oversized_message_goes_to_review_unfetched() {
    let world = World::new();
    let max = u32::try_from(common::engine().config.max_message_bytes).expect("small");
    world.deliver_with(1, supporter_mail(1, ""), |m| m.size = max + 1);
    world.deliver_with(2, supporter_mail(2, ""), |m| m.size = max);
    let mut h = harness(&world, Options::default());
    h.run_once().await.expect("run");

    let s = world.lock();
    assert_eq!(
        s.ops(1),
        [format!("move:{REVIEW}")],
        "neither claimed nor fetched"
    );
    assert_eq!(s.message(1).folder, REVIEW);
    assert_eq!(s.ops(2), ANSWERED, "the largest allowed size is read");
    drop(s);
    assert_eq!(
        h.summary(),
        Summary {
            letters: 1,
            review: 1,
            ..Summary::default()
        }
    );
}

#[tokio::test(start_paused = true)]
async fn no_more_than_max_in_flight_sends_at_once() {
    let world = World::new();
    for uid in 1..=10 {
        world.deliver(uid, supporter_mail(uid, ""));
    }
    let gate = Arc::new(Semaphore::new(0));
    let mut h = harness(
        &world,
        Options {
            max_in_flight: 2,
            gate: Some(Arc::clone(&gate)),
            ..Options::default()
        },
    );
    let driver = async {
        world.until("two sends", |s| s.sending == 2).await;
        for released in 1..=10 {
            // Let everything that can run, run.
            tokio::time::sleep(Duration::from_secs(1)).await;
            world.look(|s| {
                assert!(s.sending <= 2, "{} sends at once", s.sending);
                assert_eq!(s.sends().len(), released - 1);
                // A new one is taken as soon as one ends, and no sooner.
                let taken = s.count(|c| matches!(c, Call::Claim(_)));
                assert_eq!(taken, (released + 1).min(10));
            });
            gate.add_permits(1);
        }
        world
            .until("all ten to go", |s| s.messages.iter().all(|m| m.deleted))
            .await;
    };
    h.run_until(driver).await.expect("run");

    let s = world.lock();
    assert_eq!(s.most_sending, 2, "at most two, and two did overlap");
    for uid in 1..=10 {
        assert_eq!(s.ops(uid), ANSWERED, "message {uid}");
    }
    drop(s);
    assert!(helped(10)(&h.counts()), "{:?}", h.counts());
}

#[tokio::test(start_paused = true)]
async fn a_shutdown_lets_the_messages_in_flight_finish_and_takes_no_more() {
    let world = World::new();
    for uid in 1..=5 {
        world.deliver(uid, supporter_mail(uid, ""));
    }
    let gate = Arc::new(Semaphore::new(0));
    let mut h = harness(
        &world,
        Options {
            max_in_flight: 2,
            gate: Some(Arc::clone(&gate)),
            ..Options::default()
        },
    );
    let world2 = Arc::clone(&world);
    let run = h.run_until(async {
        world2.until("two sends", |s| s.sending == 2).await;
        world2.stop();
        tokio::time::sleep(Duration::from_secs(1)).await;
        // One ends, leaving a free place and one still in flight.
        gate.add_permits(1);
        world2
            .until("message 1 to go", |s| s.message(1).deleted)
            .await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        world2.look(|s| assert_eq!(s.ops(3), Vec::<String>::new(), "taken while stopping"));
        // More permits than needed: a loop that took more would send more.
        gate.add_permits(10);
    });
    run.await.expect("a shutdown is not an error");

    let s = world.lock();
    for uid in 1..=2 {
        assert_eq!(s.ops(uid), ANSWERED, "message {uid} in flight");
        assert!(s.message(uid).deleted);
    }
    for uid in 3..=5 {
        assert!(
            s.ops(uid).is_empty(),
            "message {uid} was touched: {:?}",
            s.ops(uid)
        );
        let m = s.message(uid);
        assert!(!m.claimed && !m.deleted && m.folder == INBOX);
    }
    assert_eq!(s.sends().len(), 2);
    assert_eq!(s.log.last().map(|l| &l.call), Some(&Call::Close));
    drop(s);
    assert!(helped(2)(&h.counts()), "{:?}", h.counts());
}

#[tokio::test(start_paused = true)]
async fn a_lost_connection_after_the_send_reconnects_and_finishes_without_sending_again() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    world.fail("remove", 1);
    let mut h = harness(&world, Options::default());
    let driver = world.until("the message to go", |s| s.message(1).deleted);
    h.run_until(driver).await.expect("run");

    let s = world.lock();
    assert_eq!(s.connects, 2, "reconnected once");
    assert_eq!(
        s.ops(1),
        [
            "claim",
            "fetch",
            "send:Accept",
            "mark_sent",
            "remove(lost)",
            "mark_sent",
            "remove"
        ]
    );
    // The rest is applied on the new connection before anything else.
    let reconnect = s
        .log
        .iter()
        .rposition(|l| l.call == Call::Connect)
        .expect("connect");
    assert_eq!(s.log[reconnect + 1].call, Call::MarkSent(1));
    drop(s);
    assert!(helped(1)(&h.counts()), "counted once: {:?}", h.counts());
    assert_eq!(h.summary().letters, 1);
}

#[tokio::test(start_paused = true)]
async fn the_results_of_messages_in_flight_survive_a_lost_connection() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    world.deliver(2, supporter_mail(2, ""));
    world.answers([Answer::Accept, Answer::Transient]);
    world.fail("mark_sent", 1);
    let gate = Arc::new(Semaphore::new(0));
    let mut h = harness(
        &world,
        Options {
            max_in_flight: 2,
            gate: Some(Arc::clone(&gate)),
            ..Options::default()
        },
    );
    let driver = async {
        world.until("two sends", |s| s.sending == 2).await;
        // Message 1's send ends and its mark_sent loses the connection
        // while message 2's send is still out.
        gate.add_permits(1);
        world
            .until("the lost connection", |s| !s.dead.is_empty())
            .await;
        assert_eq!(
            world.lock().connects,
            1,
            "reconnected before the send in flight ended"
        );
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert_eq!(
            world.lock().connects,
            1,
            "reconnected before the send in flight ended"
        );
        gate.add_permits(1);
        world
            .until("message 1 to go, message 2 to be released", |s| {
                s.message(1).deleted && s.did(2, "release")
            })
            .await;
    };
    h.run_until(driver).await.expect("run");

    let s = world.lock();
    assert_eq!(s.connects, 2);
    assert_eq!(
        s.ops(1),
        [
            "claim",
            "fetch",
            "send:Accept",
            "mark_sent(lost)",
            "mark_sent",
            "remove"
        ]
    );
    assert_eq!(s.ops(2), ["claim", "fetch", "send:Transient", "release"]);
    drop(s);
    assert!(helped(1)(&h.counts()), "{:?}", h.counts());
    assert_eq!(
        h.summary(),
        Summary {
            letters: 1,
            retried: 1,
            ..Summary::default()
        }
    );
}

#[tokio::test(start_paused = true)]
async fn once_returns_when_only_retries_are_left_and_leaves_them_in_place() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    world.deliver(2, supporter_mail(2, ""));
    world.answers([Answer::Transient]);
    let mut h = harness(
        &world,
        Options {
            max_in_flight: 1,
            ..Options::default()
        },
    );
    let started = Instant::now();
    h.run_once().await.expect("run");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "waited {:?} for a retry",
        started.elapsed()
    );

    let s = world.lock();
    assert_eq!(s.ops(1), ["claim", "fetch", "send:Transient", "release"]);
    let m = s.message(1);
    assert!(!m.claimed && !m.sent && !m.deleted && m.folder == INBOX);
    assert_eq!(s.ops(2), ANSWERED);
    assert_eq!(s.connects, 1);
    assert_eq!(s.count(|c| matches!(c, Call::Wait(_))), 0);
    drop(s);
    assert_eq!(
        h.summary(),
        Summary {
            letters: 1,
            retried: 1,
            ..Summary::default()
        }
    );
}

#[tokio::test(start_paused = true)]
async fn once_reports_a_mailbox_failure() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    world.fail("connect", 1);
    let mut h = harness(&world, Options::default());
    let result = h.run_once().await;
    assert!(
        matches!(result, Err(MailboxError::Connect(_))),
        "{result:?}"
    );
    assert_eq!(world.lock().connects, 1, "no second try with once");
    assert!(world.lock().ops(1).is_empty());
}

/// Message 1 fails for a passing reason, then the connection is lost
/// while the daemon waits to retry it; the reconnect reports
/// `validity_after`. Returns how long after the first try it was tried
/// again.
async fn retry_after_a_reconnect(validity_after: Option<u32>) -> Duration {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    world.answers([Answer::Transient]);
    world.fail("wait", 1);
    world.with(|s| s.validities.extend([Some(7), validity_after]));
    let mut h = harness(
        &world,
        Options {
            retry_min: Duration::from_secs(600),
            ..Options::default()
        },
    );
    let driver = world.until("the message to go", |s| s.message(1).deleted);
    h.run_until(driver).await.expect("run");

    let s = world.lock();
    assert_eq!(s.connects, 2);
    assert_eq!(
        s.ops(1),
        [
            "claim",
            "fetch",
            "send:Transient",
            "release",
            "claim",
            "fetch",
            "send:Accept",
            "mark_sent",
            "remove"
        ]
    );
    let t = s.send_times(1);
    t[1] - t[0]
}

#[tokio::test(start_paused = true)]
async fn a_reconnect_to_the_same_mailbox_keeps_the_retry_wait() {
    let gap = retry_after_a_reconnect(Some(7)).await;
    assert!(gap >= Duration::from_secs(600), "retried after {gap:?}");
    assert!(gap < Duration::from_secs(601), "retried after {gap:?}");
}

#[tokio::test(start_paused = true)]
async fn a_new_uidvalidity_forgets_the_retry_waits() {
    // The UIDs from before name nothing now: uid 1 is tried at once.
    let gap = retry_after_a_reconnect(Some(8)).await;
    assert!(gap < Duration::from_secs(5), "retried after {gap:?}");
}

/// A message waiting for its retry that someone else removes leaves the
/// daemon nothing to wait for.
#[tokio::test(start_paused = true)]
async fn a_message_removed_while_waiting_for_its_retry_leaves_the_daemon_idle() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    world.answers([Answer::Transient]);
    let mut h = harness(&world, Options::default());
    let driver = async {
        world.until("the release", |s| s.did(1, "release")).await;
        // Another client (or a person) deletes it.
        world.with(|s| s.messages.clear());
        tokio::time::sleep(Duration::from_secs(2 * 3600)).await;
    };
    h.run_until(driver).await.expect("run");
    let waits = world.lock().count(|c| matches!(c, Call::Wait(_)));
    assert!(waits <= 5, "{waits} waits in two idle hours");
}

/// Two messages claimed before a crash, recovered in one batch: the first
/// is answered, then the connection is lost fetching the second. The
/// first's reply went; it must not go again.
#[tokio::test(start_paused = true)]
async fn a_lost_connection_while_recovering_keeps_what_was_already_sent() {
    let world = World::new();
    world.deliver_with(1, supporter_mail(1, ""), |m| m.claimed = true);
    world.deliver_with(2, supporter_mail(2, ""), |m| m.claimed = true);
    world.fail_after("fetch", 1, 1);
    let mut h = harness(&world, Options::default());
    let driver = world.until("both to go", |s| {
        s.message(1).deleted && s.message(2).deleted
    });
    h.run_until(driver).await.expect("run");

    let s = world.lock();
    assert_eq!(s.connects, 2);
    assert_eq!(
        s.send_times(1).len(),
        1,
        "message 1 answered twice: {:?}",
        s.ops(1)
    );
    assert_eq!(s.send_times(2).len(), 1, "{:?}", s.ops(2));
    drop(s);
    assert!(helped(2)(&h.counts()), "{:?}", h.counts());
}

//! The pause on sending, against the daemon's fakes on a paused clock: a
//! refused sign-in, a provider's quota and the configured send caps hold
//! every message in the mailbox (none goes to review), and sending goes
//! on when the pause ends.

mod common;
#[path = "common/daemon_fakes.rs"]
mod fakes;

use std::time::Duration;

use fakes::*;
use postbag::daemon::pause::PauseReason;

fn mails(world: &World, n: u32) {
    for uid in 1..=n {
        world.deliver(uid, supporter_mail(uid, ""));
    }
}

/// Every message answered exactly once, none in review.
fn answered_once_each(world: &World, n: u32) {
    world.look(|s| {
        for uid in 1..=n {
            let m = s.message(uid);
            assert!(m.deleted && m.folder == INBOX, "{uid}: {m:?}");
        }
        let accepted = s
            .sends()
            .iter()
            .filter(|(_, _, a)| *a == Answer::Accept)
            .count();
        assert_eq!(accepted, n as usize, "{:?}", s.sends());
    });
}

/// When the relay accepted each of messages 1 to `n`'s replies, in order.
fn accepted_times(world: &World, n: u32) -> Vec<tokio::time::Instant> {
    world.look(|s| {
        let mut times: Vec<_> = (1..=n)
            .filter(|uid| s.did(*uid, "send:Accept"))
            .flat_map(|uid| s.send_times(uid))
            .collect();
        times.sort();
        times
    })
}

#[tokio::test(start_paused = true)]
async fn a_refused_sign_in_sends_nothing_to_review_and_pauses_until_the_relay_accepts() {
    let world = World::new();
    mails(&world, 3);
    world.answers([Answer::SignIn, Answer::SignIn]);
    let options = Options {
        max_in_flight: 1,
        ..Options::default()
    };
    let mut h = harness(&world, options);
    let driver = async {
        world
            .until("all answered", |s| {
                (1..=3).all(|uid| s.message(uid).deleted)
            })
            .await;
    };
    h.run_until(driver).await.expect("run");
    answered_once_each(&world, 3);
    let times = world.look(|s| {
        let mut all: Vec<_> = (1..=3).flat_map(|uid| s.send_times(uid)).collect();
        all.sort();
        all
    });
    // Refused, a minute's pause, refused, two minutes', then accepted.
    let gaps: Vec<u64> = times.windows(2).map(|w| (w[1] - w[0]).as_secs()).collect();
    assert_eq!(gaps[..2], [60, 120], "{gaps:?}");
    assert_eq!(h.summary().review, 0);
    assert_eq!(h.daemon.refused_by_relay(), None, "a send succeeded since");
    assert!(helped(3)(&h.counts()), "{:?}", h.counts());
}

#[tokio::test(start_paused = true)]
async fn under_once_a_refused_sign_in_leaves_every_message_and_says_so() {
    let world = World::new();
    mails(&world, 6);
    world.answers([Answer::SignIn; 6]);
    let mut h = harness(&world, Options::default());
    h.run_once().await.expect("run");
    assert_eq!(
        h.daemon.refused_by_relay(),
        Some(PauseReason::SignIn { code: 535 })
    );
    world.look(|s| {
        for uid in 1..=6 {
            let m = s.message(uid);
            assert!(
                !m.deleted && !m.claimed && m.folder == INBOX,
                "{uid}: {m:?}"
            );
        }
        // At most the messages already in flight were tried.
        assert!(s.sends().len() <= 4, "{:?}", s.sends());
    });
    assert_eq!(h.summary().review, 0);
    assert_eq!(h.counts().people_helped, 0);
}

#[tokio::test(start_paused = true)]
async fn a_providers_daily_limit_pauses_sending_for_the_quota_wait() {
    let world = World::new();
    mails(&world, 4);
    world.answers([Answer::Accept, Answer::DailyQuota]);
    let options = Options {
        max_in_flight: 1,
        send_caps: (0, 0, Duration::from_secs(600)),
        ..Options::default()
    };
    let mut h = harness(&world, options);
    let driver = async {
        world
            .until("all answered", |s| {
                (1..=4).all(|uid| s.message(uid).deleted)
            })
            .await;
    };
    h.run_until(driver).await.expect("run");
    answered_once_each(&world, 4);
    let times = world.look(|s| {
        let mut all: Vec<_> = (1..=4).flat_map(|uid| s.send_times(uid)).collect();
        all.sort();
        all
    });
    let gaps: Vec<u64> = times.windows(2).map(|w| (w[1] - w[0]).as_secs()).collect();
    assert_eq!(gaps[1], 600, "the refused send, then the pause: {gaps:?}");
    assert_eq!(h.summary().review, 0);
}

#[tokio::test(start_paused = true)]
async fn the_minute_cap_paces_sending() {
    let world = World::new();
    mails(&world, 5);
    let options = Options {
        send_caps: (2, 0, Duration::from_secs(3600)),
        ..Options::default()
    };
    let mut h = harness(&world, options);
    h.run_once().await.expect("run");
    answered_once_each(&world, 5);
    let times = accepted_times(&world, 5);
    let start = times[0];
    let offsets: Vec<u64> = times.iter().map(|t| (*t - start).as_secs()).collect();
    // Two a minute: the third and fourth a minute on, the fifth two.
    assert_eq!(offsets, [0, 0, 60, 60, 120], "{offsets:?}");
}

#[tokio::test(start_paused = true)]
async fn the_day_cap_holds_across_a_restart() {
    let world = World::new();
    mails(&world, 5);
    let caps = (0, 3, Duration::from_secs(3600));
    let options = Options {
        max_in_flight: 1,
        send_caps: caps,
        ..Options::default()
    };
    let mut h = harness(&world, options);
    h.run_once().await.expect("run");
    assert_eq!(accepted_times(&world, 5).len(), 3);
    assert_eq!(
        h.summary().retried,
        1,
        "the one taken when the cap was full"
    );
    world.look(|s| {
        let left = (1..=5).filter(|uid| !s.message(*uid).deleted);
        for uid in left {
            let m = s.message(uid);
            assert!(!m.claimed && m.folder == INBOX, "{uid}: {m:?}");
        }
    });
    // The state folder keeps the day's number, and nothing else new.
    let Harness {
        daemon,
        _state_dir: state,
        ..
    } = h;
    drop(daemon); // and with it the state folder's lock
    let kept = std::fs::read_to_string(state.path().join("sent-per-hour.json")).expect("kept");
    assert!(kept.starts_with("{\"emails_per_hour\":[["), "{kept}");
    assert!(!kept.contains('@'), "{kept}");

    // A restart on the same state folder: the day is still full.
    let mut again = harness(
        &world,
        Options {
            max_in_flight: 1,
            send_caps: caps,
            state_dir: Some(state),
            ..Options::default()
        },
    );
    again.run_once().await.expect("run");
    assert_eq!(
        accepted_times(&world, 5).len(),
        3,
        "sent past the day's cap"
    );
}

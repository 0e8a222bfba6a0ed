//! The sent folder's copies of postbag's replies, against the daemon's
//! fakes: cleared once no recovery needs them, and never before a
//! message claimed before a crash has been checked against them.

mod common;
#[path = "common/daemon_fakes.rs"]
mod fakes;

use fakes::*;

#[tokio::test(start_paused = true)]
async fn the_copies_stay_until_a_message_claimed_before_a_crash_is_recovered() {
    let world = World::new();
    let raw = supporter_mail(1, "");
    let id = reply_id(&raw).await;
    // The reply went before the crash; the relay filed its copy; a
    // person's own sent mail is there too.
    world.with(|s| {
        s.sent_folder.insert(id.clone());
        s.sent_folder
            .insert("<CAF=person@mail.gmail.com>".to_owned());
    });
    world.deliver_with(1, raw, |m| m.claimed = true);
    world.deliver(2, supporter_mail(2, ""));
    let mut h = harness(
        &world,
        Options {
            sent_folder: true,
            ..Options::default()
        },
    );
    h.run_once().await.expect("run");

    let s = world.lock();
    let calls: Vec<&Call> = s.log.iter().map(|l| &l.call).collect();
    let checked = calls
        .iter()
        .position(|c| **c == Call::ReplyInSent(id.clone()))
        .expect("the recovery looked in the sent folder");
    let purged = calls
        .iter()
        .position(|c| **c == Call::PurgeSent)
        .expect("the copies were cleared");
    assert!(checked < purged, "cleared before the recovery: {calls:#?}");
    // Message 1 was not answered twice; message 2 once.
    assert_eq!(s.sends().len(), 1, "{:?}", s.sends());
    assert_eq!(
        s.sent_folder.iter().collect::<Vec<_>>(),
        ["<CAF=person@mail.gmail.com>"],
        "only a person's own mail is left"
    );
}

#[tokio::test(start_paused = true)]
async fn without_a_sent_folder_nothing_is_cleared() {
    let world = World::new();
    world.deliver(1, supporter_mail(1, ""));
    let mut h = harness(&world, Options::default());
    h.run_once().await.expect("run");
    assert_eq!(world.look(|s| s.count(|c| *c == Call::PurgeSent)), 0);
}

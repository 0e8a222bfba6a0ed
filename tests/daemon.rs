//! The daemon's loop against in-memory fakes: a mailbox that records every
//! command (and can be told to lose the connection on one), and an outbox
//! whose answers are scripted call by call. Time is paused, so retries,
//! backoffs and reconnect pauses pass at once, and the times recorded are
//! the paused clock's.

mod common;

use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::{Semaphore, watch};
use tokio::time::Instant;

use postbag::count::Counts;
use postbag::daemon::{Daemon, Folders, Summary};
use postbag::lookup::table::Table;
use postbag::mailbox::{Candidate, Mailbox, MailboxError, Wake};
use postbag::pipeline::{self, Outcome};
use postbag::reply::Reply;
use postbag::screen::IgnoreReason;
use postbag::send::{Outbox, SendError};

const INBOX: &str = "INBOX";
const REVIEW: &str = "Review";
const JUNK: &str = "Junk";

/// Longer than any test needs on the paused clock: a run that has not
/// ended by then is stuck.
const STUCK: Duration = Duration::from_secs(30 * 24 * 3600);

// ---- the fakes -------------------------------------------------------------

/// How the fake relay answers one send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Accept,
    Transient,
    Permanent,
}

/// One thing the daemon did, in the order it did it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Call {
    Connect,
    Candidates,
    Purge,
    Claim(u32),
    Fetch(u32),
    MarkSent(u32),
    Release(u32),
    Remove(u32),
    MoveTo(u32, String),
    ReplyInSent(String),
    Wait(Duration),
    Close,
    /// The relay answered a reply (logged when it answered).
    Send {
        to: String,
        message_id: String,
        answer: Answer,
    },
}

/// A message in the fake server.
#[derive(Clone, Debug)]
struct Message {
    uid: u32,
    raw: Vec<u8>,
    /// Who wrote it, to tell which sends were its replies.
    sender: String,
    /// What the server reports as its size.
    size: u32,
    claimed: bool,
    sent: bool,
    deleted: bool,
    folder: String,
}

/// A logged call: when, what, and whether it lost the connection.
#[derive(Clone, Debug)]
struct Logged {
    at: Instant,
    call: Call,
    lost: bool,
}

#[derive(Debug, Default)]
struct State {
    messages: Vec<Message>,
    log: Vec<Logged>,
    connects: u32,
    /// UIDVALIDITY given by each connect in turn; the last one stays.
    validities: VecDeque<Option<u32>>,
    validity: Option<u32>,
    /// Calls of a kind that fail, losing the connection: how many to
    /// let through first, then how many to fail.
    failures: HashMap<&'static str, (u32, u32)>,
    /// Connections that were lost.
    dead: HashSet<u32>,
    /// Message-IDs in the sent folder.
    sent_folder: HashSet<String>,
    /// The relay's next answers; `Accept` once they run out.
    answers: VecDeque<Answer>,
    /// Sends in progress now, and the most there ever were at once.
    sending: usize,
    most_sending: usize,
    /// Waits asked for at one instant: the loop spinning.
    waits_now: Option<(Instant, u32)>,
}

impl State {
    fn message(&self, uid: u32) -> &Message {
        self.messages
            .iter()
            .find(|m| m.uid == uid)
            .unwrap_or_else(|| panic!("no message {uid}"))
    }

    fn inbox_mut(&mut self, uid: u32) -> Option<&mut Message> {
        self.messages
            .iter_mut()
            .find(|m| m.uid == uid && m.folder == INBOX && !m.deleted)
    }

    /// What was done to message `uid`, in order, as short words.
    fn ops(&self, uid: u32) -> Vec<String> {
        let sender = self.message(uid).sender.clone();
        self.log
            .iter()
            .filter_map(|l| {
                let word = match &l.call {
                    Call::Claim(u) if *u == uid => "claim".to_owned(),
                    Call::Fetch(u) if *u == uid => "fetch".to_owned(),
                    Call::MarkSent(u) if *u == uid => "mark_sent".to_owned(),
                    Call::Release(u) if *u == uid => "release".to_owned(),
                    Call::Remove(u) if *u == uid => "remove".to_owned(),
                    Call::MoveTo(u, folder) if *u == uid => format!("move:{folder}"),
                    Call::Send { to, answer, .. } if *to == sender => format!("send:{answer:?}"),
                    _ => return None,
                };
                Some(if l.lost {
                    format!("{word}(lost)")
                } else {
                    word
                })
            })
            .collect()
    }

    /// Whether `word` is among [`State::ops`] for `uid`.
    fn did(&self, uid: u32, word: &str) -> bool {
        self.ops(uid).iter().any(|w| w == word)
    }

    /// Every send: recipient, Message-ID and answer.
    fn sends(&self) -> Vec<(String, String, Answer)> {
        self.log
            .iter()
            .filter_map(|l| match &l.call {
                Call::Send {
                    to,
                    message_id,
                    answer,
                } => Some((to.clone(), message_id.clone(), *answer)),
                _ => None,
            })
            .collect()
    }

    /// When the relay answered replies to message `uid`.
    fn send_times(&self, uid: u32) -> Vec<Instant> {
        let sender = &self.message(uid).sender;
        self.log
            .iter()
            .filter(|l| matches!(&l.call, Call::Send { to, .. } if to == sender))
            .map(|l| l.at)
            .collect()
    }

    fn count(&self, wanted: impl Fn(&Call) -> bool) -> usize {
        self.log.iter().filter(|l| wanted(&l.call)).count()
    }

    /// Note a wait; fail loudly if the loop asks for many with no time
    /// passing, which would otherwise hang the test.
    fn note_wait(&mut self) {
        let now = Instant::now();
        match &mut self.waits_now {
            Some((at, n)) if *at == now => {
                *n += 1;
                assert!(
                    *n < 100,
                    "the daemon is spinning: {n} waits without time passing; log ends {:?}",
                    &self.log[self.log.len().saturating_sub(8)..]
                );
            }
            _ => self.waits_now = Some((now, 1)),
        }
    }
}

/// The fake server and relay, shared by the test, the mailbox
/// connections and the outbox.
struct World {
    state: Mutex<State>,
    /// Bumped on every change, for [`World::until`].
    changed: watch::Sender<u64>,
    shutdown: watch::Sender<bool>,
}

impl World {
    fn new() -> Arc<World> {
        Arc::new(World {
            state: Mutex::new(State::default()),
            changed: watch::Sender::new(0),
            shutdown: watch::Sender::new(false),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic in a fake poisons it; the first panic is the one to read.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Look at the state, without holding it across an await.
    fn look<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&self.lock())
    }

    /// Change the state and tell whoever waits in [`World::until`].
    fn with<T>(&self, change: impl FnOnce(&mut State) -> T) -> T {
        let result = change(&mut self.lock());
        self.changed.send_modify(|n| *n += 1);
        result
    }

    /// Put a message from supporter `uid` in the inbox.
    fn deliver(&self, uid: u32, raw: Vec<u8>) {
        self.deliver_with(uid, raw, |_| {});
    }

    fn deliver_with(&self, uid: u32, raw: Vec<u8>, adjust: impl FnOnce(&mut Message)) {
        let mut message = Message {
            uid,
            size: u32::try_from(raw.len()).expect("small"),
            raw,
            sender: address(uid),
            claimed: false,
            sent: false,
            deleted: false,
            folder: INBOX.to_owned(),
        };
        adjust(&mut message);
        self.with(|s| s.messages.push(message));
    }

    fn answers(&self, answers: impl IntoIterator<Item = Answer>) {
        self.with(|s| s.answers.extend(answers));
    }

    /// Make the next `times` calls of `command` lose the connection.
    fn fail(&self, command: &'static str, times: u32) {
        self.fail_after(command, 0, times);
    }

    /// Let `skip` calls of `command` through, then make `times` lose the
    /// connection.
    fn fail_after(&self, command: &'static str, skip: u32, times: u32) {
        self.with(|s| s.failures.insert(command, (skip, times)));
    }

    fn stop(&self) {
        self.shutdown.send_replace(true);
    }

    /// Open a connection, as the daemon's `connect` does.
    fn connect(self: &Arc<World>) -> Result<(FakeMailbox, Option<u32>), MailboxError> {
        self.with(|s| {
            s.connects += 1;
            let failed = take_failure(s, "connect");
            s.log.push(Logged {
                at: Instant::now(),
                call: Call::Connect,
                lost: failed,
            });
            if failed {
                return Err(MailboxError::Connect("connection refused".to_owned()));
            }
            if let Some(validity) = s.validities.pop_front() {
                s.validity = validity;
            }
            let mailbox = FakeMailbox {
                world: Arc::clone(self),
                connection: s.connects,
            };
            Ok((mailbox, s.validity))
        })
    }

    /// Wait (on the paused clock) until `done` holds.
    async fn until(&self, what: &str, done: impl Fn(&State) -> bool) {
        let mut changed = self.changed.subscribe();
        let wait = async {
            loop {
                changed.borrow_and_update();
                if done(&self.lock()) {
                    return;
                }
                changed
                    .changed()
                    .await
                    .expect("the world outlives the wait");
            }
        };
        tokio::time::timeout(STUCK, wait)
            .await
            .unwrap_or_else(|_| panic!("never happened: {what}; log: {:#?}", self.lock().log));
    }
}

fn take_failure(state: &mut State, command: &'static str) -> bool {
    match state.failures.get_mut(command) {
        Some((skip, _)) if *skip > 0 => {
            *skip -= 1;
            false
        }
        Some((_, times)) if *times > 0 => {
            *times -= 1;
            true
        }
        _ => false,
    }
}

/// One connection to the fake server.
struct FakeMailbox {
    world: Arc<World>,
    connection: u32,
}

impl FakeMailbox {
    /// Log `call`; lose the connection if the call is scripted to fail,
    /// else apply `effect`.
    fn command<T>(
        &self,
        name: &'static str,
        call: Call,
        effect: impl FnOnce(&mut State) -> T,
    ) -> Result<T, MailboxError> {
        self.world.with(|s| {
            assert!(
                !s.dead.contains(&self.connection),
                "the daemon used connection {} after losing it: {call:?}",
                self.connection
            );
            let lost = take_failure(s, name);
            s.log.push(Logged {
                at: Instant::now(),
                call,
                lost,
            });
            if lost {
                s.dead.insert(self.connection);
                return Err(MailboxError::Lost(name));
            }
            Ok(effect(s))
        })
    }
}

/// One message per command, as a real server would log it.
impl FakeMailbox {
    async fn claim(&mut self, uid: u32) -> Result<(), MailboxError> {
        self.command("claim", Call::Claim(uid), |s| {
            if let Some(m) = s.inbox_mut(uid) {
                m.claimed = true;
            }
        })
    }

    async fn fetch(&mut self, uid: u32) -> Result<Option<Vec<u8>>, MailboxError> {
        self.command("fetch", Call::Fetch(uid), |s| {
            s.inbox_mut(uid).map(|m| m.raw.clone())
        })
    }

    async fn mark_sent(&mut self, uid: u32) -> Result<(), MailboxError> {
        self.command("mark_sent", Call::MarkSent(uid), |s| {
            if let Some(m) = s.inbox_mut(uid) {
                m.sent = true;
            }
        })
    }

    async fn release(&mut self, uid: u32) -> Result<(), MailboxError> {
        self.command("release", Call::Release(uid), |s| {
            if let Some(m) = s.inbox_mut(uid) {
                m.claimed = false;
            }
        })
    }

    async fn remove(&mut self, uid: u32) -> Result<(), MailboxError> {
        self.command("remove", Call::Remove(uid), |s| {
            if let Some(m) = s.inbox_mut(uid) {
                m.deleted = true;
            }
        })
    }

    async fn move_to(&mut self, uid: u32, folder: &str) -> Result<(), MailboxError> {
        self.command("move_to", Call::MoveTo(uid, folder.to_owned()), |s| {
            if let Some(m) = s.inbox_mut(uid) {
                folder.clone_into(&mut m.folder);
            }
        })
    }
}

impl Mailbox for FakeMailbox {
    async fn candidates(&mut self) -> Result<Vec<Candidate>, MailboxError> {
        self.command("candidates", Call::Candidates, |s| {
            let mut candidates: Vec<Candidate> = s
                .messages
                .iter()
                .filter(|m| m.folder == INBOX && !m.deleted)
                .map(|m| Candidate {
                    uid: m.uid,
                    size: m.size,
                    claimed: m.claimed,
                    sent: m.sent,
                })
                .collect();
            candidates.sort_by_key(|c| c.uid);
            candidates
        })
    }

    // Each message on its own, so the call log shows every one.
    async fn claim_all(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        for uid in uids {
            self.claim(*uid).await?;
        }
        Ok(())
    }

    async fn fetch_all(&mut self, uids: &[u32]) -> Result<Vec<(u32, Vec<u8>)>, MailboxError> {
        let mut found = Vec::new();
        for uid in uids {
            if let Some(raw) = self.fetch(*uid).await? {
                found.push((*uid, raw));
            }
        }
        Ok(found)
    }

    async fn finish_answered(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        for uid in uids {
            self.mark_sent(*uid).await?;
            self.remove(*uid).await?;
        }
        Ok(())
    }

    async fn remove_all(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        for uid in uids {
            self.remove(*uid).await?;
        }
        Ok(())
    }

    async fn move_all(&mut self, uids: &[u32], folder: &str) -> Result<(), MailboxError> {
        for uid in uids {
            self.move_to(*uid, folder).await?;
        }
        Ok(())
    }

    async fn release_all(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        for uid in uids {
            self.release(*uid).await?;
        }
        Ok(())
    }

    async fn reply_in_sent(&mut self, message_id: &str) -> Result<bool, MailboxError> {
        self.command(
            "reply_in_sent",
            Call::ReplyInSent(message_id.to_owned()),
            |s| s.sent_folder.contains(message_id),
        )
    }

    async fn purge(&mut self) -> Result<(), MailboxError> {
        self.command("purge", Call::Purge, |_| ())
    }

    async fn close(self) {
        self.world.with(|s| {
            s.log.push(Logged {
                at: Instant::now(),
                call: Call::Close,
                lost: false,
            });
        });
    }

    async fn wait(
        &mut self,
        limit: Duration,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<Wake, MailboxError> {
        self.command("wait", Call::Wait(limit), State::note_wait)?;
        if *shutdown.borrow() {
            return Ok(Wake::Shutdown);
        }
        tokio::select! {
            () = tokio::time::sleep(limit) => Ok(Wake::TimedOut),
            _ = shutdown.changed() => Ok(Wake::Shutdown),
        }
    }
}

/// The fake relay: answers as scripted, and with a gate, holds every send
/// until the test lets one through.
#[derive(Clone)]
struct FakeOutbox {
    world: Arc<World>,
    gate: Option<Arc<Semaphore>>,
}

impl Outbox for FakeOutbox {
    fn send(&self, reply: &Reply) -> impl Future<Output = Result<(), SendError>> + Send {
        let to = reply
            .message
            .envelope()
            .to()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let message_id = reply.message_id.clone();
        let world = Arc::clone(&self.world);
        let gate = self.gate.clone();
        async move {
            world.with(|s| {
                s.sending += 1;
                s.most_sending = s.most_sending.max(s.sending);
            });
            if let Some(gate) = gate {
                gate.acquire().await.expect("the gate stays open").forget();
            }
            let answer = world.with(|s| {
                s.sending -= 1;
                let answer = s.answers.pop_front().unwrap_or(Answer::Accept);
                s.log.push(Logged {
                    at: Instant::now(),
                    call: Call::Send {
                        to,
                        message_id,
                        answer,
                    },
                    lost: false,
                });
                answer
            });
            match answer {
                Answer::Accept => Ok(()),
                Answer::Transient => Err(SendError::Transient("421 try again later")),
                Answer::Permanent => Err(SendError::Permanent { code: 550 }),
            }
        }
    }
}

// ---- the daemon under test ---------------------------------------------------

struct Options {
    max_in_flight: usize,
    retry_min: Duration,
    retry_max: Duration,
    ignored: Option<&'static str>,
    gate: Option<Arc<Semaphore>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_in_flight: 4,
            retry_min: Duration::from_secs(30),
            retry_max: Duration::from_secs(600),
            ignored: None,
            gate: None,
        }
    }
}

struct Harness {
    world: Arc<World>,
    daemon: Daemon<Table, FakeOutbox>,
    _state_dir: tempfile::TempDir,
}

fn harness(world: &Arc<World>, options: Options) -> Harness {
    let mut engine = common::engine();
    engine.config.daemon.max_in_flight = options.max_in_flight;
    engine.config.daemon.retry_min = options.retry_min;
    engine.config.daemon.retry_max = options.retry_max;
    let state_dir = tempfile::tempdir().expect("temp dir");
    let counter = postbag::count::Counter::open(state_dir.path()).expect("counter");
    let outbox = FakeOutbox {
        world: Arc::clone(world),
        gate: options.gate,
    };
    let folders = Folders {
        review: REVIEW.to_owned(),
        ignored: options.ignored.map(str::to_owned),
    };
    Harness {
        world: Arc::clone(world),
        daemon: Daemon::new(engine, common::table(), outbox, counter, folders),
        _state_dir: state_dir,
    }
}

impl Harness {
    /// `run` with `once`.
    async fn run_once(&mut self) -> Result<(), MailboxError> {
        let world = Arc::clone(&self.world);
        let shutdown = world.shutdown.subscribe();
        let run = self.daemon.run(async || world.connect(), shutdown, true);
        tokio::time::timeout(STUCK, run)
            .await
            .expect("run --once did not return")
    }

    /// `run` until `driver` is done, then shut down.
    async fn run_until(&mut self, driver: impl Future<Output = ()>) -> Result<(), MailboxError> {
        let world = Arc::clone(&self.world);
        let shutdown = world.shutdown.subscribe();
        let both = async {
            tokio::join!(
                self.daemon.run(async || world.connect(), shutdown, false),
                async {
                    driver.await;
                    world.stop();
                }
            )
        };
        let (result, ()) = tokio::time::timeout(STUCK, both)
            .await
            .expect("the daemon did not stop");
        result
    }

    fn counts(&self) -> Counts {
        self.daemon.counter().counts().clone()
    }

    fn summary(&self) -> Summary {
        self.daemon.summary().clone()
    }
}

// ---- mail --------------------------------------------------------------------

fn address(n: u32) -> String {
    format!("person{n}@people.test")
}

/// A supporter's request with a postcode in the sample table, from
/// [`address`]`(n)`, with `extra` header lines.
fn supporter_mail(n: u32, extra: &str) -> Vec<u8> {
    let from = address(n);
    format!(
        "Return-Path: <{from}>\r\n\
         From: Jane Smith <{from}>\r\n\
         To: letters@notwithmynhsdata.org\r\n\
         Subject: Please send my letters\r\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n\
         Message-ID: <request{n}@people.test>\r\n\
         {extra}\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         Name: Jane Smith\r\n\
         Address: 12 Acacia Avenue, Swanley\r\n\
         Postcode: BR8 7RE\r\n"
    )
    .into_bytes()
}

/// The Message-ID the reply to `raw` gets (the same every time).
async fn reply_id(raw: &[u8]) -> String {
    let processed =
        pipeline::process(&common::engine(), &common::table(), raw, &common::now()).await;
    processed.reply.expect("a reply").message_id
}

const ANSWERED: [&str; 5] = ["claim", "fetch", "send:Accept", "mark_sent", "remove"];

fn helped(people: u64) -> impl Fn(&Counts) -> bool {
    move |c: &Counts| c.people_helped == people && c.help_replies == 0 && c.letters_total() > 0
}

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

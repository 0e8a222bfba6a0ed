//! The fakes `tests/daemon.rs` runs the daemon against: a mailbox that
//! records every command (and can be told to lose the connection on one),
//! an outbox whose answers are scripted call by call, and a harness that
//! runs the daemon on them.

#![allow(dead_code, unreachable_pub)]

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
use postbag::pipeline;
use postbag::reply::Reply;
use postbag::send::refusal::QuotaKind;
use postbag::send::{Outbox, SendError};
use postbag::shutdown::{Shutdown, Stop};

pub const INBOX: &str = "INBOX";
pub const REVIEW: &str = "Review";
pub const JUNK: &str = "Junk";

/// Longer than any test needs on the paused clock: a run that has not
/// ended by then is stuck.
pub const STUCK: Duration = Duration::from_secs(30 * 24 * 3600);

// ---- the fakes -------------------------------------------------------------

/// How the fake relay answers one send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Transient,
    Permanent,
    /// 535: the relay refused postbag's sign-in.
    SignIn,
    /// Gmail's `550 5.4.5` daily limit.
    DailyQuota,
}

/// One thing the daemon did, in the order it did it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    Connect,
    Candidates,
    Purge,
    PurgeSent,
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
pub struct Message {
    pub uid: u32,
    pub raw: Vec<u8>,
    /// Who wrote it, to tell which sends were its replies.
    pub sender: String,
    /// What the server reports as its size.
    pub size: u32,
    pub claimed: bool,
    pub sent: bool,
    pub deleted: bool,
    pub folder: String,
}

/// A logged call: when, what, and whether it lost the connection.
#[derive(Clone, Debug)]
pub struct Logged {
    pub at: Instant,
    pub call: Call,
    pub lost: bool,
}

#[derive(Debug, Default)]
pub struct State {
    pub messages: Vec<Message>,
    pub log: Vec<Logged>,
    pub connects: u32,
    /// UIDVALIDITY given by each connect in turn; the last one stays.
    pub validities: VecDeque<Option<u32>>,
    pub validity: Option<u32>,
    /// Calls of a kind that fail, losing the connection: how many to
    /// let through first, then how many to fail.
    pub failures: HashMap<&'static str, (u32, u32)>,
    /// Connections that were lost.
    pub dead: HashSet<u32>,
    /// Message-IDs in the sent folder.
    pub sent_folder: HashSet<String>,
    /// The relay's next answers; `Accept` once they run out.
    pub answers: VecDeque<Answer>,
    /// Sends in progress now, and the most there ever were at once.
    pub sending: usize,
    pub most_sending: usize,
    /// Waits asked for at one instant: the loop spinning.
    pub waits_now: Option<(Instant, u32)>,
}

impl State {
    pub fn message(&self, uid: u32) -> &Message {
        self.messages
            .iter()
            .find(|m| m.uid == uid)
            .unwrap_or_else(|| panic!("no message {uid}"))
    }

    pub fn inbox_mut(&mut self, uid: u32) -> Option<&mut Message> {
        self.messages
            .iter_mut()
            .find(|m| m.uid == uid && m.folder == INBOX && !m.deleted)
    }

    /// What was done to message `uid`, in order, as short words.
    pub fn ops(&self, uid: u32) -> Vec<String> {
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
    pub fn did(&self, uid: u32, word: &str) -> bool {
        self.ops(uid).iter().any(|w| w == word)
    }

    /// Every send: recipient, Message-ID and answer.
    pub fn sends(&self) -> Vec<(String, String, Answer)> {
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
    pub fn send_times(&self, uid: u32) -> Vec<Instant> {
        let sender = &self.message(uid).sender;
        self.log
            .iter()
            .filter(|l| matches!(&l.call, Call::Send { to, .. } if to == sender))
            .map(|l| l.at)
            .collect()
    }

    pub fn count(&self, wanted: impl Fn(&Call) -> bool) -> usize {
        self.log.iter().filter(|l| wanted(&l.call)).count()
    }

    /// Note a wait; fail loudly if the loop asks for many with no time
    /// passing, which would otherwise hang the test.
    pub fn note_wait(&mut self) {
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
pub struct World {
    pub state: Mutex<State>,
    /// Bumped on every change, for [`World::until`].
    pub changed: watch::Sender<u64>,
    pub shutdown: Stop,
}

impl World {
    pub fn new() -> Arc<World> {
        Arc::new(World {
            state: Mutex::new(State::default()),
            changed: watch::Sender::new(0),
            shutdown: Stop::new(),
        })
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        // A panic in a fake poisons it; the first panic is the one to read.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Look at the state, without holding it across an await.
    pub fn look<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&self.lock())
    }

    /// Change the state and tell whoever waits in [`World::until`].
    pub fn with<T>(&self, change: impl FnOnce(&mut State) -> T) -> T {
        let result = change(&mut self.lock());
        self.changed.send_modify(|n| *n += 1);
        result
    }

    /// Put a message from supporter `uid` in the inbox.
    pub fn deliver(&self, uid: u32, raw: Vec<u8>) {
        self.deliver_with(uid, raw, |_| {});
    }

    pub fn deliver_with(&self, uid: u32, raw: Vec<u8>, adjust: impl FnOnce(&mut Message)) {
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

    pub fn answers(&self, answers: impl IntoIterator<Item = Answer>) {
        self.with(|s| s.answers.extend(answers));
    }

    /// Make the next `times` calls of `command` lose the connection.
    pub fn fail(&self, command: &'static str, times: u32) {
        self.fail_after(command, 0, times);
    }

    /// Let `skip` calls of `command` through, then make `times` lose the
    /// connection.
    pub fn fail_after(&self, command: &'static str, skip: u32, times: u32) {
        self.with(|s| s.failures.insert(command, (skip, times)));
    }

    pub fn stop(&self) {
        self.shutdown.stop();
    }

    /// Open a connection, as the daemon's `connect` does.
    pub fn connect(self: &Arc<World>) -> Result<(FakeMailbox, Option<u32>), MailboxError> {
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
    pub async fn until(&self, what: &str, done: impl Fn(&State) -> bool) {
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

pub fn take_failure(state: &mut State, command: &'static str) -> bool {
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
pub struct FakeMailbox {
    pub world: Arc<World>,
    pub connection: u32,
}

impl FakeMailbox {
    /// Log `call`; lose the connection if the call is scripted to fail,
    /// else apply `effect`.
    pub fn command<T>(
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
    pub async fn claim(&mut self, uid: u32) -> Result<(), MailboxError> {
        self.command("claim", Call::Claim(uid), |s| {
            if let Some(m) = s.inbox_mut(uid) {
                m.claimed = true;
            }
        })
    }

    pub async fn fetch(&mut self, uid: u32) -> Result<Option<Vec<u8>>, MailboxError> {
        self.command("fetch", Call::Fetch(uid), |s| {
            s.inbox_mut(uid).map(|m| m.raw.clone())
        })
    }

    pub async fn mark_sent(&mut self, uid: u32) -> Result<(), MailboxError> {
        self.command("mark_sent", Call::MarkSent(uid), |s| {
            if let Some(m) = s.inbox_mut(uid) {
                m.sent = true;
            }
        })
    }

    pub async fn release(&mut self, uid: u32) -> Result<(), MailboxError> {
        self.command("release", Call::Release(uid), |s| {
            if let Some(m) = s.inbox_mut(uid) {
                m.claimed = false;
            }
        })
    }

    pub async fn remove(&mut self, uid: u32) -> Result<(), MailboxError> {
        self.command("remove", Call::Remove(uid), |s| {
            if let Some(m) = s.inbox_mut(uid) {
                m.deleted = true;
            }
        })
    }

    pub async fn move_to(&mut self, uid: u32, folder: &str) -> Result<(), MailboxError> {
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
                    modseq: None,
                })
                .collect();
            candidates.sort_by_key(|c| c.uid);
            candidates
        })
    }

    // Each message on its own, so the call log shows every one.
    async fn claim_all(&mut self, uids: &[u32]) -> Result<Vec<u32>, MailboxError> {
        for uid in uids {
            self.claim(*uid).await?;
        }
        Ok(uids.to_vec())
    }

    /// No CONDSTORE here: nothing can be taken over.
    async fn take_over(&mut self, _uids: &[u32]) -> Result<Vec<(u32, u32)>, MailboxError> {
        Ok(Vec::new())
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

    /// Removes every copy `own` knows (the fake keeps no dates).
    async fn purge_sent(
        &mut self,
        _keep: Duration,
        own: &(dyn Fn(&str) -> bool + Sync),
    ) -> Result<usize, MailboxError> {
        self.command("purge_sent", Call::PurgeSent, |s| {
            let before = s.sent_folder.len();
            s.sent_folder.retain(|id| !own(id));
            before - s.sent_folder.len()
        })
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
        shutdown: &mut Shutdown,
    ) -> Result<Wake, MailboxError> {
        self.command("wait", Call::Wait(limit), State::note_wait)?;
        if shutdown.is_shutdown() {
            return Ok(Wake::Shutdown);
        }
        tokio::select! {
            () = tokio::time::sleep(limit) => Ok(Wake::TimedOut),
            () = shutdown.recv() => Ok(Wake::Shutdown),
        }
    }
}

/// The fake relay: answers as scripted, and with a gate, holds every send
/// until the test lets one through.
#[derive(Clone)]
pub struct FakeOutbox {
    pub world: Arc<World>,
    pub gate: Option<Arc<Semaphore>>,
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
                Answer::SignIn => Err(SendError::SignIn { code: 535 }),
                Answer::DailyQuota => Err(SendError::Quota {
                    code: 550,
                    limit: QuotaKind::Daily,
                }),
            }
        }
    }
}

// ---- the daemon under test ---------------------------------------------------

pub struct Options {
    pub max_in_flight: usize,
    pub retry_min: Duration,
    pub retry_max: Duration,
    pub ignored: Option<&'static str>,
    pub gate: Option<Arc<Semaphore>>,
    /// `smtp.max_per_minute`, `smtp.max_per_day`, `smtp.quota_wait_secs`.
    pub send_caps: (u32, u32, Duration),
    /// The state folder, to run again on an earlier run's.
    pub state_dir: Option<tempfile::TempDir>,
    /// `imap.sent_folder`, whose copies the daemon clears.
    pub sent_folder: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_in_flight: 4,
            retry_min: Duration::from_secs(30),
            retry_max: Duration::from_secs(600),
            ignored: None,
            gate: None,
            send_caps: (0, 0, Duration::from_secs(3600)),
            state_dir: None,
            sent_folder: false,
        }
    }
}

pub struct Harness {
    pub world: Arc<World>,
    pub daemon: Daemon<Table, FakeOutbox>,
    pub _state_dir: tempfile::TempDir,
}

pub fn harness(world: &Arc<World>, options: Options) -> Harness {
    let mut engine = crate::common::engine();
    engine.config.daemon.max_in_flight = options.max_in_flight;
    engine.config.daemon.retry_min = options.retry_min;
    engine.config.daemon.retry_max = options.retry_max;
    if options.sent_folder
        && let Some(imap) = engine.config.imap.as_mut()
    {
        imap.sent_folder = Some("Sent".to_owned());
    }
    let (max_per_minute, max_per_day, quota_wait) = options.send_caps;
    engine.config.smtp = Some(postbag::config::SmtpConfig {
        server: postbag::config::Server {
            host: "localhost".to_owned(),
            port: 25,
            security: postbag::config::Security::None,
            login: None,
            ca_file: None,
        },
        envelope_from: None,
        timeout: Duration::from_secs(60),
        pool_size: 1,
        max_per_minute,
        max_per_day,
        quota_wait,
    });
    let state_dir = options
        .state_dir
        .unwrap_or_else(|| tempfile::tempdir().expect("temp dir"));
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
        daemon: Daemon::new(
            engine,
            crate::common::table(),
            outbox,
            counter,
            folders,
            std::sync::Arc::new(postbag::status::Status::new()),
        ),
        _state_dir: state_dir,
    }
}

impl Harness {
    /// `run` with `once`.
    pub async fn run_once(&mut self) -> Result<(), MailboxError> {
        let world = Arc::clone(&self.world);
        let shutdown = world.shutdown.subscribe();
        let run = self.daemon.run(async || world.connect(), shutdown, true);
        tokio::time::timeout(STUCK, run)
            .await
            .expect("run --once did not return")
    }

    /// `run` until `driver` is done, then shut down.
    pub async fn run_until(
        &mut self,
        driver: impl Future<Output = ()>,
    ) -> Result<(), MailboxError> {
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

    pub fn counts(&self) -> Counts {
        self.daemon.counter().counts().clone()
    }

    pub fn summary(&self) -> Summary {
        self.daemon.summary().clone()
    }
}

// ---- mail --------------------------------------------------------------------

pub fn address(n: u32) -> String {
    format!("person{n}@people.test")
}

/// A supporter's request with a postcode in the sample table, from
/// [`address`]`(n)`, with `extra` header lines.
pub fn supporter_mail(n: u32, extra: &str) -> Vec<u8> {
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
pub async fn reply_id(raw: &[u8]) -> String {
    let processed = pipeline::process(
        &crate::common::engine(),
        &crate::common::table(),
        raw,
        &crate::common::now(),
    )
    .await;
    processed.reply.expect("a reply").message_id
}

pub const ANSWERED: [&str; 5] = ["claim", "fetch", "send:Accept", "mark_sent", "remove"];

pub fn helped(people: u64) -> impl Fn(&Counts) -> bool {
    move |c: &Counts| c.people_helped == people && c.help_replies == 0 && c.letters_total() > 0
}

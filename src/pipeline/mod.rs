//! The pipeline for one message: read → screen → extract → find MP →
//! write letters → build reply.
//!
//! [`process`] is the unit of work: it turns raw bytes into a decision
//! ([`Outcome`]) and, when the decision is to answer, the reply to send. It
//! performs no I/O of its own; the MP lookup is the one edge it reaches,
//! through [`MpLookup`]. Sending, counting and removing the original belong
//! to the daemon.

mod plan;

use std::panic::{self, AssertUnwindSafe};

use jiff::Zoned;
use sha2::{Digest, Sha256};

use crate::config::{Config, Secret};
use crate::extract::{self, Extraction, PostcodeFinding};
use crate::inbound::{self, Inbound, ReadError};
use crate::language;
use crate::letters::Templates;
use crate::lookup::{self, Answer, Lookup, MpLookup, Source};
use crate::reply::{self, BuildError, HelpPlan, Identity, Original, Reply};
use crate::screen::{self, AuthFailure, IgnoreReason};
use plan::{letters_plan, understood};

/// Everything needed to answer messages, loaded once.
#[derive(Debug)]
pub struct Engine {
    pub config: Config,
    pub templates: Templates,
    secret: Secret,
}

impl Engine {
    /// Put loaded configuration and templates together with the reply
    /// secret.
    pub fn new(config: Config, templates: Templates, secret: Secret) -> Engine {
        Engine {
            config,
            templates,
            secret,
        }
    }
}

/// What happens to a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Answered with letters.
    Letters {
        reason: Option<LettersReason>,
        letters: Vec<String>,
    },
    /// Answered with a request for the missing details.
    Help(HelpReason),
    /// Not answered: mail that must never get an automatic reply.
    Ignored(IgnoreReason),
    /// Not answered: kept for a person to look at.
    Review(ReviewReason),
    /// Not answered yet: the MP lookup was unavailable; try again later.
    Deferred,
}

/// Why the letters differ from the usual five.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LettersReason {
    NoSeat,
    VacantSeat,
    Dissolved,
}

/// Why a help reply was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpReason {
    MissingDetails,
    InvalidPostcode,
    UnknownPostcode,
    TerminatedPostcode,
    /// A postcode newer than the data, in a sector split between seats.
    SplitSector,
}

/// Why a message was set aside for a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewReason {
    TooLarge,
    TooComplex,
    Unreadable,
    /// A reply could not be built (a template failed at run time).
    BuildFailed,
    /// A step panicked: a bug in postbag, caught.
    Internal,
    /// Sender authentication is on and the sender was not authenticated.
    Unauthenticated(AuthFailure),
    /// The relay refused the reply for good (5xx).
    SendRefused,
}

impl Outcome {
    /// The outcome class: `letters`, `help`, `ignored`, `review`, `deferred`.
    pub fn class(&self) -> &'static str {
        match self {
            Outcome::Letters { .. } => "letters",
            Outcome::Help(_) => "help",
            Outcome::Ignored(_) => "ignored",
            Outcome::Review(_) => "review",
            Outcome::Deferred => "deferred",
        }
    }

    /// The reason code, if any.
    pub fn reason(&self) -> Option<&'static str> {
        match self {
            Outcome::Letters { reason, .. } => reason.map(LettersReason::code),
            Outcome::Help(reason) => Some(reason.code()),
            Outcome::Ignored(reason) => Some(reason.code()),
            Outcome::Review(reason) => Some(reason.code()),
            Outcome::Deferred => None,
        }
    }
}

impl LettersReason {
    /// The reason as a stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            LettersReason::NoSeat => "no_seat",
            LettersReason::VacantSeat => "vacant_seat",
            LettersReason::Dissolved => "dissolved",
        }
    }
}

impl HelpReason {
    /// The reason as a stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            HelpReason::MissingDetails => "missing_details",
            HelpReason::InvalidPostcode => "invalid_postcode",
            HelpReason::UnknownPostcode => "unknown_postcode",
            HelpReason::TerminatedPostcode => "terminated_postcode",
            HelpReason::SplitSector => "split_sector",
        }
    }
}

impl ReviewReason {
    /// The reason as a stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ReviewReason::TooLarge => "too_large",
            ReviewReason::TooComplex => "too_complex",
            ReviewReason::Unreadable => "unreadable",
            ReviewReason::BuildFailed => "build_failed",
            ReviewReason::Internal => "internal_error",
            ReviewReason::Unauthenticated(failure) => failure.code(),
            ReviewReason::SendRefused => "send_refused",
        }
    }
}

/// The result of processing one message.
#[derive(Debug)]
pub struct Processed {
    pub outcome: Outcome,
    /// What was read, when the message got that far.
    pub extraction: Option<Extraction>,
    /// Which of `name`, `address`, `postcode` were not found.
    pub missing: Vec<&'static str>,
    pub lookup: Option<Lookup>,
    /// Which sources answered the lookup.
    pub source: Option<Source>,
    /// The reply to send, for letters and help outcomes.
    pub reply: Option<Reply>,
}

impl Processed {
    fn without_reply(outcome: Outcome) -> Processed {
        Processed {
            outcome,
            extraction: None,
            missing: Vec::new(),
            lookup: None,
            source: None,
            reply: None,
        }
    }
}

/// Process one raw message received at `now`.
pub async fn process(
    engine: &Engine,
    provider: &impl MpLookup,
    raw: &[u8],
    now: &Zoned,
) -> Processed {
    let inbound = match inbound::read(raw, engine.config.max_message_bytes) {
        Ok(inbound) => inbound,
        Err(e) => {
            return Processed::without_reply(Outcome::Review(match e {
                ReadError::TooLarge => ReviewReason::TooLarge,
                ReadError::TooComplex => ReviewReason::TooComplex,
                ReadError::Unreadable => ReviewReason::Unreadable,
            }));
        }
    };
    // The pure steps run inside `catch_unwind`: a bug on one stranger's
    // mail sets that mail aside instead of stopping the daemon.
    let screened = panic::catch_unwind(AssertUnwindSafe(|| {
        screen::screen(&inbound, &engine.config.address)
            .map_err(Outcome::Ignored)
            .and_then(|()| {
                screen::authenticate(&inbound, &engine.config.sender_auth)
                    .map_err(|f| Outcome::Review(ReviewReason::Unauthenticated(f)))
            })
            .map(|()| extract::extract(&inbound))
    }));
    let extraction = match screened {
        Ok(Ok(extraction)) => extraction,
        Ok(Err(outcome)) => return Processed::without_reply(outcome),
        Err(_) => return Processed::without_reply(Outcome::Review(ReviewReason::Internal)),
    };
    let answer = match extraction.postcode() {
        Some(postcode) => Some(lookup::resolve(provider, postcode).await),
        None => None,
    };
    let source = answer.as_ref().map(|a| a.source);
    let mut processed = panic::catch_unwind(AssertUnwindSafe(|| {
        compose(engine, &inbound, raw, extraction, answer, now)
    }))
    .unwrap_or_else(|_| Processed::without_reply(Outcome::Review(ReviewReason::Internal)));
    processed.source = source;
    processed
}

/// What to do with a message whose details were read.
enum Decision<'a> {
    /// Letters, for the seat the lookup found.
    Letters(Option<LettersReason>, &'a Lookup),
    Help(HelpReason),
    Deferred,
}

/// Decide from what was read and looked up.
fn decide<'a>(extraction: &Extraction, lookup: Option<&'a Lookup>, complete: bool) -> Decision<'a> {
    let found = match (&extraction.postcode, lookup) {
        (PostcodeFinding::Missing, _) | (PostcodeFinding::Found(_), None) => {
            return Decision::Help(HelpReason::MissingDetails);
        }
        (PostcodeFinding::LookAlike, _) => return Decision::Help(HelpReason::InvalidPostcode),
        (PostcodeFinding::Found(_), Some(lookup)) => lookup,
    };
    let reason = match found {
        Lookup::Unavailable(_) => return Decision::Deferred,
        Lookup::Unknown => return Decision::Help(HelpReason::UnknownPostcode),
        Lookup::Invalid => return Decision::Help(HelpReason::InvalidPostcode),
        Lookup::Terminated { .. } => return Decision::Help(HelpReason::TerminatedPostcode),
        Lookup::SplitSector => return Decision::Help(HelpReason::SplitSector),
        _ if !complete => return Decision::Help(HelpReason::MissingDetails),
        Lookup::NoSeat(_) => Some(LettersReason::NoSeat),
        Lookup::Vacant { .. } => Some(LettersReason::VacantSeat),
        Lookup::Dissolved { .. } => Some(LettersReason::Dissolved),
        Lookup::Found { .. } => None,
    };
    Decision::Letters(reason, found)
}

/// Decide and build the reply from what was extracted and looked up. Pure.
pub fn compose(
    engine: &Engine,
    inbound: &Inbound,
    raw: &[u8],
    extraction: Extraction,
    answer: Option<Answer>,
    now: &Zoned,
) -> Processed {
    let by_sector = answer.as_ref().is_some_and(|a| a.source.by_sector);
    let lookup: Option<Lookup> = answer.map(|a| a.lookup);
    let mut missing = Vec::new();
    if extraction.name.is_none() {
        missing.push("name");
    }
    if extraction.address.is_empty() {
        missing.push("address");
    }
    if extraction.postcode().is_none() {
        missing.push("postcode");
    }
    let decision = decide(&extraction, lookup.as_ref(), missing.is_empty());
    let Some(sender) = &inbound.sender else {
        return Processed::without_reply(Outcome::Ignored(IgnoreReason::NoSender));
    };
    let key = match &inbound.message_id {
        Some(id) => id.as_bytes().to_vec(),
        None => Sha256::digest(raw).to_vec(),
    };
    let identity = Identity {
        name: &engine.config.campaign.name,
        address: &engine.config.address,
        website: engine.config.campaign.website.as_deref(),
        secret: engine.secret.expose(),
    };
    let original = Original {
        sender,
        subject: &inbound.subject,
        message_id: inbound.message_id.as_deref(),
        references: &inbound.references,
        key: &key,
    };
    let understood = understood(&extraction, lookup.as_ref());
    // Answer in the language the supporter wrote in, where the campaign
    // has it.
    let templates = engine
        .templates
        .for_language(language::of_mail(&inbound.subject, &inbound.body));

    let built = match decision {
        Decision::Letters(reason, found) => letters_plan(
            engine,
            templates,
            &extraction,
            (found, by_sector, inbound.from_apple_mail()),
            understood,
            now,
        )
        .and_then(|plan| {
            let reply = reply::letters_reply(templates, identity, original, now, &plan)?;
            let letters = plan.letters.into_iter().map(|l| l.id).collect();
            Ok((Outcome::Letters { reason, letters }, Some(reply)))
        }),
        Decision::Help(reason) => {
            let plan = HelpPlan {
                understood,
                missing: missing.clone(),
                problem: reason.code(),
                terminated_year: match &lookup {
                    Some(Lookup::Terminated { year }) => *year,
                    _ => None,
                },
            };
            reply::help_reply(templates, identity, original, now, &plan)
                .map(|reply| (Outcome::Help(reason), Some(reply)))
        }
        Decision::Deferred => Ok((Outcome::Deferred, None)),
    };
    let (outcome, reply) = match built {
        Ok(done) => done,
        Err(BuildError::BadRecipient) => (Outcome::Ignored(IgnoreReason::NoSender), None),
        Err(_) => (Outcome::Review(ReviewReason::BuildFailed), None),
    };
    Processed {
        outcome,
        extraction: Some(extraction),
        missing,
        lookup,
        source: None,
        reply,
    }
}

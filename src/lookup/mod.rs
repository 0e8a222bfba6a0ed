//! Finding the supporter's MP from their postcode.
//!
//! One interface, [`MpLookup`], with a result that says exactly what
//! happened, so the reply can explain it: a seat and its MP, a vacant seat,
//! Parliament dissolved, no Westminster seat at all, an unknown or retired
//! postcode, or the service unavailable (the message then waits and is
//! retried). Places with no seat are known from the postcode alone and are
//! answered by [`resolve`] without asking any provider, so such postcodes
//! never leave the server.
//!
//! The answer comes in two steps, each from a chain of sources tried in the
//! operator's order ([`chain`]): postcode → seat ([`index`], the offline
//! ONS index; [`postcodes_io`]; [`table`], a small CSV for demos), then
//! seat → MP ([`mps`], the offline MP list; [`members_api`]). This is the
//! I/O edge of the pipeline.

pub mod chain;
pub mod http;
pub mod import;
pub mod index;
mod index_key;
pub mod members_api;
pub mod mps;
pub mod postcodes_io;
pub mod setup;
pub mod table;

use std::fmt;
use std::future::Future;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use crate::nation::Nation;
use crate::postcode::{Place, Postcode};

/// Where to write to an MP with no published email.
pub const COMMONS_ADDRESS: &str = "House of Commons, London SW1A 0AA";

/// A Westminster constituency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constituency {
    pub name: String,
    /// The GSS code, e.g. `E14001465`.
    pub code: String,
}

/// A sitting MP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mp {
    /// The display name, e.g. "Alex Example".
    pub name: String,
    /// How a letter greets them, e.g. "Ms Example"; the display name when
    /// the source has no salutation.
    pub salutation: String,
    #[serde(default)]
    pub party: Option<String>,
    /// The Members API (MNIS) id.
    #[serde(default)]
    pub member_id: Option<u32>,
    /// The parliamentary email, if the MP publishes one. Never guessed.
    #[serde(default)]
    pub email: Option<String>,
    /// A postal address, when there is no email to write to.
    #[serde(default)]
    pub postal_address: Option<String>,
}

impl Mp {
    /// An MP known only by name and perhaps email.
    pub fn named(name: impl Into<String>, email: Option<String>) -> Mp {
        let name = name.into();
        Mp {
            salutation: name.clone(),
            name,
            email,
            ..Mp::default()
        }
    }
}

/// Why a postcode has no Westminster seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoSeat {
    CrownDependency,
    Forces,
    OverseasTerritory,
    NonGeographic,
}

impl NoSeat {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            NoSeat::CrownDependency => "crown_dependency",
            NoSeat::Forces => "forces",
            NoSeat::OverseasTerritory => "overseas_territory",
            NoSeat::NonGeographic => "non_geographic",
        }
    }
}

/// What a lookup found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A seat with a sitting MP.
    Found {
        constituency: Constituency,
        nation: Nation,
        mp: Mp,
    },
    /// A seat with no MP until a by-election.
    Vacant {
        constituency: Constituency,
        nation: Nation,
    },
    /// Parliament is dissolved: no MPs until the election.
    Dissolved {
        constituency: Constituency,
        nation: Nation,
    },
    /// The place has no Westminster seat.
    NoSeat(NoSeat),
    /// Well formed, but no such postcode.
    Unknown,
    /// Newer than the data, in a sector whose live postcodes lie in more
    /// than one seat: which one cannot be told.
    SplitSector,
    /// Not a postcode the provider accepts.
    Invalid,
    /// A postcode that was retired, with the year if known.
    Terminated { year: Option<u16> },
    /// The provider could not answer now; try again later.
    Unavailable(Unavailable),
}

/// Why no source could answer now, and when asking again makes sense.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unavailable {
    /// What failed, e.g. "postcodes.io: HTTP 503". Never the postcode.
    pub reason: String,
    /// How long the service asked us to wait (`Retry-After`), if it did.
    pub retry_after: Option<Duration>,
}

impl Unavailable {
    pub fn new(reason: impl Into<String>) -> Unavailable {
        Unavailable {
            reason: reason.into(),
            retry_after: None,
        }
    }
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)?;
        if let Some(wait) = self.retry_after {
            write!(f, " (retry after {} s)", wait.as_secs())?;
        }
        Ok(())
    }
}

impl Lookup {
    /// The stable snake_case outcome code, as `postbag lookup --json` prints it.
    pub fn code(&self) -> &'static str {
        match self {
            Lookup::Found { .. } => "found",
            Lookup::Vacant { .. } => "vacant",
            Lookup::Dissolved { .. } => "dissolved",
            Lookup::NoSeat(_) => "no_seat",
            Lookup::Unknown => "unknown",
            Lookup::SplitSector => "split_sector",
            Lookup::Invalid => "invalid",
            Lookup::Terminated { .. } => "terminated",
            Lookup::Unavailable(_) => "unavailable",
        }
    }

    /// The constituency, where there is one.
    pub fn constituency(&self) -> Option<&Constituency> {
        match self {
            Lookup::Found { constituency, .. }
            | Lookup::Vacant { constituency, .. }
            | Lookup::Dissolved { constituency, .. } => Some(constituency),
            _ => None,
        }
    }

    /// The nation, where there is a seat.
    pub fn nation(&self) -> Option<Nation> {
        match self {
            Lookup::Found { nation, .. }
            | Lookup::Vacant { nation, .. }
            | Lookup::Dissolved { nation, .. } => Some(*nation),
            _ => None,
        }
    }

    /// The sitting MP, if any.
    pub fn mp(&self) -> Option<&Mp> {
        match self {
            Lookup::Found { mp, .. } => Some(mp),
            _ => None,
        }
    }
}

/// Which sources gave an answer, e.g. `offline` or `postcodes.io+members-api`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// Where the postcode was looked up; `None` when the postcode itself
    /// was enough (places with no seat).
    pub seat: Option<&'static str>,
    /// Where the MP was found, when a second source was asked.
    pub mp: Option<&'static str>,
    /// The postcode is newer than the data: the seat is the one every live
    /// postcode of its sector ("AB10 1") lies in.
    pub by_sector: bool,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sector = if self.by_sector { " (by sector)" } else { "" };
        match (self.seat, self.mp) {
            (None, None) => f.write_str("postcode"),
            (Some(seat), None) => write!(f, "{seat}{sector}"),
            (None, Some(mp)) => f.write_str(mp),
            (Some(seat), Some(mp)) if seat == mp => write!(f, "{seat}{sector}"),
            (Some(seat), Some(mp)) => write!(f, "{seat}{sector}+{mp}"),
        }
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A lookup and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub lookup: Lookup,
    pub source: Source,
}

/// A source of postcode → seat → MP answers.
pub trait MpLookup {
    /// Look up a postcode in the UK proper (never one with no seat).
    fn lookup(&self, postcode: &Postcode) -> impl Future<Output = Answer> + Send;
}

/// Answer for `postcode`: places with no seat from the postcode itself,
/// everything else from `provider`.
pub async fn resolve(provider: &impl MpLookup, postcode: &Postcode) -> Answer {
    let no_seat = |why| Answer {
        lookup: Lookup::NoSeat(why),
        source: Source::default(),
    };
    match postcode.place() {
        Place::Uk => provider.lookup(postcode).await,
        Place::CrownDependency => no_seat(NoSeat::CrownDependency),
        Place::Forces => no_seat(NoSeat::Forces),
        Place::OverseasTerritory => no_seat(NoSeat::OverseasTerritory),
        Place::NonGeographic => no_seat(NoSeat::NonGeographic),
    }
}

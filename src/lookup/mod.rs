//! Finding the supporter's MP from their postcode.
//!
//! One interface, [`MpLookup`], with a result that says exactly what
//! happened, so the reply can explain it: a seat and its MP, a vacant seat,
//! Parliament dissolved, no Westminster seat at all, an unknown or retired
//! postcode, or the service unavailable (the message then waits and is
//! retried). Places with no seat are known from the postcode alone and are
//! answered by [`resolve`] without asking any provider, so such postcodes
//! never leave the server. This is the I/O edge of the pipeline; providers
//! live in submodules.

pub mod table;

use std::fmt;
use std::future::Future;

use serde::Serialize;

use crate::postcode::{Place, Postcode};

/// The four nations with Westminster constituencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Nation {
    England,
    Scotland,
    Wales,
    NorthernIreland,
}

impl Nation {
    /// The stable snake_case code used in config and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Nation::England => "england",
            Nation::Scotland => "scotland",
            Nation::Wales => "wales",
            Nation::NorthernIreland => "northern_ireland",
        }
    }

    /// Parse a code as written in config and tables.
    pub fn from_code(code: &str) -> Option<Nation> {
        Some(match code {
            "england" => Nation::England,
            "scotland" => Nation::Scotland,
            "wales" => Nation::Wales,
            "northern_ireland" => Nation::NorthernIreland,
            _ => return None,
        })
    }

    /// The nation's name in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Nation::England => "England",
            Nation::Scotland => "Scotland",
            Nation::Wales => "Wales",
            Nation::NorthernIreland => "Northern Ireland",
        }
    }
}

impl fmt::Display for Nation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A Westminster constituency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Constituency {
    pub name: String,
    /// The GSS code, e.g. `E14001465`.
    pub code: String,
}

/// A sitting MP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mp {
    /// The display name, e.g. "Alex Example".
    pub name: String,
    /// The parliamentary email, if the MP publishes one. Never guessed.
    pub email: Option<String>,
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
    /// Not a postcode the provider accepts.
    Invalid,
    /// A postcode that was retired, with the year if known.
    Terminated { year: Option<u16> },
    /// The provider could not answer now; try again later. The text names
    /// the failure, never the postcode.
    Unavailable(String),
}

impl Lookup {
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

/// A source of postcode → seat → MP answers.
pub trait MpLookup {
    /// Look up a postcode in the UK proper (never one with no seat).
    fn lookup(&self, postcode: &Postcode) -> impl Future<Output = Lookup> + Send;
}

/// Answer for `postcode`: places with no seat from the postcode itself,
/// everything else from `provider`.
pub async fn resolve(provider: &impl MpLookup, postcode: &Postcode) -> Lookup {
    match postcode.place() {
        Place::Uk => provider.lookup(postcode).await,
        Place::CrownDependency => Lookup::NoSeat(NoSeat::CrownDependency),
        Place::Forces => Lookup::NoSeat(NoSeat::Forces),
        Place::OverseasTerritory => Lookup::NoSeat(NoSeat::OverseasTerritory),
        Place::NonGeographic => Lookup::NoSeat(NoSeat::NonGeographic),
    }
}

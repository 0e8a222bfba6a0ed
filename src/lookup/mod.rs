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
pub mod metered;
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
            salutation: salutation(&name, None),
            name,
            email,
            ..Mp::default()
        }
    }
}

/// How a letter greets an MP whose source gives no form of address, from
/// their display name and, if known, full title ("Rt Hon Sir James
/// Cleverly MP"): "Mr Rand" and "Dr Mullan" for a title and surname, "Sir
/// James" for a knight, else the name as displayed ("Alex Baker"), which
/// Parliament's own guidance accepts when the title is not known.
pub fn salutation(display: &str, full_title: Option<&str>) -> String {
    const SURNAME_TITLES: [&str; 8] = ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor"];
    const FIRST_NAME_TITLES: [&str; 2] = ["Sir", "Dame"];
    // Honorifics before the name and letters after it are not part of a
    // greeting.
    let words = |text: &str| -> Vec<String> {
        let mut words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        while words
            .first()
            .is_some_and(|w| ["Rt", "Hon", "The", "Right", "Honourable"].contains(&w.as_str()))
        {
            words.remove(0);
        }
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
        {
            words.pop();
        }
        words
    };
    let display_words = words(display);
    let titled = [Some(display_words.clone()), full_title.map(words)]
        .into_iter()
        .flatten()
        .find(|w| {
            w.len() >= 2
                && (SURNAME_TITLES.contains(&w[0].as_str())
                    || FIRST_NAME_TITLES.contains(&w[0].as_str()))
        });
    match titled {
        Some(w) if FIRST_NAME_TITLES.contains(&w[0].as_str()) => format!("{} {}", w[0], w[1]),
        Some(w) => format!("{} {}", w[0], w[w.len() - 1]),
        None if display_words.is_empty() => display.trim().to_owned(),
        None => display_words.join(" "),
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

#[cfg(test)]
mod tests {
    use super::salutation;

    #[test]
    fn a_greeting_uses_the_form_of_address_whatever_the_source() {
        // Shapes from the DfE MP list's display_as and full_title columns.
        assert_eq!(
            salutation("Mr Connor Rand", Some("Mr Connor Rand MP")),
            "Mr Rand"
        );
        assert_eq!(salutation("Dr Kieran Mullan", None), "Dr Mullan");
        assert_eq!(
            salutation("Sir James Cleverly", Some("Rt Hon Sir James Cleverly MP")),
            "Sir James"
        );
        assert_eq!(
            salutation("Wendy Morton", Some("Rt Hon Wendy Morton MP")),
            "Wendy Morton"
        );
        assert_eq!(
            salutation("Shabana Mahmood", Some("Rt Hon Shabana Mahmood KC MP")),
            "Shabana Mahmood"
        );
        // A title only in the full title still counts.
        assert_eq!(
            salutation("Richard Holden", Some("Rt Hon Mr Richard Holden MP")),
            "Mr Holden"
        );
        assert_eq!(salutation("Alex Example", None), "Alex Example");
        assert_eq!(salutation("", None), "");
    }
}

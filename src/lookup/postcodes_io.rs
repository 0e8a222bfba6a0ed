//! postcodes.io: postcode → 2024 Westminster seat over HTTP.
//!
//! `GET /postcodes/{postcode}` answers 200 with the seat's name and GSS
//! code and the country, or 404 with `"Invalid postcode"` or `"Postcode not
//! found"`; since v17.7 a retired postcode's 404 carries `terminated` with
//! the year. Older servers do not, so a plain "not found" is checked
//! against `GET /terminated_postcodes/{postcode}` before calling the
//! postcode unknown. Nothing is cached: postcodes are not kept.

use serde::Deserialize;

use super::chain::SeatAnswer;
use super::http::Host;
use super::{Nation, NoSeat, Unavailable};
use crate::postcode::Postcode;

/// A postcodes.io server.
#[derive(Debug)]
pub struct PostcodesIo {
    host: Host,
}

#[derive(Deserialize)]
struct Found {
    result: FoundResult,
}

#[derive(Deserialize)]
struct FoundResult {
    country: Option<String>,
    parliamentary_constituency: Option<String>,
    parliamentary_constituency_2024: Option<String>,
    /// Documented as an object; read `null` as no codes all the same.
    #[serde(default)]
    codes: Option<Codes>,
}

#[derive(Default, Deserialize)]
struct Codes {
    parliamentary_constituency: Option<String>,
    parliamentary_constituency_2024: Option<String>,
}

#[derive(Deserialize)]
struct NotFound {
    error: Option<String>,
    terminated: Option<TerminatedResult>,
}

#[derive(Deserialize)]
struct Terminated {
    result: TerminatedResult,
}

#[derive(Deserialize)]
struct TerminatedResult {
    year_terminated: Option<u16>,
}

impl PostcodesIo {
    pub fn new(host: Host) -> PostcodesIo {
        PostcodesIo { host }
    }

    /// Look up the seat of a postcode.
    pub async fn seat(&self, postcode: &Postcode) -> SeatAnswer {
        let malformed = || {
            SeatAnswer::Unavailable(Unavailable::new(format!(
                "{}: malformed answer",
                self.host.name()
            )))
        };
        let url = self.host.url(&["postcodes", postcode.as_str()], &[]);
        let response = match self.host.get(url).await {
            Ok(response) => response,
            Err(u) => return SeatAnswer::Unavailable(u),
        };
        match response.status {
            200 => match serde_json::from_slice::<Found>(&response.body) {
                Ok(found) => seat_of(found.result),
                Err(_) => malformed(),
            },
            404 => {
                let Ok(not_found) = serde_json::from_slice::<NotFound>(&response.body) else {
                    return malformed();
                };
                if let Some(t) = not_found.terminated {
                    return SeatAnswer::Terminated {
                        year: t.year_terminated,
                    };
                }
                match not_found.error.as_deref() {
                    Some(e) if e.eq_ignore_ascii_case("Invalid postcode") => SeatAnswer::Invalid,
                    _ => self.terminated(postcode).await,
                }
            }
            status => SeatAnswer::Unavailable(Unavailable::new(format!(
                "{}: unexpected HTTP {status}",
                self.host.name()
            ))),
        }
    }

    /// Ask whether a postcode that was not found was retired.
    async fn terminated(&self, postcode: &Postcode) -> SeatAnswer {
        let url = self
            .host
            .url(&["terminated_postcodes", postcode.as_str()], &[]);
        match self.host.get(url).await {
            Err(u) => SeatAnswer::Unavailable(u),
            Ok(r) if r.status == 200 => match serde_json::from_slice::<Terminated>(&r.body) {
                Ok(t) => SeatAnswer::Terminated {
                    year: t.result.year_terminated,
                },
                Err(_) => SeatAnswer::Unavailable(Unavailable::new(format!(
                    "{}: malformed answer",
                    self.host.name()
                ))),
            },
            Ok(_) => SeatAnswer::Unknown,
        }
    }
}

fn seat_of(result: FoundResult) -> SeatAnswer {
    // Since v17 both fields hold the 2024 seats; prefer the explicit one.
    let codes = result.codes.unwrap_or_default();
    let code = codes
        .parliamentary_constituency_2024
        .or(codes.parliamentary_constituency);
    let name = result
        .parliamentary_constituency_2024
        .or(result.parliamentary_constituency);
    let country = result.country.unwrap_or_default();
    match (code, name) {
        (Some(code), Some(name)) => match Nation::of_constituency_code(&code) {
            Some(nation) => SeatAnswer::Seat {
                code,
                name: Some(name),
                nation,
                mp: None,
            },
            None => no_seat(&country),
        },
        _ => no_seat(&country),
    }
}

fn no_seat(country: &str) -> SeatAnswer {
    SeatAnswer::NoSeat(match country {
        "Channel Islands" | "Isle of Man" => NoSeat::CrownDependency,
        _ => NoSeat::NonGeographic,
    })
}

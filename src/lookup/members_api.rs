//! UK Parliament's Members API: seat → sitting MP → contact details.
//!
//! A seat is found by name with `GET /api/Location/Constituency/Search`
//! (the name is public; the supporter's postcode is never sent). Its
//! `currentRepresentation` gives the MP, who is treated as absent (a
//! vacancy) when the representation or member is null, a membership has an
//! end date, or the membership is not active. A vacancy while the Commons
//! has no current members at all is a dissolution. The MP's email comes
//! from `GET /api/Members/{id}/Contact`: the "Parliamentary office" entry,
//! else any `@parliament.uk` address, else no email and a postal address;
//! it is never guessed from the name. Answers are cached in memory per
//! seat for a configured time; the API sits behind Cloudflare, so requests
//! go one at a time through [`Host`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use serde::Deserialize;
use tokio::time::Instant;

use super::chain::{Holder, MpAnswer};
use super::http::Host;
use super::mps::{MpData, SeatRecord, name_key};
use super::{COMMONS_ADDRESS, Mp, Nation, Unavailable};

/// The API's largest page.
const PAGE: usize = 20;

/// A Members API server, with its cache.
#[derive(Debug)]
pub struct MembersApi {
    host: Host,
    ttl: Duration,
    seats: Mutex<HashMap<String, (Instant, MpAnswer)>>,
    /// Whether the Commons has no current members, and when we asked.
    dissolved: Mutex<Option<(Instant, bool)>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
struct SearchResult<T> {
    #[serde(default, deserialize_with = "nullable_list")]
    items: Vec<Item<T>>,
    #[serde(default)]
    total_results: Option<usize>,
}

#[derive(Deserialize)]
struct Item<T> {
    value: T,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Constituency {
    /// Nullable in the schema; a nameless seat matches nothing.
    #[serde(default, deserialize_with = "nullable_string")]
    name: String,
    end_date: Option<String>,
    /// Not in the published schema; used when present.
    gss_code: Option<String>,
    current_representation: Option<Representation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Representation {
    member: Option<Item<Member>>,
    representation: Option<Membership>,
}

#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Member {
    id: u32,
    name_display_as: Option<String>,
    name_address_as: Option<String>,
    latest_party: Option<Party>,
    latest_house_membership: Option<Membership>,
}

#[derive(Clone, Deserialize)]
struct Party {
    name: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Membership {
    membership_end_date: Option<String>,
    membership_status: Option<Status>,
}

#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    status_is_active: Option<bool>,
}

#[derive(Deserialize)]
struct Contacts {
    #[serde(default, deserialize_with = "nullable_list")]
    value: Vec<Contact>,
}

/// A list the schema marks nullable: `null` reads as empty.
fn nullable_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

fn nullable_string<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Contact {
    #[serde(rename = "type")]
    kind: Option<String>,
    email: Option<String>,
    line1: Option<String>,
    line2: Option<String>,
    line3: Option<String>,
    line4: Option<String>,
    line5: Option<String>,
    postcode: Option<String>,
}

/// What `refresh-mps` could not do.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error("{0}")]
    Unavailable(Unavailable),
    #[error("the Members API listed no current seats")]
    NoSeats,
    #[error(
        "{0} seats have no GSS code in the Members API's answer and none in the current MP list; import a CSV with `postbag data import-mps` first, then refresh"
    )]
    Unmatched(usize),
}

impl MembersApi {
    /// `ttl`: how long a seat's answer is reused.
    pub fn new(host: Host, ttl: Duration) -> MembersApi {
        MembersApi {
            host,
            ttl,
            seats: Mutex::new(HashMap::new()),
            dissolved: Mutex::new(None),
        }
    }

    fn malformed(&self) -> Unavailable {
        Unavailable::new(format!("{}: malformed answer", self.host.name()))
    }

    async fn json<T: serde::de::DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, &str)],
    ) -> Result<Option<T>, Unavailable> {
        let response = self.host.get(self.host.url(segments, query)).await?;
        match response.status {
            200 => serde_json::from_slice(&response.body)
                .map(Some)
                .map_err(|_| self.malformed()),
            404 => Ok(None),
            status => Err(Unavailable::new(format!(
                "{}: unexpected HTTP {status}",
                self.host.name()
            ))),
        }
    }

    /// The MP for the seat with GSS `code` and `name`.
    pub async fn mp(&self, code: &str, name: &str) -> MpAnswer {
        if let Some(answer) = self.cached(code) {
            return answer;
        }
        let answer = match self.fetch_seat(code, name).await {
            Ok(answer) => answer,
            Err(u) => return MpAnswer::Unavailable(u),
        };
        // An unknown seat may be a passing glitch of the search: ask again
        // next time rather than remembering it.
        if matches!(answer, MpAnswer::Seat { .. })
            && let Ok(mut seats) = self.seats.lock()
        {
            seats.insert(code.to_owned(), (Instant::now(), answer.clone()));
        }
        answer
    }

    fn cached(&self, code: &str) -> Option<MpAnswer> {
        let seats = self.seats.lock().ok()?;
        let (at, answer) = seats.get(code)?;
        (at.elapsed() < self.ttl).then(|| answer.clone())
    }

    async fn fetch_seat(&self, code: &str, name: &str) -> Result<MpAnswer, Unavailable> {
        let found: Option<SearchResult<Constituency>> = self
            .json(
                &["api", "Location", "Constituency", "Search"],
                &[("searchText", name), ("skip", "0"), ("take", "20")],
            )
            .await?;
        let key = name_key(name);
        let Some(seat) = found
            .into_iter()
            .flat_map(|r| r.items)
            .map(|i| i.value)
            .find(|c| {
                c.end_date.is_none()
                    && match &c.gss_code {
                        Some(gss) => gss == code,
                        None => name_key(&c.name) == key,
                    }
            })
        else {
            return Ok(MpAnswer::UnknownSeat);
        };
        let holder = match sitting(seat.current_representation) {
            Some(member) => Holder::Mp(self.contact(member).await?),
            None if self.parliament_dissolved().await? => Holder::Dissolved,
            None => Holder::Vacant,
        };
        Ok(MpAnswer::Seat {
            name: seat.name,
            holder,
        })
    }

    /// Whether the Commons has no current members, asked at most once per
    /// cache period.
    async fn parliament_dissolved(&self) -> Result<bool, Unavailable> {
        if let Ok(guard) = self.dissolved.lock()
            && let Some((at, dissolved)) = *guard
            && at.elapsed() < self.ttl
        {
            return Ok(dissolved);
        }
        let members: Option<SearchResult<serde_json::Value>> = self
            .json(
                &["api", "Members", "Search"],
                &[
                    ("House", "1"),
                    ("IsCurrentMember", "true"),
                    ("skip", "0"),
                    ("take", "1"),
                ],
            )
            .await?;
        // Only an explicit count of zero is a dissolution, never a missing one.
        let dissolved = members.is_some_and(|m| m.total_results == Some(0) && m.items.is_empty());
        if let Ok(mut guard) = self.dissolved.lock() {
            *guard = Some((Instant::now(), dissolved));
        }
        Ok(dissolved)
    }

    /// The member's details with their email, by the rule in the module
    /// comment.
    async fn contact(&self, member: Member) -> Result<Mp, Unavailable> {
        let id = member.id.to_string();
        let contacts: Option<Contacts> =
            self.json(&["api", "Members", &id, "Contact"], &[]).await?;
        let contacts = contacts.map(|c| c.value).unwrap_or_default();
        let (email, postal_address) = choose_contact(&contacts);
        let name = member.name_display_as.unwrap_or_default();
        Ok(Mp {
            salutation: member
                .name_address_as
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| super::salutation(&name, None)),
            name,
            party: member.latest_party.and_then(|p| p.name),
            member_id: Some(member.id),
            email,
            postal_address,
        })
    }

    /// Every current seat and its MP, for `postbag data refresh-mps`. GSS
    /// codes come from the answer where it has them, else from `known`
    /// (the current MP list) by name. `progress(done, total)` is called as
    /// seats are fetched.
    ///
    /// # Errors
    /// When the API cannot be read, or seats cannot be given codes.
    pub async fn all_seats(
        &self,
        known: Option<&MpData>,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<(Vec<SeatRecord>, bool), RefreshError> {
        let mut listed = Vec::new();
        let mut skip = 0;
        loop {
            let skip_text = skip.to_string();
            let take = PAGE.to_string();
            let query = [("searchText", ""), ("skip", &skip_text), ("take", &take)];
            let page: Option<SearchResult<Constituency>> =
                patiently(|| self.json(&["api", "Location", "Constituency", "Search"], &query))
                    .await
                    .map_err(RefreshError::Unavailable)?;
            let Some(page) = page else { break };
            let got = page.items.len();
            listed.extend(page.items.into_iter().map(|i| i.value));
            skip += got;
            if got == 0 || skip >= page.total_results.unwrap_or(0) {
                break;
            }
        }
        listed.retain(|c| c.end_date.is_none() && !c.name.is_empty());
        if listed.is_empty() {
            return Err(RefreshError::NoSeats);
        }
        let total = listed.len();
        let mut seats = Vec::with_capacity(total);
        let mut unmatched = 0;
        for (done, seat) in listed.into_iter().enumerate() {
            progress(done, total);
            let code = seat.gss_code.clone().or_else(|| {
                known
                    .and_then(|k| k.seat_named(&seat.name))
                    .map(|s| s.code.clone())
            });
            let Some(nation) = code.as_deref().and_then(Nation::of_constituency_code) else {
                unmatched += 1;
                continue;
            };
            let mp = match sitting(seat.current_representation) {
                Some(member) => Some(
                    patiently(|| self.contact(member.clone()))
                        .await
                        .map_err(RefreshError::Unavailable)?,
                ),
                None => None,
            };
            seats.push(SeatRecord {
                code: code.unwrap_or_default(),
                name: seat.name,
                nation,
                mp,
            });
        }
        progress(total, total);
        if unmatched > 0 {
            return Err(RefreshError::Unmatched(unmatched));
        }
        let dissolved = seats.iter().all(|s| s.mp.is_none());
        Ok((seats, dissolved))
    }
}

/// Try a request up to three times, waiting as the server asks (up to a
/// minute) or two seconds, for the long `refresh-mps` run.
async fn patiently<T, F, Fut>(mut request: F) -> Result<T, Unavailable>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Unavailable>>,
{
    let mut attempt = 0;
    loop {
        match request().await {
            Ok(v) => return Ok(v),
            Err(u) if attempt < 2 && u.retry_after.is_none_or(|w| w <= Duration::from_secs(60)) => {
                attempt += 1;
                tokio::time::sleep(u.retry_after.unwrap_or(Duration::from_secs(2))).await;
            }
            Err(u) => return Err(u),
        }
    }
}

/// The sitting member of a seat, or `None` when the seat is vacant by any
/// of the signs in the module comment.
fn sitting(representation: Option<Representation>) -> Option<Member> {
    let representation = representation?;
    let ended = |m: &Option<Membership>| {
        m.as_ref().is_some_and(|m| {
            m.membership_end_date.is_some()
                || m.membership_status
                    .as_ref()
                    .is_some_and(|s| s.status_is_active == Some(false))
        })
    };
    if ended(&representation.representation) {
        return None;
    }
    let member = representation.member?.value;
    if ended(&member.latest_house_membership) {
        return None;
    }
    Some(member)
}

/// The email and, without one, a postal address.
fn choose_contact(contacts: &[Contact]) -> (Option<String>, Option<String>) {
    let usable = |c: &&Contact| {
        c.email
            .as_deref()
            .is_some_and(|e| crate::email_address::is_email(e.trim()))
    };
    let office = |c: &&Contact| {
        c.kind
            .as_deref()
            .is_some_and(|k| k.trim().eq_ignore_ascii_case("Parliamentary office"))
    };
    let parliamentary = |c: &&Contact| {
        c.email
            .as_deref()
            .is_some_and(|e| e.trim().to_ascii_lowercase().ends_with("@parliament.uk"))
    };
    let email = contacts
        .iter()
        .filter(usable)
        .find(office)
        .or_else(|| contacts.iter().filter(usable).find(parliamentary))
        .and_then(|c| c.email.as_deref())
        .map(|e| e.trim().to_owned());
    if email.is_some() {
        return (email, None);
    }
    let postal = contacts
        .iter()
        .find(office)
        .map(|c| {
            [
                &c.line1,
                &c.line2,
                &c.line3,
                &c.line4,
                &c.line5,
                &c.postcode,
            ]
            .into_iter()
            .flatten()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
        })
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| COMMONS_ADDRESS.to_owned());
    (None, Some(postal))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contacts(json: &str) -> Vec<Contact> {
        serde_json::from_str::<Contacts>(json).unwrap().value
    }

    #[test]
    fn the_parliamentary_office_email_comes_first() {
        let c = contacts(
            r#"{"value":[
              {"type":"Constituency office","email":"office@example.org"},
              {"type":"Parliamentary office","typeId":1,"line1":"House of Commons","email":"a.b.mp@parliament.uk"}]}"#,
        );
        assert_eq!(
            choose_contact(&c).0.as_deref(),
            Some("a.b.mp@parliament.uk")
        );
    }

    #[test]
    fn else_any_parliament_address_else_the_post() {
        let c = contacts(
            r#"{"value":[
              {"type":"Parliamentary office","line1":"House of Commons","line2":"London","postcode":"SW1A 0AA"},
              {"type":"Website","email":"campaign@example.org"},
              {"type":"Constituency office","email":"x.y.mp@parliament.uk"}]}"#,
        );
        assert_eq!(
            choose_contact(&c).0.as_deref(),
            Some("x.y.mp@parliament.uk")
        );
        let c = contacts(
            r#"{"value":[{"type":"Parliamentary office","line1":"House of Commons","line2":"London","postcode":"SW1A 0AA","phone":"020"}]}"#,
        );
        assert_eq!(
            choose_contact(&c),
            (None, Some("House of Commons, London, SW1A 0AA".to_owned()))
        );
        assert_eq!(
            choose_contact(&[]),
            (None, Some(COMMONS_ADDRESS.to_owned()))
        );
    }

    #[test]
    fn vacancy_signs() {
        let rep = |json: &str| serde_json::from_str::<Option<Representation>>(json).unwrap();
        let member = r#"{"value":{"id":1,"nameDisplayAs":"A","latestHouseMembership":{"membershipEndDate":null,"membershipStatus":{"statusIsActive":true}}}}"#;
        assert!(
            sitting(rep(&format!(
                r#"{{"member":{member},"representation":{{"membershipEndDate":null}}}}"#
            )))
            .is_some()
        );
        assert!(sitting(rep("null")).is_none());
        assert!(sitting(rep(r#"{"member":null}"#)).is_none());
        assert!(
            sitting(rep(&format!(
                r#"{{"member":{member},"representation":{{"membershipEndDate":"2026-01-01T00:00:00"}}}}"#
            )))
            .is_none()
        );
        let inactive = r#"{"member":{"value":{"id":1,"latestHouseMembership":{"membershipStatus":{"statusIsActive":false}}}}}"#;
        assert!(sitting(rep(inactive)).is_none());
    }
}

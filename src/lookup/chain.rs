//! The two-step lookup: postcode → seat from the first postcode source that
//! knows the postcode, then seat → MP from the first MP source that knows
//! the seat, each chain in the operator's order.
//!
//! A source that does not know a postcode (the offline index lacks the
//! newest ones) or cannot answer now passes to the next. If none answered
//! and one was unavailable, the whole lookup is unavailable, so the message
//! waits rather than getting a wrong "unknown postcode" reply.

use std::sync::Arc;

use super::index::{Entry, Index};
use super::members_api::MembersApi;
use super::mps::MpData;
use super::postcodes_io::PostcodesIo;
use super::table::Table;
use super::{Answer, Constituency, Lookup, Mp, MpLookup, Nation, NoSeat, Source, Unavailable};
use crate::postcode::Postcode;

/// What a postcode source knows about a postcode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeatAnswer {
    /// The postcode's seat. `name` is set when the source knows it; `mp`
    /// when the source knows the MP too (the table).
    Seat {
        code: String,
        name: Option<String>,
        nation: Nation,
        mp: Option<MpAnswer>,
    },
    NoSeat(NoSeat),
    Unknown,
    Invalid,
    Terminated {
        year: Option<u16>,
    },
    Unavailable(Unavailable),
}

/// What an MP source knows about a seat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MpAnswer {
    /// The seat as this source names it, and who holds it.
    Seat {
        name: String,
        holder: Holder,
    },
    UnknownSeat,
    Unavailable(Unavailable),
}

/// Who holds a seat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    Mp(Mp),
    Vacant,
    Dissolved,
}

/// A source of postcode → seat answers.
#[derive(Debug)]
pub enum PostcodeSource {
    /// The offline ONS index: postcodes never leave the server.
    Offline(Arc<Index>),
    PostcodesIo(PostcodesIo),
    /// A small CSV of postcodes with their seats and MPs, for demos.
    Table(Arc<Table>),
}

impl PostcodeSource {
    pub fn name(&self) -> &'static str {
        match self {
            PostcodeSource::Offline(_) => "offline",
            PostcodeSource::PostcodesIo(_) => "postcodes.io",
            PostcodeSource::Table(_) => "table",
        }
    }

    /// Whether asking this source sends the postcode off the server.
    pub fn is_remote(&self) -> bool {
        matches!(self, PostcodeSource::PostcodesIo(_))
    }

    pub async fn seat(&self, postcode: &Postcode) -> SeatAnswer {
        match self {
            PostcodeSource::Offline(index) => offline_seat(index, postcode),
            PostcodeSource::PostcodesIo(api) => api.seat(postcode).await,
            PostcodeSource::Table(table) => table_seat(table, postcode),
        }
    }
}

fn offline_seat(index: &Index, postcode: &Postcode) -> SeatAnswer {
    match index.get(postcode.as_str()) {
        None => SeatAnswer::Unknown,
        Some(Entry::Terminated { year }) => SeatAnswer::Terminated { year },
        Some(Entry::NoSeat(why)) => SeatAnswer::NoSeat(why),
        Some(Entry::Seat(code)) => match Nation::of_constituency_code(code) {
            Some(nation) => SeatAnswer::Seat {
                code: code.to_owned(),
                name: None,
                nation,
                mp: None,
            },
            None => SeatAnswer::NoSeat(NoSeat::NonGeographic),
        },
    }
}

fn table_seat(table: &Table, postcode: &Postcode) -> SeatAnswer {
    let seat = |c: Constituency, nation, holder| SeatAnswer::Seat {
        code: c.code,
        name: Some(c.name.clone()),
        nation,
        mp: Some(MpAnswer::Seat {
            name: c.name,
            holder,
        }),
    };
    match table.get(postcode) {
        Lookup::Found {
            constituency,
            nation,
            mp,
        } => seat(constituency, nation, Holder::Mp(mp)),
        Lookup::Vacant {
            constituency,
            nation,
        } => seat(constituency, nation, Holder::Vacant),
        Lookup::Dissolved {
            constituency,
            nation,
        } => seat(constituency, nation, Holder::Dissolved),
        Lookup::NoSeat(why) => SeatAnswer::NoSeat(why),
        Lookup::Invalid => SeatAnswer::Invalid,
        Lookup::Terminated { year } => SeatAnswer::Terminated { year },
        Lookup::Unknown | Lookup::SplitSector => SeatAnswer::Unknown,
        Lookup::Unavailable(u) => SeatAnswer::Unavailable(u),
    }
}

/// A source of seat → MP answers.
#[derive(Debug)]
pub enum MpSource {
    /// The offline MP list.
    Offline(Arc<MpData>),
    MembersApi(Box<MembersApi>),
}

impl MpSource {
    pub fn name(&self) -> &'static str {
        match self {
            MpSource::Offline(_) => "offline",
            MpSource::MembersApi(_) => "members-api",
        }
    }

    /// The seat with GSS `code`, called `name` where the postcode source
    /// said so.
    pub async fn mp(&self, code: &str, name: Option<&str>) -> MpAnswer {
        match self {
            MpSource::Offline(data) => match data.seat(code) {
                None => MpAnswer::UnknownSeat,
                Some(seat) => MpAnswer::Seat {
                    name: seat.name.clone(),
                    holder: match &seat.mp {
                        _ if data.dissolved => Holder::Dissolved,
                        Some(mp) => Holder::Mp(mp.clone()),
                        None => Holder::Vacant,
                    },
                },
            },
            MpSource::MembersApi(api) => match name {
                Some(name) => api.mp(code, name).await,
                // The Members API knows seats by name only.
                None => MpAnswer::UnknownSeat,
            },
        }
    }
}

/// Postcode sources, then MP sources, each tried in order.
#[derive(Debug, Default)]
pub struct Chain {
    postcodes: Vec<PostcodeSource>,
    mps: Vec<MpSource>,
    /// The operator says Parliament is dissolved: no seat has an MP.
    dissolved: bool,
}

impl Chain {
    pub fn new(postcodes: Vec<PostcodeSource>, mps: Vec<MpSource>, dissolved: bool) -> Chain {
        Chain {
            postcodes,
            mps,
            dissolved,
        }
    }

    /// Whether any source sends postcodes off the server.
    pub fn sends_postcodes_away(&self) -> bool {
        self.postcodes.iter().any(PostcodeSource::is_remote)
    }

    async fn answer(&self, postcode: &Postcode) -> Answer {
        let mut unavailable: Option<(Unavailable, &'static str)> = None;
        let mut last = None;
        for source in &self.postcodes {
            let name = source.name();
            last = Some(name);
            let lookup = match source.seat(postcode).await {
                SeatAnswer::Unknown => continue,
                SeatAnswer::Unavailable(u) => {
                    unavailable.get_or_insert((u, name));
                    continue;
                }
                SeatAnswer::Seat {
                    code,
                    name: seat_name,
                    nation,
                    mp,
                } => {
                    let mut answer = self.with_mp(code, seat_name, nation, mp).await;
                    answer.source.seat = Some(name);
                    return answer;
                }
                SeatAnswer::NoSeat(why) => Lookup::NoSeat(why),
                SeatAnswer::Invalid => Lookup::Invalid,
                SeatAnswer::Terminated { year } => Lookup::Terminated { year },
            };
            return Answer {
                lookup,
                source: Source {
                    seat: Some(name),
                    ..Source::default()
                },
            };
        }
        if unavailable.is_none()
            && let Some(answer) = self.by_sector(postcode).await
        {
            return answer;
        }
        match unavailable {
            Some((u, name)) => Answer {
                lookup: Lookup::Unavailable(u),
                source: Source {
                    seat: Some(name),
                    ..Source::default()
                },
            },
            None => Answer {
                lookup: Lookup::Unknown,
                source: Source {
                    seat: last,
                    ..Source::default()
                },
            },
        }
    }

    /// A postcode no source knows may be newer than the data (new homes
    /// reach the ONS files months later): where every live postcode of its
    /// sector lies in one seat, that seat; where they lie in several, say
    /// so. `None` when the offline index has no live postcode there.
    async fn by_sector(&self, postcode: &Postcode) -> Option<Answer> {
        let seats = self.postcodes.iter().find_map(|source| match source {
            PostcodeSource::Offline(index) => {
                Some(index.sector_seats(postcode.as_str())).filter(|s| !s.is_empty())
            }
            _ => None,
        })?;
        let mut answer = match seats[..] {
            [code] => {
                let nation = Nation::of_constituency_code(code)?;
                self.with_mp(code.to_owned(), None, nation, None).await
            }
            _ => Answer {
                lookup: Lookup::SplitSector,
                source: Source::default(),
            },
        };
        answer.source.seat = Some("offline");
        answer.source.by_sector = true;
        Some(answer)
    }

    /// Complete a seat with its MP.
    async fn with_mp(
        &self,
        code: String,
        name: Option<String>,
        nation: Nation,
        known: Option<MpAnswer>,
    ) -> Answer {
        let mut unavailable = None;
        let mut found = None;
        if let Some(answer @ MpAnswer::Seat { .. }) = known {
            found = Some((answer, None));
        } else {
            for source in &self.mps {
                match source.mp(&code, name.as_deref()).await {
                    MpAnswer::UnknownSeat => {}
                    MpAnswer::Unavailable(u) => {
                        unavailable.get_or_insert((u, source.name()));
                    }
                    answer => {
                        found = Some((answer, Some(source.name())));
                        break;
                    }
                }
            }
        }
        let Some((
            MpAnswer::Seat {
                name: seat_name,
                holder,
            },
            mp_source,
        )) = found
        else {
            let (reason, from) = unavailable.unwrap_or_else(|| {
                (
                    Unavailable::new("no MP source knows this seat; refresh the MP data"),
                    "none",
                )
            });
            return Answer {
                lookup: Lookup::Unavailable(reason),
                source: Source {
                    mp: Some(from),
                    ..Source::default()
                },
            };
        };
        let constituency = Constituency {
            name: name.unwrap_or(seat_name),
            code,
        };
        let holder = if self.dissolved {
            Holder::Dissolved
        } else {
            holder
        };
        Answer {
            lookup: match holder {
                Holder::Mp(mp) => Lookup::Found {
                    constituency,
                    nation,
                    mp,
                },
                Holder::Vacant => Lookup::Vacant {
                    constituency,
                    nation,
                },
                Holder::Dissolved => Lookup::Dissolved {
                    constituency,
                    nation,
                },
            },
            source: Source {
                mp: mp_source,
                ..Source::default()
            },
        }
    }
}

impl MpLookup for Chain {
    fn lookup(&self, postcode: &Postcode) -> impl Future<Output = Answer> + Send {
        self.answer(postcode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup::index::{IndexBuilder, IndexMeta, Row};
    use crate::lookup::mps::SeatRecord;

    fn offline() -> (Arc<Index>, Arc<MpData>) {
        let mut b = IndexBuilder::new();
        b.add("AB10 1AB", Row::Seat("S14000061".into())).unwrap();
        b.add("WN4 9AA", Row::Seat("E14001358".into())).unwrap();
        b.add("AB1 0AA", Row::Terminated { year: Some(1996) })
            .unwrap();
        b.add("EC1A 1BB", Row::Seat("E14000999".into())).unwrap();
        let data = MpData::new(
            "t".into(),
            jiff::civil::date(2026, 11, 1),
            vec![
                SeatRecord {
                    code: "S14000061".into(),
                    name: "Aberdeen South".into(),
                    nation: Nation::Scotland,
                    mp: Some(Mp::named("Sam Example", Some("sam@example.org".into()))),
                },
                SeatRecord {
                    code: "E14001358".into(),
                    name: "Makerfield".into(),
                    nation: Nation::England,
                    mp: None,
                },
            ],
        );
        (Arc::new(b.finish(IndexMeta::default())), Arc::new(data))
    }

    /// The offline index and MP list, Parliament `dissolved` or not.
    fn offline_chain(dissolved: bool) -> Chain {
        let (index, data) = offline();
        Chain::new(
            vec![PostcodeSource::Offline(index)],
            vec![MpSource::Offline(data)],
            dissolved,
        )
    }

    fn run(chain: &Chain, postcode: &str) -> Answer {
        let postcode = Postcode::parse(postcode).unwrap();
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(chain.lookup(&postcode))
    }

    #[test]
    fn offline_sources_answer_every_case() {
        let chain = offline_chain(false);
        let found = run(&chain, "ab10 1ab");
        assert_eq!(found.source.to_string(), "offline");
        let Lookup::Found {
            constituency, mp, ..
        } = found.lookup
        else {
            panic!("{found:?}")
        };
        assert_eq!(constituency.name, "Aberdeen South");
        assert_eq!(mp.name, "Sam Example");
        assert!(matches!(
            run(&chain, "WN4 9AA").lookup,
            Lookup::Vacant { .. }
        ));
        assert_eq!(
            run(&chain, "AB1 0AA").lookup,
            Lookup::Terminated { year: Some(1996) }
        );
        assert_eq!(run(&chain, "ZE1 0AA").lookup, Lookup::Unknown);
        // A seat missing from the MP list waits rather than guessing.
        assert!(matches!(
            run(&chain, "EC1A 1BB").lookup,
            Lookup::Unavailable(_)
        ));
        assert!(!chain.sends_postcodes_away());
    }

    #[test]
    fn a_postcode_newer_than_the_data_takes_its_sectors_seat_unless_split() {
        let chain = offline_chain(false);
        // AB10 1ZZ is not in the index; AB10 1AB, the sector's only live
        // postcode, is in Aberdeen South.
        let newer = run(&chain, "AB10 1ZZ");
        assert!(newer.source.by_sector, "{newer:?}");
        assert_eq!(newer.source.to_string(), "offline (by sector)");
        let Lookup::Found { constituency, .. } = newer.lookup else {
            panic!("{newer:?}")
        };
        assert_eq!(constituency.name, "Aberdeen South");
        // A sector whose only postcode is retired has no live seat.
        assert_eq!(run(&chain, "AB1 0ZZ").lookup, Lookup::Unknown);
        let mut b = IndexBuilder::new();
        b.add("WN4 9AA", Row::Seat("E14001358".into())).unwrap();
        b.add("WN4 9AB", Row::Seat("E14001359".into())).unwrap();
        let split = Chain::new(
            vec![PostcodeSource::Offline(Arc::new(
                b.finish(IndexMeta::default()),
            ))],
            Vec::new(),
            false,
        );
        assert_eq!(run(&split, "WN4 9ZZ").lookup, Lookup::SplitSector);
    }

    #[test]
    fn dissolution_overrides_every_holder() {
        let chain = offline_chain(true);
        assert!(matches!(
            run(&chain, "AB10 1AB").lookup,
            Lookup::Dissolved { .. }
        ));
    }
}

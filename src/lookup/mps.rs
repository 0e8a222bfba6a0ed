//! The offline MP list: every seat's name, nation and sitting MP, kept as
//! `mps.json` in the lookup data folder.
//!
//! It is written by `postbag data import-mps` (from a CSV) or `postbag data
//! refresh-mps` (from the Members API), and records where it came from and
//! how old the data is, so `lookup` and the daemon can warn when it is
//! stale. It holds public data about MPs only, never anything about a
//! supporter.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{Mp, Nation};

const FORMAT: u32 = 1;

/// One seat and its MP (`None` while the seat is vacant).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatRecord {
    /// The GSS code, e.g. `E14001465`.
    pub code: String,
    pub name: String,
    pub nation: Nation,
    pub mp: Option<Mp>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MpFile {
    format: u32,
    source: String,
    data_date: Date,
    imported_at: jiff::Timestamp,
    #[serde(default)]
    dissolved: bool,
    seats: Vec<SeatRecord>,
}

/// The MP list, in memory, indexed by GSS code and by name.
#[derive(Clone, Debug)]
pub struct MpData {
    pub source: String,
    /// The day the data describes.
    pub data_date: Date,
    pub imported_at: jiff::Timestamp,
    /// Parliament was dissolved when the data was fetched: no seat has an
    /// MP.
    pub dissolved: bool,
    seats: Vec<SeatRecord>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

/// A problem reading the MP list.
#[derive(Debug, Error)]
pub enum MpDataError {
    #[error(
        "{path}: cannot read: {source} (build it with `postbag data import-mps FILE` or `postbag data refresh-mps`)"
    )]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a postbag MP list: {message}")]
    Format { path: PathBuf, message: String },
}

impl MpData {
    /// A list from seats just read.
    pub fn new(source: String, data_date: Date, seats: Vec<SeatRecord>) -> MpData {
        MpData::from_parts(source, data_date, jiff::Timestamp::now(), false, seats)
    }

    fn from_parts(
        source: String,
        data_date: Date,
        imported_at: jiff::Timestamp,
        dissolved: bool,
        seats: Vec<SeatRecord>,
    ) -> MpData {
        let by_code = seats
            .iter()
            .enumerate()
            .map(|(i, s)| (s.code.clone(), i))
            .collect();
        let by_name = seats
            .iter()
            .enumerate()
            .map(|(i, s)| (name_key(&s.name), i))
            .collect();
        MpData {
            source,
            data_date,
            imported_at,
            dissolved,
            seats,
            by_code,
            by_name,
        }
    }

    /// Mark the list as taken while Parliament was dissolved.
    pub fn set_dissolved(&mut self, dissolved: bool) {
        self.dissolved = dissolved;
    }

    /// The seat with this GSS code.
    pub fn seat(&self, code: &str) -> Option<&SeatRecord> {
        self.by_code.get(code).map(|&i| &self.seats[i])
    }

    /// The seat with this name, ignoring case, punctuation and accents'
    /// absence ("Ynys Môn" and "Ynys Mon" match).
    pub fn seat_named(&self, name: &str) -> Option<&SeatRecord> {
        self.by_name.get(&name_key(name)).map(|&i| &self.seats[i])
    }

    pub fn seats(&self) -> &[SeatRecord] {
        &self.seats
    }

    /// How many days old the data is on `today`.
    pub fn age_days(&self, today: Date) -> i64 {
        today
            .since(self.data_date)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// Read `mps.json`.
    ///
    /// # Errors
    /// When the file cannot be read or is not an MP list.
    pub fn read(path: &Path) -> Result<MpData, MpDataError> {
        let text = std::fs::read(path).map_err(|source| MpDataError::Read {
            path: path.into(),
            source,
        })?;
        let file: MpFile = serde_json::from_slice(&text).map_err(|e| MpDataError::Format {
            path: path.into(),
            message: e.to_string(),
        })?;
        if file.format != FORMAT {
            return Err(MpDataError::Format {
                path: path.into(),
                message: format!("format {} (this postbag reads {FORMAT})", file.format),
            });
        }
        Ok(MpData::from_parts(
            file.source,
            file.data_date,
            file.imported_at,
            file.dissolved,
            file.seats,
        ))
    }

    /// Write `mps.json` atomically.
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let file = MpFile {
            format: FORMAT,
            source: self.source.clone(),
            data_date: self.data_date,
            imported_at: self.imported_at,
            dissolved: self.dissolved,
            seats: self.seats.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        crate::atomic_file::write(path, &bytes)
    }
}

/// A seat name reduced for matching: letters and digits only, lower case,
/// common Welsh accents folded.
pub(crate) fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> MpData {
        MpData::new(
            "t.csv".into(),
            jiff::civil::date(2026, 6, 27),
            vec![
                SeatRecord {
                    code: "W07000100".into(),
                    name: "Ynys Môn".into(),
                    nation: Nation::Wales,
                    mp: Some(Mp::named("Sam Example", None)),
                },
                SeatRecord {
                    code: "E14001358".into(),
                    name: "Makerfield".into(),
                    nation: Nation::England,
                    mp: None,
                },
            ],
        )
    }

    #[test]
    fn finds_seats_by_code_and_by_name() {
        let data = data();
        assert_eq!(data.seat("E14001358").unwrap().name, "Makerfield");
        assert_eq!(data.seat_named("ynys mon").unwrap().code, "W07000100");
        assert_eq!(data.seat_named("Ynys-Môn").unwrap().code, "W07000100");
        assert!(data.seat("E14000001").is_none());
        assert_eq!(data.age_days(jiff::civil::date(2026, 7, 27)), 30);
    }

    #[test]
    fn round_trips_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mps.json");
        let mut data = data();
        data.set_dissolved(true);
        data.write(&path).unwrap();
        let back = MpData::read(&path).unwrap();
        assert_eq!(back.seats(), data.seats());
        assert!(back.dissolved);
        std::fs::write(&path, b"{}").unwrap();
        assert!(matches!(
            MpData::read(&path),
            Err(MpDataError::Format { .. })
        ));
    }
}

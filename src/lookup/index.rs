//! The offline postcode index: every postcode in the ONS Postcode Directory
//! with its Westminster seat, in about 4 bytes a postcode.
//!
//! A postcode splits into its sector ("AB10 1") and unit ("AB"). The index
//! keeps one sorted list of sectors, each packed into a `u32`, pointing at
//! a run of sorted entries, each a `u32` holding the unit in its high half
//! and a value in its low half: the seat's number in a table of GSS codes,
//! a retired postcode with its year, or a postcode with no seat. A lookup
//! is two binary searches over flat arrays (a sector holds a few hundred
//! postcodes at most, and an entry's unit and value share a cache line),
//! with no allocation.
//!
//! On disk the index is one file: a magic line, a JSON header saying where
//! the data came from, the arrays in little-endian order, and a SHA-256 of
//! everything before it, so a truncated or corrupted file is refused
//! rather than misread. Building the index is pure; reading and writing
//! the file are the only I/O here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::NoSeat;
use super::index_key::{entry, split_key, unit_of, unpack, value_of};

const MAGIC: &[u8; 8] = b"PBIDX\x002\n";
const TERMINATED: u16 = 0x8000;
const NO_SEAT_CROWN: u16 = 0x7FFE;
const NO_SEAT_OTHER: u16 = 0x7FFF;
/// Seat numbers stay below the special values.
const MAX_SEATS: usize = 0x7F00;

/// Where the data in an index came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// The imported file's name (no folder).
    pub source: String,
    /// The file's layout: `onspd` (ONSPD or NSPL) or `plain`.
    pub layout: String,
    /// The data's own date where it says one (the ONSPD release month,
    /// `YYYY-MM`), else the file's modification date.
    pub data_date: Option<String>,
    /// When the index was built (RFC 3339).
    pub imported_at: String,
    pub live: u64,
    pub terminated: u64,
    pub no_seat: u64,
}

/// What the index holds for one postcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    /// A live postcode in this seat (GSS code).
    Seat(&'a str),
    /// A retired postcode, with the year it was retired if known.
    Terminated { year: Option<u16> },
    /// A live postcode with no Westminster seat.
    NoSeat(NoSeat),
}

/// What a row of the source says about a postcode, for the builder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Seat(String),
    Terminated { year: Option<u16> },
    NoSeat(NoSeat),
}

/// The postcode index, in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Index {
    meta: IndexMeta,
    seats: Vec<String>,
    /// Packed sectors, sorted.
    sectors: Vec<u32>,
    /// `starts[i]..starts[i + 1]` is sector `i`'s run; one longer than
    /// `sectors`.
    starts: Vec<u32>,
    /// `unit << 16 | value`, sorted by unit within each sector.
    entries: Vec<u32>,
}

/// A problem reading an index file.
#[derive(Debug, Error)]
pub enum IndexError {
    #[error("{path}: cannot read: {source} (build it with `postbag data import-postcodes FILE`)")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: not a postbag postcode index (build one with `postbag data import-postcodes`)"
    )]
    NotAnIndex { path: PathBuf },
    #[error("{path}: damaged ({problem}); import the postcodes again")]
    Damaged {
        path: PathBuf,
        problem: &'static str,
    },
}

impl Index {
    /// What the index holds for a postcode in its standard form
    /// ("AB10 1AB"); `None` if the postcode is not in it.
    pub fn get(&self, postcode: &str) -> Option<Entry<'_>> {
        let (sector, unit) = split_key(postcode)?;
        let at = self.sectors.binary_search(&sector).ok()?;
        let run = &self.entries[self.starts[at] as usize..self.starts[at + 1] as usize];
        let found = run.binary_search_by_key(&unit, |&e| unit_of(e)).ok()?;
        Some(self.entry(value_of(run[found])))
    }

    /// The seats of the live postcodes in the sector of `postcode`
    /// ("AB10 1" of "AB10 1ZZ"), each once, in index order: for a postcode
    /// newer than the data, whose neighbours say where it most likely is.
    /// Empty when the sector is not in the index or has no live seat.
    pub fn sector_seats(&self, postcode: &str) -> Vec<&str> {
        let Some((sector, _)) = split_key(postcode) else {
            return Vec::new();
        };
        let Ok(at) = self.sectors.binary_search(&sector) else {
            return Vec::new();
        };
        let run = &self.entries[self.starts[at] as usize..self.starts[at + 1] as usize];
        let mut seats: Vec<&str> = Vec::new();
        for &e in run {
            if let Entry::Seat(code) = self.entry(value_of(e))
                && !seats.contains(&code)
            {
                seats.push(code);
            }
        }
        seats
    }

    fn entry(&self, value: u16) -> Entry<'_> {
        match value {
            NO_SEAT_CROWN => Entry::NoSeat(NoSeat::CrownDependency),
            NO_SEAT_OTHER => Entry::NoSeat(NoSeat::NonGeographic),
            v if v & TERMINATED != 0 => Entry::Terminated {
                year: match v & !TERMINATED {
                    0 => None,
                    offset => Some(1899 + offset),
                },
            },
            v => Entry::Seat(&self.seats[usize::from(v)]),
        }
    }

    /// Where the data came from.
    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// How many postcodes the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The GSS codes of the seats the index refers to.
    pub fn seat_codes(&self) -> &[String] {
        &self.seats
    }

    /// Bytes of memory the index holds, not counting small fixed parts.
    pub fn heap_bytes(&self) -> usize {
        self.sectors.capacity() * 4
            + self.starts.capacity() * 4
            + self.entries.capacity() * 4
            + self.seats.iter().map(|s| s.capacity() + 24).sum::<usize>()
    }

    /// Every postcode and its entry, in index order (for checks and tests).
    pub fn iter(&self) -> impl Iterator<Item = (String, Entry<'_>)> + '_ {
        self.sectors
            .iter()
            .enumerate()
            .flat_map(move |(at, &sector)| {
                let run = &self.entries[self.starts[at] as usize..self.starts[at + 1] as usize];
                run.iter()
                    .map(move |&e| (unpack(sector, unit_of(e)), self.entry(value_of(e))))
            })
    }

    /// The file form of the index.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.entries.len() * 4 + self.sectors.len() * 8);
        out.extend_from_slice(MAGIC);
        let meta = serde_json::to_vec(&self.meta).unwrap_or_default();
        put_u32(&mut out, meta.len());
        out.extend_from_slice(&meta);
        put_u32(&mut out, self.seats.len());
        for seat in &self.seats {
            out.push(u8::try_from(seat.len()).unwrap_or(u8::MAX));
            out.extend_from_slice(&seat.as_bytes()[..seat.len().min(255)]);
        }
        put_u32(&mut out, self.sectors.len());
        for n in self.sectors.iter().chain(&self.starts) {
            out.extend_from_slice(&n.to_le_bytes());
        }
        put_u32(&mut out, self.entries.len());
        for e in &self.entries {
            out.extend_from_slice(&e.to_le_bytes());
        }
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        out
    }

    /// Read the file form, checking its checksum and its order, so that a
    /// damaged file is refused rather than answering wrongly.
    ///
    /// # Errors
    /// When the bytes are not an index, or are damaged.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Index, IndexError> {
        let damaged = |problem| IndexError::Damaged {
            path: path.into(),
            problem,
        };
        if !bytes.starts_with(MAGIC) {
            return Err(IndexError::NotAnIndex { path: path.into() });
        }
        let Some(body_len) = bytes.len().checked_sub(32) else {
            return Err(damaged("truncated"));
        };
        let (body, digest) = bytes.split_at(body_len);
        if Sha256::digest(body).as_slice() != digest {
            return Err(damaged("checksum mismatch"));
        }
        let mut r = Reader {
            bytes: body,
            at: MAGIC.len(),
        };
        let meta_len = r.u32().ok_or_else(|| damaged("truncated"))? as usize;
        let meta = r.take(meta_len).ok_or_else(|| damaged("truncated"))?;
        let meta: IndexMeta = serde_json::from_slice(meta).map_err(|_| damaged("bad header"))?;
        let seat_count = r.u32().ok_or_else(|| damaged("truncated"))? as usize;
        if seat_count > MAX_SEATS {
            return Err(damaged("too many seats"));
        }
        let mut seats = Vec::with_capacity(seat_count);
        for _ in 0..seat_count {
            let len = usize::from(
                *r.take(1)
                    .and_then(|b| b.first())
                    .ok_or_else(|| damaged("truncated"))?,
            );
            let code = r.take(len).ok_or_else(|| damaged("truncated"))?;
            seats.push(String::from_utf8(code.to_vec()).map_err(|_| damaged("bad seat code"))?);
        }
        let sector_count = r.u32().ok_or_else(|| damaged("truncated"))? as usize;
        let sectors = r.u32s(sector_count).ok_or_else(|| damaged("truncated"))?;
        let starts = r
            .u32s(sector_count + 1)
            .ok_or_else(|| damaged("truncated"))?;
        let entry_count = r.u32().ok_or_else(|| damaged("truncated"))? as usize;
        let entries = r.u32s(entry_count).ok_or_else(|| damaged("truncated"))?;
        if r.at != body.len() {
            return Err(damaged("trailing bytes"));
        }
        let index = Index {
            meta,
            seats,
            sectors,
            starts,
            entries,
        };
        index.check().map_err(damaged)?;
        Ok(index)
    }

    /// Check the invariants `get` relies on.
    fn check(&self) -> Result<(), &'static str> {
        if !self.sectors.windows(2).all(|w| w[0] < w[1]) {
            return Err("sectors out of order");
        }
        if self.starts.first() != Some(&0)
            || self.starts.last().map(|&s| s as usize) != Some(self.entries.len())
            || !self.starts.windows(2).all(|w| w[0] <= w[1])
        {
            return Err("bad sector offsets");
        }
        for at in 0..self.sectors.len() {
            let run = &self.entries[self.starts[at] as usize..self.starts[at + 1] as usize];
            if !run.windows(2).all(|w| unit_of(w[0]) < unit_of(w[1])) {
                return Err("postcodes out of order");
            }
        }
        let seats = self.seats.len();
        if self
            .entries
            .iter()
            .map(|&e| value_of(e))
            .any(|v| v & TERMINATED == 0 && v < NO_SEAT_CROWN && usize::from(v) >= seats)
        {
            return Err("unknown seat number");
        }
        Ok(())
    }

    /// Read an index file.
    ///
    /// # Errors
    /// When the file cannot be read, is not an index, or is damaged.
    pub fn read(path: &Path) -> Result<Index, IndexError> {
        let bytes = std::fs::read(path).map_err(|source| IndexError::Read {
            path: path.into(),
            source,
        })?;
        Index::from_bytes(&bytes, path)
    }

    /// Write the index to `path` atomically: a temporary file beside it,
    /// synced, then renamed over it.
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        crate::atomic_file::write(path, &self.to_bytes())
    }
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        let b = self.take(n.checked_mul(4)?)?;
        Some(
            b.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

/// Collects rows, then sorts them into an [`Index`].
#[derive(Debug, Default)]
pub struct IndexBuilder {
    rows: Vec<(u32, u16, u16)>,
    seat_numbers: HashMap<String, u16>,
    seats: Vec<String>,
}

/// A row the builder cannot take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum RowError {
    #[error("not a postcode in standard form")]
    Postcode,
    #[error("more than {MAX_SEATS} different seats")]
    TooManySeats,
}

impl IndexBuilder {
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// Add a postcode in standard form ("AB10 1AB", or without the space).
    ///
    /// # Errors
    /// When the postcode does not have a postcode's shape, or there are
    /// too many seats.
    pub fn add(&mut self, postcode: &str, row: Row) -> Result<(), RowError> {
        let (sector, unit) = split_key(postcode).ok_or(RowError::Postcode)?;
        let value = match row {
            Row::Seat(code) => match self.seat_numbers.get(&code) {
                Some(&n) => n,
                None => {
                    if self.seats.len() >= MAX_SEATS {
                        return Err(RowError::TooManySeats);
                    }
                    let n = u16::try_from(self.seats.len()).map_err(|_| RowError::TooManySeats)?;
                    self.seats.push(code.clone());
                    self.seat_numbers.insert(code, n);
                    n
                }
            },
            Row::Terminated { year } => {
                TERMINATED
                    | year
                        .filter(|y| (1900..1900 + 0x7FFF).contains(y))
                        .map_or(0, |y| y - 1899)
            }
            Row::NoSeat(NoSeat::CrownDependency) => NO_SEAT_CROWN,
            Row::NoSeat(_) => NO_SEAT_OTHER,
        };
        self.rows.push((sector, unit, value));
        Ok(())
    }

    /// How many rows were added.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Sort the rows into an index. Where a postcode appears twice, a live
    /// row wins over a retired one, and otherwise the first row wins.
    pub fn finish(mut self, mut meta: IndexMeta) -> Index {
        // Stable sort: rows of one postcode keep their input order.
        self.rows.sort_by_key(|&(o, i, _)| (o, i));
        let mut sectors = Vec::new();
        let mut starts = Vec::new();
        let mut entries: Vec<u32> = Vec::with_capacity(self.rows.len());
        let mut last: Option<(u32, u16)> = None;
        for (sector, unit, value) in self.rows {
            if last == Some((sector, unit)) {
                if let Some(kept) = entries.last_mut()
                    && value_of(*kept) & TERMINATED != 0
                    && value & TERMINATED == 0
                {
                    *kept = entry(unit, value);
                }
                continue;
            }
            if last.map(|(s, _)| s) != Some(sector) {
                sectors.push(sector);
                starts.push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
            }
            last = Some((sector, unit));
            entries.push(entry(unit, value));
        }
        starts.push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
        let values = || entries.iter().map(|&e| value_of(e));
        meta.terminated = values().filter(|v| v & TERMINATED != 0).count() as u64;
        meta.no_seat = values()
            .filter(|&v| v == NO_SEAT_CROWN || v == NO_SEAT_OTHER)
            .count() as u64;
        meta.live = entries.len() as u64 - meta.terminated;
        Index {
            meta,
            seats: self.seats,
            sectors,
            starts,
            entries,
        }
    }
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;

//! Reading the files an operator downloads into the offline lookup data:
//! the ONS Postcode Directory (ONSPD or NSPL, as ONS publishes them), a
//! plain `postcode,constituency_code` CSV, and a CSV of MPs per seat in the
//! public DfE `mp-lookup` layout.
//!
//! The readers take any `Read`, report progress in bytes through a
//! callback, and name the line and column of anything they refuse. Error
//! messages never quote a row: these files hold no personal data, but the
//! habit costs nothing.

use std::collections::HashSet;
use std::io::Read;

use thiserror::Error;

use super::index::{Index, IndexBuilder, IndexMeta, Row};
use super::mps::{MpData, SeatRecord};
use super::{Mp, Nation, NoSeat};

use crate::failure::{Classify, FailureClass};

/// The postcode columns of an ONSPD or NSPL file.
const ONS_COLUMNS: [&str; 2] = ["pcds", "pcon"];
const PLAIN_POSTCODE: [&str; 5] = ["postcode", "pcds", "pcd", "pcd7", "pcd8"];
const PLAIN_SEAT: [&str; 5] = [
    "constituency_code",
    "pcon",
    "pcon24cd",
    "pcon_code",
    "constituency",
];
/// Crown Dependency country codes in ONSPD's `ctry`: the Channel Islands
/// and the Isle of Man.
const CROWN_COUNTRIES: [&str; 2] = ["L93000001", "M83000003"];

/// A problem with an imported file.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("cannot read: {0}")]
    Read(#[from] std::io::Error),
    #[error("cannot read as CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error(
        "unrecognised header: expected an ONSPD/NSPL file (with pcds, doterm, pcon, ctry) or a plain postcode,constituency_code CSV"
    )]
    PostcodeHeader,
    #[error(
        "unrecognised header: expected the DfE mp-lookup layout (pcon_code, pcon_name, member_id, display_as, member_email, …); missing column {0}"
    )]
    MpHeader(&'static str),
    #[error("line {line}: {column}: {problem}")]
    Row {
        line: u64,
        column: &'static str,
        problem: &'static str,
    },
    #[error("no postcodes found in the file")]
    Empty,
    #[error("{0} rows could not be read as postcodes; is this the right file?")]
    TooManySkipped(u64),
}

impl Classify for ImportError {
    fn class(&self) -> FailureClass {
        FailureClass::Data
    }
}

/// How a postcode import went.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PostcodeReport {
    pub rows: u64,
    /// Rows whose postcode is not in standard form (never in real ONSPD).
    pub skipped: u64,
}

/// Counts bytes read, for a progress bar.
struct Counting<R, F> {
    inner: R,
    read: u64,
    progress: F,
}

impl<R: Read, F: FnMut(u64)> Read for Counting<R, F> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        (self.progress)(self.read);
        Ok(n)
    }
}

enum PostcodeLayout {
    /// ONSPD or NSPL: `pcds`, `doterm`, `pcon`, and `ctry` where present.
    Ons {
        pcds: usize,
        doterm: Option<usize>,
        dointr: Option<usize>,
        pcon: usize,
        ctry: Option<usize>,
    },
    /// Postcode and constituency code, with or without a header.
    Plain { header: bool },
}

/// Build a postcode index from an ONSPD/NSPL file or a plain
/// `postcode,constituency_code` CSV. `meta` says where the file came from;
/// the layout, counts and (for ONSPD) the data's month are filled in.
///
/// # Errors
/// When the file cannot be read or is not one of those layouts.
pub fn postcodes(
    reader: impl Read,
    mut meta: IndexMeta,
    progress: impl FnMut(u64),
) -> Result<(Index, PostcodeReport), ImportError> {
    let reader = Counting {
        inner: reader,
        read: 0,
        progress,
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    if !csv.read_byte_record(&mut record)? {
        return Err(ImportError::Empty);
    }
    let header: Vec<String> = record
        .iter()
        .map(|f| {
            String::from_utf8_lossy(f)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let layout = if ONS_COLUMNS.iter().all(|c| column(c).is_some()) {
        PostcodeLayout::Ons {
            pcds: column("pcds").unwrap_or(0),
            doterm: column("doterm"),
            dointr: column("dointr"),
            pcon: column("pcon").unwrap_or(0),
            ctry: column("ctry"),
        }
    } else if header.len() >= 2
        && PLAIN_POSTCODE.contains(&header[0].as_str())
        && PLAIN_SEAT.contains(&header[1].as_str())
    {
        PostcodeLayout::Plain { header: true }
    } else if record.len() >= 2 && standard_postcode(&record[0]).is_some() {
        PostcodeLayout::Plain { header: false }
    } else {
        return Err(ImportError::PostcodeHeader);
    };

    let mut builder = IndexBuilder::new();
    let mut report = PostcodeReport::default();
    let mut latest_month = 0u32;
    let mut postcode = String::with_capacity(8);
    let mut first = matches!(layout, PostcodeLayout::Plain { header: false });
    loop {
        if first {
            first = false;
        } else if !csv.read_byte_record(&mut record)? {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        report.rows += 1;
        let (pc_field, row) = match layout {
            PostcodeLayout::Ons {
                pcds,
                doterm,
                dointr,
                pcon,
                ctry,
            } => {
                let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or(b"");
                let terminated = field(doterm);
                for date in [terminated, field(dointr)] {
                    if let Some(month) = yyyymm(date) {
                        latest_month = latest_month.max(month);
                    }
                }
                let row = if !terminated.is_empty() {
                    Row::Terminated {
                        year: yyyymm(terminated).and_then(|m| u16::try_from(m / 100).ok()),
                    }
                } else {
                    seat_row(field(Some(pcon)), field(ctry))
                };
                (field(Some(pcds)), row)
            }
            PostcodeLayout::Plain { .. } => {
                let code = record.get(1).unwrap_or(b"");
                (record.get(0).unwrap_or(b""), seat_row(code, b""))
            }
        };
        if let Row::Seat(code) = &row
            && Nation::of_constituency_code(code).is_none()
        {
            return Err(ImportError::Row {
                line,
                column: "constituency code",
                problem: "not a Westminster GSS code like E14001465",
            });
        }
        postcode.clear();
        match standard_postcode(pc_field) {
            Some(pc) => postcode.push_str(pc),
            None => {
                report.skipped += 1;
                continue;
            }
        }
        if builder.add(&postcode, row).is_err() {
            report.skipped += 1;
        }
    }
    if builder.is_empty() {
        return Err(ImportError::Empty);
    }
    // Real ONS files have no malformed postcodes; many means a wrong file.
    if report.skipped > report.rows / 100 {
        return Err(ImportError::TooManySkipped(report.skipped));
    }
    meta.layout = match layout {
        PostcodeLayout::Ons { .. } => "onspd",
        PostcodeLayout::Plain { .. } => "plain",
    }
    .to_owned();
    if latest_month > 0 {
        meta.data_date = Some(format!("{}-{:02}", latest_month / 100, latest_month % 100));
    }
    Ok((builder.finish(meta), report))
}

/// What a live row's constituency code means.
fn seat_row(pcon: &[u8], ctry: &[u8]) -> Row {
    let pcon = std::str::from_utf8(pcon).unwrap_or("").trim();
    let ctry = std::str::from_utf8(ctry).unwrap_or("").trim();
    // ONS writes `L99999999`/`M99999999` (or nothing) where there is no seat.
    if pcon.is_empty() || pcon.ends_with("99999999") {
        if CROWN_COUNTRIES.contains(&ctry) || pcon.starts_with(['L', 'M']) {
            Row::NoSeat(NoSeat::CrownDependency)
        } else {
            Row::NoSeat(NoSeat::NonGeographic)
        }
    } else {
        Row::Seat(pcon.to_owned())
    }
}

/// `YYYYMM` as a number, if it is one.
fn yyyymm(field: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(field).ok()?.trim();
    if text.len() != 6 {
        return None;
    }
    let n: u32 = text.parse().ok()?;
    (190_001..=299_912).contains(&n).then_some(n)
}

/// A postcode field in standard form, or with its space missing or
/// doubled, as ONS's `pcd7`/`pcd8` write it; `None` for anything else.
fn standard_postcode(field: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(field).ok()?.trim();
    let ok = (5..=8).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ');
    if !ok {
        return None;
    }
    // pcd8 pads with two spaces ("AB1  0AA"); the index accepts one or none.
    if text.contains("  ") {
        None
    } else {
        Some(text)
    }
}

/// Read MPs per seat from a CSV in the DfE `mp-lookup` layout:
/// `pcon_code`, `pcon_name`, `member_id`, `display_as`, `member_email`,
/// and optionally `full_title` and `party_text`. An empty `display_as`
/// marks a vacant seat; `No email found` (or nothing) an MP with no
/// published email, who is then written to at the House of Commons.
///
/// # Errors
/// When the file cannot be read, lacks a column, or a row is malformed.
pub fn mps(
    reader: impl Read,
    source: &str,
    data_date: jiff::civil::Date,
) -> Result<MpData, ImportError> {
    let mut csv = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(reader);
    let header: Vec<String> = csv
        .headers()?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let column = |name: &'static str| header.iter().position(|h| h == name);
    let required = |name: &'static str| column(name).ok_or(ImportError::MpHeader(name));
    let code_col = required("pcon_code")?;
    let name_col = required("pcon_name")?;
    let display_col = required("display_as")?;
    let email_col = required("member_email")?;
    let id_col = column("member_id");
    let party_col = column("party_text");
    let title_col = column("full_title");

    let mut seats = Vec::new();
    let mut seen = HashSet::new();
    for record in csv.records() {
        let record = record.map_err(|e| ImportError::Row {
            line: e.position().map_or(0, |p| p.line()),
            column: "row",
            problem: "bad quoting",
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or("");
        let row_error = |column, problem| ImportError::Row {
            line,
            column,
            problem,
        };
        let code = field(code_col);
        let nation = Nation::of_constituency_code(code)
            .ok_or_else(|| row_error("pcon_code", "not a Westminster GSS code like E14001465"))?;
        if !seen.insert(code.to_owned()) {
            return Err(row_error("pcon_code", "seat listed twice"));
        }
        let name = field(name_col);
        if name.is_empty() {
            return Err(row_error("pcon_name", "empty"));
        }
        let display = field(display_col);
        let mp = if display.is_empty() {
            None
        } else {
            let email = field(email_col);
            let email = if email.is_empty() || email.eq_ignore_ascii_case("No email found") {
                None
            } else if crate::email_address::is_email(email) {
                Some(email.to_owned())
            } else {
                return Err(row_error("member_email", "not an email address"));
            };
            let member_id = match id_col.map(field) {
                None | Some("") => None,
                Some(id) => Some(
                    id.parse()
                        .map_err(|_| row_error("member_id", "not a number"))?,
                ),
            };
            Some(Mp {
                name: display.to_owned(),
                salutation: super::salutation(display, title_col.map(field)),
                party: party_col
                    .map(field)
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned),
                member_id,
                postal_address: email.is_none().then(|| super::COMMONS_ADDRESS.to_owned()),
                email,
            })
        };
        seats.push(SeatRecord {
            code: code.to_owned(),
            name: name.to_owned(),
            nation,
            mp,
        });
    }
    if seats.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(MpData::new(source.to_owned(), data_date, seats))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup::index::Entry;

    fn meta() -> IndexMeta {
        IndexMeta {
            source: "t.csv".into(),
            ..IndexMeta::default()
        }
    }

    #[test]
    fn reads_onspd_rows_with_their_status() {
        let csv = "pcd7,pcd8,pcds,dointr,doterm,ctry,pcon\n\
                   AB1 0AA,AB1  0AA,AB1 0AA,198001,199606,S92000003,S14000061\n\
                   AB101AB,AB10 1AB,AB10 1AB,200012,,S92000003,S14000061\n\
                   JE2 4WD,JE2  4WD,JE2 4WD,199507,,L93000001,L99999999\n\
                   BX1 1LT,BX1  1LT,BX1 1LT,200001,,E92000001,\n";
        let (index, report) = postcodes(csv.as_bytes(), meta(), |_| {}).unwrap();
        assert_eq!(report.rows, 4);
        assert_eq!(index.get("AB10 1AB"), Some(Entry::Seat("S14000061")));
        assert_eq!(
            index.get("AB1 0AA"),
            Some(Entry::Terminated { year: Some(1996) })
        );
        assert_eq!(
            index.get("JE2 4WD"),
            Some(Entry::NoSeat(NoSeat::CrownDependency))
        );
        assert_eq!(
            index.get("BX1 1LT"),
            Some(Entry::NoSeat(NoSeat::NonGeographic))
        );
        assert_eq!(index.meta().layout, "onspd");
        assert_eq!(index.meta().data_date.as_deref(), Some("2000-12"));
    }

    #[test]
    fn reads_plain_files_with_or_without_a_header() {
        for csv in [
            "postcode,constituency_code\nAB10 1AB,S14000061\n",
            "\u{feff}pcds,pcon24cd,pqi\nAB10 1AB,S14000061,10\n",
            "AB10 1AB,S14000061\n",
        ] {
            let (index, _) = postcodes(csv.as_bytes(), meta(), |_| {}).unwrap();
            assert_eq!(
                index.get("AB10 1AB"),
                Some(Entry::Seat("S14000061")),
                "{csv}"
            );
            assert_eq!(index.meta().layout, "plain");
        }
    }

    #[test]
    fn refuses_other_files_naming_the_problem() {
        let err = postcodes("name,email\nA,b@c.d\n".as_bytes(), meta(), |_| {}).unwrap_err();
        assert!(matches!(err, ImportError::PostcodeHeader));
        let err = postcodes(
            "postcode,constituency_code\nAB10 1AB,Aberdeen South\n".as_bytes(),
            meta(),
            |_| {},
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2: constituency code: not a Westminster GSS code like E14001465"
        );
    }

    #[test]
    fn reads_the_dfe_mp_layout() {
        let csv = "\u{feff}\"pcon_name\",\"pcon_code\",\"member_id\",\"full_title\",\"display_as\",\"party_text\",\"member_email\"\n\
                   \"Aldershot\",\"E14001063\",\"5173\",\"Alex Baker MP\",\"Alex Baker\",\"Labour\",\"alex.baker.mp@parliament.uk\"\n\
                   \"Preston\",\"E14001444\",\"1\",\"X MP\",\"Sam Example\",\"Labour\",\"No email found\"\n\
                   \"Makerfield\",\"E14001358\",\"\",\"\",\"\",\"\",\"\"\n";
        let date = jiff::civil::date(2026, 6, 27);
        let data = mps(csv.as_bytes(), "mp_lookup.csv", date).unwrap();
        let aldershot = data.seat("E14001063").unwrap();
        let mp = aldershot.mp.as_ref().unwrap();
        assert_eq!(mp.member_id, Some(5173));
        assert_eq!(mp.email.as_deref(), Some("alex.baker.mp@parliament.uk"));
        let preston = data.seat("E14001444").unwrap().mp.as_ref().unwrap();
        assert_eq!(preston.email, None);
        assert!(preston.postal_address.is_some());
        assert!(data.seat("E14001358").unwrap().mp.is_none());
        let err = mps("pcon_code,pcon_name\n".as_bytes(), "x", date).unwrap_err();
        assert!(err.to_string().contains("missing column display_as"));
    }
}

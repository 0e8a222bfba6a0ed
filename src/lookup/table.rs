//! The table provider: a CSV of postcodes with their seat and MP, held in
//! memory.
//!
//! Columns: `postcode,constituency_code,constituency_name,nation,mp_name,mp_email`;
//! `nation` is one of `england`, `scotland`, `wales`, `northern_ireland`.
//! An empty `mp_name` marks a vacant seat; an empty `mp_email` an MP with no
//! parliamentary email. Lines starting with `#` are comments. Errors name
//! the file, the line and the column, never a row's content.

use std::collections::HashMap;
use std::future::{Future, ready};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{Answer, Constituency, Lookup, Mp, MpLookup, Nation, Source};
use crate::postcode::Postcode;

const COLUMNS: [&str; 6] = [
    "postcode",
    "constituency_code",
    "constituency_name",
    "nation",
    "mp_name",
    "mp_email",
];

/// A problem with a lookup table file.
#[derive(Debug, Error)]
pub enum TableError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the header must be {expected}", expected = COLUMNS.join(","))]
    Header { path: PathBuf },
    #[error("{path}: line {line}: {column}: {problem}")]
    Row {
        path: PathBuf,
        line: u64,
        column: &'static str,
        problem: &'static str,
    },
}

/// Postcodes and their seats, all in memory.
#[derive(Debug, Default)]
pub struct Table {
    rows: HashMap<String, Lookup>,
}

impl Table {
    /// Load a table from a CSV file.
    ///
    /// # Errors
    /// When the file cannot be read, or a row is malformed.
    pub fn load(path: &Path) -> Result<Table, TableError> {
        let text = std::fs::read_to_string(path).map_err(|source| TableError::Read {
            path: path.into(),
            source,
        })?;
        Table::parse(&text, path)
    }

    /// Parse CSV text; `path` is used in error messages only.
    ///
    /// # Errors
    /// When the header or a row is malformed.
    pub fn parse(text: &str, path: &Path) -> Result<Table, TableError> {
        let row_error = |line, column, problem| TableError::Row {
            path: path.into(),
            line,
            column,
            problem,
        };
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header_ok = reader
            .headers()
            .map(|h| h.iter().eq(COLUMNS.iter().copied()))
            .unwrap_or(false);
        if !header_ok {
            return Err(TableError::Header { path: path.into() });
        }
        let mut rows = HashMap::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                row_error(line, "row", "wrong number of columns or bad quoting")
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let field = |i: usize| record.get(i).unwrap_or("");
            let postcode = Postcode::parse(field(0))
                .ok_or_else(|| row_error(line, "postcode", "not a UK postcode"))?;
            let code = field(1);
            let code_ok = code.len() == 9
                && code.starts_with(['E', 'S', 'W', 'N'])
                && code[1..].bytes().all(|b| b.is_ascii_digit());
            if !code_ok {
                return Err(row_error(
                    line,
                    "constituency_code",
                    "not a GSS code like E14001465",
                ));
            }
            if field(2).is_empty() {
                return Err(row_error(line, "constituency_name", "empty"));
            }
            let nation = Nation::from_code(field(3)).ok_or_else(|| {
                row_error(
                    line,
                    "nation",
                    "must be england, scotland, wales or northern_ireland",
                )
            })?;
            let email = field(5);
            if !email.is_empty() && !crate::email_address::is_email(email) {
                return Err(row_error(line, "mp_email", "not an email address"));
            }
            if field(4).is_empty() && !email.is_empty() {
                return Err(row_error(line, "mp_name", "empty, but mp_email is set"));
            }
            let constituency = Constituency {
                name: field(2).to_owned(),
                code: code.to_owned(),
            };
            let answer = match field(4) {
                "" => Lookup::Vacant {
                    constituency,
                    nation,
                },
                name => Lookup::Found {
                    constituency,
                    nation,
                    mp: Mp::named(name, (!email.is_empty()).then(|| email.to_owned())),
                },
            };
            rows.insert(postcode.as_str().to_owned(), answer);
        }
        Ok(Table { rows })
    }

    /// How many postcodes the table holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Answer for a postcode synchronously.
    pub fn get(&self, postcode: &Postcode) -> Lookup {
        self.rows
            .get(postcode.as_str())
            .cloned()
            .unwrap_or(Lookup::Unknown)
    }
}

impl MpLookup for Table {
    fn lookup(&self, postcode: &Postcode) -> impl Future<Output = Answer> + Send {
        ready(Answer {
            lookup: self.get(postcode),
            source: Source {
                seat: Some("table"),
                ..Source::default()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Table, TableError> {
        Table::parse(text, Path::new("t.csv"))
    }

    const HEADER: &str = "postcode,constituency_code,constituency_name,nation,mp_name,mp_email\n";

    #[test]
    fn rows_become_answers() {
        let table = parse(&format!(
            "# comment\n{HEADER}br87re,E14001465,Sevenoaks,england,Alex Example,a@example.org\nWN4 9AA,E14001358,Makerfield,england,,\nPR1 2HE,E14001444,Preston,england,Morgan Nomail,\n"
        ))
        .expect("valid");
        let get = |p: &str| table.get(&Postcode::parse(p).expect("postcode"));
        assert!(matches!(
            get("BR8 7RE"),
            Lookup::Found {
                mp: Mp { email: Some(_), .. },
                ..
            }
        ));
        assert!(matches!(get("WN4 9AA"), Lookup::Vacant { .. }));
        assert!(matches!(
            get("PR1 2HE"),
            Lookup::Found {
                mp: Mp { email: None, .. },
                ..
            }
        ));
        assert_eq!(get("SW1A 0AA"), Lookup::Unknown);
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let err = parse(&format!(
            "{HEADER}BR8 7RE,E14001465,Sevenoaks,kent,A,a@example.org\n"
        ))
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv: line 2: nation: must be england, scotland, wales or northern_ireland"
        );
        let err = parse(&format!("{HEADER}nope,E14001465,Sevenoaks,england,A,\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv: line 2: postcode: not a UK postcode"
        );
        assert!(matches!(parse("a,b\n"), Err(TableError::Header { .. })));
    }

    #[test]
    fn the_shipped_sample_table_loads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/sample-lookup.csv");
        assert!(Table::load(&path).expect("sample table").len() >= 10);
    }
}

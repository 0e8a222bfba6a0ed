//! `postbag lookup`: a postcode's seat and MP, as the daemon would find
//! them, in words or JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use postbag::config::LookupOverrides;
use postbag::lookup::index::IndexMeta;
use postbag::lookup::{self, Lookup};
use postbag::postcode::Postcode;

use super::args::LookupArgs;
use super::exit::{EXIT_TEMPFAIL, Failure};
use super::{load_config_with, open_lookups, runtime};

/// `postbag lookup --json`.
#[derive(serde::Serialize)]
struct LookupReport<'a> {
    postcode: Option<&'a str>,
    outcome: &'static str,
    constituency: Option<&'a lookup::Constituency>,
    nation: Option<&'static str>,
    mp: Option<&'a lookup::Mp>,
    source: Option<String>,
    /// Why there is no seat (`crown_dependency`, `forces`, ...).
    no_seat: Option<&'static str>,
    /// The year a retired postcode was retired.
    terminated_year: Option<u16>,
    /// For `unavailable`: what failed, and how long to wait.
    reason: Option<String>,
    retry_after_secs: Option<u64>,
    /// Where the offline data came from, when it was used.
    data: Option<DataInfo>,
}

#[derive(serde::Serialize)]
struct DataInfo {
    postcodes: Option<IndexMeta>,
    mps: Option<MpInfo>,
}

#[derive(serde::Serialize)]
struct MpInfo {
    source: String,
    data_date: String,
    age_days: i64,
}

pub(crate) fn lookup(args: LookupArgs) -> Result<ExitCode, Failure> {
    let overrides = LookupOverrides {
        table: None,
        data_dir: args.data_dir.clone(),
    };
    let config = load_config_with(&args.config, &overrides)?;
    let postcode = Postcode::parse(&args.postcode);
    let mut data = None;
    let answer = match &postcode {
        Some(postcode) => {
            let lookups = open_lookups(&config)?;
            let today = config.today();
            if lookups.index.is_some() || lookups.mps.is_some() {
                data = Some(DataInfo {
                    postcodes: lookups.index.as_ref().map(|i| i.meta().clone()),
                    mps: lookups.mps.as_ref().map(|m| MpInfo {
                        source: m.source.clone(),
                        data_date: m.data_date.to_string(),
                        age_days: m.age_days(today),
                    }),
                });
            }
            Some(runtime()?.block_on(lookup::resolve(&lookups.chain, postcode)))
        }
        None => None,
    };
    let invalid = Lookup::Invalid;
    let found = answer.as_ref().map_or(&invalid, |a| &a.lookup);
    let report = LookupReport {
        postcode: postcode.as_ref().map(Postcode::as_str),
        outcome: found.code(),
        constituency: found.constituency(),
        nation: found.nation().map(|n| n.code()),
        mp: found.mp(),
        source: answer.as_ref().map(|a| a.source.to_string()),
        no_seat: match found {
            Lookup::NoSeat(why) => Some(why.code()),
            _ => None,
        },
        terminated_year: match found {
            Lookup::Terminated { year } => *year,
            _ => None,
        },
        reason: match found {
            Lookup::Unavailable(u) => Some(u.reason.clone()),
            _ => None,
        },
        retry_after_secs: match found {
            Lookup::Unavailable(u) => u.retry_after.map(|d| d.as_secs()),
            _ => None,
        },
        data,
    };
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &report).context("write JSON")?;
        writeln!(stdout).context("write JSON")?;
    } else {
        write_lookup(&mut stdout, &report, found).context("write the answer")?;
    }
    Ok(match found {
        Lookup::Unavailable(_) => ExitCode::from(EXIT_TEMPFAIL),
        _ => ExitCode::SUCCESS,
    })
}

fn write_lookup(
    out: &mut impl Write,
    report: &LookupReport<'_>,
    found: &Lookup,
) -> std::io::Result<()> {
    let postcode = report.postcode.unwrap_or("(not a postcode)");
    let what = match found {
        Lookup::Found { .. } => "found".to_owned(),
        Lookup::Vacant { .. } => "seat vacant (no MP until a by-election)".to_owned(),
        Lookup::Dissolved { .. } => "Parliament dissolved (no MPs until the election)".to_owned(),
        Lookup::NoSeat(why) => format!("no Westminster seat ({})", why.code().replace('_', " ")),
        Lookup::Unknown => "unknown postcode".to_owned(),
        Lookup::SplitSector => {
            "newer than the data, in a sector split between constituencies".to_owned()
        }
        Lookup::Invalid => "not a valid postcode".to_owned(),
        Lookup::Terminated { year: Some(year) } => format!("retired in {year}"),
        Lookup::Terminated { year: None } => "retired".to_owned(),
        Lookup::Unavailable(u) => format!("unavailable: {u}; try again later"),
    };
    writeln!(out, "{postcode}: {what}")?;
    if let (Some(c), Some(nation)) = (found.constituency(), found.nation()) {
        writeln!(
            out,
            "  constituency  {} ({}), {}",
            c.name,
            c.code,
            nation.name()
        )?;
    }
    if let Some(mp) = found.mp() {
        let party = mp
            .party
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        writeln!(out, "  MP            {}{party}", mp.name)?;
        match (&mp.email, &mp.postal_address) {
            (Some(email), _) => writeln!(out, "  email         {email}")?,
            (None, Some(post)) => writeln!(out, "  no email      write to {post}")?,
            (None, None) => writeln!(out, "  no email")?,
        }
    }
    if let Some(source) = &report.source {
        writeln!(out, "  source        {source}")?;
    }
    if let Some(data) = &report.data {
        if let Some(p) = &data.postcodes {
            let date = p.data_date.as_deref().unwrap_or("undated");
            writeln!(out, "  postcodes     {} ({date})", p.source)?;
        }
        if let Some(m) = &data.mps {
            writeln!(
                out,
                "  MP list       {} ({}, {} days old)",
                m.source, m.data_date, m.age_days
            )?;
        }
    }
    Ok(())
}

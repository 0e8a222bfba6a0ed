//! `postbag data`: build the offline lookup data (the postcode index and
//! the MP list) from files or from Parliament's Members API.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use postbag::config::Config;
use postbag::lookup::import;
use postbag::lookup::index::{Index, IndexMeta};
use postbag::lookup::mps::MpData;
use postbag::lookup::setup;

use super::args::{DataDirArgs, ImportArgs, ImportMpsArgs};
use super::exit::{EXIT_CONFIG, EXIT_IO, EXIT_NO_INPUT, EXIT_TEMPFAIL, ExitWith, Failure};
use super::{load_config, runtime};

/// The data folder: `--data-dir`, else the config's `lookup.data_dir`.
fn data_dir(given: Option<&Path>, config: &Config) -> Result<PathBuf, Failure> {
    config
        .lookup
        .data_dir_or(given)
        .context("no data folder: pass --data-dir or set lookup.data_dir in the config")
        .exit_with(EXIT_CONFIG)
}

/// The data folder for the import commands, which need the config only
/// when no `--data-dir` is given.
fn import_dir(args: &DataDirArgs) -> Result<PathBuf, Failure> {
    match &args.data_dir {
        Some(dir) => Ok(dir.clone()),
        None => data_dir(None, &load_config(&args.config)?),
    }
}

/// Warn when the index refers to seats the MP list lacks: the lookup of
/// their postcodes would wait for MP data that never comes.
fn check_seats(index: &Index, mps: &MpData) {
    let missing = index
        .seat_codes()
        .iter()
        .filter(|c| mps.seat(c).is_none())
        .count();
    if missing > 0 {
        eprintln!(
            "postbag: warning: {missing} seats in the postcode index are not in the MP list; import both for the same boundaries"
        );
    }
}

fn progress_bar(total: u64, unit: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr_with_hz(4),
    );
    let template = if unit == "bytes" {
        "{bar:40} {bytes}/{total_bytes} ({eta} left)"
    } else {
        "{bar:40} {pos}/{len} seats ({eta} left)"
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// The modification date of a file, as the date of the data in it.
fn modified_date(file: &std::fs::File) -> Option<jiff::civil::Date> {
    let modified = file.metadata().ok()?.modified().ok()?;
    let at = jiff::Timestamp::try_from(modified).ok()?;
    Some(at.to_zoned(jiff::tz::TimeZone::UTC).date())
}

fn open_input(path: &Path) -> Result<std::fs::File, Failure> {
    std::fs::File::open(path)
        .with_context(|| format!("cannot read {}", path.display()))
        .exit_with(EXIT_NO_INPUT)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub(crate) fn import_postcodes(args: ImportArgs) -> Result<ExitCode, Failure> {
    let dir = import_dir(&args.dir)?;
    let file = open_input(&args.file)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let meta = IndexMeta {
        source: file_name(&args.file),
        data_date: modified_date(&file).map(|d| d.to_string()),
        imported_at: jiff::Timestamp::now().to_string(),
        ..IndexMeta::default()
    };
    let started = Instant::now();
    let bar = progress_bar(size, "bytes");
    let (index, report) =
        import::postcodes(std::io::BufReader::new(file), meta, |n| bar.set_position(n))
            .with_context(|| format!("{}", args.file.display()))?;
    bar.finish_and_clear();
    let path = setup::index_path(&dir);
    index
        .write(&path)
        .with_context(|| format!("write {}", path.display()))
        .exit_with(EXIT_IO)?;
    let meta = index.meta();
    let on_disk = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "postbag: imported {} postcodes ({} live, {} retired, {} with no seat; {} rows skipped) in {:.1} s",
        index.len(),
        meta.live,
        meta.terminated,
        meta.no_seat,
        report.skipped,
        started.elapsed().as_secs_f64()
    );
    eprintln!(
        "postbag: wrote {} ({:.1} MB; {} layout, data dated {})",
        path.display(),
        on_disk as f64 / 1e6,
        meta.layout,
        meta.data_date.as_deref().unwrap_or("unknown")
    );
    if let Ok(mps) = MpData::read(&setup::mps_path(&dir)) {
        check_seats(&index, &mps);
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn import_mps(args: ImportMpsArgs) -> Result<ExitCode, Failure> {
    let dir = import_dir(&args.dir)?;
    let file = open_input(&args.file)?;
    let date = args
        .date
        .or_else(|| modified_date(&file))
        .unwrap_or_else(|| jiff::Zoned::now().date());
    let data = import::mps(std::io::BufReader::new(file), &file_name(&args.file), date)
        .with_context(|| format!("{}", args.file.display()))?;
    write_mps(&dir, &data)?;
    Ok(ExitCode::SUCCESS)
}

fn write_mps(dir: &Path, data: &MpData) -> Result<(), Failure> {
    let path = setup::mps_path(dir);
    data.write(&path)
        .with_context(|| format!("write {}", path.display()))
        .exit_with(EXIT_IO)?;
    let seats = data.seats();
    let sitting = seats.iter().filter(|s| s.mp.is_some()).count();
    let no_email = seats
        .iter()
        .filter(|s| s.mp.as_ref().is_some_and(|m| m.email.is_none()))
        .count();
    eprintln!(
        "postbag: wrote {}: {} seats, {sitting} with an MP ({no_email} with no email), {} vacant; data dated {}",
        path.display(),
        seats.len(),
        seats.len() - sitting,
        data.data_date
    );
    if seats.len() != 650 {
        eprintln!(
            "postbag: warning: the Commons has 650 seats, this list has {}",
            seats.len()
        );
    }
    if let Ok(index) = Index::read(&setup::index_path(dir)) {
        check_seats(&index, data);
    }
    Ok(())
}

pub(crate) fn refresh_mps(args: DataDirArgs) -> Result<ExitCode, Failure> {
    let config = load_config(&args.config)?;
    let dir = data_dir(args.data_dir.as_deref(), &config)?;
    let known = MpData::read(&setup::mps_path(&dir)).ok();
    let api = setup::members_api(&config.lookup, setup::http_client(&config.lookup)?)?;
    let bar = progress_bar(650, "seats");
    let fetched = runtime()?.block_on(api.all_seats(known.as_ref(), |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }));
    bar.finish_and_clear();
    let (seats, dissolved) = match fetched {
        Ok(fetched) => fetched,
        Err(postbag::lookup::members_api::RefreshError::Unavailable(u)) => {
            return Err(anyhow::anyhow!("{u}; nothing was changed")).exit_with(EXIT_TEMPFAIL);
        }
        Err(e) => return Err(e.into()),
    };
    let today = config.today();
    let mut data = MpData::new(config.lookup.members_api_url.clone(), today, seats);
    data.set_dissolved(dissolved);
    write_mps(&dir, &data)?;
    Ok(ExitCode::SUCCESS)
}

//! The daemon's commands: `run` hosts the mail service until a signal,
//! `check` tries everything it needs, `stats` prints the count.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use postbag::config::CountStore;

use postbag::host::Host;
use postbag::mail_service;
use postbag::shutdown::{Stop, stop_on_signals};

use super::args::{ConfigArg, RunArgs, StatsArgs};
use super::exit::{EXIT_CONFIG, EXIT_IO, EXIT_NO_INPUT, EXIT_TEMPFAIL, ExitWith, Failure};
use super::{load_config, runtime};

/// Logs go to stderr (journald adds the time there); `POSTBAG_LOG` sets
/// the level, e.g. `debug`. They hold outcome classes, UIDs and timings:
/// never an address, a name, a subject or a Message-ID.
fn init_logs() {
    // A bare level applies to postbag alone: other crates' debug output
    // is not held to postbag's rules about personal data.
    let level = std::env::var("POSTBAG_LOG").unwrap_or_else(|_| "info".to_owned());
    let directives = if level.contains('=') {
        level
    } else {
        format!("warn,postbag={level}")
    };
    let filter = tracing_subscriber::EnvFilter::try_new(&directives)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,postbag=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
}

pub(crate) fn run(args: RunArgs) -> Result<ExitCode, Failure> {
    init_logs();
    let config = load_config(&args.config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("start the runtime")?;
    // The SMTP pool starts its own task when it is made.
    let _entered = runtime.enter();
    let services = mail_service::prepare(config, args.once)?;
    runtime.block_on(async {
        let stop = Stop::new();
        tokio::spawn(stop_on_signals(stop.clone(), i32::from(EXIT_TEMPFAIL)));
        let mut host = Host::new(stop);
        host.add(services.mail);
        if let Some(http) = services.http {
            host.add(http);
        }
        host.run().await
    })?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn check(args: ConfigArg) -> Result<ExitCode, Failure> {
    let config = load_config(&args)?;
    let findings = runtime()?.block_on(postbag::check::check(&config));
    let mut problems = 0;
    for finding in &findings {
        match &finding.problem {
            None => println!("ok       {}", finding.what),
            Some(problem) => {
                problems += 1;
                println!("PROBLEM  {}: {problem}", finding.what);
            }
        }
    }
    if problems == 0 {
        println!("\nAll good: `postbag run` can start.");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("\n{problems} problem(s) to fix.");
        Ok(ExitCode::from(EXIT_CONFIG))
    }
}

/// `stats` on the store the configuration names: the state folder's
/// file, or the shared count in PostgreSQL.
pub(crate) fn stats(args: StatsArgs) -> Result<ExitCode, Failure> {
    let config = load_config(&args.config)?;
    let counts = match &config.count {
        CountStore::File => {
            let dir = config.require_state_dir()?;
            if !dir.is_dir() {
                return Err(anyhow::anyhow!(
                    "state.dir: {} does not exist: no daemon has kept a count there yet (or state.dir names another folder than the daemon's)",
                    dir.display()
                ))
                .exit_with(EXIT_NO_INPUT);
            }
            postbag::count::read(dir).exit_with(EXIT_IO)?
        }
        CountStore::Postgres { .. } => {
            let url = config.require_count_url()?;
            let reading = postbag::count::postgres::read(url.as_str(), Duration::from_secs(10));
            runtime()?
                .block_on(reading)
                .with_context(|| format!("the PostgreSQL count that {} names", url.from))
                .exit_with(EXIT_TEMPFAIL)?
        }
    };
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &counts).context("write JSON")?;
        writeln!(stdout).context("write JSON")?;
    } else {
        writeln!(stdout, "People helped:   {}", counts.people_helped).context("write")?;
        writeln!(stdout, "Help replies:    {}", counts.help_replies).context("write")?;
        writeln!(stdout, "Letters written: {}", counts.letters_total()).context("write")?;
        for (id, n) in &counts.letters {
            writeln!(stdout, "  {id}: {n}").context("write")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! The `postbag` command line: parse the arguments, run the command, and
//! turn its failure into a message and an exit code ([`exit`]). One file
//! for each family of commands.

mod args;
mod auth;
mod daemon;
mod data;
mod exit;
mod lookup;
mod preview;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use postbag::config::{COUNT_URL_ENV, Config, LookupOverrides, SECRET_ENV};
use postbag::lookup::setup::{self, Lookups};

use args::{AuthCommand, Cli, Command, ConfigArg, DataCommand};
use exit::Failure;

/// Run the command line; the exit code for the process.
pub(crate) fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Run(args) => daemon::run(args),
        Command::Check(args) => daemon::check(args),
        Command::Stats(args) => daemon::stats(args),
        Command::Preview(args) => preview::preview(args),
        Command::Lookup(args) => lookup::lookup(args),
        Command::Data(DataCommand::ImportPostcodes(args)) => data::import_postcodes(args),
        Command::Data(DataCommand::ImportMps(args)) => data::import_mps(args),
        Command::Data(DataCommand::RefreshMps(args)) => data::refresh_mps(args),
        Command::Auth(AuthCommand::Login(args)) => auth::login(args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("postbag: {}", exit::describe(&failure.error));
            ExitCode::from(failure.code)
        }
    }
}

/// Load the configuration named, or the repository's own.
pub(crate) fn load_config(arg: &ConfigArg) -> Result<Config, Failure> {
    load_config_with(arg, &LookupOverrides::default())
}

/// Load the configuration with lookup settings from the command line,
/// checked like the file's.
pub(crate) fn load_config_with(
    arg: &ConfigArg,
    overrides: &LookupOverrides,
) -> Result<Config, Failure> {
    let path = match &arg.config {
        Some(path) => path.clone(),
        None => {
            let own = Path::new("config/postbag.toml");
            if own.is_file() {
                own.to_owned()
            } else {
                eprintln!("postbag: no config/postbag.toml; using config/postbag.example.toml");
                PathBuf::from("config/postbag.example.toml")
            }
        }
    };
    let config = Config::load_with(&path, std::env::vars(), overrides)?;
    Ok(config
        .with_env_secret(std::env::var(SECRET_ENV).ok())
        .with_env_count_url(std::env::var(COUNT_URL_ENV).ok()))
}

/// Open the configured lookup sources and print any warnings.
pub(crate) fn open_lookups(config: &Config) -> Result<Lookups, Failure> {
    let lookups = setup::open(&config.lookup, config.today())?;
    for warning in &lookups.warnings {
        eprintln!("postbag: warning: {warning}");
    }
    Ok(lookups)
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("start the runtime")?)
}

//! The systemd unit `config/postbag.service` (which the Debian package
//! installs) keeps its hardening: `systemd-analyze security --offline=true`
//! rates its exposure at 2.0 or lower (0 is the safest, 10 the least
//! safe). A unit edited for convenience (a syscall filter dropped, a
//! `Protect*=` line lost) rates higher and fails here, instead of quietly
//! shipping a daemon that holds supporters' mail with more reach than it
//! needs.
//!
//! Skipped, with a note, where `systemd-analyze` is not installed. It needs
//! no running systemd, no root and no `postbag` binary at the unit's
//! `ExecStart=` path: `--offline=true` only reads the file.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The highest overall exposure the unit may have.
const MOST_EXPOSURE: f64 = 2.0;

fn unit_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("config/postbag.service")
}

/// `systemd-analyze`, if installed (in PATH, or where Debian puts it).
fn systemd_analyze() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin"), PathBuf::from("/bin")])
        .map(|dir| dir.join("systemd-analyze"))
        .find(|candidate| candidate.is_file())
}

/// The overall exposure `systemd-analyze security --offline=true` gives
/// `unit`, with its whole output for messages. The line is "→ Overall
/// exposure level for postbag.service: 1.1 OK 🙂" ("->" in a non-UTF-8
/// locale).
fn exposure(tool: &Path, unit: &Path) -> (f64, String) {
    let out = Command::new(tool)
        .args(["security", "--offline=true", "--no-pager"])
        .arg(unit)
        .output()
        .expect("systemd-analyze runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "systemd-analyze security failed ({}) on {}:\n{text}",
        out.status,
        unit.display()
    );
    let line = text
        .lines()
        .find(|line| line.contains("Overall exposure level for"))
        .unwrap_or_else(|| panic!("no overall exposure level in:\n{text}"));
    let number = line
        .rsplit_once(": ")
        .and_then(|(_, rating)| rating.split_whitespace().next())
        .unwrap_or_else(|| panic!("no rating after the colon in {line:?}"));
    let level = number
        .parse()
        .unwrap_or_else(|_| panic!("{number:?} in {line:?} is not a number"));
    (level, text)
}

#[test]
fn the_unit_rates_2_0_or_lower() {
    let Some(tool) = systemd_analyze() else {
        eprintln!("skipped: systemd-analyze is not installed (Debian: apt-get install systemd)");
        return;
    };
    let (level, text) = exposure(&tool, &unit_file());
    println!("config/postbag.service: overall exposure {level} (at most {MOST_EXPOSURE:.1})");
    assert!(
        level <= MOST_EXPOSURE,
        "config/postbag.service rates {level}, above {MOST_EXPOSURE:.1}: its hardening was weakened.\n{text}"
    );
}

/// The check above can fail: the same unit without its system call filter
/// rates above the limit, so a rating that could never exceed it (a parse
/// that always finds 0, a tool that ignores the file) does not pass
/// unnoticed.
#[test]
fn the_unit_without_its_syscall_filter_rates_above_2_0() {
    let Some(tool) = systemd_analyze() else {
        eprintln!("skipped: systemd-analyze is not installed");
        return;
    };
    let unit = std::fs::read_to_string(unit_file()).expect("the unit is readable");
    let weakened: String = unit
        .lines()
        .filter(|line| !line.starts_with("SystemCallFilter="))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_ne!(weakened, unit, "the unit has a SystemCallFilter= line");
    // The file name is the unit's name, which systemd-analyze reports.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let copy = dir.path().join("postbag.service");
    std::fs::write(&copy, weakened).expect("the copy is written");
    let (level, text) = exposure(&tool, &copy);
    println!("without SystemCallFilter=: overall exposure {level}");
    assert!(
        level > MOST_EXPOSURE,
        "without its system call filter the unit still rates {level}:\n{text}"
    );
}

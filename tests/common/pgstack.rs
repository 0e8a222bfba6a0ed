//! A real PostgreSQL for the shared count's tests: `scripts/pgstack` on
//! a free loopback port, in a temporary folder of its own, stopped when
//! the value is dropped.

// Each test binary that includes this file uses a different part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A running PostgreSQL with the role and database `postbag`.
pub(crate) struct Pg {
    pub(crate) dir: tempfile::TempDir,
    env: HashMap<String, String>,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pgstack")
}

/// A port nothing listens on now (the kernel's pick, released at once).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn checked(output: Output, what: &str) -> Output {
    assert!(
        output.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

impl Pg {
    /// Start a server (installing PostgreSQL first if needed).
    pub(crate) fn start() -> Pg {
        let installed = Command::new(script())
            .arg("install")
            .status()
            .expect("run scripts/pgstack install");
        assert!(installed.success(), "scripts/pgstack install failed");
        let dir = tempfile::Builder::new()
            .prefix("postbag-pg-")
            .tempdir()
            .expect("temporary folder");
        checked(
            Command::new(script())
                .arg("start")
                .arg(dir.path())
                .args(["--port", &free_port().to_string()])
                .output()
                .expect("run scripts/pgstack start"),
            "scripts/pgstack start",
        );
        let env = std::fs::read_to_string(dir.path().join("env"))
            .expect("the server's env file")
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        Pg { dir, env }
    }

    fn get(&self, key: &str) -> &str {
        self.env
            .get(key)
            .unwrap_or_else(|| panic!("{key} missing from the server's env"))
    }

    /// The role postbag's connection URL.
    pub(crate) fn url(&self) -> &str {
        self.get("PGSTACK_URL")
    }

    /// A file holding [`Pg::url`], for `count.url_file`.
    pub(crate) fn url_file(&self) -> PathBuf {
        PathBuf::from(self.get("PGSTACK_URL_FILE"))
    }

    /// A `[count]` section that keeps postbag's count here.
    pub(crate) fn count_section(&self) -> String {
        format!(
            "\n[count]\nstore = \"postgres\"\nurl_file = \"{}\"\n",
            self.url_file().display()
        )
    }

    /// Stop the server, wait `down` seconds, start it again.
    pub(crate) fn restart(&self, down: u32) {
        checked(
            Command::new(script())
                .arg("restart")
                .arg(self.dir.path())
                .args(["--down", &down.to_string()])
                .output()
                .expect("run scripts/pgstack restart"),
            "scripts/pgstack restart",
        );
    }

    /// Run `program` of the server's binaries as the superuser, on the
    /// socket; its stdout.
    fn superuser(&self, program: &str, args: &[&str]) -> String {
        let output = Command::new(Path::new(self.get("PGSTACK_BIN")).join(program))
            .args(["-h", self.get("PGSTACK_SOCKET")])
            .args(["-p", self.get("PGSTACK_PORT"), "-U", "postgres"])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("run {program}: {e}"));
        String::from_utf8(checked(output, program).stdout).expect("UTF-8 output")
    }

    /// One SQL statement's rows, `|`-separated, in the postbag database.
    pub(crate) fn sql(&self, statement: &str) -> String {
        self.superuser("psql", &["-d", "postbag", "-XAtc", statement])
    }

    /// `pg_dump --data-only` of the postbag database: every row it holds.
    pub(crate) fn dump(&self) -> String {
        self.superuser("pg_dump", &["--data-only", "postbag"])
    }

    /// The tables of the postbag database, sorted (every schema but the
    /// system's).
    pub(crate) fn tables(&self) -> Vec<String> {
        self.sql(
            "SELECT schemaname || '.' || tablename FROM pg_tables \
             WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
        )
        .lines()
        .map(str::to_owned)
        .collect()
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let _ = Command::new(script())
            .arg("stop")
            .arg(self.dir.path())
            .status();
    }
}

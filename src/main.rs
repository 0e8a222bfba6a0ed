//! The `postbag` binary: the command line lives in [`cli`]; this file only
//! keeps panics quiet about what they were handling, and hands over.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic message could quote message data; print where, never what.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        eprintln!("postbag: internal error{at}");
    }));
    cli::main()
}

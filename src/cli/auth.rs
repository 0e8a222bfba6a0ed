//! `postbag auth login`: the one-off OAuth2 sign-in whose refresh token
//! the daemon then keeps fresh.

use std::process::ExitCode;

use anyhow::anyhow;

use postbag::oauth::TokenSource;
use postbag::oauth::login::{Step, login as sign_in};

use super::args::LoginArgs;
use super::exit::{EXIT_CONFIG, ExitWith, Failure};
use super::{load_config, runtime};

pub(crate) fn login(args: LoginArgs) -> Result<ExitCode, Failure> {
    let config = load_config(&args.config)?;
    let oauth2 = config
        .oauth2
        .as_ref()
        .ok_or_else(|| anyhow!("[oauth2] is not set: postbag signs in with passwords here"))
        .exit_with(EXIT_CONFIG)?;
    let source = TokenSource::new(oauth2)?;
    let file = runtime()?.block_on(sign_in(&source, args.port, |step| match step {
        Step::Device { url, code, minutes } => {
            println!(
                "To sign in as {}, open {url} and enter the code {code} (within {minutes} minutes).",
                source.username()
            );
            println!("Waiting for the sign-in...");
        }
        Step::Browser { url, port } => {
            println!(
                "To sign in as {}, open this address in a browser on this machine:\n\n{url}\n",
                source.username()
            );
            println!(
                "(On a server without a browser: run `ssh -L {port}:127.0.0.1:{port}` to it from your own machine first, then open the address there.)"
            );
            println!("Waiting for the sign-in...");
        }
    }))?;
    println!(
        "Signed in. The tokens are in {} (readable by this user only); postbag keeps them fresh. Next: `postbag check`.",
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

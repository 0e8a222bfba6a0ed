//! Run the pipeline over the corpus many times, for a profiler:
//! `cargo build --profile profiling --example profile_pipeline` then
//! `perf record -g target/profiling/examples/profile_pipeline`.
//! `profile_pipeline N stages` times each step apart; `profile_pipeline N
//! extract` runs only the extractor, N passes after one to warm up, and
//! prints its time a mail.

use postbag::lookup::table::Table;
use postbag::pipeline::{self, Engine};

// The tests' helpers: the shipped config, the sample table, a fixed clock.
#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let files: Vec<Vec<u8>> = common::eml_files(&common::root().join("tests/corpus"))
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    let engine = common::engine();
    let table = common::table();
    let now = common::now();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    match std::env::args().nth(2).as_deref() {
        Some("stages") => return stages(&engine, &table, &files, &now, rounds),
        Some("extract") => return extract_only(&files, rounds),
        _ => {}
    }
    let mut bytes = 0;
    runtime.block_on(async {
        for _ in 0..rounds {
            for raw in &files {
                let p = pipeline::process(&engine, &table, raw, &now).await;
                bytes += p.reply.map_or(0, |r| r.message.formatted().len());
            }
        }
    });
    println!("{bytes}");
}

/// Time each step separately, to see where a message's time goes.
fn stages(engine: &Engine, table: &Table, files: &[Vec<u8>], now: &jiff::Zoned, rounds: usize) {
    use std::time::{Duration, Instant};
    let (mut read, mut extract, mut compose, mut format) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let mut bytes = 0;
    for _ in 0..rounds {
        for raw in files {
            let t = Instant::now();
            let Ok(inbound) = postbag::inbound::read(raw, 1 << 20) else {
                continue;
            };
            read += t.elapsed();
            let t = Instant::now();
            let extraction = postbag::extract::extract(&inbound);
            let answer = extraction.postcode().map(|p| postbag::lookup::Answer {
                lookup: table.get(p),
                source: postbag::lookup::Source::default(),
            });
            extract += t.elapsed();
            let t = Instant::now();
            let processed = pipeline::compose(engine, &inbound, raw, extraction, answer, now);
            compose += t.elapsed();
            let t = Instant::now();
            bytes += processed.reply.map_or(0, |r| r.message.formatted().len());
            format += t.elapsed();
        }
    }
    let n = (rounds * files.len()) as f64;
    let us = |d: Duration| d.as_secs_f64() * 1e6 / n;
    println!(
        "per message: read {:.1} µs, extract+lookup {:.1} µs, letters+build {:.1} µs, format {:.1} µs; reply {:.0} bytes",
        us(read),
        us(extract),
        us(compose),
        us(format),
        bytes as f64 / n
    );
}

/// The extractor alone, hot: one pass to warm up (compiling the regular
/// expressions), then `rounds` timed passes over the corpus's mails.
fn extract_only(files: &[Vec<u8>], rounds: usize) {
    use std::time::Instant;
    let inbound: Vec<_> = files
        .iter()
        .filter_map(|raw| postbag::inbound::read(raw, 1 << 20).ok())
        .collect();
    let mut found = 0;
    for mail in &inbound {
        found += usize::from(postbag::extract::extract(mail).postcode().is_some());
    }
    let started = Instant::now();
    for _ in 0..rounds {
        for mail in &inbound {
            found += usize::from(postbag::extract::extract(mail).postcode().is_some());
        }
    }
    let us = started.elapsed().as_secs_f64() * 1e6 / (rounds * inbound.len()) as f64;
    println!(
        "extract: {us:.1} µs a mail over {} mails ({found} postcodes found)",
        inbound.len()
    );
}

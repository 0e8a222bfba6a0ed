//! Throughput of the whole pipeline over the mail corpus, beside mail-parser
//! parsing the same messages alone.
//!
//! `cargo bench --bench pipeline` runs both with criterion and then prints
//! messages per second for each and their ratio, measured on one thread
//! over the whole corpus (parse → screen → extract → lookup (table) →
//! letters → reply, the reply's bytes included).

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group};

use postbag::lookup::table::Table;
use postbag::pipeline::{self, Engine};

// The tests' helpers: the shipped config, the sample table, a fixed clock.
#[path = "../tests/common/mod.rs"]
mod common;

fn corpus() -> Vec<Vec<u8>> {
    common::eml_files(&common::root().join("tests/corpus"))
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect()
}

fn engine() -> (Engine, Table) {
    (common::engine(), common::table())
}

/// One pass of the pipeline over the corpus; returns the reply bytes made,
/// so the work cannot be optimised away.
fn pipeline_pass(
    runtime: &tokio::runtime::Runtime,
    engine: &Engine,
    table: &Table,
    corpus: &[Vec<u8>],
) -> usize {
    let now = common::now();
    runtime.block_on(async {
        let mut bytes = 0;
        for raw in corpus {
            let processed = pipeline::process(engine, table, raw, &now).await;
            bytes += processed.reply.map_or(0, |r| {
                r.messages().map(|m| m.formatted().len()).sum::<usize>()
            });
        }
        bytes
    })
}

fn parse_pass(corpus: &[Vec<u8>]) -> usize {
    corpus
        .iter()
        .filter_map(|raw| mail_parser::MessageParser::default().parse(raw))
        .map(|m| m.parts.len())
        .sum()
}

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    let (engine, table) = engine();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function("pipeline", |b| {
        b.iter(|| pipeline_pass(&runtime, &engine, &table, &corpus))
    });
    group.bench_function("mail-parser parse only", |b| b.iter(|| parse_pass(&corpus)));
    group.finish();
}

/// Messages per second for `pass`, timed over at least two seconds.
fn rate(messages: usize, mut pass: impl FnMut() -> usize) -> f64 {
    let mut sink = 0;
    for _ in 0..3 {
        sink += pass();
    }
    let started = Instant::now();
    let mut passes = 0;
    while started.elapsed() < Duration::from_secs(2) {
        sink += pass();
        passes += 1;
    }
    std::hint::black_box(sink);
    (passes * messages) as f64 / started.elapsed().as_secs_f64()
}

fn summary() {
    let corpus = corpus();
    let (engine, table) = engine();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let pipeline = rate(corpus.len(), || {
        pipeline_pass(&runtime, &engine, &table, &corpus)
    });
    let parse = rate(corpus.len(), || parse_pass(&corpus));
    println!();
    println!("corpus: {} messages", corpus.len());
    println!(
        "pipeline (parse → screen → extract → lookup → letters → reply): {pipeline:>9.0} messages/s"
    );
    println!(
        "mail-parser parse only:                                      {parse:>9.0} messages/s"
    );
    println!("pipeline costs {:.1}× the bare parse", parse / pipeline);
    let (replies, bytes) = runtime.block_on(async {
        let now = common::now();
        let mut replies = 0usize;
        let mut bytes = 0usize;
        for raw in &corpus {
            let processed = pipeline::process(&engine, &table, raw, &now).await;
            if let Some(reply) = processed.reply.filter(|r| !r.letters.is_empty()) {
                replies += 1;
                bytes += reply.messages().map(|m| m.formatted().len()).sum::<usize>();
            }
        }
        (replies, bytes)
    });
    if replies > 0 {
        println!(
            "a letters reply: {:.1} KB on average ({replies} in the corpus)",
            bytes as f64 / replies as f64 / 1024.0
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo test --all-targets` runs benches once as a smoke test, without
    // `--bench`; the timed summary is for `cargo bench` only.
    if std::env::args().any(|a| a == "--bench") {
        summary();
    }
}

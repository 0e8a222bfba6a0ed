//! The offline postcode index beside a `HashMap<String, u16>` holding the
//! same postcode → seat data: import time, size on disk, resident memory,
//! and lookups per second.
//!
//! `cargo bench --bench index` imports the 1.73M-row GB file from
//! `../shared/data` (or, where that is absent, a generated file of the
//! same size and shape), measures each structure's resident memory in a
//! fresh child process (so one's allocations cannot hide in the other's),
//! times lookups of a million shuffled postcodes, runs criterion over both
//! lookups, and prints a table against the targets: at least 2M lookups/s,
//! the index at most 25% of the HashMap's memory, import under 20 s.

use std::collections::HashMap;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};

use postbag::lookup::import;
use postbag::lookup::index::{Index, IndexMeta};

#[path = "../tests/common/mod.rs"]
mod common;

const FULL_ROWS: usize = 1_733_408;
const CHILD_ENV: &str = "POSTBAG_BENCH_CHILD";

/// The GB file, or a generated stand-in of `rows` rows in a temp folder.
fn source(rows: usize, dir: &Path) -> (PathBuf, &'static str) {
    if rows == FULL_ROWS
        && let Some(data) = common::shared_data()
    {
        let path = data.join("postcodes/postcode_pcon24_gb_derived.csv");
        if path.is_file() {
            return (path, "GB file from ../shared/data");
        }
    }
    (generate(rows, dir), "generated file")
}

/// A plain CSV of `rows` sorted postcodes in GB-like districts, in runs of
/// seats as real postcodes are.
fn generate(rows: usize, dir: &Path) -> PathBuf {
    let path = dir.join("generated.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    writeln!(out, "postcode,constituency_code").expect("write");
    let letters = b"ABCDEFGHJKLMNOPRSTUWYZ";
    let unit = b"ABDEFGHJLNPQRSTUWXYZ";
    let mut written = 0;
    let mut seat = 0u32;
    'outer: for a in letters {
        for b in letters {
            for district in 1..=99u32 {
                for sector in 0..=9u32 {
                    for u1 in unit {
                        for u2 in unit {
                            if written == rows {
                                break 'outer;
                            }
                            if written % 32 == 0 {
                                seat = (seat + 1) % 650;
                            }
                            writeln!(
                                out,
                                "{}{}{district} {sector}{}{},E1400{:04}",
                                *a as char,
                                *b as char,
                                *u1 as char,
                                *u2 as char,
                                1063 + seat
                            )
                            .expect("write");
                            written += 1;
                        }
                    }
                }
            }
        }
    }
    path
}

fn import_index(path: &Path) -> Index {
    let file = std::fs::File::open(path).expect("open");
    import::postcodes(std::io::BufReader::new(file), IndexMeta::default(), |_| {})
        .expect("import")
        .0
}

/// The HashMap a straightforward program would build: postcode → seat
/// number, with the seat codes in a table beside it.
fn import_hashmap(path: &Path) -> (HashMap<String, u16>, Vec<String>) {
    let mut reader = csv::Reader::from_path(path).expect("open");
    let mut map = HashMap::new();
    let mut seats: HashMap<String, u16> = HashMap::new();
    let mut codes = Vec::new();
    for row in reader.records() {
        let row = row.expect("row");
        let n = *seats.entry(row[1].to_owned()).or_insert_with(|| {
            codes.push(row[1].to_owned());
            (codes.len() - 1) as u16
        });
        map.insert(row[0].to_owned(), n);
    }
    (map, codes)
}

/// Resident memory of this process in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// In a child process: load one structure and print the memory it added.
fn child(kind: &str, path: &Path) {
    let before = rss_kib();
    let probe = "AB10 1AB";
    let grew = match kind {
        "index" => {
            let index = Index::read(path).expect("read index");
            let after = rss_kib();
            black_box(index.get(probe));
            after
        }
        _ => {
            let map = import_hashmap(path);
            let after = rss_kib();
            black_box(map.0.get(probe));
            after
        }
    };
    println!("{}", grew.saturating_sub(before));
}

fn child_rss(kind: &str, path: &Path) -> u64 {
    let out = std::process::Command::new(std::env::current_exe().expect("exe"))
        .env(CHILD_ENV, format!("{kind}:{}", path.display()))
        .output()
        .expect("run child");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

/// A million postcodes from the data, shuffled, with one in ten changed
/// into a postcode that is not there.
fn queries(index: &Index, count: usize) -> Vec<String> {
    let all: Vec<String> = index.iter().map(|(p, _)| p).collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..count)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut p = all[(state % all.len() as u64) as usize].clone();
            if i % 10 == 0 {
                p.replace_range(p.len() - 1.., "Q");
            }
            p
        })
        .collect()
}

fn per_second(count: usize, f: impl Fn() -> usize) -> f64 {
    let best = (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or(Duration::MAX);
    count as f64 / best.as_secs_f64()
}

fn main() {
    if let Ok(spec) = std::env::var(CHILD_ENV) {
        let (kind, path) = spec.split_once(':').expect("kind:path");
        child(kind, Path::new(path));
        return;
    }
    // `cargo test --all-targets` runs this once without `--bench`: a small
    // smoke run; the figures are for `cargo bench`.
    let full = std::env::args().any(|a| a == "--bench");
    let rows = if full { FULL_ROWS } else { 20_000 };
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, what) = source(rows, dir.path());

    let start = Instant::now();
    let index = import_index(&path);
    let import_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let (map, codes) = import_hashmap(&path);
    let map_secs = start.elapsed().as_secs_f64();
    assert_eq!(index.len(), map.len());

    let index_path = dir.path().join("postcodes.idx");
    index.write(&index_path).expect("write index");
    let on_disk = std::fs::metadata(&index_path).map_or(0, |m| m.len());
    let index_rss = child_rss("index", &index_path);
    let map_rss = child_rss("hashmap", &path);

    let queries = queries(&index, if full { 1_000_000 } else { 10_000 });
    // Both must give the same answers, or the comparison means nothing.
    for q in queries.iter().take(10_000) {
        let expected = map.get(q).map(|&n| codes[usize::from(n)].as_str());
        let got = match index.get(q) {
            Some(postbag::lookup::index::Entry::Seat(code)) => Some(code),
            _ => None,
        };
        assert_eq!(got, expected, "{q}");
    }
    let index_rate = per_second(queries.len(), || {
        queries.iter().filter_map(|q| index.get(q)).count()
    });
    let map_rate = per_second(queries.len(), || {
        queries.iter().filter_map(|q| map.get(q.as_str())).count()
    });

    let mut criterion = Criterion::default().configure_from_args();
    let batch = &queries[..1000];
    let mut group = criterion.benchmark_group("postcode lookup");
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.bench_function("offline index", |b| {
        b.iter(|| batch.iter().filter_map(|q| index.get(q)).count());
    });
    group.bench_function("HashMap<String, u16>", |b| {
        b.iter(|| batch.iter().filter_map(|q| map.get(q.as_str())).count());
    });
    group.finish();
    criterion.final_summary();

    println!();
    println!(
        "offline index vs HashMap<String, u16>: {} rows ({what})",
        index.len()
    );
    println!(
        "  import (CSV → structure)   index {import_secs:>8.2} s    HashMap {map_secs:>8.2} s    target < 20 s"
    );
    println!(
        "  size on disk               index {:>8.1} MB",
        on_disk as f64 / 1e6
    );
    println!(
        "  resident memory added      index {:>8.1} MB   HashMap {:>8.1} MB    ratio {:.1}% (target ≤ 25%)",
        index_rss as f64 / 1024.0,
        map_rss as f64 / 1024.0,
        100.0 * index_rss as f64 / map_rss.max(1) as f64
    );
    println!(
        "  index's own arrays         {:>8.1} MB",
        index.heap_bytes() as f64 / 1e6
    );
    println!(
        "  lookups, one thread        index {:>8.2} M/s  HashMap {:>8.2} M/s    target ≥ 2 M/s",
        index_rate / 1e6,
        map_rate / 1e6
    );
}

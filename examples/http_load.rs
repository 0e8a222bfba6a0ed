//! A constant-rate HTTP/1.1 load for `scripts/bench-http`: R requests a
//! second for S seconds, spread over C kept-alive connections, each on a
//! fixed schedule (a late answer makes the next request go at once, so
//! the rate holds while the server is slow, and latency counts from when
//! the request was due). Prints what it sent and got, for the script.
//!
//!     cargo run --release --example http_load -- ADDR PATH RATE SECONDS CONNECTIONS
//!
//! Its own, rather than hey or wrk: on a 2-core machine that also runs the
//! mail stack, hey's CPU slowed the measured burst more than postbag's
//! answers did, and wrk's requests slow down with the server, so neither
//! held 1,000 a second.

use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[derive(Default)]
struct Tally {
    sent: u64,
    ok: u64,
    other_status: u64,
    errors: u64,
    latencies_us: Vec<u64>,
}

async fn connection(addr: String, path: String, every: Duration, until: Instant) -> Tally {
    let mut tally = Tally::default();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let mut stream = None;
    let mut due = Instant::now();
    while due < until {
        tokio::time::sleep_until(due.into()).await;
        if stream.is_none() {
            stream = TcpStream::connect(&addr).await.ok().map(BufReader::new);
        }
        tally.sent += 1;
        let answered = match stream.as_mut() {
            Some(s) => exchange(s, request.as_bytes()).await,
            None => None,
        };
        match answered {
            Some(200) => tally.ok += 1,
            Some(_) => tally.other_status += 1,
            None => {
                tally.errors += 1;
                stream = None;
            }
        }
        tally
            .latencies_us
            .push(u64::try_from(due.elapsed().as_micros()).unwrap_or(u64::MAX));
        due += every;
    }
    tally
}

/// One request and its answer: the status code, `None` on any failure.
async fn exchange(stream: &mut BufReader<TcpStream>, request: &[u8]) -> Option<u16> {
    stream.get_mut().write_all(request).await.ok()?;
    let mut line = String::new();
    stream.read_line(&mut line).await.ok()?;
    let status = line.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0usize;
    loop {
        line.clear();
        if stream.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(status)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, path, rate, seconds, connections] = &args[..] else {
        eprintln!("usage: http_load ADDR PATH RATE SECONDS CONNECTIONS");
        std::process::exit(2);
    };
    let (Ok(rate), Ok(seconds), Ok(connections)) = (
        rate.parse::<f64>(),
        seconds.parse::<f64>(),
        connections.parse::<u32>(),
    ) else {
        eprintln!("RATE, SECONDS and CONNECTIONS are numbers");
        std::process::exit(2);
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let every = Duration::from_secs_f64(f64::from(connections) / rate);
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(seconds);
    let tallies = runtime.block_on(async {
        let tasks: Vec<_> = (0..connections)
            .map(|i| {
                let (addr, path) = (addr.clone(), path.clone());
                // Spread the connections' schedules over one interval.
                let offset = every.mul_f64(f64::from(i) / f64::from(connections));
                tokio::spawn(async move {
                    tokio::time::sleep(offset).await;
                    connection(addr, path, every, until).await
                })
            })
            .collect();
        let mut all = Vec::new();
        for task in tasks {
            all.push(task.await.unwrap_or_default());
        }
        all
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut total = Tally::default();
    for t in tallies {
        total.sent += t.sent;
        total.ok += t.ok;
        total.other_status += t.other_status;
        total.errors += t.errors;
        total.latencies_us.extend(t.latencies_us);
    }
    total.latencies_us.sort_unstable();
    let pick = |p: f64| {
        let v = &total.latencies_us;
        v.get(((v.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0)
    };
    println!("sent {}", total.sent);
    println!("rate {:.1}", total.sent as f64 / elapsed);
    println!("ok {}", total.ok);
    println!("other_status {}", total.other_status);
    println!("errors {}", total.errors);
    println!("p50_ms {:.2}", pick(0.5) as f64 / 1000.0);
    println!("p99_ms {:.2}", pick(0.99) as f64 / 1000.0);
}

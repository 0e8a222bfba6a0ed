//! The offline lookup: importing ONS postcode files and MP lists, the
//! index's answers against the source rows (the real ONSPD sample and the
//! full GB file where `../shared/data` is present), a property test of the
//! index against a `HashMap`, and the `postbag data` and `postbag lookup`
//! commands end to end.

mod common;
#[path = "common/run.rs"]
mod run;

use std::collections::HashMap;
use std::path::Path;
use std::process::Output;
use std::sync::Arc;

use proptest::prelude::*;

use postbag::lookup::chain::{Chain, MpSource, PostcodeSource};
use postbag::lookup::import;
use postbag::lookup::index::{Entry, Index, IndexBuilder, IndexMeta, Row};
use postbag::lookup::{Lookup, NoSeat, resolve};
use postbag::postcode::Postcode;

fn fixture(name: &str) -> std::path::PathBuf {
    common::root().join("tests/fixtures/lookup").join(name)
}

fn import_file(path: &Path) -> Index {
    let file = std::fs::File::open(path).expect("open");
    let (index, _) = import::postcodes(std::io::BufReader::new(file), IndexMeta::default(), |_| {})
        .expect("import");
    index
}

fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
        .block_on(future)
}

#[test]
fn the_offline_chain_answers_every_outcome() {
    let index = Arc::new(import_file(&fixture("onspd.csv")));
    let mps = import::mps(
        std::fs::File::open(fixture("mps.csv")).expect("open"),
        "mps.csv",
        jiff::civil::date(2026, 11, 1),
    )
    .expect("mps");
    let chain = Chain::new(
        vec![PostcodeSource::Offline(index)],
        vec![MpSource::Offline(Arc::new(mps))],
        false,
    );
    let ask = |p: &str| block_on(resolve(&chain, &Postcode::parse(p).expect("postcode"))).lookup;

    let Lookup::Found {
        constituency,
        nation,
        mp,
    } = ask("br87re")
    else {
        panic!("BR8 7RE should be found")
    };
    assert_eq!(constituency.code, "E14001465");
    assert_eq!(constituency.name, "Sevenoaks");
    assert_eq!(nation.code(), "england");
    assert_eq!(mp.email.as_deref(), Some("alex.example@example.org"));
    assert_eq!(mp.member_id, Some(9001));

    assert!(matches!(ask("WN4 9AA"), Lookup::Vacant { .. }));
    let Lookup::Found { mp, .. } = ask("PR1 2HE") else {
        panic!("PR1 2HE should be found")
    };
    assert_eq!(mp.email, None);
    assert!(mp.postal_address.is_some());
    for (postcode, nation) in [
        ("CF10 1AA", "wales"),
        ("EH1 1AA", "scotland"),
        ("BT1 1AA", "northern_ireland"),
    ] {
        assert_eq!(
            ask(postcode).nation().map(|n| n.code()),
            Some(nation),
            "{postcode}"
        );
    }
    assert_eq!(ask("AB1 0AA"), Lookup::Terminated { year: Some(1996) });
    assert_eq!(ask("SE1 9ZZ"), Lookup::Terminated { year: Some(1998) });
    assert_eq!(ask("JE2 4WD"), Lookup::NoSeat(NoSeat::CrownDependency));
    // Not in the data, but every live postcode of its sector (BR8 7) is in
    // Sevenoaks: a postcode newer than the data. A sector with none is
    // unknown.
    let Lookup::Found { constituency, .. } = ask("BR8 7RG") else {
        panic!("BR8 7RG should be found by its sector")
    };
    assert_eq!(constituency.name, "Sevenoaks");
    assert_eq!(ask("BR8 9ZZ"), Lookup::Unknown);
}

/// Read `(pcds, doterm, pcon)` from an ONSPD file, independently of the
/// importer.
fn onspd_rows(path: &Path) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_path(path).expect("open ONSPD");
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (pcds, doterm, pcon) = (col("pcds"), col("doterm"), col("pcon"));
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[pcds].to_owned(), r[doterm].to_owned(), r[pcon].to_owned())
        })
        .collect()
}

#[test]
fn the_real_onspd_sample_imports_exactly() {
    let Some(data) = common::shared_data() else {
        return;
    };
    let path = data.join("postcodes/onspd_aug2024_sample_aberdeen_postcodesio.csv");
    let index = import_file(&path);
    let rows = onspd_rows(&path);
    assert_eq!(index.len(), rows.len());
    let (mut live, mut terminated) = (0, 0);
    for (pcds, doterm, pcon) in &rows {
        let entry = index.get(pcds);
        if !doterm.is_empty() {
            terminated += 1;
            let year = doterm[..4].parse().ok();
            assert_eq!(entry, Some(Entry::Terminated { year }), "{pcds}");
        } else if pcon.ends_with("99999999") {
            assert_eq!(
                entry,
                Some(Entry::NoSeat(NoSeat::CrownDependency)),
                "{pcds}"
            );
        } else {
            live += 1;
            assert_eq!(entry, Some(Entry::Seat(pcon.as_str())), "{pcds}");
        }
    }
    // The sample's documented make-up (SOURCES.md).
    assert!(live >= 4_236, "{live} live rows");
    assert!(terminated > 3_000, "{terminated} retired rows");
    assert_eq!(index.meta().layout, "onspd");
    assert_eq!(index.meta().data_date.as_deref(), Some("2024-07"));
}

#[test]
fn the_full_gb_file_imports_and_answers_a_sample() {
    let Some(data) = common::shared_data() else {
        return;
    };
    let path = data.join("postcodes/postcode_pcon24_gb_derived.csv");
    let index = import_file(&path);
    assert_eq!(index.len(), 1_733_408);
    // Every 97th row of the source, read independently.
    let mut reader = csv::Reader::from_path(&path).expect("open");
    let mut checked = 0;
    for (i, row) in reader.records().enumerate() {
        if i % 97 != 0 {
            continue;
        }
        let row = row.expect("row");
        assert_eq!(
            index.get(&row[0]),
            Some(Entry::Seat(&row[1])),
            "{}",
            &row[0]
        );
        checked += 1;
    }
    assert!(checked > 17_000);
    // And the curated test set, with its expected seats.
    let mut reader = csv::Reader::from_path(data.join("postcodes/test_postcodes_gb_sample.csv"))
        .expect("open test set");
    for row in reader.records() {
        let row = row.expect("row");
        assert_eq!(
            index.get(&row[0]),
            Some(Entry::Seat(&row[1])),
            "{}",
            &row[0]
        );
    }
}

#[test]
fn the_index_survives_the_disk_and_refuses_damage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("postcodes.idx");
    let index = import_file(&fixture("onspd.csv"));
    index.write(&path).expect("write");
    assert_eq!(Index::read(&path).expect("read"), index);
    let mut bytes = std::fs::read(&path).expect("bytes");
    let at = bytes.len() - 40;
    bytes[at] ^= 0x55;
    std::fs::write(&path, &bytes).expect("damage");
    let err = Index::read(&path).expect_err("damaged").to_string();
    assert!(err.contains("damaged") && err.contains("import"), "{err}");
}

fn postcode() -> impl Strategy<Value = String> {
    let outward = prop_oneof![
        "[A-Z][0-9]",
        "[A-Z][0-9][0-9]",
        "[A-Z][A-Z][0-9]",
        "[A-Z][A-Z][0-9][0-9]",
        "[A-Z][0-9][A-Z]",
        "[A-Z][A-Z][0-9][A-Z]",
    ];
    (outward, "[0-9][A-Z][A-Z]").prop_map(|(o, i)| format!("{o} {i}"))
}

fn row() -> impl Strategy<Value = Row> {
    prop_oneof![
        (1_000u32..1_700).prop_map(|n| Row::Seat(format!("E1400{n:04}"))),
        proptest::option::of(1980u16..2030).prop_map(|year| Row::Terminated { year }),
        Just(Row::NoSeat(NoSeat::CrownDependency)),
        Just(Row::NoSeat(NoSeat::NonGeographic)),
    ]
}

fn expected(row: &Row) -> Entry<'_> {
    match row {
        Row::Seat(code) => Entry::Seat(code),
        Row::Terminated { year } => Entry::Terminated { year: *year },
        Row::NoSeat(why) => Entry::NoSeat(*why),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The index answers exactly as a `HashMap` of the same rows does (the
    /// first row of a postcode wins, as in the builder, unless a later one
    /// is live and the first retired), for rows present and absent, and
    /// after a round trip through its file form.
    #[test]
    fn the_index_agrees_with_a_hashmap(
        rows in proptest::collection::vec((postcode(), row()), 0..400),
        probes in proptest::collection::vec(postcode(), 0..100),
    ) {
        let mut builder = IndexBuilder::new();
        let mut map: HashMap<String, Row> = HashMap::new();
        for (postcode, row) in &rows {
            builder.add(postcode, row.clone()).expect("valid row");
            match map.get(postcode) {
                None => { map.insert(postcode.clone(), row.clone()); }
                Some(Row::Terminated { .. }) if !matches!(row, Row::Terminated { .. }) => {
                    map.insert(postcode.clone(), row.clone());
                }
                Some(_) => {}
            }
        }
        let index = builder.finish(IndexMeta::default());
        let index = Index::from_bytes(&index.to_bytes(), Path::new("p")).expect("round trip");
        prop_assert_eq!(index.len(), map.len());
        for (postcode, row) in &map {
            prop_assert_eq!(index.get(postcode), Some(expected(row)));
            prop_assert_eq!(index.get(&postcode.replace(' ', "")), Some(expected(row)));
        }
        for probe in &probes {
            prop_assert_eq!(index.get(probe), map.get(probe).map(expected));
        }
    }
}

fn postbag(args: &[&str]) -> Output {
    run::postbag(args, &[])
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn data_commands_build_what_lookup_and_preview_use() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8");
    let onspd = fixture("onspd.csv");
    let out = postbag(&[
        "data",
        "import-postcodes",
        onspd.to_str().expect("utf-8"),
        "--data-dir",
        data,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("imported 11 postcodes (9 live, 2 retired, 1 with no seat"));
    let mps = fixture("mps.csv");
    let out = postbag(&[
        "data",
        "import-mps",
        mps.to_str().expect("utf-8"),
        "--date",
        "2026-11-20",
        "--data-dir",
        data,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("9 seats, 8 with an MP (1 with no email), 1 vacant"));

    let lookup = |postcode: &str| {
        let out = postbag(&["lookup", postcode, "--json", "--data-dir", data]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON")
    };
    let found = lookup("sw1a1aa");
    assert_eq!(found["postcode"], "SW1A 1AA");
    assert_eq!(found["outcome"], "found");
    assert_eq!(found["constituency"]["code"], "E14001172");
    assert_eq!(
        found["constituency"]["name"],
        "Cities of London and Westminster"
    );
    assert_eq!(found["nation"], "england");
    assert_eq!(found["mp"]["name"], "Sam Sample");
    assert_eq!(found["mp"]["email"], "sam.sample@example.org");
    assert_eq!(found["source"], "offline");
    assert_eq!(lookup("WN4 9AA")["outcome"], "vacant");
    assert_eq!(lookup("AB1 0AA")["outcome"], "terminated");
    assert_eq!(lookup("AB1 0AA")["terminated_year"], 1996);
    assert_eq!(lookup("JE2 4WD")["outcome"], "no_seat");
    assert_eq!(lookup("BR8 7RG")["outcome"], "found");
    assert_eq!(lookup("BR8 7RG")["source"], "offline (by sector)");
    assert_eq!(lookup("BR8 9ZZ")["outcome"], "unknown");
    assert_eq!(lookup("BR8 9ZZ")["mp"], serde_json::Value::Null);
    assert_eq!(lookup("not a postcode")["outcome"], "invalid");

    // The MP list is dated 2026-11-20; a 1-day limit makes it stale.
    let out = run::postbag(
        &["lookup", "BR8 7RE", "--data-dir", data],
        &[("POSTBAG_LOOKUP__MP_DATA_MAX_AGE_DAYS", "1")],
    );
    assert!(
        stderr(&out).contains("warning: the MP list is"),
        "{}",
        stderr(&out)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Sevenoaks (E14001465), England"), "{text}");

    let out = postbag(&[
        "preview",
        "tests/corpus/shapes/mailto-template-filled-in.eml",
        "--json",
        "--data-dir",
        data,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["outcome"], "letters");
    assert_eq!(report["source"], "offline");
    assert_eq!(report["mp"]["email"], "alex.example@example.org");
}

#[test]
fn data_command_errors_name_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8");
    let mps = fixture("mps.csv");
    // An MP list is not a postcode file.
    let out = postbag(&[
        "data",
        "import-postcodes",
        mps.to_str().expect("utf-8"),
        "--data-dir",
        data,
    ]);
    assert_eq!(out.status.code(), Some(65), "{}", stderr(&out));
    assert!(stderr(&out).contains("unrecognised header"));
    let out = postbag(&["data", "import-mps", "missing.csv", "--data-dir", data]);
    assert_eq!(out.status.code(), Some(66));
    // No index yet: lookup says which setting and which command.
    let out = postbag(&["lookup", "BR8 7RE", "--data-dir", data]);
    assert_eq!(out.status.code(), Some(78));
    assert!(stderr(&out).contains("lookup.data_dir"), "{}", stderr(&out));
    assert!(stderr(&out).contains("postbag data import-postcodes"));
}

/// The text part of a reply.
fn reply_text(processed: &postbag::pipeline::Processed) -> String {
    let formatted = processed
        .reply
        .as_ref()
        .expect("a reply")
        .message
        .formatted();
    mail_parser::MessageParser::default()
        .parse(&formatted)
        .expect("reply parses")
        .body_text(0)
        .expect("text body")
        .replace("\r\n", "\n")
}

#[test]
fn a_postcode_newer_than_the_data_gets_letters_for_its_sector_or_a_clear_answer() {
    let mps = Arc::new(
        import::mps(
            std::fs::File::open(fixture("mps.csv")).expect("open"),
            "mps.csv",
            jiff::civil::date(2026, 11, 1),
        )
        .expect("mps"),
    );
    let chain = |rows: &[(&str, &str)]| {
        let mut b = IndexBuilder::new();
        for (postcode, seat) in rows {
            b.add(postcode, Row::Seat((*seat).into())).expect("row");
        }
        Chain::new(
            vec![PostcodeSource::Offline(Arc::new(
                b.finish(IndexMeta::default()),
            ))],
            vec![MpSource::Offline(mps.clone())],
            false,
        )
    };
    let raw = b"From: Jo Bloggs <jo@example.org>\r\nReturn-Path: <jo@example.org>\r\n\
        To: letters@notwithmynhsdata.org\r\nSubject: letters\r\n\
        Message-ID: <new-build@example.org>\r\n\r\n\
        Jo Bloggs\r\n4 New Meadow Way\r\nSwanley\r\nBR8 7RG\r\n";
    let engine = common::engine();
    let run = |chain: &Chain| {
        block_on(postbag::pipeline::process(
            &engine,
            chain,
            raw,
            &common::now(),
        ))
    };

    // Every live postcode of BR8 7 is in Sevenoaks.
    let one = run(&chain(&[
        ("BR8 7RE", "E14001465"),
        ("BR8 7RF", "E14001465"),
    ]));
    assert_eq!(one.outcome.class(), "letters", "{:?}", one.outcome);
    assert!(one.source.is_some_and(|s| s.by_sector));
    let text = reply_text(&one);
    assert!(
        text.contains("Your postcode is newer than our data, so we used the constituency that all of your area is in: Sevenoaks."),
        "{text}"
    );

    // BR8 7 split between two seats: a help reply that says so.
    let split = run(&chain(&[
        ("BR8 7RE", "E14001465"),
        ("BR8 7RF", "E14001172"),
    ]));
    assert_eq!(split.outcome.reason(), Some("split_sector"));
    let text = reply_text(&split);
    assert!(
        text.contains("the postcodes around it are in more than one constituency"),
        "{text}"
    );
}

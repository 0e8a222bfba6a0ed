//! Unit tests of `lookup/index.rs`.

use super::*;

fn sample() -> Index {
    let mut b = IndexBuilder::new();
    b.add("AB10 1AB", Row::Seat("S14000061".into())).unwrap();
    b.add("AB101AF", Row::Seat("S14000060".into())).unwrap();
    b.add("AB1 0AA", Row::Terminated { year: Some(1996) })
        .unwrap();
    b.add("JE2 4WD", Row::NoSeat(NoSeat::CrownDependency))
        .unwrap();
    b.add("W1A 1AA", Row::Seat("E14001172".into())).unwrap();
    b.add("SE1 9ZZ", Row::Terminated { year: None }).unwrap();
    b.add("SE1 9ZZ", Row::Seat("E14001085".into())).unwrap();
    b.finish(IndexMeta {
        source: "t.csv".into(),
        ..IndexMeta::default()
    })
}

#[test]
fn answers_every_kind_of_row() {
    let index = sample();
    assert_eq!(index.get("AB10 1AB"), Some(Entry::Seat("S14000061")));
    assert_eq!(index.get("AB10 1AF"), Some(Entry::Seat("S14000060")));
    assert_eq!(
        index.get("AB1 0AA"),
        Some(Entry::Terminated { year: Some(1996) })
    );
    assert_eq!(
        index.get("JE2 4WD"),
        Some(Entry::NoSeat(NoSeat::CrownDependency))
    );
    assert_eq!(index.get("W1A 1AA"), Some(Entry::Seat("E14001172")));
    // A live row beats a retired one for the same postcode.
    assert_eq!(index.get("SE1 9ZZ"), Some(Entry::Seat("E14001085")));
    assert_eq!(index.get("AB10 1AD"), None);
    assert_eq!(index.get("ZZ9 9ZZ"), None);
    assert_eq!(index.get("nonsense"), None);
    assert_eq!(index.len(), 6);
    assert_eq!(index.meta().terminated, 1);
    assert_eq!(index.meta().live, 5);
}

#[test]
fn a_sector_knows_its_live_seats() {
    let index = sample();
    // AB10 1 is split between two seats; W1A 1 lies in one.
    assert_eq!(index.sector_seats("AB10 1ZZ"), ["S14000061", "S14000060"]);
    assert_eq!(index.sector_seats("W1A 1ZZ"), ["E14001172"]);
    // A retired postcode is no seat; a sector not in the index has none.
    assert!(index.sector_seats("AB1 0ZZ").is_empty());
    assert!(index.sector_seats("ZZ9 9ZZ").is_empty());
}

#[test]
fn round_trips_through_bytes() {
    let index = sample();
    let bytes = index.to_bytes();
    let back = Index::from_bytes(&bytes, Path::new("i")).unwrap();
    assert_eq!(back, index);
    let listed: Vec<String> = back.iter().map(|(p, _)| p).collect();
    assert!(listed.contains(&"AB10 1AB".to_owned()));
    assert!(listed.contains(&"W1A 1AA".to_owned()));
}

#[test]
fn damaged_files_are_refused() {
    let bytes = sample().to_bytes();
    let path = Path::new("i");
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 1;
    assert!(matches!(
        Index::from_bytes(&flipped, path),
        Err(IndexError::Damaged { .. })
    ));
    assert!(matches!(
        Index::from_bytes(&bytes[..bytes.len() - 5], path),
        Err(IndexError::Damaged { .. })
    ));
    assert!(matches!(
        Index::from_bytes(b"postcode,pcon\n", path),
        Err(IndexError::NotAnIndex { .. })
    ));
}

#[test]
fn keys_pack_and_unpack() {
    for pc in ["A1 1AA", "AB1 0AA", "EC1A 1BB", "W1A 0AX", "ZZ99 9ZZ"] {
        let (sector, unit) = split_key(pc).unwrap();
        assert_eq!(unpack(sector, unit), pc);
    }
    assert_eq!(split_key("AB101AB"), split_key("AB10 1AB"));
    assert_eq!(split_key("ab10 1ab"), None);
    assert_eq!(split_key("ABCDE 1AB"), None);
}

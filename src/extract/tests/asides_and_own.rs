//! An address after "my address being", a name's label typed without its
//! apostrophe after the address ("Names Margaret Quick"), and a mail for
//! the writer that gives a relative's postcode for later ("just send mine
//! for now").

use super::{found, run};

#[test]
fn my_address_being_leads_to_the_address() {
    let body = "Dear Sir or Madam,\n\nI write as a resident of Thornbury, my address being 12 Castle Street, Thornbury, Bristol BS35 1HB, and as a retired district nurse.\n\nI would be grateful for the letters.\n\nYours faithfully,\n\nEileen M. Parsons\n";
    assert_eq!(
        run(Some("Eileen Parsons"), "Letters", body),
        found(
            "Eileen M. Parsons",
            "12 Castle Street, Thornbury, Bristol",
            "BS35 1HB"
        )
    );
}

#[test]
fn a_name_label_without_its_apostrophe_ends_the_address() {
    let body = "TR18 4AA is the postcode, the house is Gull Cottage, Quay Street, Newlyn. Names Peter Rowe. Cheers\n";
    // With its apostrophe it was read right already, as an introduction.
    for body in [body.to_owned(), body.replace("Names", "Name's")] {
        assert_eq!(
            run(Some("P Rowe"), "Letters please", &body),
            found(
                "Peter Rowe",
                "Gull Cottage, Quay Street, Newlyn",
                "TR18 4AA"
            )
        );
    }
}

#[test]
fn a_relatives_postcode_for_later_is_not_the_writers_home() {
    let body = "Hi,\n\nMy name is Tariq Hussain and I live at 9 Oak Avenue, Moseley, Birmingham B13 9AA.\n\nI'll be doing the same for my mum in Derby next week, her postcode is DE22 1AA, but just send mine for now please.\n\nThanks\nTariq\n";
    assert_eq!(
        run(Some("Tariq Hussain"), "Letters", body),
        found(
            "Tariq Hussain",
            "9 Oak Avenue, Moseley, Birmingham",
            "B13 9AA"
        )
    );
}

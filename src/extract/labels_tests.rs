//! The label rules' unit tests.

use super::super::address_parts::without_outward_code;
use super::super::label_lines::with_label_slip_fixed;

#[test]
fn a_label_with_a_slip_is_read_as_meant() {
    assert_eq!(with_label_slip_fixed("Nmae: Jo Bloggs"), "name: Jo Bloggs");
    assert_eq!(
        with_label_slip_fixed("  Adress: 4 Mill Lane"),
        "  address: 4 Mill Lane"
    );
    assert_eq!(
        with_label_slip_fixed("Postocde: BR8 7RE"),
        "postcode: BR8 7RE"
    );
    assert_eq!(
        with_label_slip_fixed("Postcide: BR8 7RE"),
        "postcode: BR8 7RE"
    );
    // Labels run together on one line.
    assert_eq!(
        with_label_slip_fixed("Name: Jo Bloggs Adress: 4 Mill Lane Postocde: BR8 7RE"),
        "Name: Jo Bloggs address: 4 Mill Lane postcode: BR8 7RE"
    );
    // Other words stay: a changed letter of "name", no colon, two words.
    for line in ["Same: as before", "Date: 1 May", "Name: Jo", "Nmae Jo"] {
        assert_eq!(with_label_slip_fixed(line), line);
    }
}

#[test]
fn an_outward_code_alone_leaves_the_town_but_a_block_keeps_its_number() {
    assert_eq!(without_outward_code("Norwich NR2"), "Norwich");
    assert_eq!(without_outward_code("Block C4"), "Block C4");
    // No such area: a word, not a postcode.
    assert_eq!(without_outward_code("Hall ZZ9"), "Hall ZZ9");
    assert_eq!(without_outward_code("Norwich"), "Norwich");
}

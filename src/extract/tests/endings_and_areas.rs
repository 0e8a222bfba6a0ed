//! Where an address ends and whether it is one: a participle clause after
//! it, a sign-off line that goes on to the address, a paragraph of one
//! sentence over the writer's first name, a Welsh street with no house on
//! it, a district named after "I live in"; and a name opening a sentence
//! after "Letters to"; "Im" before where the writer is; a label after
//! "my name is" on its line; "the letters go to" a name the From line
//! shares a surname with; "the letters sending to" a titled name.

use super::{found, run, some};

#[test]
fn a_having_clause_after_the_address_is_talk() {
    let body = "Good morning,\n\nI write from 4 Exe View, Topsham, having seen your leaflet in the library.\n\nRegards,\nAnne Pike\n\nP.S. My postcode is EX3 0AA.\n";
    assert_eq!(
        run(Some("Anne Pike"), "Letters", body),
        found("Anne Pike", "4 Exe View, Topsham", "EX3 0AA")
    );
}

#[test]
fn a_sign_off_line_may_go_on_to_the_address() {
    let body = "Hello,\n\nI'll sign whatever you send.\n\nCheers, Alan Tait, 5 Mill Brae, Biggar ML12 6AA\n";
    assert_eq!(
        run(Some("Alan Tait"), "Count me in", body),
        found("Alan Tait", "5 Mill Brae, Biggar", "ML12 6AA")
    );
}

#[test]
fn a_sentence_paragraph_is_no_line_of_an_address_block() {
    // Every paragraph one line, so the mail looks double-spaced; the
    // first name below the address still signs it.
    let body = "Hello,\n\nI'm Jo Price and I'd like the letters.\n\nI live at 9 Bryn Road, Neath.\n\nJo\n\nSent from my iPhone\n";
    assert_eq!(
        run(Some("Jo Price"), "Letters", body).1,
        some("9 Bryn Road, Neath")
    );
}

#[test]
fn a_welsh_street_with_no_house_on_it_is_no_address() {
    let body = "Hi, please send the letters to Siôn Rees, I live on Ffordd y Castell in Conwy, postcode LL32 8AA. Diolch\n";
    let (name, address, postcode) = run(Some("Siôn Rees"), "Letters", body);
    assert_eq!(
        (name, address, postcode),
        (some("Siôn Rees"), None, some("LL32 8AA"))
    );
}

#[test]
fn a_saints_district_after_i_live_in_is_no_address() {
    let body = "Dear team,\n\nMy name is Omar Haddad and I live in St Margarets, Twickenham TW1 1AA.\n\nOmar Haddad\n";
    assert_eq!(run(Some("Omar Haddad"), "Letters", body).1, None);
}

#[test]
fn letters_to_a_name_opening_a_sentence_names_who_they_are_for() {
    let body = "Morning,\n\nI've read the briefing. Letters to Sandy Boyd please, at 3 Kirk Wynd, Biggar ML12 6AB.\n\nSandy\n";
    assert_eq!(
        run(Some("Alexander Boyd"), "Letters", body),
        found("Sandy Boyd", "3 Kirk Wynd, Biggar", "ML12 6AB")
    );
    // Inside a sentence, letters to someone are to their recipient.
    let body = "Morning,\n\nI've sent letters to Wes Streeting before. Please send mine to 3 Kirk Wynd, Biggar ML12 6AB.\n\nAlexander Boyd\n";
    assert_eq!(run(None, "Letters", body).0, some("Alexander Boyd"));
}

#[test]
fn im_typed_capitalised_without_its_apostrophe_ends_a_name() {
    let body = "Seen this on Facebook.\n\nMy names Gary Lennox Im at 4 Tower Wynd South Queensferry EH30 9AA\n\nCheers\n";
    assert_eq!(
        run(Some("Gary Lennox"), "Letters", body).0,
        some("Gary Lennox")
    );
}

#[test]
fn a_label_after_my_name_is_on_the_same_line_is_read() {
    let body = "Bore da,\n\nMy name is Nia Haf Parry. Full address: Tan y Bryn, Ffordd Uchaf, Bala LL23 7AA.\n\nDiolch,\nNia\n";
    assert_eq!(
        run(Some("Nia Parry"), "letters", body),
        found(
            "Nia Haf Parry",
            "Tan y Bryn, Ffordd Uchaf, Bala",
            "LL23 7AA"
        )
    );
}

#[test]
fn letters_going_to_a_name_sharing_the_senders_surname_are_theirs() {
    let body = "Hi,\n\nCould the letters go to Robert Ashcroft-Lee (that's me)? I'm at 9 Elm Row, Leeds LS6 2AA.\n\nBest,\nBobby\n";
    assert_eq!(
        run(Some("Bobby Ashcroft-Lee"), "Letters", body).0,
        some("Robert Ashcroft-Lee")
    );
    // Whom the letters are sent to is no one the From line names.
    let body = "Hi,\n\nDo the letters go to Wes Streeting too? I'm at 9 Elm Row, Leeds LS6 2AA.\n\nBobby Lee\n";
    assert_eq!(run(Some("Bobby Lee"), "Letters", body).0, some("Bobby Lee"));
}

#[test]
fn letters_sending_to_a_titled_name_are_for_that_name() {
    let body = "I am disgusted.\n\nI want the letters sending to Mr John Pickles of 4 Moor Lane, Batley, WF17 5AA. I will post them myself.\n\nJ. Pickles\n";
    assert_eq!(
        run(Some("John Pickles"), "DISGUSTED", body),
        found("Mr John Pickles", "4 Moor Lane, Batley", "WF17 5AA")
    );
}

#[test]
fn a_postcode_ending_its_line_ends_the_block_in_double_spaced_mail() {
    // Every line followed by an empty one, so the mail looks
    // double-spaced; the doctor in the next paragraph is not the
    // postcode's.
    let body = "Hi,\n\nPlease send me the letters.\n\nJane Smith\n\n12 Acacia Avenue, Swanley BR8 7AA\n\nThe doctor has my records.\n\nThanks\n\nJane\n";
    assert_eq!(
        run(Some("Jane Smith"), "Letters", body),
        found("Jane Smith", "12 Acacia Avenue, Swanley", "BR8 7AA")
    );
}

//! Unit tests for shapes first met in the tenth blind set and in the
//! blind sets rewritten (`tests/variants.rs`), each written with other
//! words than the mail that showed it.

use super::tests::{found, run, some};

#[test]
fn a_greeting_before_an_introduction_heading_an_address_is_no_name() {
    let body = "heya its marnie here, 4 clough st bacup ol13 0aa. my nan was a nurse so im in x";
    assert_eq!(run(Some("Marnie Holt"), "", body).0, some("Marnie Holt"));
    let body = "awrite am callum reid fae 12 burn road larbert fk5 4aa, sign me up";
    assert_eq!(run(None, "", body).0, some("callum reid"));
}

#[test]
fn letters_sent_to_me_are_no_one_elses() {
    let body =
        "Could you post the letters to me, I'm Oonagh Price at 5 Tyne View, Hexham NE46 1AB. Ta.";
    assert_eq!(
        run(Some("O Price"), "", body),
        found("Oonagh Price", "5 Tyne View, Hexham", "NE46 1AB")
    );
    let body = "Send the letters to me please, I’m Oonagh Price, 5 Tyne View, Hexham NE46 1AB.";
    assert_eq!(run(None, "", body).0, some("Oonagh Price"));
}

#[test]
fn a_full_name_alone_under_the_last_sentence_signs_the_mail() {
    let body = "I care about this a lot.\n\nMy address is 9 Orchard Rise, Ledbury HR8 2AA. Do send them.\n\nWinifred Ashdown";
    assert_eq!(run(Some("Winnie"), "", body).0, some("Winifred Ashdown"));
    // A street or a place on its own last line is no signature.
    let body = "Please send the letters.\n\nMy postcode is HR8 2AA.\n\nOrchard Rise";
    assert_eq!(run(None, "", body).0, None);
}

#[test]
fn a_name_read_in_lower_case_ends_with_its_line() {
    let body = "hello im dot pearce\nlow moor cottage\ncotherstone\nbarnard castle\ndl12 9aa\nletters please";
    assert_eq!(
        run(None, "", body),
        found(
            "dot pearce",
            "low moor cottage, cotherstone, barnard castle",
            "DL12 9AA"
        )
    );
}

#[test]
fn a_lead_in_sentences_before_belongs_to_its_own_address() {
    // The home postcode is in the subject; the body's postcode is the old
    // surgery's, two sentences after the address it does not end.
    let body = "I've just moved and now live at 14 Kiln Road, Bishops Castle (postcode in the subject). My records are still with my old surgery in Ross, HR9 5AA, I think.";
    assert_eq!(
        run(Some("Nell Pryce"), "Letters SY9 5AA", body),
        found("Nell Pryce", "14 Kiln Road, Bishops Castle", "SY9 5AA")
    );
}

#[test]
fn a_farm_by_a_town_in_a_sentence() {
    let body = "Please write them in my name, Fergus Laing, at Balnaboth Steading, by Forfar, Angus DD8 4AA, thank you.";
    assert_eq!(
        run(None, "", body).1,
        some("Balnaboth Steading, by Forfar, Angus")
    );
}

#[test]
fn a_correction_names_the_wrong_postcode_before_or_after_the_right_one() {
    let body = "Apologies, my first mail had a slip: I put LS6 2AA and it should be LS6 2AB.\n\nTom Ure\n3 Oak Bank\nLeeds\nLS6 2AB";
    assert_eq!(run(None, "", body).2, some("LS6 2AB"));
    let body = "Sorry, mistake yesterday. The right one is LS6 2AB, not LS6 2AA.\n\nTom Ure";
    assert_eq!(run(None, "", body).2, some("LS6 2AB"));
}

#[test]
fn where_we_were_is_no_longer_home() {
    let body = "Letters please. We were at TR1 1AA until last year, the Redruth MP is ours now.\n\n-- \nMorwenna Pascoe\n2 Fore Street\nRedruth\nTR15 2AA";
    assert_eq!(run(None, "", body).2, some("TR15 2AA"));
}

#[test]
fn a_name_field_stands_as_typed() {
    // The title in a work signature below is the job's, not the name's.
    let body = "Name: Chidi Okoro\nAddress: 3 Mill Street, Wantage\nPostcode: OX12 9AA\n\nThanks,\n\nProf Chidi Okoro\nHead of Pharmacology | Example University\nTel: 01632 960555";
    assert_eq!(run(None, "", body).0, some("Chidi Okoro"));
}

#[test]
fn a_quoted_mail_holding_its_own_authors_details_is_not_the_supporters() {
    // A friend's mail, quoted under a reply that gives no postcode of its
    // own: the friend's form is the friend's, not the supporter's.
    let body = "Saw this from Pat, count me in. I'm Rosa Quint, 3 Elm Row, Hexham. Postcode to follow.\n\nOn Mon, 30 Nov 2026 at 09:12, Pat Example <pat@example.org> wrote:\n> Name: Pat Example\n> Address: 14 Quarry Road, Exampleton\n> Postcode: NE46 1AB\n";
    let (name, address, postcode) = run(Some("Rosa Quint"), "", body);
    assert_eq!(name, some("Rosa Quint"));
    assert_eq!(address, some("3 Elm Row, Hexham"));
    assert_eq!(postcode, None);
    // The same form quoted from the supporter's own earlier mail is theirs.
    let body = "Forgot to say: the letters are for the address below.\n\nOn Mon, 30 Nov 2026 at 09:12, Rosa Quint <rosa@example.org> wrote:\n> Name: Rosa Quint\n> Address: 3 Elm Row, Hexham\n> Postcode: NE46 1AB\n";
    assert_eq!(
        run(Some("Rosa Quint"), "", body),
        found("Rosa Quint", "3 Elm Row, Hexham", "NE46 1AB")
    );
}

#[test]
fn talk_after_an_address_ending_in_but_is_cut() {
    let body = "Wrong postcode last time. The address is the same, 8 Kiln Lane, Hexham, but the postcode is NE46 1AB.\n\nRosa Quint";
    assert_eq!(run(None, "", body).1, some("8 Kiln Lane, Hexham"));
}

#[test]
fn lower_case_writing_is_no_licence_to_take_any_words_as_a_name() {
    // "i'm" before words that are no name, beside a From line that is one.
    let body =
        "i'm deeply uncomfortable giving this out but here goes\n\n4 mill lane\nswanley\nbr8 7re";
    assert_eq!(run(Some("Jo Pike"), "", body).0, some("Jo Pike"));
    let body = "im doing this for my grandad as hes not online, his postcode is la14 4aa";
    assert_ne!(run(None, "", body).0, some("doing this"));
    // With nothing to contradict it, a lower-case introduction still counts.
    let body = "hiya am kit lamb, 7 main street, hedon, hu12 8ja ty";
    assert_eq!(run(None, "", body).0, some("kit lamb"));
}

#[test]
fn without_full_stops_an_everyday_word_starts_the_next_sentence() {
    let body = "I am writing for my father Mr Harold Jenkins He's 84 and not online His address is 6 Nant Road Bridgend CF31 1AA";
    assert_eq!(run(None, "", body).0, some("Mr Harold Jenkins"));
    let body = "Hello my name is Pauline Ashworth We've just moved to 12 Ley Street Arnold NG5 6AA";
    assert_eq!(run(None, "", body).0, some("Pauline Ashworth"));
}

// The eleventh blind set's misses, in other words.

#[test]
fn talk_about_the_postcode_after_an_address_is_cut() {
    let body =
        "I'm Priya Lal and I live at 3 Oak Row, Ledbury, postcode is in the subject line. Thanks!";
    assert_eq!(
        run(None, "Letters HR8 2AA", body),
        found("Priya Lal", "3 Oak Row, Ledbury", "HR8 2AA")
    );
}

#[test]
fn an_unpunctuated_run_on_keeps_each_postcode_with_its_own_words() {
    // The home in the subject, a relative's postcode in the run-on body.
    let body = "hi i live at 9 mill road askern doncaster the postcode is in the subject and my dad is in a home over in whitby YO21 1AA which is why i care\n\nDes Hollins";
    assert_eq!(
        run(Some("des hollins"), "letters DN6 0AA", body),
        found("Des Hollins", "9 mill road askern doncaster", "DN6 0AA")
    );
    // The home first, a daughter's straight after it.
    let body = "hi my name is ffion rees and i live at 2 heol y parc caerphilly cf83 1aa my son is in cardiff cf14 2aa and hes done his";
    assert_eq!(run(None, "", body).2, some("CF83 1AA"));
}

#[test]
fn a_greeting_and_an_introduction_head_an_address_without_a_number() {
    let body = "Hello, I'm Tamsin Rowe, Chy an Mor, Church Lane, Mousehole, Penzance TR19 6AA. Letters please!";
    assert_eq!(
        run(None, "", body),
        found(
            "Tamsin Rowe",
            "Chy an Mor, Church Lane, Mousehole, Penzance",
            "TR19 6AA"
        )
    );
}

#[test]
fn it_is_after_a_lead_in_is_not_the_address() {
    let body =
        "You wanted my street address: it's 14 Abbey Walk, Selby, YO8 4AA.\n\nDr Omar Farouk";
    assert_eq!(run(None, "", body).1, some("14 Abbey Walk, Selby"));
}

#[test]
fn the_from_name_written_in_the_body_is_taken_as_written() {
    let body = "can u do the letters pls niamh o'neill 4 elm row derry bt48 7aa thx";
    assert_eq!(
        run(Some("Niamh O'Neill"), "", body).0,
        some("niamh o'neill")
    );
}

#[test]
fn labels_run_together_on_one_line_are_read_one_by_one() {
    // The postcode on a line of its own below, and a form the client
    // wrapped mid-address.
    for body in [
        "Name: Ade Bello Address: 4 Mill Lane, Swanley\nPostcode: BR8 7RE",
        "Name: Ade Bello Address: 4 Mill Lane,\nSwanley Postcode: BR8 7RE",
    ] {
        assert_eq!(
            run(None, "", body),
            found("Ade Bello", "4 Mill Lane, Swanley", "BR8 7RE")
        );
    }
}

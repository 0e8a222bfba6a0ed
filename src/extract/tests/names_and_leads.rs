//! Names introduced in other words ("Name's …" before a surname that is a
//! street's word, "letters should be from …", "in my name please - …",
//! "for me …" without a comma, a title written out in a second
//! sentence); and words that look like a lead-in and lead nowhere
//! ("Mine's" after another postcode, "to be on the safe side", "from
//! her"); the year moved in after the town ("…, in 1998").

use super::{found, run, some};

#[test]
fn names_before_a_surname_that_is_a_street_word() {
    let body = "Name's Dean Lane, 14 Brierley Road, Grimethorpe S72 7AA. Cheers.\n";
    assert_eq!(
        run(Some("Deano"), "letters", body),
        found("Dean Lane", "14 Brierley Road, Grimethorpe", "S72 7AA")
    );
}

#[test]
fn mine_after_a_relatives_postcode_is_no_part() {
    let body = "Our son's down in Bristol now, BS5 6AA, he's doing his too.\n\nMine's 3 Heol Hir, Cwmavon, Port Talbot SA12 9AA. Name's Alun Davies.\n\nAlun\n";
    assert_eq!(
        run(Some("Alun Davies"), "count me in", body),
        found(
            "Alun Davies",
            "3 Heol Hir, Cwmavon, Port Talbot",
            "SA12 9AA"
        )
    );
}

#[test]
fn a_titled_full_name_in_a_second_sentence_writes_out_a_first_name() {
    let body = "Hi, this is Priya. Dr Priya Raman, to be proper about it. My address is 12 Hollins Lane, Marple SK6 6AA.\n\nThanks\nPriya\n";
    assert_eq!(
        run(Some("Priya"), "Letters", body).0,
        some("Dr Priya Raman")
    );
}

#[test]
fn the_letters_should_be_from_names_the_writer() {
    let body = "We'd both like to, but my wife will do hers later. The letters should be from Emyr Jones, 9 Heol y Dderwen, Pontarddulais SA4 8AA.\n\nEmyr\n";
    assert_eq!(
        run(Some("Emyr and Nia Jones"), "Letters", body).0,
        some("Emyr Jones")
    );
}

#[test]
fn in_my_name_please_and_a_dash_names_the_writer() {
    let body = "Our new home is 4 Willow Way, Stockton Heath WA4 6AA.\n\nCould you do the letters in my name please - Ranjit Kaur. My husband will write separately.\n";
    assert_eq!(
        run(Some("The Kaurs"), "Letters", body).0,
        some("Ranjit Kaur")
    );
}

#[test]
fn for_me_without_a_comma_before_a_full_name() {
    let body = "Please do the letters for me Wayne Booth 21 Oldham Road Shaw OL2 8AA ta\n";
    assert_eq!(run(Some("Wayne"), "letters", body).0, some("Wayne Booth"));
}

/// A guard: the first reading of "letters should be from" took the name
/// below "from her." for the writer's.
#[test]
fn letters_from_her_name_no_one_below() {
    let body = "Hello,\n\nI'm writing for my mum. Her name is Mrs Edna Price and her address is 2 Bryn Terrace, Tredegar, NP22 4AA.\n\n(I live in Newport, NP19 8AA, but the letters should be from her.)\n\nThanks,\nRhys Price\n";
    assert_eq!(
        run(Some("Rhys Price"), "Letters for my mum", body).0,
        some("Mrs Edna Price")
    );
}

#[test]
fn to_before_a_verb_leads_to_no_address() {
    let body = "I'd like to send the letters to be on the safe side, for myself first.\n\nI'm Ailsa Grant, in Cathcart on the south side of Glasgow, G44 3AA.\n\nAilsa\n";
    assert_eq!(run(Some("Ailsa Grant"), "Letters", body).1, None);
}

#[test]
fn me_and_a_comma_before_the_name_after_a_lead_in_is_no_part() {
    let body = "Please send the letters to me, Menna Rees, Pant Farm, Login, Whitland SA34 0AA.\n\nDiolch\nMenna\n";
    assert_eq!(
        run(Some("Menna Rees"), "Letters", body),
        found("Menna Rees", "Pant Farm, Login, Whitland", "SA34 0AA")
    );
}

#[test]
fn only_weeks_ago_after_the_town_is_no_part() {
    let body = "I'm Gwen Harris. We moved into 6 Ash Grove, Buckley only two weeks ago and I can't remember the postcode yet.\n\nGwen\n";
    assert_eq!(
        run(Some("Gwen Harris"), "Letters", body).1,
        some("6 Ash Grove, Buckley")
    );
}

#[test]
fn the_year_moved_in_after_the_town_is_no_part() {
    let body = "Ever since we moved into 12 Cairnfield Place, Aberdeen, in 1998 I've been with the same GP.\n\n(Postcode AB15 4AA if you need it.)\n\nCalum Reid\n";
    assert_eq!(
        run(Some("Calum Reid"), "Letters", body).1,
        some("12 Cairnfield Place, Aberdeen")
    );
}

//! Unit tests for shapes first met in the twelfth blind set and in the
//! blind sets rewritten without punctuation (`tests/variants.rs`), each
//! written with other words than the mail that showed it.

use super::tests::{found, run, some};

#[test]
fn a_new_sentence_after_a_postcode_is_not_about_it() {
    let body = "I'm Nasreen Akhtar and I write from 12 Carlton Road Bradford BD7 1AA My son told me about this";
    assert_eq!(
        run(None, "", body),
        found("Nasreen Akhtar", "12 Carlton Road Bradford", "BD7 1AA")
    );
}

#[test]
fn the_next_sentence_after_an_address_is_not_in_it() {
    let body = "Name Petra Lowe\nmy address is 3 Ferry Lane Goole I've not long moved so I don't know the postcode";
    assert_eq!(run(None, "", body).1, Some("3 Ferry Lane Goole".to_owned()));
    let body = "hiya im petra lowe 3 ferry lane goole dn14 5aa my sister is doing it too";
    assert_eq!(
        run(None, "", body),
        found("petra lowe", "3 ferry lane goole", "DN14 5AA")
    );
}

#[test]
fn a_village_alone_is_no_street_address() {
    let body = "Morwenna Hosking here. I live in Zelah near Truro, TR4 9AA. Letters please";
    assert_eq!(
        run(None, "", body),
        (
            Some("Morwenna Hosking".to_owned()),
            None,
            Some("TR4 9AA".to_owned())
        )
    );
    let body = "Baz Kettle here from Rotherham, S60 1AA. Send them over";
    assert_eq!(run(None, "", body).1, None);
}

#[test]
fn writing_for_a_relation_named_after_a_comma() {
    let body = "I'm doing this for Nain, Eluned Parry. She's 90.\n\nHer address is 2 Lon Isa, Bangor LL57 1AA.\n\nDiolch,\nSioned";
    assert_eq!(
        run(Some("Sioned Parry"), "", body),
        found("Eluned Parry", "2 Lon Isa, Bangor", "LL57 1AA")
    );
}

#[test]
fn the_help_replys_form_fills_what_a_reply_leaves_out() {
    let body = "Oops, here it is: LS6 2AA\n\nOn Mon, 30 Nov 2026 at 10:00, Campaign <letters@example.test> wrote:\n> Hello Joel,\n>\n> What we read:\n>\n> Name: Joel Amankwah\n> Address: 40 Kirkstall Lane, Leeds\n> Postcode:\n";
    assert_eq!(
        run(Some("Joel Amankwah"), "Re: Your letters", body),
        found("Joel Amankwah", "40 Kirkstall Lane, Leeds", "LS6 2AA")
    );
    // Someone else's form, quoted, fills nothing.
    assert_eq!(run(Some("Ama Boateng"), "Re: Your letters", body).1, None);
}

#[test]
fn own_mail_forwarded_inside_a_quote_is_read() {
    let body = "Sent this to the wrong address, here it is again\n\n> Begin forwarded message:\n>\n> From: Tessa Lund <jane@example.org>\n> Subject: letters\n> Date: 1 December 2026 at 09:00:00 GMT\n> To: leters@example.test\n>\n> Hi, I'm Tessa Lund, 9 Mill Road, Ely CB7 4AA. Thanks\n";
    let got = run(Some("Tessa Lund"), "Fwd: letters", body);
    assert_eq!(got, found("Tessa Lund", "9 Mill Road, Ely", "CB7 4AA"));
}

#[test]
fn moved_from_in_brackets_is_the_old_home() {
    let body = "We've just moved, from Hornchurch (RM11 1AA) to Thaxted. The new address is 3 Bell Lane, Thaxted. Don't know the new postcode yet.";
    assert_eq!(run(Some("Dee Marsh"), "", body).2, None);
}

#[test]
fn a_farm_block_with_no_postcode_is_its_address() {
    let body = "letters please\n\nEmyr Bowen\nFferm Glanrhyd\nLlanfyrnach\nCrymych\n\ndont know the postcode sorry";
    assert_eq!(
        run(None, "", body).1,
        Some("Fferm Glanrhyd, Llanfyrnach, Crymych".to_owned())
    );
}

#[test]
fn a_house_named_like_the_senders_mailbox_is_no_name() {
    let body = "Name:\nAddress: Ivy Cottage, Moor Lane, Kirkby Malzeard, Ripon\nPostcode: HG4 3AA";
    let inbound = crate::inbound::Inbound {
        sender: Some(crate::inbound::Sender {
            name: None,
            address: "ivycottage7@example.org".to_owned(),
        }),
        body: body.to_owned(),
        ..crate::inbound::Inbound::default()
    };
    let got = super::extract(&inbound);
    assert_eq!(got.name, None);
    assert_eq!(
        got.address_line().as_deref(),
        Some("Ivy Cottage, Moor Lane, Kirkby Malzeard, Ripon")
    );
}

#[test]
fn one_line_paragraphs_are_not_double_spacing() {
    let body = "hiya can u sort me the letters its dean platt, 9 hazel grove cannock ws11 1aa\n\nmy nan got a letter from the hospital about all this and she was proper confused\n\nSent from my Galaxy\n\n";
    assert_eq!(
        run(None, "", body),
        found("dean platt", "9 hazel grove cannock", "WS11 1AA")
    );
}

#[test]
fn an_address_in_a_sentence_ends_with_its_postcode() {
    let body = "My home address is 8 Elm Grove, Sidcup DA14 1AA, please use that one and not the office below.";
    assert_eq!(
        run(Some("Ola Bello"), "", body),
        found("Ola Bello", "8 Elm Grove, Sidcup", "DA14 1AA")
    );
}

#[test]
fn old_in_a_place_or_street_name_says_nothing_against_it() {
    let body = "hi im gethin pugh 4 old church road, old colwyn ll29 9aa pls send";
    assert_eq!(
        run(None, "", body),
        found("gethin pugh", "4 old church road, old colwyn", "LL29 9AA")
    );
    let body = "I'm Ann Ely. My old address was 3 Mill Road, Diss IP22 4AA but I've moved.";
    assert_eq!(run(None, "", body).2, None);
}

#[test]
fn an_outward_code_alone_in_lower_case_is_no_part_of_the_town() {
    let body = "name jo platt\naddress 12 cromer road, holt nr25\ndont know the rest of the postcode sorry";
    assert_eq!(
        run(None, "", body).1,
        Some("12 cromer road, holt".to_owned())
    );
}

#[test]
fn our_address_now_is_leads_in() {
    let body = "This is Aoife Byrne. Our address now is 4 Mill Brae, Alloa FK10 1AA. Thanks";
    assert_eq!(
        run(Some("The Byrne Family"), "", body),
        found("Aoife Byrne", "4 Mill Brae, Alloa", "FK10 1AA")
    );
}

#[test]
fn a_house_name_after_at_in_a_sentence() {
    let body = "Please send them to me, Ivor Lang, at The Beeches, 3 Bell Lane, Diss IP22 – sorry, can't remember the rest.";
    assert_eq!(
        run(None, "", body).1,
        Some("The Beeches, 3 Bell Lane, Diss".to_owned())
    );
}

#[test]
fn a_lower_case_mail_signed_with_a_titled_name() {
    let body = "you asked for my address, its 4 vine street, ely cb7 4aa.\n\ndr nuala brennan";
    assert_eq!(
        run(Some("Nuala Brennan"), "", body).0,
        some("dr nuala brennan")
    );
}

#[test]
fn a_lower_case_proxy_is_named_only_with_a_title() {
    let body = "im doing this for my neighbour mr wilf cotter who doesn't use email. his address is 2 rye lane, ely cb7 4ab";
    assert_eq!(run(Some("Ann Lee"), "", body).0, some("mr wilf cotter"));
    let body = "im doing this for my neighbour who doesn't use email. his address is 2 rye lane, ely cb7 4ab";
    assert_eq!(run(Some("Ann Lee"), "", body).0, None);
}

#[test]
fn ta_love_closes_a_mail() {
    let body = "put me down for the letters\n\n9 Wharf Street, Goole\n\nta love\nMaureen Platt";
    assert_eq!(
        run(Some("Mo"), "dn14 5aa letters", body).0,
        some("Maureen Platt")
    );
}

#[test]
fn its_jen_here_is_no_full_name() {
    let body = "Hello,\n\nIt's Jo here, using the family email. Letters please?\n\nJoanna Pryce-Lowe\n4 Bell Yard\nHolt\nNR25 6AA\n\nBest wishes\nJo";
    assert_eq!(
        run(Some("Pryce-Lowe Family"), "", body),
        found("Joanna Pryce-Lowe", "4 Bell Yard, Holt", "NR25 6AA")
    );
}

#[test]
fn the_work_email_says_nothing_against_a_postcode() {
    let body =
        "Home address is 5 Mill Wynd, Denny, FK6 6AA – it's the work email but send them here.";
    assert_eq!(run(Some("Ross Kerr"), "", body).2, some("FK6 6AA"));
}

#[test]
fn a_relation_named_after_please() {
    let body = "Could you do the letters for my father please, Mr Idris Bowen. He lives in Tywyn, LL36 9AA.";
    assert_eq!(run(Some("Sian Bowen"), "", body).0, some("Mr Idris Bowen"));
}

#[test]
fn here_at_and_here_from_lead_to_an_address() {
    let body = "Morning,\nDai Hopcyn here, at Ty Mawr Farm, Cwm Road, Llanwrda, SA19 8AA. Send us the letters.";
    assert_eq!(
        run(None, "", body),
        found("Dai Hopcyn", "Ty Mawr Farm, Cwm Road, Llanwrda", "SA19 8AA")
    );
    let body = "Ailsa Rose here, from 9 Tower Road, Nairn IV12 4AA. Letters please.";
    assert_eq!(run(None, "", body).1, some("9 Tower Road, Nairn"));
}

#[test]
fn an_unpunctuated_line_holding_an_address_over_a_line_of_talk() {
    let body = "hiya wanna do the letters\nim kyle bain 8 ash grove blyth\ndunno the postcode yet only just moved lol";
    assert_eq!(run(None, "", body).1, some("8 ash grove blyth"));
    let body = "Hi,\nCeri Rhys, 4 Clos Onnen, Cwmbrân\nWe've just moved in and the postcode isn't out yet, is that OK?";
    assert_eq!(run(None, "", body).1, some("4 Clos Onnen, Cwmbrân"));
}

#[test]
fn just_moved_to_leads_in() {
    let body = "My name is Orla Kane and I've just moved to 7 Deverill Road, Warminster. I don't know the new postcode; the old one was CT20 1AA but we've left.";
    assert_eq!(
        run(None, "", body),
        (some("Orla Kane"), some("7 Deverill Road, Warminster"), None)
    );
}

#[test]
fn a_lead_in_ending_its_line_leaves_the_lines_below_whole() {
    let body = "I'd like the letters. We live at\nThe Granary\nMill Lane\nCheddar\nand I'm Ruth Amos. The postcode is in the subject.";
    assert_eq!(
        run(None, "Letters BS27 3AA", body).1,
        some("The Granary, Mill Lane, Cheddar")
    );
}

#[test]
fn a_forward_whose_lines_the_client_quoted() {
    let body = "Sorry, sent this to the wrong address!\n\nSent from my iPhone\n\nBegin forwarded message:\n\n> From: Jo Platt <jane@example.org>\n> Date: 4 December 2026 at 17:51:02 GMT\n> To: letter@example.test\n>\n> Hi, I'm Jo Platt and my address is 3 Moss Lane, Urmston M41 9AA.\n";
    assert_eq!(
        run(Some("Jo Platt"), "Fwd: letters", body),
        found("Jo Platt", "3 Moss Lane, Urmston", "M41 9AA")
    );
}

#[test]
fn a_lower_case_i_after_a_postcode_starts_a_new_sentence() {
    let body = "helo im siôn rees my address is 4 heol y dwr llandeilo\nsa19 6aa i dont want any company reading my notes";
    assert_eq!(run(None, "", body).2, some("SA19 6AA"));
}

#[test]
fn a_named_surgery_in_capitals_is_not_the_home() {
    let body = "My name is Ada Obi. I have been with the Riverside Surgery (OX14 4AA) for years.\nI live at 3 Elm Close, Abingdon.";
    assert_eq!(
        run(None, "", body),
        (some("Ada Obi"), some("3 Elm Close, Abingdon"), None)
    );
}

#[test]
fn a_relation_who_would_like_to_send_the_letters() {
    let body = "My father, Mr Emrys Howells, would like to send the letters. I look after his emails.\nHis address: 4 Bay View, Penarth, CF64 1AA\nThanks,\nRhys Howells";
    assert_eq!(
        run(Some("Rhys Howells"), "", body),
        found("Mr Emrys Howells", "4 Bay View, Penarth", "CF64 1AA")
    );
}

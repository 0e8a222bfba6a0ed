//! The From line's person written out in full in the body: signed under
//! a closing in any language, typed under a written first name, or on a
//! line of its own; and a form's Name field named for whom the form is
//! about, or typed without its colon.

use super::{found, run, some};

#[test]
fn a_full_name_with_the_senders_surname_signs_under_any_closing() {
    for (closing, signed) in [
        ("Nabad iyo caano", "Faduma Abdi Warsame"),
        ("Thank you so much", "Mrs Bronwen Lloyd-Warsame"),
        (
            "Mit besten Grüßen / with best wishes",
            "Dr. Anke von Warsame",
        ),
    ] {
        let body = format!(
            "Hello,\n\nPlease could I have the letters.\n\nMy address is 8 Kiln Lane, Tring HP23 5AA\n\n{closing}\n{signed}\n"
        );
        assert_eq!(
            run(Some("Faduma Warsame"), "letters", &body).0,
            some(signed),
            "{closing}"
        );
    }
}

#[test]
fn the_name_typed_under_a_written_first_name_is_the_one_used() {
    let body = "Dear Sir or Madam\n\nI should like the letters please.\n\nMy address is Low Mains Farm, Ecclefechan, Lockerbie DG11 3AA.\n\nYours sincerely\n\nMorven\n\nMrs Morven J. Baird\n";
    assert_eq!(
        run(Some("Morven Baird"), "Letters", body).0,
        some("Mrs Morven J. Baird")
    );
}

#[test]
fn the_senders_name_written_out_in_the_body_is_used_over_the_short_one() {
    // Run onto the line above by a wrap, or on its own.
    for body in [
        "hiya saw this on facebook, i want to do the letters pls Rafael Gil Moreno\nle11 3aa\nta!!\n",
        "hiya saw this on facebook, i want to do the letters pls\n\nRafael Gil Moreno\nle11 3aa\nta!!\n",
    ] {
        assert_eq!(
            run(Some("Rafa Gil"), "letters", body).0,
            some("Rafael Gil Moreno"),
            "{body}"
        );
    }
}

#[test]
fn the_title_written_before_the_senders_name_is_kept() {
    // In capitals, where the name is found written out; in lower case,
    // where the From line's name is found as written.
    for (body, name) in [
        (
            "I WOULD LIKE THE LETTERS. DR GWYNETH PROSSER 7 HEOL Y BONT BALA LL23 7AA THANKS\n",
            "DR GWYNETH PROSSER",
        ),
        (
            "i would like the letters. dr gwyneth prosser 7 heol y bont bala ll23 7aa thanks\n",
            "dr gwyneth prosser",
        ),
    ] {
        assert_eq!(
            run(Some("Gwyneth Prosser"), "letters", body).0,
            some(name),
            "{body}"
        );
    }
}

#[test]
fn a_street_named_like_the_sender_is_no_name_written_out() {
    let body =
        "Hi, please send the letters. I live at 4 Tom Hill Road, Nelson BB9 7AA.\n\nThanks\n";
    assert_eq!(
        run(Some("Tom Hill"), "letters", body),
        found("Tom Hill", "4 Tom Hill Road, Nelson", "BB9 7AA")
    );
}

#[test]
fn a_forms_name_and_address_named_for_whom_the_form_is_about_are_read() {
    let body = "I only had the housing form so I used that\n\nTenant name(s): Hamza Idris Yusuf\nProperty address: Flat 9 Kestrel House, Wharf Road, Enfield\nPostcode: EN3 4AA\nRent account: 22871\n";
    assert_eq!(
        run(Some("H Yusuf"), "letters", body),
        found(
            "Hamza Idris Yusuf",
            "Flat 9 Kestrel House, Wharf Road, Enfield",
            "EN3 4AA"
        )
    );
}

#[test]
fn name_typed_as_a_label_without_its_colon_opens_a_sentence() {
    let body = "hello, i want the letters. Name Ana-Maria Ionescu, address 5 Weaver Close, Corby nn17 1aa\n\nthanks\nAna\n";
    assert_eq!(
        run(Some("Ana Ionescu"), "letters", body),
        found("Ana-Maria Ionescu", "5 Weaver Close, Corby", "NN17 1AA")
    );
    // In a sentence it is a word: "the name Smith" names no one.
    let body = "Hello, the name Okafor on the letters is fine. I live at 5 Weaver Close, Corby NN17 1AA.\n\nDavid Okafor\n";
    assert_eq!(run(None, "letters", body).0, some("David Okafor"));
}

#[test]
fn letters_asked_for_in_his_or_her_name_carry_that_name() {
    let body = "Good afternoon,\n\nMy wife asked me to do this as she has no email. Please put the letters in her name: Adwoa Asante-Owusu.\n\nOur address is 7 Heron Way, Bletchley, Milton Keynes MK3 7AA.\n\nThanks,\nKofi";
    assert_eq!(
        run(Some("Kofi Asante-Owusu"), "letters", body).0,
        some("Adwoa Asante-Owusu")
    );
}

#[test]
fn a_name_is_given_with_the_accents_the_supporter_writes_it_with() {
    let body = "Name: Zoe Lefevre\nAddress: 4 Mill Lane, Hexham\nPostcode: NE46 3AA\n\nSorry, my laptop won't do accents: it's Zoë Lefèvre.\n";
    assert_eq!(
        run(Some("Zoe Lefevre"), "letters", body).0,
        some("Zoë Lefèvre")
    );
}

#[test]
fn a_name_is_given_with_its_whitespace_collapsed() {
    let body = "I would like the letters. I live at 12 Mill Road, Bury BL9 5AA.\nRuth  Adebayo\n";
    assert_eq!(run(None, "letters", body).0, some("Ruth Adebayo"));
}

#[test]
fn a_block_headed_with_the_senders_name_is_theirs_over_a_pasted_signed_letter() {
    let body = "Hi, my neighbour sent me hers and said to ask you. Mine should go to:\n\nDerek Hume\n12 Oak Avenue\nRayleigh\nSS6 7AA\n\nThis is what she got:\n\nDear MP,\n\nI am writing about NHS data.\n\nYours sincerely,\n\nJoan Pett\n3 Elm Road\nLeigh-on-Sea\nSS9 1AA\n\nThanks\nDerek\n";
    assert_eq!(
        run(Some("Derek Hume"), "letters", body),
        found("Derek Hume", "12 Oak Avenue, Rayleigh", "SS6 7AA")
    );
}

#[test]
fn the_name_written_out_for_an_initial_in_the_from_line_is_used() {
    let body = "Dear all,\nWe have lived at 6 Links Road, Southport, PR8 2AA for years. I'm sending this for myself – Ruth Ashcroft – and he'll do his own.\nBest wishes\nRuth\n";
    assert_eq!(
        run(Some("R Ashcroft"), "NHS records", body),
        found("Ruth Ashcroft", "6 Links Road, Southport", "PR8 2AA")
    );
}

#[test]
fn the_name_written_out_in_the_subject_for_an_initial_is_used() {
    let body = "Hi, 7 Annan Road, Moffat DG10 9AA. Thanks, Fergus\n";
    assert_eq!(
        run(Some("F Laidlaw"), "Letters please - Fergus Laidlaw", body),
        found("Fergus Laidlaw", "7 Annan Road, Moffat", "DG10 9AA")
    );
}

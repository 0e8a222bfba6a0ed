//! Mails written by someone paid or close to the person the letters are
//! for (a carer, a support worker, a care home), a phone's text part with
//! its lines run together, an account borrowed from a relative, labels in
//! another language glossed in English, and names kept whole ("Ma.",
//! "ferch", a full name in brackets after a nickname).

use super::{found, inbound, run, some};
use crate::extract::{Extraction, extract};

/// What is read from a mail with a text part and an HTML part.
fn read_with_html(from_name: &str, subject: &str, text: &str, html: &str) -> Extraction {
    let mut mail = inbound(Some(from_name), subject, text);
    mail.html_alternative = Some(html.to_owned());
    extract(&mail)
}

#[test]
fn a_carer_names_the_person_set_apart_by_commas() {
    let body = "Hello,\n\nOne of the gentlemen I visit, Mr Harold Pike, asked me to request the letters for him as he has no computer.\n\nHis address is 4 Mill Lane, Bolsover, Chesterfield S44 6AA.\n\nMany thanks,\nJoanne\n\nJoanne Webb\nCare Assistant\nOakfield Care Services Ltd\nUnit 2, Station Road Industrial Estate, Clowne S43 4RW\nTel: 01632 960111\n";
    assert_eq!(
        run(Some("Joanne Webb"), "Letters for a client", body),
        found(
            "Mr Harold Pike",
            "4 Mill Lane, Bolsover, Chesterfield",
            "S44 6AA"
        )
    );
    let body = "Hi,\n\nI work with a young woman, Kayleigh Moss, who lives in supported housing in Rhyl. She has asked me to email for her because reading is hard for her.\n\nHer address is:\nFlat 2, 9 Marine Parade\nRhyl\nLL18 3AH\n\nThanks,\nGareth Lloyd\nSupport Worker\n";
    assert_eq!(
        run(
            Some("Gareth Lloyd"),
            "Letters",
            &body.replace("I work with a young woman", "I support a young woman")
        ),
        found("Kayleigh Moss", "Flat 2, 9 Marine Parade, Rhyl", "LL18 3AH")
    );
}

#[test]
fn a_care_home_writes_for_a_resident_in_her_own_name() {
    let body = "Good afternoon,\n\nOne of our residents, Mrs Edna Firth, saw your campaign on the television and would like us to help. She wants the letters in her own name.\n\nMrs Edna Firth\nHollybank Care Home\n12 Crag Road\nShipley\nBD18 2AA\n\nWarm regards,\n\nDebbie Lister\nManager\nHollybank Care Home\nTel: 01632 960222\n";
    assert_eq!(
        run(Some("Hollybank Office"), "Letters for a resident", body),
        found(
            "Mrs Edna Firth",
            "Hollybank Care Home, 12 Crag Road, Shipley",
            "BD18 2AA"
        )
    );
}

#[test]
fn a_support_worker_without_the_house_number_gives_the_clients_postcode() {
    let body = "Hi,\n\nOne of my clients, Mr Alan Crossley, would like to send the letters. He lives on Ferry Brae in Bo'ness, EH51 0AA, but I'll need to check his house number next week.\n\nThanks,\nMandy Hart\nSupport Worker\n";
    assert_eq!(
        run(Some("Mandy Hart"), "Letters for a client", body),
        (some("Mr Alan Crossley"), None, some("EH51 0AA"))
    );
}

#[test]
fn a_label_in_another_language_glossed_in_english_is_read() {
    let body = "Magandang araw,\n\nPangalan (Name): Rosario Dela Cruz Santos\nTirahan (Address): 18 Elm Grove, Southsea, Portsmouth\nPostcode: PO5 1AA\n\nSalamat\n";
    assert_eq!(
        run(Some("Rosario Santos"), "Mga sulat / letters", body),
        found(
            "Rosario Dela Cruz Santos",
            "18 Elm Grove, Southsea, Portsmouth",
            "PO5 1AA"
        )
    );
}

#[test]
fn a_text_part_with_its_lines_run_together_is_read_from_the_html() {
    let e = read_with_html(
        "Dean Roper",
        "letters",
        "Postcode is DN15 7AA\u{1F44D}Address 22 Ashby Road, ScunthorpeName Dean RoperCheersSent from my Galaxy\n",
        "<html><body><div dir=\"auto\">Postcode is DN15 7AA\u{1F44D}</div><div dir=\"auto\"><br></div><div dir=\"auto\">Address 22 Ashby Road, Scunthorpe</div><div dir=\"auto\">Name Dean Roper</div><div dir=\"auto\">Cheers</div><div dir=\"auto\"><br></div><div id=\"composer_signature\" dir=\"auto\"><div dir=\"auto\">Sent from my Galaxy</div></div></body></html>",
    );
    assert_eq!(
        e.address_line().as_deref(),
        Some("22 Ashby Road, Scunthorpe")
    );
    assert_eq!(e.name.as_deref(), Some("Dean Roper"));
}

#[test]
fn a_borrowed_account_does_not_name_the_writer() {
    let body = "hiya its bex on my dads email, could i have the letters please. im at 15 Park View, Cowdenbeath xx\n";
    assert_eq!(
        run(Some("Colin Shaw"), "letters", body),
        (None, some("15 Park View, Cowdenbeath"), None)
    );
}

#[test]
fn a_full_name_in_brackets_after_a_nickname_signs() {
    let body = "Hi,\n\nI'd like the letters please. It's 6 Tenter Street, Rochdale, OL11 1AA if you need it.\n\nAll the best\nDot (Dorothy Mason)\n";
    assert_eq!(
        run(Some("Dot"), "letters", body),
        found("Dorothy Mason", "6 Tenter Street, Rochdale", "OL11 1AA")
    );
}

#[test]
fn a_shortened_given_name_and_ferch_stay_in_the_name() {
    let body = "Good day!\n\nI am Ma. Luisa Santos Reyes, a care worker. My address is 3 Grange Close, Stockton-on-Tees TS19 0AA.\n\nThank you.\n\nLuisa\n";
    assert_eq!(
        run(Some("Luisa Reyes"), "Letters", body),
        found(
            "Ma. Luisa Santos Reyes",
            "3 Grange Close, Stockton-on-Tees",
            "TS19 0AA"
        )
    );
    let body = "Bore da,\n\nAngharad ferch Owain ydw i.\n\nTy Gwyn\nLon Fawr\nLlangefni\nLL77 7AA\n\nDiolch,\nAngharad\n";
    assert_eq!(
        run(Some("Angharad Owain"), "Llythyrau", body),
        found(
            "Angharad ferch Owain",
            "Ty Gwyn, Lon Fawr, Llangefni",
            "LL77 7AA"
        )
    );
}

#[test]
fn where_i_actually_live_leads_to_the_address() {
    let body = "Hi, letters please. My old place was 2 Mill Row, Leek, ST13 5AA but we moved.\n\nWhere I actually live is 41 Cheadle Road, Cheddleton, Leek ST13 7AA. Name's Ruth Bailey.\n";
    assert_eq!(
        run(Some("Ruth Bailey"), "letters", body),
        found(
            "Ruth Bailey",
            "41 Cheadle Road, Cheddleton, Leek",
            "ST13 7AA"
        )
    );
}

#[test]
fn letters_not_signed_in_anothers_name_leave_the_mail_the_writers() {
    let body = "Hello,\n\nI'm the main carer for my son Owen, who is 22 and has autism. He lives in a supported flat in Hereford now (HR1 1AA, if he ever needs letters of his own) and his records say a great deal.\n\nHe can't really follow what this is about, so I don't think it would be right for me to sign letters in his name. For now could I have my own please.\n\nI'm Carol Dent, 8 Ash Close, Staines, TW18 1AA.\n\nMany thanks,\nCarol\n";
    assert_eq!(
        run(Some("Carol Dent"), "Letters", body),
        found("Carol Dent", "8 Ash Close, Staines", "TW18 1AA")
    );
}

#[test]
fn a_tables_cells_on_lines_of_their_own_are_no_lines_run_together() {
    // Word writes each cell as a paragraph of its own.
    let e = read_with_html(
        "Piotr Nowak",
        "Letters",
        "Hello,\n\nCopied from our spreadsheet:\n\nFirst name\tSurname\tAddress 1\tAddress 2\tTown\tPostcode\nPiotr\tNowak\tFlat 3\t4 Canal Street\tBatley\tWF17 5AA\n\nRegards\nPiotr\n",
        "<p>Hello,</p><p>&nbsp;</p><p>Copied from our spreadsheet:</p><p>&nbsp;</p><table><tr><td><p>First name</p></td><td><p>Surname</p></td><td><p>Address 1</p></td><td><p>Address 2</p></td><td><p>Town</p></td><td><p>Postcode</p></td></tr><tr><td><p>Piotr</p></td><td><p>Nowak</p></td><td><p>Flat 3</p></td><td><p>4 Canal Street</p></td><td><p>Batley</p></td><td><p>WF17 5AA</p></td></tr></table><p>&nbsp;</p><p>Regards</p><p>Piotr</p>",
    );
    assert_eq!(
        e.address_line().as_deref(),
        Some("Flat 3, 4 Canal Street, Batley")
    );
}

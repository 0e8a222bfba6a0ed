//! Zones: quoted replies and forms, forwards, personal and work signatures,
//! and HTML-only mail.

use super::{found, inbound, run, some};
use crate::extract::extract;

#[test]
fn quoted_postcodes_and_work_signature_are_never_used() {
    let body = "Name: Jane Smith\nAddress: 1 Road, Town\n\nKind regards,\nJane Smith\nSenior Analyst\nAcme Ltd\n1 Work Street, Manchester M1 1AD\n\nOn Mon, 1 Jun 2026, MP <mp@example.org> wrote:\n> House of Commons, London SW1A 0AA";
    assert_eq!(run(None, "", body).2, None);
}

#[test]
fn a_one_line_signature_with_bars() {
    let body =
        "Count me in.\n\nJo\n\n-- \nJoanna Pryce | 6 Mill Lane, Ludlow SY8 1BB | 07700 900321";
    assert_eq!(
        run(Some("Jo P"), "", body),
        found("Joanna Pryce", "6 Mill Lane, Ludlow", "SY8 1BB")
    );
}

#[test]
fn a_form_answered_inside_the_quoted_help_message() {
    let body = "Answers below.\n\nKit\n\nFrom: Campaign <letters@example.org>\nSent: 03 November 2026 09:12\nSubject: We need a few details\n\nName: KIT LAMB\nAddress: 7 MAIN STREET, HEDON\nPostcode: HU12 8JA\n";
    assert_eq!(
        run(None, "", body),
        found("KIT LAMB", "7 MAIN STREET, HEDON", "HU12 8JA")
    );
    // One label in a quote is someone else's.
    let body = "Please send mine.\n\nOn 1 Nov 2026, MP's office wrote:\n> Postcode: SW1A 0AA\n";
    assert_eq!(run(None, "", body).2, None);
}

#[test]
fn answers_under_quoted_labels_below_a_phone_footer() {
    let body = "Here you go\n\nSent from my iPhone\n\n> On 1 Nov 2026, Campaign wrote:\n>\n> Name:\nKit Lamb\n> Address:\n4 Canal Walk, Pontypool\n> Postcode:\nNP4 6JQ\n>\n> Thanks";
    assert_eq!(
        run(None, "", body),
        found("Kit Lamb", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
}

#[test]
fn a_second_mail_adding_the_postcode_to_its_own_quoted_first() {
    let body = "Sorry, forgot it! Postcode is BR8 7RE\n\nOn Mon, 9 Nov 2026 at 19:02, Jo Bloggs <jane@example.org> wrote:\n> Name: Jo Bloggs\n> Address: 4 Mill Lane, Swanley\n> Postcode:\n";
    assert_eq!(
        run(Some("Jo Bloggs"), "Re: letters", body),
        found("Jo Bloggs", "4 Mill Lane, Swanley", "BR8 7RE")
    );
    // Someone else's form, quoted: not the supporter's address.
    let body = body
        .replace("<jane@example.org>", "<office@example.org>")
        .replace("Name: Jo Bloggs", "Name: Sam Bloggs");
    assert_eq!(run(Some("Jo Bloggs"), "Re: letters", &body).1, None);
}

#[test]
fn a_shop_owners_signature_is_not_her_home() {
    let body = "Hiya, please send the letters to me at home: Jo Bloggs, 8 Mill Lane, Swanley BR8 7RE. x\n\nJo Bloggs\nOwner, Kettle & Crumb\n2 Market Place, Westminster SW1A 1AA\nwww.kettleandcrumb.example | 01632 960733\n\nSent from my iPhone\n";
    assert_eq!(
        run(Some("Kettle & Crumb"), "Letters", body),
        found("Jo Bloggs", "8 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn an_html_only_mail_with_the_details_in_its_signature_block() {
    let html = r#"<div dir="ltr">Please send me the letters, thanks.</div><br><div dir="ltr" class="gmail_signature"><div>Jo Bloggs</div><div>4 Mill Lane</div><div>Swanley BR8 7RE</div></div>"#;
    let mut mail = inbound(None, "letters", "");
    mail.html_alternative = Some(html.to_owned());
    let e = extract(&mail);
    assert_eq!(e.name.as_deref(), Some("Jo Bloggs"));
    assert_eq!(e.address_line().as_deref(), Some("4 Mill Lane, Swanley"));
}

#[test]
fn the_help_replys_form_beats_talk_beside_the_new_postcode() {
    let body = "Apologies, it's DE4 3AA.\n\nGraham\n\nOn Tue, 1 Dec 2026 at 09:12, Campaign <letters@example.test> wrote:\n> What we read:\n>\n> Name: Graham Tuck\n> Address: 6 Dale Road, Matlock\n> Postcode: (missing)\n";
    assert_eq!(
        run(Some("Graham Tuck"), "Re: Your letters", body),
        found("Graham Tuck", "6 Dale Road, Matlock", "DE4 3AA")
    );
}

#[test]
fn a_name_given_alone_over_a_samsung_quote_of_the_help_reply() {
    let body = "Adaeze Okoro. Sorry, forgot that part\n\nSent from my Galaxy\n\n-------- Original message --------\nFrom: Campaign <letters@example.test>\nDate: 01/12/2026 10:00 (GMT+00:00)\nTo: AO <ao@example.org>\nSubject: Re: Letters\n\nWhat we read:\n\nName: (not found)\nAddress: 9 Vale Road, Luton\nPostcode: LU2 7AA\n";
    assert_eq!(
        run(Some("AO"), "Re: Letters", body),
        found("Adaeze Okoro", "9 Vale Road, Luton", "LU2 7AA")
    );
    // A greeting alone is no name.
    let body = "GOOD MORNING. I LIVE AT 3 MILL ROAD, RYE TN31 7AA.\n\nREGARDS\nIVY";
    assert_eq!(run(Some("Ivy Pell"), "", body).0, some("Ivy Pell"));
}

#[test]
fn an_html_only_reply_reads_its_quoted_form_as_a_text_one_would() {
    let quoted = |name: &str| {
        format!(
            r#"<div>Sorry, my postcode should be LS6 2AB (not LS6 2BA).</div><div>Tom</div><blockquote type="cite"><div>On 1 Dec 2026, at 09:00, Tom Ives &lt;tom@example.org&gt; wrote:</div><div>Name: {name}</div><div>Address: 3 Oak Road, Leeds</div><div>Postcode: LS6 2BA</div></blockquote>"#
        )
    };
    let mut mail = inbound(Some("Tom Ives"), "Re: letters", "");
    mail.html_alternative = Some(quoted("Tom Ives"));
    let e = extract(&mail);
    assert_eq!(e.address_line().as_deref(), Some("3 Oak Road, Leeds"));
    assert_eq!(e.postcode().map(|p| p.as_str().to_owned()), some("LS6 2AB"));
    // Someone else's details, quoted, are not the sender's.
    mail.html_alternative = Some(quoted("Ann Other"));
    assert_eq!(extract(&mail).address_line(), None);
}

#[test]
fn an_aol_forward_of_their_own_mail_is_theirs_and_signed_as_they_sign() {
    let body = "No reply yet, so here it is again.\n\n-----Original Message-----\nFrom: J Pask <jane@example.org>\nTo: letters@example.test\nSent: Mon, Nov 30, 2026 9:00 am\nSubject: letters\n\nPlease send my letters to:\n\nHill Farm\nHolme Hale\nThetford\nIP25 7AA\n\nYours sincerely\nJudith Pask\n";
    assert_eq!(
        run(Some("J Pask"), "Fwd: letters", body),
        found("Judith Pask", "Hill Farm, Holme Hale, Thetford", "IP25 7AA")
    );
}

#[test]
fn a_postcode_labelled_only_in_the_quoted_earlier_mail_weighs_nothing_extra() {
    let body = "Oops, I gave you my sister's postcode by mistake: HU5 3AA is hers. Mine is HU7 4BB.\n\nAmira\n\nFrom: Amira Said <jane@example.org>\nSent: 30 November 2026 18:00\nTo: letters@example.test\nSubject: letters\n\nName: Amira Said\nAddress: 4 Cottingham Road, Hull\nPostcode: HU5 3AA\n";
    assert_eq!(
        run(Some("Amira Said"), "RE: letters", body),
        found("Amira Said", "4 Cottingham Road, Hull", "HU7 4BB")
    );
}

#[test]
fn a_paragraph_of_writing_that_names_jobs_is_no_work_signature() {
    let body = "Hi,\n\nI'm writing on behalf of my dad, who's 90 and was an NHS ward clerk for thirty years.\n\nHis name is Mr Alan Cole and he lives at 4 Mill Lane, Swanley BR8 7RE.\n\n(Mine is different – I'm at 2 Park Road, Leeds, LS6 2AB – but these are for Dad.)\n\nJo Cole";
    let (_, address, postcode) = run(None, "", body);
    assert_eq!(address.as_deref(), Some("4 Mill Lane, Swanley"));
    assert_eq!(postcode.as_deref(), Some("BR8 7RE"));
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
fn a_house_name_given_to_the_form_that_asked_for_the_address_is_the_houses() {
    let body = "Sorry! It's Pen y Bryn, Station Road, Llanwrtyd Wells\n\nHuw\n\n> On 2 Dec 2026, at 08:15, Not With My NHS Data <letters@example.test> wrote:\n>\n> This is what we understood:\n>\n> Name: Huw Prydderch\n> Address:\n> Postcode: LD5 4AA\n>\n> Please reply with the missing details.\n";
    assert_eq!(
        run(Some("Huw Prydderch"), "Re: we need your address", body),
        (
            some("Huw Prydderch"),
            some("Pen y Bryn, Station Road, Llanwrtyd Wells"),
            some("LD5 4AA")
        )
    );
}

#[test]
fn writing_for_someone_whose_home_is_given_the_writers_own_block_is_not_it() {
    let body = "Hi,\n\nI'm writing for my dad, Mr Frank Lowe, who isn't online. He lives at 3 Sandy Lane, Skelmersdale. I don't have his postcode with me.\n\nThanks,\nPaul\n\nPaul Lowe\n12 Oak Road, Leyland PR25 1AA\n";
    let (_, address, postcode) = run(Some("Paul Lowe"), "", body);
    assert_eq!(address, some("3 Sandy Lane, Skelmersdale"));
    assert_eq!(postcode, None);
}

#[test]
fn an_attribution_inside_the_quote_opens_the_own_earlier_mail() {
    let body = "Sorry, typo! It should be LE2 3AA not LE2 3AB.\n\n> On 1 Dec 2026, at 21:00, Harjit Dhillon <jane@example.org> wrote:\n>\n> Name: Harjit Kaur Dhillon\n> Address: 8 Queens Road, Clarendon Park, Leicester\n> Postcode: LE2 3AB\n";
    assert_eq!(
        run(Some("Harjit Dhillon"), "Re: Send my letters", body),
        found(
            "Harjit Kaur Dhillon",
            "8 Queens Road, Clarendon Park, Leicester",
            "LE2 3AA"
        )
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
fn a_forward_whose_lines_the_client_quoted() {
    let body = "Sorry, sent this to the wrong address!\n\nSent from my iPhone\n\nBegin forwarded message:\n\n> From: Jo Platt <jane@example.org>\n> Date: 4 December 2026 at 17:51:02 GMT\n> To: letter@example.test\n>\n> Hi, I'm Jo Platt and my address is 3 Moss Lane, Urmston M41 9AA.\n";
    assert_eq!(
        run(Some("Jo Platt"), "Fwd: letters", body),
        found("Jo Platt", "3 Moss Lane, Urmston", "M41 9AA")
    );
}

#[test]
fn an_address_said_to_be_in_the_signature_is_read_there() {
    let body = "Hi,\n\nPlease send me the letters.\n\nMy address is in my signature.\n\nThanks,\nMhairi\n\n-- \nMhairi Souter\n3 Kirk Wynd\nFalkland\nKY15 7AA\n";
    assert_eq!(
        run(None, "", body),
        found("Mhairi Souter", "3 Kirk Wynd, Falkland", "KY15 7AA")
    );
}

#[test]
fn a_reply_giving_the_address_the_form_asked_for_is_read() {
    let body = "Sorry, it's 12 Netherkirkgate, Aberdeen\n\nSent from my iPhone\n\n> On 1 Dec 2026, at 10:00, Not With My NHS Data <letters@example.test> wrote:\n>\n> This is what we found:\n>\n> Name: Ewan Shand\n> Address: not found\n> Postcode: AB10 1AA\n>\n> Please reply with the missing details.\n";
    assert_eq!(
        run(Some("Ewan Shand"), "Re: Your letters", body).1,
        some("12 Netherkirkgate, Aberdeen")
    );
}

#[test]
fn a_forward_of_their_own_mail_gives_the_address_the_new_postcode_lacked() {
    let body = "Sorry, left off the postcode - it's CH1 3AA.\n\nPaul\n\nFrom: Paul Okoro <jane@example.org>\nSent: 01 December 2026 09:12\nTo: letters@example.test\nSubject: Letters\n\nHi,\n\nPlease send me the letters.\n\nPaul Chidi Okoro\n42 Lower Foregate\nChester\n\nThanks\n";
    assert_eq!(
        run(Some("Paul Okoro"), "FW: Letters", body),
        found("Paul Chidi Okoro", "42 Lower Foregate, Chester", "CH1 3AA")
    );
}

#[test]
fn their_own_quoted_mail_fills_in_what_the_reply_leaves_out() {
    let body = "Forgot this, sorry! DN4 5AA\n\nSent from my iPhone\n\n> On 1 Dec 2026, at 09:02, Priya Menon <jane@example.org> wrote:\n>\n> Hi, please send me the letters. Priya Menon, 14 Balby Road, Doncaster\n>\n> Sent from my iPhone\n";
    assert_eq!(
        run(Some("Priya Menon"), "Re: letters", body),
        found("Priya Menon", "14 Balby Road, Doncaster", "DN4 5AA")
    );
}

#[test]
fn a_corrected_postcode_keeps_the_street_of_their_quoted_mail() {
    let body = "Sorry, I typed my postcode wrong below, it's LS6 2BB not LS6 2BV.\n\nTom\n\nOn Mon, 30 Nov 2026 at 10:11, Tom Ashby <jane@example.org> wrote:\n\n> Hello,\n>\n> Tom Ashby\n> 9 Brudenell Road\n> Leeds\n> LS6 2BV\n";
    assert_eq!(
        run(Some("Tom Ashby"), "Re: letters", body),
        found("Tom Ashby", "9 Brudenell Road, Leeds", "LS6 2BB")
    );
}

#[test]
fn after_a_move_the_street_of_their_quoted_mail_is_no_longer_home() {
    let body = "We've moved since I sent this - new postcode is LS6 3AA. Can you redo them?\n\nOn Mon, 30 Nov 2026 at 10:11, Tom Ashby <jane@example.org> wrote:\n\n> Tom Ashby\n> 9 Brudenell Road\n> Leeds\n> LS6 2BV\n";
    let (name, address, postcode) = run(Some("Tom Ashby"), "Re: letters", body);
    assert_eq!(name.as_deref(), Some("Tom Ashby"));
    assert_eq!(address, None);
    assert_eq!(postcode.as_deref(), Some("LS6 3AA"));
}

#[test]
fn their_own_quoted_details_they_call_old_are_not_read() {
    let body = "Please ignore the address below, we moved out on Friday.\nNew address is 4 Orchard Way, Hoo, Rochester. I don't know the new postcode yet.\n\nSam\n\nFrom: Sam Obi <jane@example.org>\nSent: 01 December 2026 08:10\nTo: letters@example.test\nSubject: Letters\n\nName: Sam Obi\nAddress: 12 Castle Street, Rochester\nPostcode: ME1 1AA\n\nThanks\n";
    let (name, address, postcode) = run(Some("Sam Obi"), "RE: Letters", body);
    assert_eq!(name.as_deref(), Some("Sam Obi"));
    assert_eq!(address.as_deref(), Some("4 Orchard Way, Hoo, Rochester"));
    assert_eq!(postcode, None);
}

#[test]
fn a_mail_quoting_itself_deep_is_read_once_more_not_at_every_level() {
    // Each level is their own earlier mail; reading each in turn would
    // recurse as deep as the quoting goes.
    let mut body = String::from("Forgot the postcode! DN4 5AA\n");
    for depth in 1..=2000 {
        let marks = ">".repeat(depth);
        body.push_str(&format!(
            "\n{marks} On 1 Dec 2026, at 09:02, Priya Menon <jane@example.org> wrote:\n{marks}\n"
        ));
    }
    let (_, _, postcode) = run(Some("Priya Menon"), "Re: letters", &body);
    assert_eq!(postcode.as_deref(), Some("DN4 5AA"));
}

#[test]
fn a_postcode_given_to_the_help_reply_that_asked_for_it_completes_its_form() {
    let quoted = |postcode: &str| {
        format!(
            "It's TS5 6AB, sorry.\n\nAda\n\nOn Fri, 4 Dec 2026 at 10:00, Campaign <letters@example.test> wrote:\n> We could not find your postcode. This is what we read:\n>\n> Name: Mrs Ada Lamb\n> Address: 8 Acklam Road, Middlesbrough\n> Postcode: {postcode}\n"
        )
    };
    assert_eq!(
        run(Some("Ada Lamb"), "Re: letters", &quoted("not found")),
        found("Mrs Ada Lamb", "8 Acklam Road, Middlesbrough", "TS5 6AB")
    );
    // Her son, answering for her, completes it; someone else does not.
    let for_mum = quoted("not found").replace(
        "It's TS5 6AB, sorry.",
        "It's TS5 6AB, the letters are for my mum.",
    );
    assert_eq!(
        run(Some("Sean Lamb"), "Re: letters", &for_mum).1,
        some("8 Acklam Road, Middlesbrough")
    );
    assert_eq!(
        run(Some("Sean Lamb"), "Re: letters", &quoted("not found")).1,
        None
    );
    // A quoted form with a postcode of its own is not completed by hers.
    assert_eq!(
        run(Some("Ada Lamb"), "Re: letters", &quoted("TS4 2AA")).1,
        None
    );
}

#[test]
fn the_campaigns_mailing_forwarded_back_with_its_form_filled_in_is_read() {
    let mail = |name: &str| {
        format!(
            "Filled in below, thanks!\n\n---------- Forwarded message ---------\nFrom: Campaign <news@example.test>\nDate: Fri, 27 Nov 2026 at 17:30\nSubject: Five letters\nTo: <jane@example.org>\n\nSend us these details:\n\nName: {name}\nAddress: 12 Quay Road, Poole\nPostcode: BH14 8AA\n\nCampaign, 14 Park Road, London N11 3AA\n"
        )
    };
    assert_eq!(
        run(
            Some("Rosa Pereira"),
            "Fwd: Five letters",
            &mail("Rosa Delgado Pereira")
        ),
        found("Rosa Delgado Pereira", "12 Quay Road, Poole", "BH14 8AA")
    );
    // Someone else's details, forwarded, are not hers.
    assert_eq!(
        run(
            Some("Rosa Pereira"),
            "Fwd: Five letters",
            &mail("Ann Other")
        )
        .1,
        None
    );
}

#[test]
fn the_name_typed_into_the_quoted_form_beats_the_one_the_help_reply_read() {
    let body = "Filled in below.\n\nDebbie\n\nFrom: Campaign <letters@example.test>\nSent: 01 December 2026 13:31\nSubject: Re: letters\n\nThis is what we read:\n\nName: Debbie Finch\nAddress: (not found)\nPostcode: (not found)\n\nPlease reply in this shape:\n\nName: Deborah Finch\nAddress: 3 Station Road, Oakley\nPostcode: RG25 2AA\n";
    assert_eq!(
        run(Some("Debbie Finch"), "RE: letters", body),
        found("Deborah Finch", "3 Station Road, Oakley", "RG25 2AA")
    );
}

#[test]
fn a_postcode_given_to_a_help_reply_that_found_no_name_completes_its_form() {
    let body = "Hello, the postcode is CT21 5AA. We both want to sign.\n\nThe Hendersons\n\n-----Original Message-----\nFrom: Campaign <letters@example.test>\nSent: Mon, 30 Nov 2026 11:02\nSubject: Re: letters\n\nThis is what we read:\n\nName: (not found)\nAddress: 27 Larkspur Drive, Hythe\nPostcode: (not found)\n";
    assert_eq!(
        run(Some("The Hendersons"), "Re: letters", body),
        (None, some("27 Larkspur Drive, Hythe"), some("CT21 5AA"))
    );
}

#[test]
fn an_address_said_to_be_as_before_leaves_the_quoted_forms() {
    let body = "My address is as before, and the postcode is LS6 2AA. Ta\nJoel\n\nOn Mon, 30 Nov 2026 at 10:00, Campaign <letters@example.test> wrote:\n> What we read:\n>   Name:     Joel Amankwah\n>   Address:  40 Kirkstall Lane, Leeds\n>   Postcode: (not found)\n>\n> Name: Joel Amankwah\n> Address: 40 Kirkstall Lane, Leeds\n> Postcode:\n";
    assert_eq!(
        run(Some("Joel Amankwah"), "Re: Your letters", body),
        found("Joel Amankwah", "40 Kirkstall Lane, Leeds", "LS6 2AA")
    );
    let body = body.replace(
        "My address is as before, and",
        "Address is the same as I gave you,",
    );
    assert_eq!(
        run(Some("Joel Amankwah"), "Re: Your letters", &body).1,
        some("40 Kirkstall Lane, Leeds")
    );
}

#[test]
fn a_corrected_house_number_leaves_the_wrong_one_out() {
    let body = "Sorry, the house number was wrong: it's 12 Kirkstall Lane, Leeds, not 21. The postcode is LS6 2AA.\n\nJoel Amankwah";
    assert_eq!(
        run(None, "Re: Your letters", body).1,
        some("12 Kirkstall Lane, Leeds")
    );
}

#[test]
fn the_quoted_forms_address_is_read_whole() {
    // Its answers are read as fields. Read as writing too, after "Address:"
    // as a lead-in, a clause's reach cut "Kingston upon Thames" short.
    let body = "It's KT2 6AA.\n\nRuth\n\nOn Sun, 29 Nov 2026 at 20:40, Campaign <letters@example.test> wrote:\n> \n> > Hello Ruth Abernethy-Clarke,\n> >\n> > What we read:\n> >   Name:     Ruth Abernethy-Clarke\n> >   Address:  Flat 2, Rye Court, 8 Elm Road, Kingston upon Thames\n> >   Postcode: (not found)\n> >\n> > Name: Ruth Abernethy-Clarke\n> > Address: Flat 2, Rye Court, 8 Elm Road, Kingston upon Thames\n> > Postcode:\n";
    assert_eq!(
        run(Some("Ruth Abernethy-Clarke"), "Re: Letters", body).1,
        some("Flat 2, Rye Court, 8 Elm Road, Kingston upon Thames")
    );
}

#[test]
fn their_own_mail_quoted_without_marks_as_yahoo_does_fills_in() {
    let body = "Here's the postcode: HU5 2AA\n\nPam\n\n\n    On Monday, 30 November 2026 at 19:02:11 GMT, Pam Rigby <jane@example.org> wrote:  \n \n \n Hello, the letters please.\n \n Pam Rigby\n 7 Newland Park\n Hull\n \n Thanks\n";
    assert_eq!(
        run(Some("Pam Rigby"), "Re: letters", body),
        found("Pam Rigby", "7 Newland Park, Hull", "HU5 2AA")
    );
}

#[test]
fn mums_postcode_given_to_the_form_that_named_her_completes_it() {
    let body = "Sorry, Mum's postcode is CW9 8AA\n\nJan\n\n> On 3 Dec 2026, at 19:42, Campaign <letters@example.test> wrote:\n>\n> What we read:\n> Name: Mrs Edna Platt\n> Address: 12 Hall Lane, Northwich\n> Postcode: (not found)\n";
    assert_eq!(
        run(Some("Jan Platt"), "Re: Letters", body),
        found("Mrs Edna Platt", "12 Hall Lane, Northwich", "CW9 8AA")
    );
}

#[test]
fn closings_in_gaelic_welsh_and_blessing_end_the_writing() {
    for closing in [
        "Is mise le meas,",
        "Le dùrachd,",
        "Yn gywir,",
        "With every blessing,",
    ] {
        let body = format!(
            "Please would you send me the letters.\n\n{closing}\nMòrag Dhòmhnallach\nTigh an Droma\nAchiltibuie\nUllapool\nIV26 2AA\n"
        );
        assert_eq!(
            run(None, "Letters", &body),
            found(
                "Mòrag Dhòmhnallach",
                "Tigh an Droma, Achiltibuie, Ullapool",
                "IV26 2AA"
            ),
            "{closing}"
        );
    }
}

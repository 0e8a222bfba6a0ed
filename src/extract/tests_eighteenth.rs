//! Unit tests for shapes first met in the eighteenth blind set and in its
//! lower-case rewrites (`tests/variants.rs`), each written with other
//! words than the mail that showed it.

use super::tests::{found, run, some};

#[test]
fn a_full_name_given_after_a_nickname_is_the_name() {
    let body = "Kit here (full name Christopher Ambrose, that's what should go on the letters). We live at 9 Ash Grove, Hexham NE46 1AA.\n\nCheers,\nKit";
    assert_eq!(
        run(Some("Kit Ambrose"), "", body),
        found("Christopher Ambrose", "9 Ash Grove, Hexham", "NE46 1AA")
    );
    let body =
        "Hello, it's Bev. My full name is Beverley Okafor and I'm at 2 Mill Street, Ely CB7 4AA.";
    assert_eq!(
        run(Some("Bev O"), "", body).0,
        Some("Beverley Okafor".to_owned())
    );
}

#[test]
fn the_writer_named_after_to_me_is_the_name() {
    let body =
        "Please send the letters to me, Dr Elin Prys-Jones, at 4 Mill Road, Aberystwyth SY23 3NS.";
    assert_eq!(run(None, "", body).0, some("Dr Elin Prys-Jones"));
}

#[test]
fn a_house_name_over_a_numbered_street_in_lower_case_is_kept() {
    let body = "hello\n\nplease send the letters\n\nnerys lloyd\ntegfan\n14 heol y parc\npontardawe\nsa8 4aa\n";
    assert_eq!(
        run(None, "", body),
        found(
            "nerys lloyd",
            "tegfan, 14 heol y parc, pontardawe",
            "SA8 4AA"
        )
    );
    let body = "hi im colin pratt, the rectory, 2 church lane, bampton ox18 2aa. thanks";
    assert_eq!(
        run(None, "", body).1,
        some("the rectory, 2 church lane, bampton")
    );
}

#[test]
fn the_old_in_a_house_name_disowns_no_postcode() {
    let body = "hi its jess moore, the old bakery, mill street, wantage ox12 9aa";
    assert_eq!(run(None, "", body).2, some("OX12 9AA"));
    // An old address still disowns its postcode, with the town between.
    let body = "Our old Didcot address (OX11 7AA) is out of date. We now live at 4 Lime Walk, Wantage OX12 9AA.";
    assert_eq!(run(None, "", body).2, some("OX12 9AA"));
    let body = "Anything with the old Didcot address (OX11 7AA) on it is out of date. We now live at 4 Lime Walk, Wantage OX12 9AA.";
    assert_eq!(run(None, "", body).2, some("OX12 9AA"));
}

#[test]
fn the_words_leading_to_a_house_name_are_no_part_of_it() {
    let body = "I'm Ruth Gale and I am doing mine today. Post them to The Manse, 3 Kirk Wynd, Crail KY10 3AA, if that suits.";
    assert_eq!(
        run(None, "", body),
        found("Ruth Gale", "The Manse, 3 Kirk Wynd, Crail", "KY10 3AA")
    );
}

#[test]
fn a_title_heading_an_address_is_a_persons_not_a_streets() {
    // "Dr" is also Drive; before a name it is a title.
    let body = "Letters to me at home please: Dr Anjali Rao, 22 Beech Road, Harpenden AL5 4AA.";
    assert_eq!(
        run(None, "", body),
        found("Dr Anjali Rao", "22 Beech Road, Harpenden", "AL5 4AA")
    );
}

#[test]
fn a_farm_heading_an_address_is_no_person() {
    let body =
        "Please write them out for me, Mr Huw Bevan, at Bwthyn Nant, Pontsian, Llandysul SA44 4AA.";
    assert_eq!(
        run(None, "", body),
        found(
            "Mr Huw Bevan",
            "Bwthyn Nant, Pontsian, Llandysul",
            "SA44 4AA"
        )
    );
}

#[test]
fn his_and_her_labels_in_a_mail_for_a_parent() {
    let body = "Hi, I'm doing this for my mother as she has no computer.\n\nHer name: Doreen Platt\nHer address: 7 Cliff Road, Filey\nHer postcode: YO14 9AA\n\nThanks\nJanet Platt\nPractice Manager\nFiley Dental Care\n12 Station Road, Filey YO14 9BB";
    assert_eq!(
        run(Some("Janet Platt"), "", body),
        found("Doreen Platt", "7 Cliff Road, Filey", "YO14 9AA")
    );
}

#[test]
fn well_starts_no_sentence_in_a_street_name() {
    let body = "Dear team,\n\nKasia Lis\n3 Well Lane\nBeverley\nHU17 8AA\n";
    assert_eq!(
        run(None, "", body),
        found("Kasia Lis", "3 Well Lane, Beverley", "HU17 8AA")
    );
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
fn lower_case_x_here_heading_an_address_is_the_name() {
    let body = "pat noon here, 4 brook lane, leek st13 5aa. cheers";
    assert_eq!(
        run(None, "", body),
        found("pat noon", "4 brook lane, leek", "ST13 5AA")
    );
}

#[test]
fn a_lower_case_farm_in_a_sentence_is_the_address() {
    let body = "could you make the letters out to me, gwen roper, at lletty farm, near tregaron, ceredigion sy25 6aa. diolch";
    assert_eq!(
        run(None, "", body).1,
        some("lletty farm, near tregaron, ceredigion")
    );
    let body =
        "we're a bit remote: tarnside cottage, fell road, sedbergh, la10 5aa. i'm joe birkett.";
    assert_eq!(
        run(None, "", body),
        found(
            "joe birkett",
            "tarnside cottage, fell road, sedbergh",
            "LA10 5AA"
        )
    );
}

#[test]
fn an_abbreviation_in_lower_case_ends_no_sentence() {
    let body = "name: ann pyle\naddress: 2 front street, stanley, co. durham\npostcode: dh9 0aa";
    assert_eq!(
        run(None, "", body).1,
        some("2 front street, stanley, co. durham")
    );
}

#[test]
fn a_lower_case_house_name_after_its_lead_word() {
    let body = "please post them to the old rectory, 1 church hill, alnwick ne66 1aa. ta";
    assert_eq!(
        run(Some("Ida Kerr"), "", body).1,
        some("the old rectory, 1 church hill, alnwick")
    );
}

#[test]
fn a_clause_about_work_joined_after_the_home_postcode_is_not_about_it() {
    let body = "I'm Lena Fox. I live at 8 Moor Lane, Ilkley LS29 9AA, and I'm a nurse at a hospital in Leeds (LS1 3EX), which is why I care.";
    assert_eq!(
        run(None, "", body),
        found("Lena Fox", "8 Moor Lane, Ilkley", "LS29 9AA")
    );
}

#[test]
fn a_postcode_typed_short_is_no_part_of_the_address() {
    let body = "Hello, I'm Ross Baird and I live at 4 Kirk Brae, Lanark, ML11 9A. Thanks";
    assert_eq!(
        run(None, "", body),
        (some("Ross Baird"), some("4 Kirk Brae, Lanark"), None)
    );
}

#[test]
fn a_scots_greeting_heads_no_name() {
    let body = "awright am jamie kerr 5 main street larkhall ml9 2aa sign me up";
    assert_eq!(run(None, "", body).0, some("jamie kerr"));
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
fn without_full_stops_a_name_ends_before_the_next_words() {
    let body = "Afternoon Joan Reid here 4 Eden Terrace Appleby CA16 6AA thanks";
    assert_eq!(run(None, "", body).0, some("Joan Reid"));
    let body = "My name is Nkechi Obi Flat 3 12 Park Road Bedford MK40 2AA";
    assert_eq!(run(None, "", body).0, some("Nkechi Obi"));
    let body = "My name is Tobias Wren though everyone calls me Toby and I live at 5 Kiln Lane Lewes BN7 2AA";
    assert_eq!(run(None, "", body).0, some("Tobias Wren"));
}

#[test]
fn an_html_only_reply_reads_its_quoted_form_as_a_text_one_would() {
    let quoted = |name: &str| {
        format!(
            r#"<div>Sorry, my postcode should be LS6 2AB (not LS6 2BA).</div><div>Tom</div><blockquote type="cite"><div>On 1 Dec 2026, at 09:00, Tom Ives &lt;tom@example.org&gt; wrote:</div><div>Name: {name}</div><div>Address: 3 Oak Road, Leeds</div><div>Postcode: LS6 2BA</div></blockquote>"#
        )
    };
    let mut mail = super::tests::inbound(Some("Tom Ives"), "Re: letters", "");
    mail.html_alternative = Some(quoted("Tom Ives"));
    let e = super::extract(&mail);
    assert_eq!(e.address_line().as_deref(), Some("3 Oak Road, Leeds"));
    assert_eq!(e.postcode().map(|p| p.as_str().to_owned()), some("LS6 2AB"));
    // Someone else's details, quoted, are not the sender's.
    mail.html_alternative = Some(quoted("Ann Other"));
    assert_eq!(super::extract(&mail).address_line(), None);
}

#[test]
fn a_gaelic_house_name_heads_its_block_not_a_person() {
    let body = "Good morning,\n\nWe live at Taigh na Beinne, 7 Shore Street, Ullapool IV26 2AA.\n\nMoran taing,\nIseabail Ross";
    assert_eq!(
        run(None, "", body),
        found(
            "Iseabail Ross",
            "Taigh na Beinne, 7 Shore Street, Ullapool",
            "IV26 2AA"
        )
    );
    // A house's block for the person written for beats the writer's own
    // home after a lead-in.
    let body = "I'm writing on behalf of my father, who has no email. The letters are for him:\n\nCalum Morrison\nTigh an Uillt\nLochboisdale\nHS8 5AA\n\nI live at 3 Bank Street, Perth PH2 8AA myself.\n\nThanks,\nEilidh Morrison";
    assert_eq!(
        run(Some("Eilidh Morrison"), "", body),
        found("Calum Morrison", "Tigh an Uillt, Lochboisdale", "HS8 5AA")
    );
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
fn text_speak_numbers_start_no_address() {
    let body = "hiya can u send the letters 4 me - leah marsh, 9 kiln lane, hatfield al10 0aa ta";
    assert_eq!(
        run(None, "", body),
        found("leah marsh", "9 kiln lane, hatfield", "AL10 0AA")
    );
}

#[test]
fn a_doric_greeting_heads_no_name() {
    let body = "fit like, dougie reid here, 4 ugie st peterhead ab42 1aa. cheers";
    assert_eq!(
        run(None, "", body),
        found("dougie reid", "4 ugie st peterhead", "AB42 1AA")
    );
}

#[test]
fn a_town_and_its_county_is_no_street_address() {
    let body = "Name: Eluned Rees\nAddress: Llanidloes, Powys\nPostcode: SY18 6AA";
    assert_eq!(
        run(None, "", body),
        (some("Eluned Rees"), None, some("SY18 6AA"))
    );
    let body = "Name: Eluned Rees\nAddress: Bryn Glas, Llanidloes, Powys\nPostcode: SY18 6AA";
    assert_eq!(run(None, "", body).1, some("Bryn Glas, Llanidloes, Powys"));
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
fn a_name_after_my_name_is_ends_with_its_sentence() {
    let body =
        "Sorry! My name is Ines Duarte. Obrigada\n\nAddress: 2 Mill Lane, Deal\nPostcode: CT14 6AA";
    assert_eq!(run(Some("Ines"), "", body).0, some("Ines Duarte"));
}

#[test]
fn scots_bide_leads_to_the_address() {
    let body = "I'm Kenny Ross and I bide at Mains of Tore, Muir of Ord, IV6 7AA. Ta.";
    assert_eq!(run(None, "", body).1, some("Mains of Tore, Muir of Ord"));
}

#[test]
fn a_hyphenated_relation_names_the_person_written_for() {
    let body = "I'm writing for my mother-in-law, Mrs Glenys Hughes, who has no email.\n\nHer address is 4 Stryt Fawr, Mold CH7 1AA.\n\nI live in Chester (CH2 3BB) myself.\n\nThanks\nDean Price";
    assert_eq!(
        run(Some("Dean Price"), "", body),
        found("Mrs Glenys Hughes", "4 Stryt Fawr, Mold", "CH7 1AA")
    );
}

#[test]
fn small_words_inside_a_house_name_are_the_names() {
    let body = "Hello,\n\nMy address is:\n\nChy an Mor\n7 Fore Street\nSt Ives\nTR26 1AA\n\nThank you,\nTamsin Rowe";
    assert_eq!(
        run(None, "", body),
        found(
            "Tamsin Rowe",
            "Chy an Mor, 7 Fore Street, St Ives",
            "TR26 1AA"
        )
    );
}

#[test]
fn text_speak_before_a_comma_starts_no_address() {
    let body = "hiya send them 2 me, Jodie Platt, 5 Hope St, Crewe cw2 7aa ta";
    assert_eq!(
        run(None, "", body),
        found("Jodie Platt", "5 Hope St, Crewe", "CW2 7AA")
    );
}

#[test]
fn a_shared_account_names_its_writer_from_the_body() {
    let body = "Hi,\n\nThis one is from Adaeze Nwosu (it's our family email).\n\n9 Park Road\nBedford\nMK40 2AA\n\nAdaeze";
    assert_eq!(run(Some("Mum and Dad"), "", body).0, some("Adaeze Nwosu"));
    let body = "Helo,\n\nSioned Parry sy'n ysgrifennu - our family account.\n\nTy Hen\nLlanuwchllyn\nBala\nLL23 7AA\n\nDiolch,\nSioned";
    assert_eq!(
        run(Some("Teulu Parry"), "", body),
        found("Sioned Parry", "Ty Hen, Llanuwchllyn, Bala", "LL23 7AA")
    );
}

#[test]
fn with_best_wishes_closes_a_mail_without_its_comma() {
    let body = "Please send me the letters\n\nMy address is 4 Kiln Row Ware SG12 9AA\n\nWith best wishes\n\nRevd Ann Hale";
    assert_eq!(run(Some("Ann Hale"), "", body).0, some("Revd Ann Hale"));
}

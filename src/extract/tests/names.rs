//! Who is writing and whom the letters are for: self-introductions, sign-offs,
//! titles, mails written for someone else, and words that are no one's name.

use super::{found, run, some};
use crate::extract::extract;
use crate::inbound::{Inbound, Sender};

#[test]
fn names_as_people_write_them() {
    let body = "Hi — Kit Lamb. 7 Main Street, Hedon, HU12 8JA. Letters please";
    assert_eq!(run(Some("Kit L"), "", body).0, some("Kit Lamb"));
    let body = "im Kit Lamb I live at 7 Main Street Hedon HU12 8JA thanks";
    assert_eq!(run(None, "", body).0, some("Kit Lamb"));
    let body = "hiya can u do mine, am kit lamb, 7 main street, hedon, hu12 8ja ty";
    assert_eq!(run(None, "", body).0, some("kit lamb"));
    let body = "im doing this for my nan Edith Lamb as she has no email. her postcode is HU12 8JA";
    assert_eq!(run(Some("Kit Lamb"), "", body).0, some("Edith Lamb"));
}

#[test]
fn capitals_and_titles() {
    let body = "MY NAME IS GWYN MORRIS AND MY ADDRESS IS 4 CANAL WALK, PONTYPOOL NP4 6JQ.";
    assert_eq!(run(Some("G MORRIS"), "", body).0, some("GWYN MORRIS"));
    let body = "Please send the letters.\n\nThe Manse\n4 Canal Walk\nPontypool\nNP4 6JQ\n\nIn friendship,\n\nRevd Gwyn Morris";
    assert_eq!(
        run(Some("Gwyn Morris"), "", body),
        found(
            "Revd Gwyn Morris",
            "The Manse, 4 Canal Walk, Pontypool",
            "NP4 6JQ"
        )
    );
}

#[test]
fn a_proxy_introduced_in_the_third_person() {
    let body = "I'm doing this for my mum as she's not online. She's Edith Lamb and she lives at 4 Canal Walk, Pontypool NP4 6JQ.";
    assert_eq!(
        run(Some("Kit Lamb"), "", body),
        found("Edith Lamb", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
}

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
fn a_scots_greeting_heads_no_name() {
    let body = "awright am jamie kerr 5 main street larkhall ml9 2aa sign me up";
    assert_eq!(run(None, "", body).0, some("jamie kerr"));
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
fn a_doric_greeting_heads_no_name() {
    let body = "fit like, dougie reid here, 4 ugie st peterhead ab42 1aa. cheers";
    assert_eq!(
        run(None, "", body),
        found("dougie reid", "4 ugie st peterhead", "AB42 1AA")
    );
}

#[test]
fn a_name_after_my_name_is_ends_with_its_sentence() {
    let body =
        "Sorry! My name is Ines Duarte. Obrigada\n\nAddress: 2 Mill Lane, Deal\nPostcode: CT14 6AA";
    assert_eq!(run(Some("Ines"), "", body).0, some("Ines Duarte"));
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

#[test]
fn welsh_joining_words_end_a_name() {
    let body = "Fy enw i yw Dafydd Rees ac rwy'n byw yn 4 Stryd Fawr, Swanley BR8 7RE.";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Dafydd Rees"));
}

#[test]
fn a_particle_inside_a_name_after_name_is_is_kept() {
    let body = "My name is Ana Luisa de Souza, I live at 4 Mill Lane, Swanley BR8 7RE.";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Ana Luisa de Souza"));
}

#[test]
fn a_shop_is_no_persons_name() {
    let body = "Hi, the address is 4 Mill Lane, Swanley BR8 7RE. Thanks!\n\nMill Lane Stores\n";
    assert_eq!(run(Some("Mill Lane Stores"), "", body).0, None);
}

#[test]
fn a_neighbour_named_before_asked_me_to_send_gets_the_letters() {
    let body = "My neighbour Mr Alan Pike asked me to send this for him. His address is 4 Mill Lane, Swanley BR8 7RE.\n\nCheers\nSam Green";
    assert_eq!(
        run(Some("Sam Green"), "", body),
        found("Mr Alan Pike", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn typing_this_for_me_is_no_proxy() {
    let body = "My son is typing this for me (he lives at 1 Borough High Street, London SE1 2DL).\n\nSam Green\n4 Mill Lane\nSwanley\nBR8 7RE\n\nThank you,\nSam Green";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_couple_is_no_one_person() {
    let body = "We'd both like them. We are Mr and Mrs Nair, Hill House, 9 Elm Road, Swanley BR8 7RE.\n\nLove,\nRaj and Priya";
    let (name, address, postcode) = run(Some("The Nairs"), "", body);
    assert_eq!(name, None);
    assert_eq!(address.as_deref(), Some("Hill House, 9 Elm Road, Swanley"));
    assert_eq!(postcode.as_deref(), Some("BR8 7RE"));
}

#[test]
fn parents_who_would_like_the_letters_are_who_they_are_for() {
    let body = "Hello, my parents, Mr and Mrs Nair, would like the letters. Their address is 9 Elm Road, Swanley BR8 7RE.\n\nThanks,\nPriya";
    let (name, address, postcode) = run(Some("Priya Nair"), "", body);
    assert_eq!(name, None, "a couple, and not the writer");
    assert_eq!(address.as_deref(), Some("9 Elm Road, Swanley"));
    assert_eq!(postcode.as_deref(), Some("BR8 7RE"));
}

#[test]
fn a_title_keeps_its_full_stop_as_written() {
    let body = "I am Dr. Priya Nair. My address: 9 Elm Road, Swanley BR8 7RE";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Dr. Priya Nair"));
}

#[test]
fn a_first_name_alone_is_no_name_to_sign_with() {
    let body = "Do them for me please. 9 Elm Road, Swanley BR8 7RE.\n\nCheers, Raj";
    let (name, address, _) = run(Some("Raj"), "", body);
    assert_eq!(name, None);
    assert_eq!(address.as_deref(), Some("9 Elm Road, Swanley"));
}

#[test]
fn an_honourable_keeps_the_style() {
    let body = "Name:\nThe Hon. Priya Nair\nAddress:\n9 Elm Road\nSwanley\nPostcode:\nBR8 7RE";
    assert_eq!(
        run(None, "", body),
        found("The Hon. Priya Nair", "9 Elm Road, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_scots_ahm_introduces_a_name() {
    let body = "Aye, gie us the letters. Ah'm Morag Struthers, 4 Mill Lane, Swanley BR8 7RE.";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Morag Struthers"));
}

#[test]
fn the_person_written_for_is_named_a_few_small_words_on() {
    let body = "Good morning,\n\nI support people as a volunteer and I'm writing on behalf of a resident, Mrs Joan Pike, who would like the letters.\n\nHer address is 4 Mill Lane, Swanley BR8 7RE.\n\nKind regards\nSam";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Mrs Joan Pike"));
    let body = "Hi\n\nMy lovely old neighbour Mr Alan Cole has asked me to get the letters for him. He's at 4 Mill Lane, Swanley, BR8 7RE.\n\nSam";
    assert_eq!(
        run(Some("Sam Green"), "", body).0.as_deref(),
        Some("Mr Alan Cole")
    );
}

#[test]
fn a_surname_that_is_a_street_word_is_a_name_once_the_sign_off_confirms_it() {
    let body =
        "Please send me the letters.\n\nTom Hill\n4 Church Lane\nSwanley\nBR8 7RE\n\nThanks\nTom";
    assert_eq!(
        run(None, "", body),
        found("Tom Hill", "4 Church Lane, Swanley", "BR8 7RE")
    );
    let body = "Please send me the letters.\n\nSam Green\nLilac Cottage\nChurch Lane\nSwanley\n\nPostcode is in the subject.\n\nCheers\nSam";
    assert_eq!(
        run(None, "Letters BR8 7RE", body),
        found(
            "Sam Green",
            "Lilac Cottage, Church Lane, Swanley",
            "BR8 7RE"
        )
    );
    // Signed by someone else: the line stays the house's name.
    let body = "Please send me the letters.\n\nLaurel Bank\n4 Church Lane\nSwanley\nBR8 7RE\n\nThanks\nTom";
    assert_eq!(run(None, "", body).0, None);
}

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
fn the_from_name_written_in_the_body_is_taken_as_written() {
    let body = "can u do the letters pls niamh o'neill 4 elm row derry bt48 7aa thx";
    assert_eq!(
        run(Some("Niamh O'Neill"), "", body).0,
        some("niamh o'neill")
    );
}

#[test]
fn the_revd_heading_a_block_is_the_person() {
    let body = "Dear friends,\n\nMy details:\n\nThe Revd Canon Ruth Ashby\nThe Vicarage\nMarket Place\nAylsham\nNR11 6AA\n\nEvery blessing,\nRuth Ashby\n";
    assert_eq!(
        run(Some("Ruth Ashby"), "", body),
        found(
            "The Revd Canon Ruth Ashby",
            "The Vicarage, Market Place, Aylsham",
            "NR11 6AA"
        )
    );
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
fn a_house_named_like_the_senders_mailbox_is_no_name() {
    let body = "Name:\nAddress: Ivy Cottage, Moor Lane, Kirkby Malzeard, Ripon\nPostcode: HG4 3AA";
    let inbound = Inbound {
        sender: Some(Sender {
            name: None,
            address: "ivycottage7@example.org".to_owned(),
        }),
        body: body.to_owned(),
        ..Inbound::default()
    };
    let got = extract(&inbound);
    assert_eq!(got.name, None);
    assert_eq!(
        got.address_line().as_deref(),
        Some("Ivy Cottage, Moor Lane, Kirkby Malzeard, Ripon")
    );
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
fn a_relation_named_after_please() {
    let body = "Could you do the letters for my father please, Mr Idris Bowen. He lives in Tywyn, LL36 9AA.";
    assert_eq!(run(Some("Sian Bowen"), "", body).0, some("Mr Idris Bowen"));
}

#[test]
fn a_relation_who_would_like_to_send_the_letters() {
    let body = "My father, Mr Emrys Howells, would like to send the letters. I look after his emails.\nHis address: 4 Bay View, Penarth, CF64 1AA\nThanks,\nRhys Howells";
    assert_eq!(
        run(Some("Rhys Howells"), "", body),
        found("Mr Emrys Howells", "4 Bay View, Penarth", "CF64 1AA")
    );
}

#[test]
fn a_farm_after_we_farm_at_is_no_person() {
    let body = "Hello,\n\nWe farm at Upper Knowe, Ettrick, Selkirk, TD7 5AA. It's a long way to the hospital.\n\nAnne Scott";
    assert_eq!(
        run(None, "", body),
        found("Anne Scott", "Upper Knowe, Ettrick, Selkirk", "TD7 5AA")
    );
}

#[test]
fn the_full_name_before_a_numberless_address_is_the_name() {
    let body = "Hello,\n\nPlease do the letters in my name: Rhiannon Mathias, Fferm Pant-y-gog, Llanddewi, Haverfordwest SA62 6AA.\n\nDiolch,\nRhi";
    assert_eq!(
        run(Some("Rhi Mathias"), "", body),
        found(
            "Rhiannon Mathias",
            "Fferm Pant-y-gog, Llanddewi, Haverfordwest",
            "SA62 6AA"
        )
    );
}

#[test]
fn a_name_does_not_run_on_past_an_empty_line() {
    let body = "KINDLY SEND THE LETTERS TO ME\n\nMRS DORIS PEAKE\n4 HIGH STREET\nCOLEFORD\nGL16 8AA\n\nMANY THANKS\n";
    assert_eq!(
        run(Some("doris peake"), "", body).0,
        some("MRS DORIS PEAKE")
    );
}

#[test]
fn god_bless_is_a_closing_not_a_name() {
    let body = "Please send me the letters.\n\nGod bless,\nWinston Clarke, 3 Tidal Way, Southwick, Sussex BN42 4AA\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Winston Clarke",
            "3 Tidal Way, Southwick, Sussex",
            "BN42 4AA"
        )
    );
}

#[test]
fn emailing_for_a_relative_names_them() {
    let body = "Hello,\n\nI'm emailing for my grandmother, Mrs Adaeze Nwosu. She has no email.\n\nHer address is 9 Park Lane, Kettering NN15 6AA.\n\nThanks,\nChi";
    assert_eq!(run(Some("Chioma N"), "", body).0, some("Mrs Adaeze Nwosu"));
}

#[test]
fn a_longer_closing_line_still_signs_the_name_under_it() {
    let body = "Please send the letters. I live at 2 Cross Street, Ossett WF5 8AA.\n\nThank you for all that you are doing,\n\nManjit Kaur Gill\n";
    assert_eq!(
        run(Some("Manjit Gill"), "", body).0,
        some("Manjit Kaur Gill")
    );
}

#[test]
fn welsh_dw_i_after_a_name_introduces_it() {
    let body = "Shwmae,\n\nMererid ab Owain dw i, and I'd like the letters please.\n\nMy address is:\n\nTyddyn Isaf\nFfordd y Capel\nLlangefni\nLL77 7AA\n\nDiolch,\nMererid";
    assert_eq!(
        run(Some("M Owain"), "", body),
        found(
            "Mererid ab Owain",
            "Tyddyn Isaf, Ffordd y Capel, Llangefni",
            "LL77 7AA"
        )
    );
}

#[test]
fn a_letters_house_name_over_its_block_is_no_one_when_signed_in_full() {
    let body = "Brynteg\nHeol y Dwr\nAberaeron\nSA46 0AA\n\n3rd December 2026\n\nDear Sir or Madam,\n\nI should be glad of the letters.\n\nYours faithfully,\n\nGwilym Prosser\n";
    assert_eq!(
        run(Some("Gwilym Prosser"), "", body),
        found(
            "Gwilym Prosser",
            "Brynteg, Heol y Dwr, Aberaeron",
            "SA46 0AA"
        )
    );
    let body = "Ty Uchaf\nLlanarth\nCeredigion\nSA47 0AA\n\nDear Sir or Madam,\n\nPlease send me the letters.\n\nYours sincerely,\nMrs Non Evans\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Mrs Non Evans",
            "Ty Uchaf, Llanarth, Ceredigion",
            "SA47 0AA"
        )
    );
}

#[test]
fn its_after_a_preposition_introduces_no_one() {
    let body = "Mrs Edith Crane\n3 Park Walk\nThornbury\nBS35 1AA\n\nDear Sir or Madam,\n\nI read that the company keeps the records in its Secure Data Environment for years.\n\nYours faithfully,\nEdith Crane\n";
    assert_eq!(
        run(None, "", body),
        found("Mrs Edith Crane", "3 Park Walk, Thornbury", "BS35 1AA")
    );
}

#[test]
fn a_ranks_bracket_is_part_of_the_name_heading_the_address() {
    let body = "Dear Sir,\n\nPlease address the letters as follows:\n\nColonel (Retd) Hugh Baird OBE\nThe Old Mill\nMill Lane\nAlresford\nSO24 9AA\n\nYours faithfully,\n\nH R Baird";
    assert_eq!(
        run(None, "Letters", body),
        found(
            "Colonel (Retd) Hugh Baird OBE",
            "The Old Mill, Mill Lane, Alresford",
            "SO24 9AA"
        )
    );
}

#[test]
fn make_them_out_to_names_whom_the_letters_are_for() {
    let body = "Dear Sir,\n\nPlease make them out to Dr Anne Rowe at my home address, 2 Fore Street, Ivybridge PL21 9AA.\n\nBest wishes,\nAnne";
    assert_eq!(
        run(Some("Anne Rowe"), "Letters", body).0,
        some("Dr Anne Rowe")
    );
}

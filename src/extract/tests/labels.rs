//! Forms: labels as people fill them in, out of order, run together, in the
//! wrong box.

use super::{found, inbound, run, some};
use crate::extract::{MAX_ADDRESS_CHARS, MAX_NAME_CHARS, extract};

#[test]
fn the_campaign_template_filled_in() {
    let got = run(
        None,
        "Send my letters",
        "Name: Jane Smith\nAddress: 12 Acacia Avenue, Sevenoaks\nPostcode: br87re\n",
    );
    assert_eq!(
        got,
        found("Jane Smith", "12 Acacia Avenue, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn labels_in_any_order_case_and_separator() {
    let body =
        "post code - se1 2dl\nFULL NAME Priya Patel\nhome address:\nFlat 2\n14 Long Lane\nLondon\n";
    assert_eq!(
        run(None, "", body),
        found("Priya Patel", "Flat 2, 14 Long Lane, London", "SE1 2DL")
    );
    let body = "My name is Jane Smith and I live in Kent.\nMy address is 3 Hill Road, Sevenoaks\nMy postcode is BR8 7RE.";
    assert_eq!(
        run(None, "", body),
        found("Jane Smith", "3 Hill Road, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn value_on_the_line_after_an_empty_label() {
    let body = "Name:\nJane Smith\nAddress:\n12 Acacia Avenue\nSevenoaks\n\nPostcode:\nBR8 7RE";
    assert_eq!(
        run(None, "", body),
        found("Jane Smith", "12 Acacia Avenue, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn fields_are_capped() {
    let long = "A".repeat(500);
    let body = format!(
        "Name: Jane {}\nAddress: 1 {long} Street\nPostcode: BR8 7RE",
        "b".repeat(200)
    );
    let e = extract(&inbound(None, "", &body));
    assert!(
        e.address_line()
            .is_some_and(|a| a.chars().count() <= MAX_ADDRESS_CHARS),
        "{e:?}"
    );
    assert!(
        e.name
            .as_ref()
            .is_none_or(|n| n.chars().count() <= MAX_NAME_CHARS)
    );
}

#[test]
fn a_table_of_bare_labels_with_lines_below() {
    let body = "Full name \n\nOlu Bankole\n\nAddress\n\nFlat C\n9 Mercer Street\nHulme\n\nPostcode\n\nM15 5RS\n";
    assert_eq!(
        run(None, "", body),
        found("Olu Bankole", "Flat C, 9 Mercer Street, Hulme", "M15 5RS")
    );
    let body = "Post code: m15 5rs\nName for the letters: Olu Bankole\nHome addr: 9 Mercer Street, Hulme\n";
    assert_eq!(
        run(None, "", body),
        found("Olu Bankole", "9 Mercer Street, Hulme", "M15 5RS")
    );
}

#[test]
fn labels_as_tables_and_forms_write_them() {
    let body = "Full name\tMs Rhiannon Price\nAddress line 1\t4 Canal Walk\nAddress line 2\tPontypool\nPostcode\tNP4 6JQ\n";
    assert_eq!(
        run(None, "", body),
        found("Ms Rhiannon Price", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
    let body = "Full name: Rhiannon Price\nHouse no. & street: 4 Canal Walk\nTown/City: Pontypool\nPost code: NP4 6JQ\n";
    assert_eq!(
        run(None, "", body),
        found("Rhiannon Price", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
    let body = "Rhiannon Price / 4 Canal Walk / Pontypool / NP4 6JQ";
    assert_eq!(
        run(None, "", body),
        found("Rhiannon Price", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
}

#[test]
fn a_labelled_address_ends_with_its_sentence() {
    let body = "My address is 4 Canal Walk, Pontypool. My GP (Crown Surgery, NP4 5EE) could not help.\n\nThanks,\nRhiannon Price";
    assert_eq!(
        run(None, "Letters please NP4 6JQ", body),
        found("Rhiannon Price", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
}

#[test]
fn slips_in_labels_a_lower_case_block_and_talk_after_an_address() {
    let body = "Nmae: Jo Bloggs\nAdress: 4 Mill Lane, Swanley\nPostocde: BR8 7RE\n";
    assert_eq!(
        run(None, "", body),
        found("Jo Bloggs", "4 Mill Lane, Swanley", "BR8 7RE")
    );
    let body = "hi please send my letters\n\njo bloggs\n4 mill lane\nhextable\nswanley\nbr8 7re\n\nthanks jo x";
    assert_eq!(
        run(None, "", body),
        found("jo bloggs", "4 mill lane, hextable, swanley", "BR8 7RE")
    );
    let body = "I have lived at 4 Mill Lane, Hextable, Swanley for over forty years. My postcode is BR8 7RE.\n\nJo Bloggs";
    assert_eq!(
        run(None, "", body).1.as_deref(),
        Some("4 Mill Lane, Hextable, Swanley")
    );
    let body = "Please send letters to Mrs Jo Bloggs at 4 Mill Lane, Swanley BR8 7RE.";
    assert_eq!(
        run(None, "", body),
        found("Mrs Jo Bloggs", "4 Mill Lane, Swanley", "BR8 7RE")
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
fn a_home_label_beats_a_work_label_above_it() {
    let body = "Work: 1 Borough High Street, London SE1 2DL\nHome: 4 Mill Lane, Swanley BR8 7RE\n\nThanks,\nSam Green";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn bulleted_labels_are_labels() {
    let body =
        "Hi,\n\n• Name:    Priya Nair\n• Address: 9 Elm Road, Swanley\n• Postcode: BR8 7RE\n";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "9 Elm Road, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_name_given_in_form_parts_is_put_together() {
    let body = "Title: Dr\nFirst name: Priya\nSurname: Nair\nAddress: 9 Elm Road, Swanley\nPostcode: BR8 7RE";
    assert_eq!(
        run(None, "", body),
        found("Dr Priya Nair", "9 Elm Road, Swanley", "BR8 7RE")
    );
    // A Name field stands as typed: the "Title:" beside it is not added
    // (tests/corpus/README.md; blind-43/t-029 showed this test had it the
    // other way).
    let body = "Title: Ms\nName: Priya Nair\nAddress: 9 Elm Road, Swanley\nPostcode: BR8 7RE";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Priya Nair"));
}

#[test]
fn a_name_and_address_in_each_others_boxes_are_swapped_back() {
    let body = "Name: 9 Elm Road, Swanley\nAddress: Priya Nair\nPostcode: BR8 7RE\n\nsorry wrong way round!";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "9 Elm Road, Swanley", "BR8 7RE")
    );
}

#[test]
fn an_address_label_ends_at_its_postcode() {
    let body = "Hello,\n\nCount me in.\n\nMy address is Hill Farm, Swanley, Kent BR8 7RE.\n\nWith love and hope,\n\nDr Priya Nair\n";
    assert_eq!(
        run(None, "", body),
        found("Dr Priya Nair", "Hill Farm, Swanley, Kent", "BR8 7RE")
    );
}

#[test]
fn welsh_my_address_is_and_my_postcode_is_are_labels() {
    let body = "Fy enw i yw Gwenllian Rees.\nFy nghyfeiriad yw 9 Heol y Bryn, Swanley.\nFy nghod post yw BR8 7RE.\n\nDiolch";
    assert_eq!(
        run(None, "", body),
        found("Gwenllian Rees", "9 Heol y Bryn, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_field_nobody_asked_for_ends_the_address_above_it() {
    let body = "Address: 4 Mill Lane, Swanley\nMobile number: 07700 900123\nName: Sam Green\nPostcode: BR8 7RE";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn labels_run_together_are_read_even_with_a_slip() {
    let body = "Nmae: Sam Green Adress: 4 Mill Lane, Swanley Postcde: BR8 7RE\n\nThanks";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_labelled_address_in_the_continental_order_keeps_its_town() {
    let body = "Name: Sam Green\nAddress: Mill Lane 4\nBR8 7RE Swanley\n\nBest regards";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "Mill Lane 4, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_name_field_stands_as_typed() {
    // The title in a work signature below is the job's, not the name's.
    let body = "Name: Chidi Okoro\nAddress: 3 Mill Street, Wantage\nPostcode: OX12 9AA\n\nThanks,\n\nProf Chidi Okoro\nHead of Pharmacology | Example University\nTel: 01632 960555";
    assert_eq!(run(None, "", body).0, some("Chidi Okoro"));
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

#[test]
fn a_bare_address_label_may_start_with_a_house_name() {
    let body = "hi\n\nname mr ivor pugh\naddress the old forge, llanbister, powys\npostcode ld1 6aa\n\nthanks\n";
    assert_eq!(
        run(None, "", body),
        found(
            "mr ivor pugh",
            "the old forge, llanbister, powys",
            "LD1 6AA"
        )
    );
    // Talk after the bare label is no address.
    let body =
        "Hi,\n\nMy address now is Holly Cottage, Church Lane, Appleton LA1 1AA.\n\nBest, Jo Marsh";
    assert_eq!(
        run(None, "", body).1,
        some("Holly Cottage, Church Lane, Appleton")
    );
}

#[test]
fn a_house_label_with_its_colon_heads_the_address() {
    let body = "Full name: Derek Olsen\nHouse: Holly Lodge\nStreet: Church Walk\nTown: Brampton\nPost Code: CA8 1AA\n\nThanks";
    assert_eq!(
        run(None, "", body),
        found(
            "Derek Olsen",
            "Holly Lodge, Church Walk, Brampton",
            "CA8 1AA"
        )
    );
}

#[test]
fn forms_pasted_as_tables_leaders_and_templates_are_read_as_labels() {
    let want = found(
        "Oluwaseun Adebayo Bello",
        "4 Kiln Lane, Bicester",
        "OX26 2AA",
    );
    let table = "Here you go:\n\n| Item | Detail |\n|------|--------|\n| Name | Oluwaseun Adebayo Bello |\n| Address | 4 Kiln Lane, Bicester |\n| Postcode | OX26 2AA |\n\nThanks\nSeun";
    assert_eq!(run(Some("Seun Bello"), "", table), want);
    let leaders = "Name ........... Oluwaseun Adebayo Bello\nAddress ........ 4 Kiln Lane, Bicester\nPostcode ....... OX26 2AA\n\nRegards,\nSeun Bello";
    assert_eq!(run(Some("Seun Bello"), "", leaders), want);
    let brackets =
        "Name: [Oluwaseun Adebayo Bello]\nAddress: [4 Kiln Lane, Bicester]\nPostcode: [OX26 2AA]\n";
    assert_eq!(run(Some("Seun Bello"), "", brackets), want);
    let numbered = "It said to send 1. your name 2. your address 3. your postcode:\n\n1. Oluwaseun Adebayo Bello\n2. 4 Kiln Lane, Bicester\n3. OX26 2AA\n\nSeun";
    assert_eq!(run(Some("Seun Bello"), "", numbered), want);
}

#[test]
fn another_sites_form_with_its_own_fields_is_read() {
    let body = "My browser filled this in from another petition:\n\nFirst Name: Lorna\nLast Name: Pike\nStreet Address: 7 Mill Close\nCity: Thame\nState/County: Oxfordshire\nZip/Postal Code: OX9 3AA\nEmail: lorna@example.org\nPhone: 07700 900123\n\nLorna";
    assert_eq!(
        run(None, "", body),
        found("Lorna Pike", "7 Mill Close, Thame, Oxfordshire", "OX9 3AA")
    );
    let one_field = "Name and address: Lorna Pike, 7 Mill Close, Thame\nPostcode: OX9 3AA\n";
    assert_eq!(
        run(None, "", one_field),
        found("Lorna Pike", "7 Mill Close, Thame", "OX9 3AA")
    );
}

#[test]
fn an_address_split_over_flat_road_and_area_labels_is_read_whole() {
    let body = "Name: Ann Roe\nFlat: 2/1\nRoad: Back Lane\nArea: Glen Shira\nTown: Inveraray\nPost code: PA32 8TT\n";
    assert_eq!(
        run(Some("Ann Roe"), "Letters", body),
        found(
            "Ann Roe",
            "2/1, Back Lane, Glen Shira, Inveraray",
            "PA32 8TT"
        )
    );
    // Without a colon they are words of the address.
    let body = "I'm Ann Roe\nFlat 2, 9 Low Road\nInveraray\nPA32 8TT\n";
    assert_eq!(
        run(Some("Ann Roe"), "Letters", body).1,
        some("Flat 2, 9 Low Road, Inveraray")
    );
}

#[test]
fn a_spreadsheets_header_and_row_are_read_column_by_column() {
    let want = found(
        "Ann Roe",
        "Willow Cottage, Mill Road, Farnsfield",
        "NG22 8PG",
    );
    let tabs = "I copied my row across:\n\nName\tAddress 1\tAddress 2\tTown\tPostcode\tPhone\nAnn Roe\tWillow Cottage\tMill Road\tFarnsfield\tNG22 8PG\t01632 960718\n\nThanks\n";
    assert_eq!(run(Some("Ann Roe"), "Letters", tabs), want);
    // Hard-wrapped inside a cell by the client.
    let wrapped = tabs.replace("\tMill Road", "\tMill\nRoad");
    assert_eq!(run(Some("Ann Roe"), "Letters", &wrapped), want);
    let pipes = "| Name | Address 1 | Address 2 | Town | Postcode |\n|---|---|---|---|---|\n| Ann Roe | Willow Cottage | Mill Road | Farnsfield | NG22 8PG |\n";
    assert_eq!(run(Some("Ann Roe"), "Letters", pipes), want);
    let mut html = inbound(Some("Ann Roe"), "Letters", "");
    html.html_alternative = Some("<table><tr><th>Name</th><th>Address 1</th><th>Address 2</th><th>Town</th><th>Postcode</th></tr><tr><td>Ann Roe</td><td>Willow Cottage</td><td>Mill Road</td><td>Farnsfield</td><td>NG22 8PG</td></tr></table>".to_owned());
    let e = extract(&html);
    assert_eq!(
        e.address_line().as_deref(),
        Some("Willow Cottage, Mill Road, Farnsfield")
    );
}

#[test]
fn labels_in_other_languages_alone_or_beside_the_english_are_read() {
    let want = found("Anna Nowak", "5 Mill Road, Broxburn", "EH52 6AA");
    for form in [
        "Imię i nazwisko: Anna Nowak\nAdres: 5 Mill Road, Broxburn\nKod pocztowy: EH52 6AA\n",
        "Imię i nazwisko (Name): Anna Nowak\nAdres (Address): 5 Mill Road, Broxburn\nKod pocztowy (Postcode): EH52 6AA\n",
        "Ainm / Name: Anna Nowak\nSeòladh / Address: 5 Mill Road, Broxburn\nCòd-puist / Postcode: EH52 6AA\n",
        "Nome / name: Anna Nowak\nEndereço / address: 5 Mill Road, Broxburn\nCEP (postcode): eh52 6aa\n",
        "name - Anna Nowak\naddy - 5 Mill Road, Broxburn\npc - EH52 6AA\n",
        "Full name - Anna Nowak\nWhere I live - 5 Mill Road, Broxburn\nPost Code - EH52 6AA\n",
    ] {
        assert_eq!(run(Some("A N"), "Letters", form), want, "{form}");
    }
}

#[test]
fn a_forms_work_postcode_is_not_the_home_postcode() {
    let body = "Name: Ann Roe\nHome address: 9 Wycombe Road, Prestwood\nHome postcode: HP16 9AA\nWork address: Unit 3, Bessemer Court, Aylesbury\nWork postcode: HP21 8AA\nMobile: 07700 900947\n";
    assert_eq!(
        run(Some("Ann Roe"), "letters", body),
        found("Ann Roe", "9 Wycombe Road, Prestwood", "HP16 9AA")
    );
}

#[test]
fn a_label_with_a_note_in_brackets_or_a_relations_name_is_a_name_label() {
    for form in [
        "Father's name: Mr Ravi Kandiah\nAddress: 9 Gosforth Lane, Watford\nPostcode: WD19 6AA\n",
        "Name (of the person the letters are for): Mr Ravi Kandiah\nAddress: 9 Gosforth Lane, Watford\nPostcode: WD19 6AA\n",
        "Full name (BLOCK CAPITALS)\nMr Ravi Kandiah\nAddress (with house number): 9 Gosforth Lane, Watford\nPostcode: WD19 6AA\n",
    ] {
        let body = format!("Hi, this is for my father.\n\n{form}\nThanks,\nPrakash\n");
        assert_eq!(
            run(Some("Prakash Ravi"), "Letters", &body),
            found("Mr Ravi Kandiah", "9 Gosforth Lane, Watford", "WD19 6AA"),
            "{form}"
        );
    }
}

#[test]
fn a_portuguese_morada_is_the_address() {
    let body = "Nome / Name: Maria dos Santos\nMorada / Address: 14 Liverpool Road, Southport\nCódigo postal / Postcode: PR8 2AA\n\nI work at a home in Billinge (WN5 7AA).\n";
    assert_eq!(
        run(Some("Maria dos Santos"), "Cartas", body),
        found(
            "Maria dos Santos",
            "14 Liverpool Road, Southport",
            "PR8 2AA"
        )
    );
}

#[test]
fn a_change_of_address_forms_new_fields_and_a_pipe_row_without_its_outer_bars() {
    let body = "Name: Ann Roe\nNew address: 3 Thaxted Road, Saffron Walden\nNew postcode: CB10 2AA\nPrevious address (until October): 8 Camps Road, Haverhill, CB9 0AA\n";
    assert_eq!(
        run(Some("Ann Roe"), "letters", body),
        found("Ann Roe", "3 Thaxted Road, Saffron Walden", "CB10 2AA")
    );
    let body = "I'm the second row:\n\nName | Address | Post Code | Signed\nAnn Roe | 23 Hyndford Road, Lanark | ML11 7AA | yes\n";
    assert_eq!(
        run(Some("Ann Roe"), "letters", body),
        found("Ann Roe", "23 Hyndford Road, Lanark", "ML11 7AA")
    );
}

#[test]
fn a_forms_labels_after_the_are_read_with_their_colon_only() {
    let body = "Kindly find my information below.\n\nThe name: Ahmed Mahmoud Abdelrahman\nThe address: 23 Bryn Celyn Road, Cardiff\nThe postal code: CF23 9AA\n\nAhmed\n";
    assert_eq!(
        run(Some("Ahmed Abdelrahman"), "letters", body),
        found(
            "Ahmed Mahmoud Abdelrahman",
            "23 Bryn Celyn Road, Cardiff",
            "CF23 9AA"
        )
    );
    // A line of writing opening with "The address is" is no label.
    let body = "Sorry, wrong postcode, that's my work one.\nThe address is the same, 8 Lingwell Gate Lane, Tingley,\nWakefield, but the postcode is WF3 2AA.\n\nImran\n";
    assert_eq!(
        run(Some("Imran Q"), "letters", body).1,
        some("8 Lingwell Gate Lane, Tingley, Wakefield")
    );
}

#[test]
fn the_same_as_a_relatives_is_no_address() {
    let body = "Name: Carol Birch\nAddress: same as my husband's, he sent his in yesterday\nPostcode: DN15 7AA\n";
    assert_eq!(
        run(None, "", body),
        (some("Carol Birch"), None, some("DN15 7AA"))
    );
}

#[test]
fn an_address_label_spelt_with_one_d_is_a_label() {
    let body = "Name - Owain Price\nHome adress - 9 Maes y Dre, Llandeilo\nPostcode - SA19 6AA\n";
    assert_eq!(run(None, "", body).1, some("9 Maes y Dre, Llandeilo"));
}

//! Names given in other words than the usual: in another language ("Mera
//! naam … hai", "My name X"), a relation's name the letters are asked for
//! in, a family in another tongue, an initial's full stop, a name in
//! capitals that is no one's, a building's name, and "btw" after a name.

use super::{found, run, some};

#[test]
fn letters_asked_for_in_a_wifes_or_husbands_name_carry_that_name() {
    for (asked, want) in [
        (
            "please draw up the letters in my wife's name, Mrs Ann Lowe, as it is her records",
            "Mrs Ann Lowe",
        ),
        (
            "we should like the letters in my husband's name, please – Revd Tom Lowe.",
            "Revd Tom Lowe",
        ),
        (
            "we would like this set to be in Ann’s name: Mrs Ann Lowe.",
            "Mrs Ann Lowe",
        ),
    ] {
        let body = format!(
            "Dear Sir,\n\nMy wife and I both support this, and {asked}\n\nOur address is 3 Mill Lane, Truro TR1 1AA.\n\nYours faithfully,\n\nTom and Ann Lowe\n"
        );
        assert_eq!(
            run(Some("Tom Lowe"), "Letters", &body).0,
            some(want),
            "{asked}"
        );
    }
}

#[test]
fn in_mail_all_in_capitals_send_the_letters_to_this_email_names_no_one() {
    let body = "THIS IS BRIAN COLE, I AM USING MY SONS EMAIL.\n\nPLEASE SEND THE LETTERS TO THIS EMAIL AND MY SON WILL PRINT THEM.\n\nMY ADDRESS IS 14 MILL STREET, CLOWNE, S43 4AA.\n\nYOURS FAITHFULLY\n\nBRIAN COLE\n";
    assert_eq!(
        run(Some("Mark Cole"), "LETTERS", body).0,
        some("BRIAN COLE")
    );
}

#[test]
fn a_name_introduced_in_another_language_or_without_is_is_read_whole() {
    for (intro, want) in [
        (
            "Mera naam Muhammad Arshad Iqbal hai.",
            "Muhammad Arshad Iqbal",
        ),
        (
            "Meu nome é Ana Paula Ferreira da Silva, I am from Brazil.",
            "Ana Paula Ferreira da Silva",
        ),
        ("My name Abdullahi Hassan Farah.", "Abdullahi Hassan Farah"),
    ] {
        let body = format!("{intro} I live at 31 Granby Street, Liverpool L8 5AA.\n\nThanks\n");
        assert_eq!(
            run(Some("Ali Farah"), "letters", &body).0,
            some(want),
            "{intro}"
        );
    }
    // Without its capitals, "my name" without "is" introduces nothing.
    let body = "You've got my name slightly wrong - it should be Seán Ó Floinn.\n\nSeán Ó Floinn\n45 Botley Road\nSouthampton\nSO30 3AA\n";
    assert_eq!(
        run(Some("Sean Flynn"), "Re: letters", body).0,
        some("Seán Ó Floinn")
    );
}

#[test]
fn a_sign_off_keeps_an_initials_full_stop_as_written() {
    let body = "Please send me the letters.\n\nUpper House Farm\nClunton\nSY7 0AA\n\nYours faithfully,\n\nGeoffrey R. Pugh\n";
    assert_eq!(
        run(Some("Geoffrey Pugh"), "Letters", body).0,
        some("Geoffrey R. Pugh")
    );
    // The sentence's full stop goes.
    let body = body.replace("Geoffrey R. Pugh", "Geoffrey Pugh.");
    assert_eq!(run(None, "Letters", &body).0, some("Geoffrey Pugh"));
}

#[test]
fn a_family_or_a_service_in_another_language_is_no_ones_name() {
    for display in ["Família Santos", "Fam. de Vries", "Carers Support Hub"] {
        let body = "Please send the letters to 22 Brindley Close, Nuneaton CV11 6AA.";
        assert_eq!(run(Some(display), "Letters", body).0, None, "{display}");
    }
}

#[test]
fn a_welsh_family_account_is_no_ones_name() {
    let body = "Helo,\n\nPlease send the letters to 4 Lôn Isaf, Llangefni LL77 7AA.\n\nDiolch";
    assert_eq!(run(Some("Teulu Huws"), "Llythyrau", body).0, None);
}

#[test]
fn a_long_name_with_its_particles_is_read_whole() {
    let body = "Nome / Name: Ana Luísa da Silva Gonçalves dos Reis Moreira\nMorada / Address: 7 Chalk Way, Haverhill\nCódigo postal / Postcode: CB9 7AA\n\nObrigada";
    assert_eq!(
        run(None, "Letters", body).0,
        some("Ana Luísa da Silva Gonçalves dos Reis Moreira")
    );
}

#[test]
fn a_buildings_name_introduced_is_no_ones() {
    let body = "Hi,\nMy gran is in a nursing home near Oakham (it's Rutland House, LE15 6AA, if you need it). I'm Chloe Dunn and home is 3 Cedar Road, Melton Mowbray, LE13 0AA.\nChloe\n";
    assert_eq!(
        run(None, "letters", body),
        found("Chloe Dunn", "3 Cedar Road, Melton Mowbray", "LE13 0AA")
    );
}

#[test]
fn by_the_way_after_a_name_is_no_part_of_it() {
    let body = "LN11 9AA is my postcode. I'm at 8 Eastgate, Louth. Send me the letters please.\nName's Kyle Dobbs btw\n";
    assert_eq!(
        run(Some("Kyle"), "letters", body),
        found("Kyle Dobbs", "8 Eastgate, Louth", "LN11 9AA")
    );
}

#[test]
fn a_place_before_here_is_where_the_writer_is_not_who() {
    let body = "Hello, nurse at the Royal Infirmary here. We see what gets shared.\nMoira Duncan, Forfar, DD8 1AA\nThanks\n";
    assert_eq!(run(Some("Moira Duncan"), "", body).0, some("Moira Duncan"));
}

#[test]
fn a_name_after_with_me_please_is_the_writers() {
    let body = "Hi,\n\nWe live at 4 Bryn Road, Llanelli SA15 1AA, my partner and I. Could you begin with me please, Gareth Pryce, and she'll write herself later.\n\nBest wishes\n";
    assert_eq!(run(None, "", body).0, some("Gareth Pryce"));
}

#[test]
fn the_full_name_in_the_subject_is_the_from_lines_first_name_written_out() {
    let body =
        "Hi there,\n\nI'm at 14 Dalry Road, Edinburgh EH11 2AA. Happy to sign.\n\nCheers\nEwan\n";
    assert_eq!(
        run(Some("Ewan"), "Ewan Blackwood - NHS letters", body).0,
        some("Ewan Blackwood")
    );
    // The surname's initial stands for it.
    assert_eq!(
        run(Some("Kiran S"), "Letters - Kiran Sandhu", body).0,
        some("Kiran Sandhu")
    );
}

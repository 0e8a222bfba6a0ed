//! Words of places: the street and building words an address holds, in
//! English, Welsh and Scots, and the words that name a house. Kept apart
//! from the other word lists only for their length. Pure: no I/O.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Street and building words in English, Welsh and Scots.
pub(crate) fn is_address_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "road",
        "rd",
        "street",
        "st",
        "lane",
        "ln",
        "avenue",
        "ave",
        "close",
        "drive",
        "dr",
        "way",
        "court",
        "ct",
        "house",
        "cottage",
        "cottages",
        "farm",
        "flat",
        "apartment",
        "apartments",
        "gardens",
        "place",
        "square",
        "terrace",
        "crescent",
        "mews",
        "walk",
        "path",
        "hill",
        "row",
        "green",
        "park",
        "grove",
        "view",
        "rise",
        "estate",
        "mansions",
        "lodge",
        "manor",
        "hall",
        "villas",
        "wharf",
        "quay",
        "parade",
        "vicarage",
        "rectory",
        "barn",
        "mill",
        "croft",
        "bank",
        "brow",
        "wynd",
        "brae",
        "vennel",
        "loan",
        "gate",
        "yard",
        "buildings",
        "heights",
        "chase",
        "meadow",
        "meadows",
        "fold",
        "end",
        "side",
        "foregate",
        "boulevard",
        "circus",
        "causeway",
        "embankment",
        "fflat",
        "tŷ",
        "bryn",
        "cwrt",
        "maes",
        "clos",
        "rhodfa",
        "cilgant",
        "glan",
        "llys",
        "parc",
        "teras",
    ];
    let word = word.to_lowercase();
    let word = word.trim_end_matches([',', '.']);
    WORDS.contains(&word) || WELSH_STREET_WORDS.contains(&word)
}

/// Welsh words for a street, which come before its name ("Heol Mair",
/// "Ffordd Las").
pub(crate) const WELSH_STREET_WORDS: [&str; 5] = ["heol", "ffordd", "stryd", "lôn", "lon"];

/// Words naming a building rather than a street ("Rose Cottage").
pub(crate) fn is_house_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "house",
        "cottage",
        "farm",
        "lodge",
        "manor",
        "hall",
        "vicarage",
        "rectory",
        "barn",
        "mill",
        "croft",
        "court",
        "flats",
        "bungalow",
        "tŷ",
        // Tŷ as most type it: "Ty Newydd", "Ty Gwyn".
        "ty",
        "farmhouse",
        // A house named for what the building was: "The Schoolhouse".
        "schoolhouse",
        "gatehouse",
        "coachhouse",
        "tollhouse",
        "boathouse",
        "bakehouse",
        "malthouse",
        // Rural buildings people live in, in England, Scotland and Wales.
        "steading",
        "mains",
        "grange",
        "byre",
        "bothy",
        "manse",
        "parsonage",
        "smithy",
        "forge",
        "granary",
        "stables",
        "oast",
        "villa",
        "fferm",
        "bwthyn",
        "tyddyn",
        // Gaelic: "Tigh na Mara", "Taigh na Creige"; Cornish: "Chy an Gwel".
        "tigh",
        "taigh",
        "chy",
    ];
    let word = word.to_lowercase();
    let word = word.trim_end_matches([',', '.']);
    // Written hyphenated: "Chy-an-Gwel", "Ty-Gwyn", "Tigh-na-Mara".
    let hyphenated = word.split_once('-').is_some_and(|(first, rest)| {
        !rest.is_empty() && ["chy", "ty", "tŷ", "tigh", "taigh"].contains(&first)
    });
    hyphenated || WORDS.contains(&word)
}

/// House words that are no one's surname, unlike Hall, Mill or Lodge: a
/// part holding one names a building, never a person ("Fferm Blaen-cwm",
/// "Maple Cottage").
pub(crate) fn is_house_word_only(word: &str) -> bool {
    const WORDS: [&str; 15] = [
        "tigh",
        "taigh",
        "chy",
        "cottage",
        "cottages",
        "farm",
        "farmhouse",
        "fferm",
        "bwthyn",
        "house",
        "bungalow",
        "vicarage",
        "rectory",
        "manse",
        "smithy",
    ];
    WORDS.contains(&word.to_lowercase().trim_end_matches([',', '.']))
}

/// A county or region of Great Britain, as written after a town
/// ("Newtown, Powys", "Kirkcaldy, Fife"): with no street, a town and its
/// county are still no address a letter can carry.
pub(crate) fn is_county(part: &str) -> bool {
    // England, with the short forms people write; Wales; Scotland.
    const COUNTIES: &str = "
    bedfordshire, beds, berkshire, berks, buckinghamshire, bucks, cambridgeshire, cambs,
    cheshire, cornwall, cumbria, cumberland, westmorland, derbyshire, devon, dorset, durham,
    co. durham, co durham, county durham, essex, gloucestershire, glos, hampshire, hants,
    herefordshire, hertfordshire, herts, isle of wight, kent, lancashire, lancs,
    leicestershire, leics, lincolnshire, lincs, merseyside, middlesex, norfolk,
    northamptonshire, northants, northumberland, nottinghamshire, notts, oxfordshire, oxon,
    rutland, shropshire, salop, somerset, staffordshire, staffs, suffolk, surrey, east sussex,
    west sussex, sussex, tyne and wear, warwickshire, warks, west midlands, wiltshire, wilts,
    worcestershire, worcs, yorkshire, north yorkshire, south yorkshire, west yorkshire,
    east yorkshire, east riding of yorkshire, greater manchester, greater london,
    anglesey, ynys môn, gwynedd, conwy, denbighshire, sir ddinbych, flintshire, sir y fflint,
    powys, ceredigion, pembrokeshire, sir benfro, carmarthenshire, carms, sir gâr, glamorgan,
    vale of glamorgan, monmouthshire, gwent, dyfed, clwyd,
    aberdeenshire, angus, argyll, argyll and bute, ayrshire, east ayrshire, north ayrshire,
    south ayrshire, banffshire, berwickshire, caithness, clackmannanshire, dumfriesshire,
    dumfries and galloway, dunbartonshire, east lothian, west lothian, midlothian, fife,
    inverness-shire, kincardineshire, kinross-shire, kirkcudbrightshire, lanarkshire,
    morayshire, moray, nairnshire, orkney, peeblesshire, perthshire, renfrewshire, ross-shire,
    roxburghshire, selkirkshire, shetland, stirlingshire, sutherland, wigtownshire, highland,
    scottish borders
";
    static SET: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| COUNTIES.split(',').map(str::trim).collect());
    SET.contains(part.trim().trim_end_matches('.').to_lowercase().as_str())
}

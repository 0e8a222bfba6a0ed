//! Copies of a campaign (its `campaign.toml` and `templates/`) changed the
//! way a campaign would change them, with no code: a sixth letter added (a
//! `[[letters]]` block and a template), or a setting switched.

// Each test binary that includes this file uses a different part of it.
#![allow(dead_code)]

use std::path::Path;

/// Copy the campaign in `from` to `to`, with `old` replaced by `new` once
/// in its `campaign.toml` (which must hold it).
pub(crate) fn copy_with(from: &Path, to: &Path, old: &str, new: &str) {
    copy_campaign(
        &from.join("campaign.toml"),
        &from.join("templates"),
        to,
        old,
        new,
    );
}

/// Copy `campaign_toml` and `templates` into `to` as a campaign folder,
/// with `old` replaced by `new` once in its `campaign.toml`.
pub(crate) fn copy_campaign(
    campaign_toml: &Path,
    templates: &Path,
    to: &Path,
    old: &str,
    new: &str,
) {
    let text = std::fs::read_to_string(campaign_toml).expect("campaign.toml");
    assert!(
        text.contains(old),
        "{old:?} is not in {}",
        campaign_toml.display()
    );
    std::fs::create_dir_all(to).expect("mkdir");
    std::fs::write(to.join("campaign.toml"), text.replacen(old, new, 1)).expect("write");
    copy_dir(templates, &to.join("templates"));
}

/// The sixth letter's id: its draft is `06-council.eml`.
pub(crate) const SIXTH_ID: &str = "council";

/// Copy the campaign in `from` (its `campaign.toml` and `templates/`) to
/// `to`, adding a sixth letter to the leader of the council.
pub(crate) fn copy_with_a_sixth_letter(from: &Path, to: &Path) {
    copy_dir(from, to);
    let campaign = to.join("campaign.toml");
    let mut text = std::fs::read_to_string(&campaign).expect("campaign.toml");
    text.push_str(&format!(
        r#"
[[letters]]
id = "{SIXTH_ID}"
title = "Letter to the leader of your council"
recipient = "Leader of the Council"
to = ["leader@council.example"]
template = "letters/06-council.txt"
nations = ["england", "scotland", "wales", "northern_ireland", "none"]
variants = {{ opening = 2 }}
"#
    ));
    std::fs::write(&campaign, text).expect("write campaign.toml");
    std::fs::write(
        to.join("templates/en/letters/06-council.txt"),
        "Subject: Our council and NHS data\n\n\
         {{ supporter.name }}\n\
         {% for line in supporter.address_lines %}{{ line }}\n{% endfor %}\
         {{ supporter.postcode }}\n\n\
         {{ date | long_date }}\n\n\
         Dear {{ recipient.name }},\n\n\
         {% if v.opening == 0 %}I am writing as a resident.{% else %}I live in your area.{% endif %} \
         Please ask the council's health scrutiny committee to look at who can see our NHS records.\n\n\
         Yours sincerely,\n\n{{ supporter.name }}\n",
    )
    .expect("write template");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

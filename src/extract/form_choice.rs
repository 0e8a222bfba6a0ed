//! Which filled-in form's fields are read, when a mail holds more than
//! one: the supporter's own (a template's example above theirs, a term
//! address beside a home one) or the help reply's, quoted with the
//! supporter's answers. Pure: no I/O.

use crate::postcode::Postcode;

use super::label_fields::forms;
use super::labels::{Labels, read_labels};

/// A quoted form's fields, form by form ([`forms`]), a later
/// form's field standing over an earlier one's. The help reply says what
/// it read ("Address:  22 Polsloe Road") and then holds the form filled
/// in with the same, where the supporter types ("Name: Deborah Finch"
/// below "Name: Debbie Finch"); read as one, the two Addresses ran
/// together.
pub(super) fn read_quoted_form(lines: &[&str]) -> Labels {
    let mut form = Labels::default();
    for read in forms(lines).iter().map(|f| read_labels(f)) {
        if read.name.is_some() {
            form.name = read.name;
        }
        if !read.address.is_empty() {
            form.address = read.address;
        }
        if !read.postcodes.is_empty() {
            form.postcodes = read.postcodes;
        }
        form.look_alike |= read.look_alike;
    }
    form
}

/// The supporter's own fields. Of several forms, those holding a
/// postcode: a copy of the template's example above them ("Name: Joe
/// Bloggs", "Postcode: (your postcode)") is none of theirs. Which of
/// those is theirs is the postcode's choice ([`own_form`]).
pub(super) fn read_own_forms(lines: &[&str]) -> Vec<Labels> {
    let forms = forms(lines);
    if forms.len() > 1 {
        let holding: Vec<_> = forms
            .iter()
            .map(|f| read_labels(f))
            .filter(|read| !read.postcodes.is_empty())
            .collect();
        if !holding.is_empty() {
            return holding;
        }
    }
    vec![read_labels(lines)]
}

/// Of the forms read, the one holding the chosen postcode ("Term-time
/// address: …" / "Postcode: LL57 1RU" over "Home address (my parents',
/// don't use this one): …"), else the first; its name, if it names none,
/// is the first other form's that names one.
pub(super) fn own_form(mut forms: Vec<Labels>, chosen: Option<&Postcode>) -> Labels {
    let at = chosen
        .and_then(|p| forms.iter().position(|f| f.postcodes.contains(p)))
        .unwrap_or(0);
    let mut form = forms.remove(at);
    if form.name.is_none() {
        form.name = forms.into_iter().find_map(|f| f.name);
    }
    form
}

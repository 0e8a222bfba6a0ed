//! A name given in parts, as forms ask for it ("Title: Revd", "First
//! name: Alison", "Surname: Marsh-Bevan"), put back together for the
//! labels reader.

use std::sync::LazyLock;

use regex::Regex;

use super::label_values::without_placeholders;
use super::words::{is_name, is_title};

/// A name given in parts, as forms ask for it: "Title: Revd", "First
/// name: Alison", "Surname: Marsh-Bevan".
pub(super) static NAME_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:[-•·▪◦*]\s+)?[*_]*
        (?P<part>title | first\s+names? | forenames? | given\s+names? | christian\s+name
          | surname | last\s+name | family\s+name)
        [*_]*\s*[:\-–=]\s*(?P<value>.+)$",
    )
    .expect("static regex")
});

/// The parts of a name read from [`NAME_PART`] fields.
#[derive(Default)]
pub(super) struct NameParts {
    pub(super) title: Option<String>,
    first: Option<String>,
    last: Option<String>,
}

impl NameParts {
    pub(super) fn set(&mut self, part: &str, value: &str) {
        let value = without_placeholders(value);
        if value.is_empty() || value.contains(char::is_numeric) {
            return;
        }
        let part = part.to_lowercase();
        let slot = if part == "title" {
            if !value.split_whitespace().all(is_title) {
                return;
            }
            &mut self.title
        } else if ["surname", "last", "family"]
            .iter()
            .any(|w| part.starts_with(w))
        {
            &mut self.last
        } else {
            &mut self.first
        };
        slot.get_or_insert(value);
    }

    /// The whole name, when both first and last names were given.
    pub(super) fn whole(&self) -> Option<String> {
        let (first, last) = (self.first.as_ref()?, self.last.as_ref()?);
        let title = self.title.as_ref().map(|t| format!("{t} "));
        let name = format!("{}{first} {last}", title.unwrap_or_default());
        is_name(&name).then_some(name)
    }
}

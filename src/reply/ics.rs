//! The calendar reminder (RFC 5545) for a letter with a legal deadline.
//!
//! One all-day event on the deadline with a morning alarm, so the supporter
//! remembers to check for an answer and, failing one, to complain to the
//! regulator. It holds no personal data: only the campaign's words and the
//! date. Pure: no I/O.

use jiff::civil::Date;

/// Build an iCalendar file.
pub fn reminder(uid: &str, stamp_utc: &str, on: Date, summary: &str, description: &str) -> String {
    let next_day = on.tomorrow().unwrap_or(on);
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//postbag//reminder//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp_utc}"),
        format!("DTSTART;VALUE=DATE:{}", on.strftime("%Y%m%d")),
        format!("DTEND;VALUE=DATE:{}", next_day.strftime("%Y%m%d")),
        format!("SUMMARY:{}", escape(summary)),
        format!("DESCRIPTION:{}", escape(description)),
        "TRANSP:TRANSPARENT".to_owned(),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        "TRIGGER:PT9H".to_owned(),
        format!("DESCRIPTION:{}", escape(summary)),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("")
}

/// Escape TEXT values (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets, never inside a UTF-8 sequence, and end
/// it with CRLF (RFC 5545 §3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_folded_escaped_and_crlf_terminated() {
        let ics = reminder(
            "u@x",
            "20261123T100000Z",
            jiff::civil::date(2026, 12, 23),
            "Check, now; please",
            &"é".repeat(60),
        );
        assert!(ics.contains("DTSTART;VALUE=DATE:20261223\r\n"));
        assert!(ics.contains("DTEND;VALUE=DATE:20261224\r\n"));
        assert!(ics.contains("SUMMARY:Check\\, now\\; please\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }
}

//! Dates as a British letter writes them.

/// A date as "23 November 2026".
pub fn british_date(date: jiff::civil::Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS.get(date.month() as usize - 1).copied().unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}

//! The index's keys: a standard-form postcode packed into its sector
//! (the outward code in base 37, times ten, plus the inward digit) and its
//! unit (two letters), and an entry's unit and value sharing one `u32`.

pub(super) fn entry(unit: u16, value: u16) -> u32 {
    (u32::from(unit) << 16) | u32::from(value)
}

pub(super) fn unit_of(entry: u32) -> u16 {
    (entry >> 16) as u16
}

pub(super) fn value_of(entry: u32) -> u16 {
    (entry & 0xFFFF) as u16
}

/// Pack a standard-form postcode into its sector key (the outward code in
/// base 37, times ten, plus the inward digit) and its unit (two letters).
pub(super) fn split_key(postcode: &str) -> Option<(u32, u16)> {
    let bytes = postcode.as_bytes();
    let (outward, inward) = match bytes.len() {
        5..=7 if !bytes.contains(&b' ') => bytes.split_at(bytes.len() - 3),
        6..=8 if bytes[bytes.len() - 4] == b' ' => {
            (&bytes[..bytes.len() - 4], &bytes[bytes.len() - 3..])
        }
        _ => return None,
    };
    if !(2..=4).contains(&outward.len()) {
        return None;
    }
    let mut packed = 0u32;
    for i in 0..4 {
        let digit = match outward.get(i) {
            None => 0,
            Some(&c @ b'0'..=b'9') => u32::from(c - b'0') + 1,
            Some(&c @ b'A'..=b'Z') => u32::from(c - b'A') + 11,
            Some(_) => return None,
        };
        packed = packed * 37 + digit;
    }
    let [d, a, b] = [inward[0], inward[1], inward[2]];
    if !d.is_ascii_digit() || !a.is_ascii_uppercase() || !b.is_ascii_uppercase() {
        return None;
    }
    Some((
        packed * 10 + u32::from(d - b'0'),
        u16::from(a - b'A') * 26 + u16::from(b - b'A'),
    ))
}

/// The postcode a sector key and unit stand for.
pub(super) fn unpack(sector: u32, unit: u16) -> String {
    let mut packed = sector / 10;
    let mut outward = [0u8; 4];
    for slot in outward.iter_mut().rev() {
        let digit = (packed % 37) as u8;
        packed /= 37;
        *slot = match digit {
            0 => 0,
            1..=10 => b'0' + digit - 1,
            _ => b'A' + digit - 11,
        };
    }
    let mut text: String = outward
        .iter()
        .filter(|&&c| c != 0)
        .map(|&c| char::from(c))
        .collect();
    text.push(' ');
    text.push(char::from(b'0' + (sector % 10) as u8));
    text.push(char::from(b'A' + (unit / 26) as u8));
    text.push(char::from(b'A' + (unit % 26) as u8));
    text
}

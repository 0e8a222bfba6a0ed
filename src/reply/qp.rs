//! Quoted-printable encoding (RFC 2045 §6.7) for the reply's text parts.
//!
//! lettre encodes through the `quoted_printable` crate, which spent a third
//! of the pipeline's instructions on a reply's ~35 KB of text (measured with
//! callgrind, see the README). This encoder does one pass over the bytes
//! with no per-byte allocation, and its output goes to lettre as a
//! pre-encoded body. It writes CRLF line ends, soft line breaks before 76
//! characters, encodes `=`, controls, non-ASCII bytes and whitespace before
//! a line end, and the `F` of a line starting "From " (so mbox tools do not
//! mangle it). Pure: no I/O.

const HEX: &[u8; 16] = b"0123456789ABCDEF";
/// Longest encoded line, soft break `=` included (RFC 2045: 76).
const MAX_LINE: usize = 76;

/// Encode UTF-8 text whose lines end in `\n` (or `\r\n`).
pub(super) fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        encode_line(line.strip_suffix('\r').unwrap_or(line).as_bytes(), &mut out);
    }
    out
}

fn encode_line(line: &[u8], out: &mut Vec<u8>) {
    let n = line.len();
    let mut width = 0;
    let mut i = 0;
    while i < n {
        // A run of bytes written as they are (most of a letter is one),
        // copied in chunks that fit the line.
        let mut end = i;
        if !(i == 0 && line.starts_with(b"From ")) {
            end = literal_end(line, i);
            // A space or tab may not end a line (RFC 2045 rule 3).
            if end == n && end > i && matches!(line[end - 1], b' ' | b'\t') {
                end -= 1;
            }
        }
        while i < end {
            // Leave room for a soft break's "=", unless the chunk ends the line.
            let fits_to_end = end == n && end - i <= MAX_LINE - width;
            let take = if fits_to_end {
                end - i
            } else {
                (end - i).min(MAX_LINE - 1 - width)
            };
            out.extend_from_slice(&line[i..i + take]);
            width += take;
            i += take;
            if i < n && width >= MAX_LINE - 1 {
                out.extend_from_slice(b"=\r\n");
                width = 0;
            }
        }
        if i < n {
            let b = line[i];
            let limit = if i + 1 == n { MAX_LINE } else { MAX_LINE - 1 };
            if width + 3 > limit {
                out.extend_from_slice(b"=\r\n");
                width = 0;
            }
            out.extend_from_slice(&[b'=', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]);
            width += 3;
            i += 1;
        }
    }
}

/// The end of the run of literal bytes from `start`: eight bytes at a
/// time while none of them may need encoding, then byte by byte.
fn literal_end(line: &[u8], start: usize) -> usize {
    let mut i = start;
    loop {
        while let Some(chunk) = line.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if may_need_encoding(word) {
                break;
            }
            i += 8;
        }
        // A flagged word may hold only tabs, which are literal: go on past it.
        let stop = (i + 8).min(line.len());
        while i < stop {
            if !LITERAL[usize::from(line[i])] {
                return i;
            }
            i += 1;
        }
        if i == line.len() {
            return i;
        }
    }
}

/// Whether any of the eight bytes in `word` may need encoding: non-ASCII,
/// a control (a tab too, which the byte check lets through), DEL or `=`.
/// Never false when one does; the bit tricks are the "has zero byte" and
/// "has byte less than n" of Anderson's Bit Twiddling Hacks.
fn may_need_encoding(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let non_ascii = word & HIGH;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let delete = has_zero(word ^ (ONES * 0x7F));
    let equals = has_zero(word ^ (ONES * u64::from(b'=')));
    non_ascii | control | delete | equals != 0
}

/// Bytes written as themselves: printable ASCII but `=`, and space and
/// tab (which [`encode_line`] encodes at a line end).
static LITERAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 32;
    while b < 127 {
        table[b] = b != b'=' as usize;
        b += 1;
    }
    table[b'\t' as usize] = true;
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Decode with mail-parser, the decoder postbag trusts for reading.
    fn decode(encoded: &[u8]) -> String {
        let mut raw = b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".to_vec();
        raw.extend_from_slice(encoded);
        let message = mail_parser::MessageParser::default()
            .parse(&raw)
            .expect("parses");
        message
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    #[test]
    fn encodes_what_must_be_encoded() {
        let encoded = String::from_utf8(encode("a=b £ \nFrom here\nend\t")).expect("ascii");
        assert_eq!(encoded, "a=3Db =C2=A3=20\r\n=46rom here\r\nend=09");
    }

    #[test]
    fn long_lines_get_soft_breaks_within_76() {
        let encoded = encode(&"é".repeat(100));
        let text = String::from_utf8(encoded.clone()).expect("ascii");
        assert!(text.lines().all(|l| l.len() <= MAX_LINE), "{text}");
        assert_eq!(decode(&encoded), "é".repeat(100));
    }

    proptest! {
        /// Every ASCII byte class, at every offset of the eight-byte scan.
        #[test]
        fn ascii_controls_and_delete_are_encoded(text in "[\u{1}-\u{7f}]{0,120}") {
            let encoded = encode(&text);
            for line in encoded.split(|&b| b == b'\n') {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                let printable = |b: &u8| (b' '..=b'~').contains(b) || *b == b'\t';
                prop_assert!(line.iter().all(printable), "{:?}", line);
            }
            let want = text.replace("\r\n", "\n");
            let got = decode(&encoded).replace("\r\n", "\n");
            prop_assert_eq!(got.trim_end_matches(['\r', '\n']), want.trim_end_matches(['\r', '\n']));
        }

        #[test]
        fn round_trips_through_mail_parser(text in "[ -~\u{a0}-\u{17f}£’\t\n=]{0,400}") {
            let encoded = encode(&text);
            prop_assert!(encoded.is_ascii());
            for line in encoded.split(|&b| b == b'\n') {
                prop_assert!(line.len() <= MAX_LINE + 1, "line too long");
            }
            // mail-parser drops a final line break; compare without it.
            let want = text.replace('\n', "\r\n");
            let got = decode(&encoded);
            prop_assert_eq!(got.trim_end_matches(['\r', '\n']), want.trim_end_matches(['\r', '\n']));
        }
    }
}

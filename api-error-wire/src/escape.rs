/// Whether serde_json escapes this byte of a string.
#[inline]
#[must_use]
pub fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Whether any byte of `bytes` needs escaping, eight bytes at a time (four
/// for a string shorter than eight), the last word overlapping the one
/// before it rather than a loop over the bytes left.
#[inline]
fn any_needs_escape(bytes: &[u8]) -> bool {
    /// Bytes of `word` that are zero have their high bit set in the result
    /// (and only those, as no byte below borrows from a zero byte's
    /// neighbour before the first zero byte).
    #[inline(always)]
    const fn zeros(word: u64, ones: u64) -> u64 {
        word.wrapping_sub(ones) & !word & (ones << 7)
    }
    /// The bytes of `word` that need escaping, as their high bits.
    #[inline(always)]
    const fn escapes(word: u64, ones: u64) -> u64 {
        // A control byte is below 0x20: its top three bits are zero.
        zeros(word & (ones * 0xe0), ones)
            | zeros(word ^ (ones * b'"' as u64), ones)
            | zeros(word ^ (ones * b'\\' as u64), ones)
    }
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const ONES_32: u64 = 0x0101_0101;
    let word = |at: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_ne_bytes(word)
    };
    let half = |at: usize| {
        let mut word = [0; 4];
        word.copy_from_slice(&bytes[at..at + 4]);
        u64::from(u32::from_ne_bytes(word))
    };
    match bytes.len() {
        0 => false,
        len @ 1..=3 => bytes[..len].iter().any(|&byte| needs_escape(byte)),
        len @ 4..=7 => escapes(half(0), ONES_32) | escapes(half(len - 4), ONES_32) != 0,
        len => {
            let mut found = 0;
            let mut at = 0;
            while at + 8 <= len {
                found |= escapes(word(at), ONES);
                at += 8;
            }
            if at < len {
                found |= escapes(word(len - 8), ONES);
            }
            found != 0
        }
    }
}

/// The contents of `s` as a JSON string, without the quotes, escaped exactly
/// as serde_json escapes them, in as few pieces as it can.
#[inline]
pub fn escape(s: &str, out: &mut impl FnMut(&[u8])) {
    let bytes = s.as_bytes();
    if !any_needs_escape(bytes) {
        out(bytes);
        return;
    }
    escape_slow(bytes, out);
}

/// The escaping itself, for a string that needs it.
fn escape_slow(bytes: &[u8], out: &mut impl FnMut(&[u8])) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if !needs_escape(byte) {
            continue;
        }
        out(&bytes[start..i]);
        start = i + 1;
        match byte {
            b'"' => out(b"\\\""),
            b'\\' => out(b"\\\\"),
            b'\n' => out(b"\\n"),
            b'\r' => out(b"\\r"),
            b'\t' => out(b"\\t"),
            0x08 => out(b"\\b"),
            0x0c => out(b"\\f"),
            _ => out(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]),
        }
    }
    out(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::{any_needs_escape, escape, needs_escape};

    #[test]
    fn the_word_scan_agrees_with_the_byte_scan() {
        for byte in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[at] = byte;
                assert_eq!(
                    any_needs_escape(&bytes),
                    needs_escape(byte),
                    "{byte} at {at}"
                );
                // A zero byte next to the interesting one must not hide it.
                if at > 0 {
                    bytes[at - 1] = 0;
                    assert!(any_needs_escape(&bytes));
                }
            }
        }
    }

    #[test]
    fn the_word_scan_sees_every_place_of_every_length() {
        for len in 0..24 {
            assert!(!any_needs_escape(&vec![b'a'; len]), "{len}");
            for at in 0..len {
                for byte in [0, 0x1f, b'"', b'\\', b' ', 0x7f, 0x80, 0xff] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    assert_eq!(
                        any_needs_escape(&bytes),
                        needs_escape(byte),
                        "{byte} at {at} of {len}"
                    );
                }
            }
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0..=0x7f_u8)
            .map(char::from)
            .chain(['é', '\u{2028}', '🦀'])
            .collect();
        let mut out = b"\"".to_vec();
        escape(&all, &mut |bytes| out.extend_from_slice(bytes));
        out.push(b'"');
        assert_eq!(out, serde_json::to_vec(&all).unwrap());
    }
}

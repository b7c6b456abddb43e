/// Whether serde_json escapes this byte of a string.
#[inline]
#[must_use]
pub fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The contents of `s` as a JSON string, without the quotes, escaped exactly
/// as serde_json escapes them, in as few pieces as it can.
#[inline]
pub fn escape(s: &str, out: &mut impl FnMut(&[u8])) {
    let bytes = s.as_bytes();
    // No early exit, so the common case of nothing to escape is one pass.
    if !bytes.iter().fold(false, |any, &b| any | needs_escape(b)) {
        out(bytes);
        return;
    }
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
    use super::escape;

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

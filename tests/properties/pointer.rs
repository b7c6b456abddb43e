//! A field error's pointer in a problem body is the field's JSON Pointer
//! (RFC 6901) in a URI fragment: percent-decoded, it is exactly
//! [`FieldPath::json_pointer`], and every byte of it may stand in a fragment.

use api_error::request::PathSegment;
use api_error::{FieldError, FieldPath};
use proptest::prelude::*;

/// Keys rich in the bytes a pointer escapes (`~`, `/`), those a fragment
/// percent-encodes, and those the path notation quotes (`.`, `[`, `"`).
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_-]{1,8}",
        "[a-z~/%. \\[\\]\"#?\\\\]{0,8}",
        any::<String>(),
        Just("~01/~10".to_owned()),
    ]
}

fn path() -> impl Strategy<Value = FieldPath> {
    prop::collection::vec(
        prop_oneof![
            3 => key().prop_map(PathSegment::Key),
            1 => (0..1000usize).prop_map(PathSegment::Index),
        ],
        0..5,
    )
    .prop_map(|segments| {
        let mut path = FieldPath::root();
        for segment in segments {
            path.push(segment);
        }
        path
    })
}

/// Decodes `%XX` escapes; `None` for a malformed one.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = std::str::from_utf8(bytes.get(at + 1..at + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// RFC 3986's `fragment`: `pchar / "/" / "?"`, with `%` only in escapes.
fn is_fragment_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%".contains(&byte)
}

proptest! {
    #![proptest_config(crate::config())]

    #[test]
    fn pointer_is_the_paths_json_pointer_in_a_fragment(path in path()) {
        let pointer = FieldError::new(path.to_string(), "Invalid").pointer();
        prop_assert!(pointer.starts_with('#'), "{pointer}");
        prop_assert!(
            pointer[1..].bytes().all(is_fragment_byte),
            "{pointer} has a byte a fragment may not hold"
        );
        prop_assert_eq!(percent_decode(&pointer[1..]), Some(path.json_pointer()));
    }
}

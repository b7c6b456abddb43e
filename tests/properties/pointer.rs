//! A field error's pointer in a problem body is the field's JSON Pointer
//! (RFC 6901) in a URI fragment: every byte of it may stand in a fragment,
//! and percent-decoded, serde_json's own pointer resolution finds with it
//! the value at the path in a document built along the path. RFC 6901's own
//! examples are checked as the RFC writes them.

use api_error::request::PathSegment;
use api_error::{FieldError, FieldPath};
use proptest::prelude::*;
use serde_json::{json, Value};

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

/// A document in which `path` leads to `marker`: an object for each key, an
/// array long enough for each index, built from the last segment back.
fn document_along(path: &[PathSegment], marker: Value) -> Value {
    path.iter()
        .rev()
        .fold(marker, |inner, segment| match segment {
            PathSegment::Key(key) => {
                let mut object = serde_json::Map::new();
                object.insert(key.clone(), inner);
                Value::Object(object)
            }
            PathSegment::Index(index) => {
                let mut array = vec![Value::Null; *index];
                array.push(inner);
                Value::Array(array)
            }
        })
}

/// RFC 6901, sections 5 and 6: the document, and each value's pointer as a
/// URI fragment, as the RFC writes them.
#[test]
fn the_rfcs_examples_as_the_rfc_writes_them() {
    let document = json!({
        "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3,
        "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8
    });
    let examples: [(&[PathSegment], &str, Value); 12] = [
        (&[], "#", document.clone()),
        (
            &[PathSegment::Key("foo".into())],
            "#/foo",
            json!(["bar", "baz"]),
        ),
        (
            &[PathSegment::Key("foo".into()), PathSegment::Index(0)],
            "#/foo/0",
            json!("bar"),
        ),
        (&[PathSegment::Key(String::new())], "#/", json!(0)),
        (&[PathSegment::Key("a/b".into())], "#/a~1b", json!(1)),
        (&[PathSegment::Key("c%d".into())], "#/c%25d", json!(2)),
        (&[PathSegment::Key("e^f".into())], "#/e%5Ef", json!(3)),
        (&[PathSegment::Key("g|h".into())], "#/g%7Ch", json!(4)),
        (&[PathSegment::Key("i\\j".into())], "#/i%5Cj", json!(5)),
        (&[PathSegment::Key("k\"l".into())], "#/k%22l", json!(6)),
        (&[PathSegment::Key(" ".into())], "#/%20", json!(7)),
        (&[PathSegment::Key("m~n".into())], "#/m~0n", json!(8)),
    ];
    for (segments, fragment, value) in examples {
        let mut path = FieldPath::root();
        for segment in segments {
            path.push(segment.clone());
        }
        let pointer = FieldError::new(path.to_string(), "Invalid").pointer();
        assert_eq!(pointer, fragment, "{path}");
        assert_eq!(
            document.pointer(&path.json_pointer()),
            Some(&value),
            "{path}"
        );
    }
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
        let decoded = percent_decode(&pointer[1..]);
        prop_assert!(decoded.is_some(), "{pointer} does not percent-decode");
        let segments: Vec<PathSegment> = path.segments().to_vec();
        let marker = json!({"marker": pointer.clone()});
        let document = document_along(&segments, marker.clone());
        prop_assert_eq!(document.pointer(&decoded.unwrap()), Some(&marker), "{}", path);
        prop_assert_eq!(document.pointer(&path.json_pointer()), Some(&marker), "{}", path);
    }

    /// A bracketed key is read as JSON reads the string inside: whatever
    /// the escapes (every character as `\u`, surrogate pairs, `\/`), and a
    /// string JSON refuses is no key.
    #[test]
    fn bracketed_keys_read_as_json_strings(key in any::<String>(), garbage in "[\"\\\\a-z0-9u/\\x00-\\x1f\u{e9}\u{1F980}]{0,12}") {
        let escaped_everything: String = key
            .encode_utf16()
            .map(|unit| format!("\\u{unit:04x}"))
            .collect();
        for inside in [serde_json::to_string(&key).unwrap(), format!("\"{escaped_everything}\""), format!("\"{garbage}\"")] {
            let json = serde_json::from_str::<String>(&inside).ok();
            let parsed = FieldPath::parse(&format!("[{inside}]"));
            match json {
                Some(json) => {
                    let mut expected = FieldPath::root();
                    expected.push(PathSegment::Key(json.clone()));
                    prop_assert_eq!(parsed.as_ref(), Some(&expected), "{}", inside);
                    // The pointer writes the decoded key.
                    let pointer = FieldError::new(format!("[{inside}]"), "Invalid").pointer();
                    let document = json!({ json: true });
                    prop_assert_eq!(document.pointer(&percent_decode(&pointer[1..]).unwrap()), Some(&json!(true)), "{}", pointer);
                }
                None => prop_assert!(parsed.is_none(), "{} read as {:?}", inside, parsed),
            }
        }
    }
}

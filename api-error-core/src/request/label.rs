//! How a message names a member: `check_in` and `checkIn` read "Check in".

use super::{FieldPath, PathSegment, MAX_QUOTED_LEN};
use crate::field_path::bounded;

/// How a message names the value at `path`: its innermost member in words,
/// capitalized, with the indices that follow it (`Items[2]`, `Line items[0]`);
/// `Request body` for the body itself.
pub(crate) fn label(path: &FieldPath) -> String {
    let segments = path.segments();
    let Some(start) = segments
        .iter()
        .rposition(|segment| matches!(segment, PathSegment::Key(_)))
    else {
        return match segments {
            [] => "Request body".to_owned(),
            indices => format!("Request body{}", FieldPath::root_with(indices)),
        };
    };
    let PathSegment::Key(key) = &segments[start] else {
        unreachable!("rposition found a key")
    };
    let mut label = words(key);
    if start + 1 < segments.len() {
        label.push_str(&FieldPath::root_with(&segments[start + 1..]).to_string());
    }
    bounded(label, MAX_QUOTED_LEN)
}

/// A member's name as words of a sentence's subject: split at `_`, `-`,
/// spaces and camelCase humps, lower-cased but for acronyms (`userID` reads
/// "User ID"), the first letter capitalized.
///
/// Only the separators are dropped: a name made of nothing else is written
/// as it is, and every other character (digits, punctuation, any script)
/// stays where it was.
pub(crate) fn words(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for word in split(key) {
        if !out.is_empty() {
            out.push(' ');
        }
        if is_acronym(word) {
            out.push_str(word);
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    if out.is_empty() {
        return capitalized(key);
    }
    capitalized(&out)
}

/// Whether `word` is written in capitals (`ID`, `URL`), with perhaps a
/// plural `s` (`IDs`).
fn is_acronym(word: &str) -> bool {
    let stem = match word.strip_suffix('s') {
        Some(stem) if stem.ends_with(char::is_uppercase) => stem,
        _ => word,
    };
    stem.chars().filter(|c| c.is_alphabetic()).count() > 1 && !stem.chars().any(char::is_lowercase)
}

/// `text` with its first character in upper case.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The words of a name, as slices of it.
fn split(key: &str) -> Vec<&str> {
    let is_separator = |c: char| c == '_' || c == '-' || c.is_whitespace();
    let mut words = Vec::new();
    for part in key.split(is_separator).filter(|part| !part.is_empty()) {
        let chars: Vec<(usize, char)> = part.char_indices().collect();
        let mut start = 0;
        for i in 1..chars.len() {
            let (at, c) = chars[i];
            let previous = chars[i - 1].1;
            let next = chars.get(i + 1).map(|&(_, c)| c);
            // A hump (`checkIn`, `address2Line`), or the last capital of an
            // acronym that starts the next word (`HTTPServer`, but `roomIDs`).
            let hump = c.is_uppercase() && (previous.is_lowercase() || previous.is_numeric());
            let plural =
                next == Some('s') && !chars.get(i + 2).is_some_and(|&(_, c)| c.is_lowercase());
            let acronym_end = c.is_uppercase()
                && previous.is_uppercase()
                && next.is_some_and(char::is_lowercase)
                && !plural;
            if hump || acronym_end {
                words.push(&part[start..at]);
                start = at;
            }
        }
        words.push(&part[start..]);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_words(cases: &[(&str, &str)]) {
        for (key, expected) in cases {
            assert_eq!(words(key), *expected, "{key}");
        }
    }

    #[test]
    fn members_read_as_words() {
        assert_words(&[
            ("email", "Email"),
            ("check_in", "Check in"),
            ("checkIn", "Check in"),
            ("CheckIn", "Check in"),
            ("room_id", "Room id"),
            ("roomId", "Room id"),
            ("check-in", "Check in"),
            ("check in", "Check in"),
            ("number_of_guests", "Number of guests"),
            ("numberOfGuests", "Number of guests"),
            ("Email", "Email"),
            ("EMAIL", "EMAIL"),
        ]);
    }

    #[test]
    fn separators_at_the_edges_or_doubled_are_one_space_or_none() {
        assert_words(&[
            ("_id", "Id"),
            ("__private", "Private"),
            ("trailing_", "Trailing"),
            ("check__in", "Check in"),
            ("_check__in_", "Check in"),
            ("check_-_in", "Check in"),
        ]);
    }

    #[test]
    fn a_name_of_separators_only_is_kept_whole() {
        for key in ["_", "__", "-", "_-_"] {
            assert_eq!(words(key), key);
        }
        assert_eq!(words(""), "");
    }

    #[test]
    fn digits_stay_in_their_word() {
        assert_words(&[
            ("address2", "Address2"),
            ("line_1", "Line 1"),
            ("address2Line", "Address2 line"),
            ("2fa_code", "2fa code"),
            ("v2", "V2"),
            ("123", "123"),
        ]);
    }

    #[test]
    fn acronyms_keep_their_capitals() {
        assert_words(&[
            ("userID", "User ID"),
            ("user_ID", "User ID"),
            ("ID", "ID"),
            ("id", "Id"),
            ("HTTPServer", "HTTP server"),
            ("XMLHttpRequest", "XML http request"),
            ("roomIDs", "Room IDs"),
            ("apiURL", "Api URL"),
        ]);
    }

    #[test]
    fn other_scripts_and_punctuation_are_never_dropped() {
        assert_words(&[
            ("prénom", "Prénom"),
            ("prénomÉtranger", "Prénom étranger"),
            ("日付", "日付"),
            ("チェック_イン", "チェック イン"),
            ("straße", "Straße"),
            ("ßig", "SSig"),
            ("a.b", "A.b"),
            ("$ref", "$ref"),
            ("🏨_room", "🏨 room"),
        ]);
    }

    #[test]
    fn no_character_but_a_separator_is_lost() {
        let samples = [
            "check_in",
            "checkIn",
            "userID",
            "HTTPServer",
            "prénom",
            "日付",
            "a.b",
            "x_-_y",
            "İstanbulCity",
            "ǅemal",
            "Ωmega",
            "𝔘nicode",
            "a\u{301}b",
        ];
        let kept = |s: &str| -> String {
            s.chars()
                .filter(|c| !(*c == '_' || *c == '-' || c.is_whitespace()))
                .flat_map(char::to_lowercase)
                .collect()
        };
        for key in samples {
            let out = words(key);
            assert_eq!(kept(&out), kept(key), "{key} -> {out}");
        }
    }

    #[test]
    fn never_panics() {
        let odd = [
            "\u{0}",
            "\u{10FFFF}",
            "a\u{200B}b",
            "\u{FEFF}x",
            "ÀÉÎ",
            "ﬁ_ﬂ",
            "ʼn",
            "\u{130}",
            "A",
            "a",
            "aB",
            "Ab",
            "AB",
            "aBC",
            "ABc",
            "1A",
            "A1",
            "é\u{301}",
        ];
        for key in odd {
            let _ = words(key);
        }
        let long = "aB_".repeat(10_000);
        assert!(words(&long).starts_with("A b a b"));
    }

    #[test]
    fn labels_keep_their_indices() {
        let path = |text: &str| FieldPath::parse(text).unwrap();
        assert_eq!(label(&path("items[2]")), "Items[2]");
        assert_eq!(label(&path("line_items[0]")), "Line items[0]");
        assert_eq!(label(&path("stay.check_in")), "Check in");
        assert_eq!(label(&path("rooms[1].roomId")), "Room id");
        assert_eq!(label(&path("email")), "Email");
        assert_eq!(label(&FieldPath::root()), "Request body");
        assert_eq!(label(&FieldPath::root().index(3)), "Request body[3]");
    }

    #[test]
    fn labels_are_bounded() {
        let key = "a_".repeat(MAX_QUOTED_LEN);
        let out = label(&FieldPath::root().key(key));
        assert!(out.len() <= MAX_QUOTED_LEN, "{}", out.len());
    }
}

//! Where in a request a value is: the one field notation of every error the
//! crate builds from a request.

use std::fmt::{self, Write as _};

/// The longest field path an error body carries, in bytes; a longer path (a
/// hostile key, a deep nesting) is cut and ends with `…`.
pub const MAX_FIELD_LEN: usize = 256;

/// Where in the request an error's [`field`](crate::ApiError::field) is:
/// the body, the query string or a header. JSON:API writes it as the
/// error's `source`: `pointer` (a JSON Pointer into the body),
/// `parameter` or `header`; the other formats name the field alike
/// wherever it is.
///
/// Set on a variant with `#[api(location = "query")]` (or `"header"`,
/// `"body"`, the default):
///
/// ```
/// use api_error::{ApiError, FieldLocation, Format};
///
/// #[derive(Debug, ApiError)]
/// enum SearchError {
///     #[api(status = 400, code = "invalid_sort", message = "Cannot sort by {field}",
///           location = "query")]
///     InvalidSort {
///         #[api(field)]
///         field: String,
///     },
/// }
///
/// let error = SearchError::InvalidSort { field: "sort".into() };
/// assert_eq!(error.field_location(), FieldLocation::Query);
/// assert_eq!(
///     error.to_json(Format::JsonApi),
///     r#"{"errors":[{"status":"400","code":"invalid_sort","title":"Bad Request","detail":"Cannot sort by sort","source":{"parameter":"sort"}}]}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldLocation {
    /// A member of the body, by its path.
    #[default]
    Body,
    /// A query parameter, by its name.
    Query,
    /// A request header, by its name.
    Header,
}

/// The path of a value inside a request body or query, as the deserializer
/// walked it: `email`, `address.zip`, `items[2].sku`.
///
/// Members are joined with `.`, array items are `[index]`. A member whose
/// name is empty or holds `.`, `[`, `]`, `"`, `\`, whitespace or a control
/// character is written as a JSON string in brackets: `labels["a.b"]`. The
/// notation reads back with [`FieldPath::parse`].
///
/// ```
/// use api_error::FieldPath;
///
/// let path = FieldPath::root().key("items").index(2).key("sku");
/// assert_eq!(path.to_string(), "items[2].sku");
/// assert_eq!(FieldPath::parse("items[2].sku"), Some(path));
///
/// let odd = FieldPath::root().key("labels").key("a.b");
/// assert_eq!(odd.to_string(), r#"labels["a.b"]"#);
/// assert_eq!(FieldPath::parse(r#"labels["a.b"]"#), Some(odd));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldPath {
    segments: Vec<PathSegment>,
}

/// One step of a [`FieldPath`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A member of an object.
    Key(String),
    /// An item of an array.
    Index(usize),
}

impl FieldPath {
    /// The path of the whole body.
    #[must_use]
    pub const fn root() -> Self {
        FieldPath {
            segments: Vec::new(),
        }
    }

    /// A path of these steps.
    pub(crate) fn root_with(segments: &[PathSegment]) -> Self {
        FieldPath {
            segments: segments.to_vec(),
        }
    }

    /// This path, then the member `key`.
    #[must_use]
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.segments.push(PathSegment::Key(key.into()));
        self
    }

    /// This path, then the array item `index`.
    #[must_use]
    pub fn index(mut self, index: usize) -> Self {
        self.segments.push(PathSegment::Index(index));
        self
    }

    /// Adds a step at the end.
    pub fn push(&mut self, segment: PathSegment) {
        self.segments.push(segment);
    }

    /// The steps, outermost first.
    #[must_use]
    pub fn segments(&self) -> &[PathSegment] {
        &self.segments
    }

    /// Whether this is the path of the whole body.
    #[must_use]
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// The path without its last step; the root's parent is the root.
    #[must_use]
    pub fn parent(&self) -> FieldPath {
        let mut segments = self.segments.clone();
        segments.pop();
        FieldPath { segments }
    }

    /// The name of the innermost member on the path, if any: `sku` for
    /// `items[2].sku`, `items` for `items[2]`.
    #[must_use]
    pub fn last_key(&self) -> Option<&str> {
        self.segments
            .iter()
            .rev()
            .find_map(|segment| match segment {
                PathSegment::Key(key) => Some(key.as_str()),
                PathSegment::Index(_) => None,
            })
    }

    /// The path as a JSON Pointer (RFC 6901): `/items/2/sku`, with `~` and
    /// `/` in member names escaped as `~0` and `~1`. The root is the empty
    /// pointer.
    ///
    /// ```
    /// use api_error::FieldPath;
    ///
    /// let path = FieldPath::root().key("a/b").key("m~n").index(0);
    /// assert_eq!(path.json_pointer(), "/a~1b/m~0n/0");
    /// ```
    #[must_use]
    pub fn json_pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            out.push('/');
            match segment {
                PathSegment::Key(key) => {
                    for c in key.chars() {
                        match c {
                            '~' => out.push_str("~0"),
                            '/' => out.push_str("~1"),
                            c => out.push(c),
                        }
                    }
                }
                PathSegment::Index(index) => {
                    let _ = write!(out, "{index}");
                }
            }
        }
        out
    }

    /// Reads the notation [`Display`](fmt::Display) writes. The empty string
    /// is the root.
    #[must_use]
    pub fn parse(text: &str) -> Option<FieldPath> {
        let mut path = FieldPath::root();
        steps(text, |step| {
            path.segments.push(match step {
                Step::Key(key) => PathSegment::Key(key.decoded()),
                Step::Index(index) => PathSegment::Index(index),
            });
        })
        .then_some(path)
    }

    /// The notation, cut to `max_len` bytes at a character boundary, `…`
    /// included, when it is longer.
    #[must_use]
    pub fn to_bounded_string(&self, max_len: usize) -> String {
        bounded(self.to_string(), max_len)
    }
}

/// One step of a path in the notation, borrowed from its text.
pub(crate) enum Step<'a> {
    Key(Key<'a>),
    Index(usize),
}

/// A key as the notation writes it: as it stands, or as the inside of a
/// quoted JSON string whose escapes are checked but not yet decoded.
#[derive(Clone, Copy)]
pub(crate) enum Key<'a> {
    Plain(&'a str),
    Escaped(&'a str),
}

impl Key<'_> {
    /// The key's text.
    fn decoded(self) -> String {
        match self {
            Key::Plain(key) => key.to_owned(),
            Key::Escaped(_) => {
                let mut bytes = Vec::new();
                self.for_each_chunk(|chunk| bytes.extend_from_slice(chunk));
                // Escapes decode to whole characters of a checked string.
                String::from_utf8(bytes).unwrap_or_default()
            }
        }
    }

    /// Calls `each` with the key's bytes, a run at a time, its escapes
    /// decoded on the way: no allocation.
    pub(crate) fn for_each_chunk(self, mut each: impl FnMut(&[u8])) {
        let text = match self {
            Key::Plain(key) => return each(key.as_bytes()),
            Key::Escaped(text) => text,
        };
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut run = 0;
        while at < bytes.len() {
            if bytes[at] != b'\\' {
                at += 1;
                continue;
            }
            if run < at {
                each(&bytes[run..at]);
            }
            let (decoded, len) = unescape(&bytes[at..]).unwrap_or(('\u{fffd}', 2));
            let mut utf8 = [0; 4];
            each(decoded.encode_utf8(&mut utf8).as_bytes());
            at += len;
            run = at;
        }
        if run < bytes.len() {
            each(&bytes[run..]);
        }
    }
}

/// The character a JSON escape at the start of `bytes` stands for, and its
/// length; `None` for an escape JSON does not have, or a lone surrogate.
fn unescape(bytes: &[u8]) -> Option<(char, usize)> {
    let simple = match bytes.get(1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let hex = |at: usize| -> Option<u32> {
                let digits = std::str::from_utf8(bytes.get(at..at + 4)?).ok()?;
                if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                u32::from_str_radix(digits, 16).ok()
            };
            let first = hex(2)?;
            return match first {
                0xD800..=0xDBFF => {
                    if bytes.get(6..8)? != b"\\u" {
                        return None;
                    }
                    let second = hex(8)?;
                    if !(0xDC00..=0xDFFF).contains(&second) {
                        return None;
                    }
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    Some((char::from_u32(code)?, 12))
                }
                0xDC00..=0xDFFF => None,
                code => Some((char::from_u32(code)?, 6)),
            };
        }
        _ => return None,
    };
    Some((simple, 2))
}

/// The length of the inside of the JSON string that `quoted` starts (after
/// its opening quote), when it is one: no raw control character, every
/// escape one JSON has.
fn json_string_len(quoted: &str) -> Option<usize> {
    let bytes = quoted.as_bytes();
    let mut at = 0;
    loop {
        match *bytes.get(at)? {
            b'"' => return Some(at),
            b'\\' => at += unescape(&bytes[at..])?.1,
            byte if byte < 0x20 => return None,
            _ => at += 1,
        }
    }
}

/// Calls `each` with the steps of `text` in [`FieldPath`]'s notation, in
/// order; false, having stopped, when `text` is not in the notation. Only a
/// bracketed key with escapes allocates.
pub(crate) fn steps<'a>(text: &'a str, mut each: impl FnMut(Step<'a>)) -> bool {
    let mut rest = text;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix('[') {
            let Some((step, tail)) = parse_bracket(tail) else {
                return false;
            };
            each(step);
            rest = tail;
        } else {
            let tail = if first {
                rest
            } else if let Some(tail) = rest.strip_prefix('.') {
                tail
            } else {
                return false;
            };
            let end = tail.find(['.', '[']).unwrap_or(tail.len());
            let key = &tail[..end];
            if !is_bare(key) {
                return false;
            }
            each(Step::Key(Key::Plain(key)));
            rest = &tail[end..];
        }
        first = false;
    }
    true
}

/// `[0]` or `["key"]`, after the opening bracket.
fn parse_bracket(tail: &str) -> Option<(Step<'_>, &str)> {
    if let Some(quoted) = tail.strip_prefix('"') {
        let len = json_string_len(quoted)?;
        let inside = &quoted[..len];
        let tail = quoted[len + 1..].strip_prefix(']')?;
        let key = if inside.contains('\\') {
            Key::Escaped(inside)
        } else {
            Key::Plain(inside)
        };
        return Some((Step::Key(key), tail));
    }
    let end = tail.find(']')?;
    let digits = &tail[..end];
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return None;
    }
    Some((Step::Index(digits.parse().ok()?), &tail[end + 1..]))
}

/// Writes `field` as RFC 9457 names it in a problem's `errors`: a JSON
/// Pointer (RFC 6901) in a URI fragment. A field not in [`FieldPath`]'s
/// notation is one member name. Allocates nothing for fields of plain names
/// and indices.
pub(crate) fn write_pointer(field: &str, out: &mut impl FnMut(&[u8])) {
    write_prefixed(b"#/", field, true, out);
}

/// Writes `field` as a JSON Pointer (RFC 6901): percent-encoded for a URI
/// fragment when `fragment`, else as it stands (JSON:API's
/// `source.pointer`). Each piece written is whole characters.
pub(crate) fn write_json_pointer(field: &str, fragment: bool, out: &mut impl FnMut(&[u8])) {
    write_prefixed(b"/", field, fragment, out);
}

/// The pointer after `start`: its first `/`, after the fragment's `#`
/// when there is one.
#[inline]
fn write_prefixed(start: &[u8], field: &str, fragment: bool, out: &mut impl FnMut(&[u8])) {
    if is_plain_dotted(field) {
        // The common case, `email` or `address.zip`: each name stands for
        // itself in a pointer, and the dots become slashes.
        out(start);
        let mut run = 0;
        for (at, _) in field.bytes().enumerate().filter(|&(_, byte)| byte == b'.') {
            out(&field.as_bytes()[run..at]);
            out(b"/");
            run = at + 1;
        }
        out(&field.as_bytes()[run..]);
        return;
    }
    // `start` ends with the first step's `/`.
    out(&start[..start.len() - 1]);
    let mut step = |step: Step<'_>| {
        out(b"/");
        match step {
            // Runs of bytes that stand for themselves are written whole.
            Step::Key(key) => key.for_each_chunk(|bytes| {
                let mut run = 0;
                for (at, &byte) in bytes.iter().enumerate() {
                    if !matches!(byte, b'~' | b'/') && (!fragment || is_fragment_byte(byte)) {
                        continue;
                    }
                    if run < at {
                        out(&bytes[run..at]);
                    }
                    match byte {
                        b'~' => out(b"~0"),
                        b'/' => out(b"~1"),
                        byte => out(&[
                            b'%',
                            HEX[usize::from(byte >> 4)],
                            HEX[usize::from(byte & 0xf)],
                        ]),
                    }
                    run = at + 1;
                }
                if run < bytes.len() {
                    out(&bytes[run..]);
                }
            }),
            Step::Index(index) => {
                let mut digits = [0; 20];
                out(api_error_wire::decimal(index as u64, &mut digits));
            }
        }
    };
    if steps(field, |_| {}) {
        steps(field, &mut step);
    } else {
        step(Step::Key(Key::Plain(field)));
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether a byte stands for itself in a URI fragment (RFC 3986 `pchar`,
/// `/` and `?`).
fn is_fragment_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
                | b'?'
        )
}

/// The field a problem's `pointer` names: the path in [`FieldPath`]'s
/// notation, a segment of digits read as an array index; a pointer of one
/// segment is that member's name as it stands. `None` when `pointer` is not
/// a JSON Pointer in a URI fragment.
///
/// ```
/// use api_error::request::field_from_pointer;
///
/// assert_eq!(field_from_pointer("#/address/zip").as_deref(), Some("address.zip"));
/// assert_eq!(field_from_pointer("#/items/2/sku").as_deref(), Some("items[2].sku"));
/// assert_eq!(field_from_pointer("#/a~1b%20c").as_deref(), Some("a/b c"));
/// assert_eq!(field_from_pointer("#").as_deref(), Some(""));
/// assert_eq!(field_from_pointer("/no/fragment"), None);
/// ```
#[must_use]
pub fn field_from_pointer(pointer: &str) -> Option<String> {
    field_from_json_pointer(&percent_decode(pointer.strip_prefix('#')?)?)
}

/// `field` as RFC 9457 names it in a problem's `errors`: a JSON Pointer in a
/// URI fragment. Displayed without allocating.
pub(crate) struct FragmentPointer<'a>(pub(crate) &'a str);

impl fmt::Display for FragmentPointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut result = Ok(());
        write_pointer(self.0, &mut |bytes| {
            // Every byte written is ASCII.
            if result.is_ok() {
                result = f.write_str(std::str::from_utf8(bytes).unwrap_or_default());
            }
        });
        result
    }
}

/// `field` as a plain JSON Pointer (RFC 6901), as JSON:API's
/// `source.pointer` names it: the problem format's pointer, out of its URI
/// fragment. Displayed without allocating.
pub(crate) struct JsonPointer<'a>(pub(crate) &'a str);

impl fmt::Display for JsonPointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut result = Ok(());
        write_json_pointer(self.0, false, &mut |bytes| {
            // Each piece is whole characters of the field, or ASCII.
            if result.is_ok() {
                result = f.write_str(std::str::from_utf8(bytes).unwrap_or_default());
            }
        });
        result
    }
}

/// The field a plain JSON Pointer names, as [`field_from_pointer`] reads
/// one in a URI fragment. `None` when it is not a JSON Pointer.
pub(crate) fn field_from_json_pointer(decoded: &str) -> Option<String> {
    if decoded.is_empty() {
        return Some(String::new());
    }
    let unescape = |segment: &str| segment.replace("~1", "/").replace("~0", "~");
    let steps = decoded.strip_prefix('/')?;
    if !steps.contains('/') {
        return Some(unescape(steps));
    }
    // The path holds one step per segment, and no more: a pointer of many
    // empty segments (`/a////`) costs the heap once, not a growing copy.
    let count = steps.bytes().filter(|&byte| byte == b'/').count() + 1;
    let mut path = FieldPath {
        segments: Vec::with_capacity(count),
    };
    for segment in steps.split('/') {
        let name = unescape(segment);
        let index = (!name.is_empty()
            && name.bytes().all(|b| b.is_ascii_digit())
            && (name == "0" || !name.starts_with('0')))
        .then(|| name.parse::<usize>().ok())
        .flatten();
        path.push(match index {
            Some(index) => PathSegment::Index(index),
            None => PathSegment::Key(name),
        });
    }
    Some(path.to_string())
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a member name is written without brackets.
fn is_bare(key: &str) -> bool {
    let refused =
        |c: char| matches!(c, '.' | '[' | ']' | '"' | '\\') || c.is_whitespace() || c.is_control();
    // ASCII names, nearly all of them, are checked a byte at a time.
    !key.is_empty()
        && if key.is_ascii() {
            !key.bytes().any(|byte| refused(char::from(byte)))
        } else {
            !key.chars().any(refused)
        }
}

/// Whether `field` is names of letters, digits, `_` and `-` joined by
/// single dots: a path in the notation whose pointer is the field with its
/// dots made slashes.
pub(crate) fn is_plain_dotted(field: &str) -> bool {
    let mut after_dot = true;
    for byte in field.bytes() {
        match byte {
            b'.' if !after_dot => after_dot = true,
            b'_' | b'-' => after_dot = false,
            byte if byte.is_ascii_alphanumeric() => after_dot = false,
            _ => return false,
        }
    }
    !after_dot
}

/// `text` cut to `max_len` bytes at a character boundary, ending with `…`
/// when it was cut.
pub(crate) fn bounded(mut text: String, max_len: usize) -> String {
    const ELLIPSIS: &str = "…";
    if text.len() <= max_len {
        return text;
    }
    let mut end = max_len.saturating_sub(ELLIPSIS.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.push_str(ELLIPSIS);
    text
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                PathSegment::Index(index) => write!(f, "[{index}]")?,
                PathSegment::Key(key) if is_bare(key) => {
                    if i > 0 {
                        f.write_char('.')?;
                    }
                    f.write_str(key)?;
                }
                PathSegment::Key(key) => {
                    f.write_char('[')?;
                    let quoted = serde_json::to_string(key).map_err(|_| fmt::Error)?;
                    f.write_str(&quoted)?;
                    f.write_char(']')?;
                }
            }
        }
        Ok(())
    }
}

impl From<&serde_path_to_error::Path> for FieldPath {
    fn from(path: &serde_path_to_error::Path) -> Self {
        let mut out = FieldPath::root();
        for segment in path {
            match segment {
                serde_path_to_error::Segment::Seq { index } => out.push(PathSegment::Index(*index)),
                serde_path_to_error::Segment::Map { key } => {
                    out.push(PathSegment::Key(key.clone()));
                }
                serde_path_to_error::Segment::Enum { variant } => {
                    out.push(PathSegment::Key(variant.clone()));
                }
                // A map key that is not a string: nothing to name it by.
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notation() {
        let cases = [
            (FieldPath::root(), ""),
            (FieldPath::root().key("email"), "email"),
            (FieldPath::root().key("address").key("zip"), "address.zip"),
            (
                FieldPath::root().key("items").index(2).key("sku"),
                "items[2].sku",
            ),
            (FieldPath::root().index(0), "[0]"),
            (FieldPath::root().key(""), r#"[""]"#),
            (FieldPath::root().key("a b").key("c"), r#"["a b"].c"#),
            (FieldPath::root().key("x").key("q\"]"), r#"x["q\"]"]"#),
            (FieldPath::root().key("0"), "0"),
        ];
        for (path, text) in cases {
            assert_eq!(path.to_string(), text);
            assert_eq!(FieldPath::parse(text), Some(path), "{text}");
        }
    }

    #[test]
    fn parse_rejects_what_display_never_writes() {
        for text in [
            ".a", "a.", "a..b", "[01]", "[]", "[x]", "a[", r#"["a"#, "a b",
        ] {
            assert_eq!(FieldPath::parse(text), None, "{text}");
        }
    }

    #[test]
    fn bounded_cuts_at_a_char_boundary() {
        assert_eq!(bounded("abc".into(), 3), "abc");
        assert_eq!(bounded("abcdef".into(), 5), "ab…");
        let cut = bounded("ééééé".into(), 6);
        assert!(cut.len() <= 6 && cut.ends_with('…'), "{cut}");
    }
}

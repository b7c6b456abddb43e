//! One code, one meaning, across types: `assert_unique_codes!` and the
//! compile-time check it runs.
//!
//! Everything here is a `const fn`, so a clash stops the build; the message
//! is assembled in a fixed buffer because const code cannot format.

use super::{Entry, ErrorCatalog, JsonType, Variant};

const CAPACITY: usize = 1024;

/// The message of a clash, built at compile time.
#[doc(hidden)]
pub struct ClashMessage {
    buf: [u8; CAPACITY],
    len: usize,
    full: bool,
}

impl ClashMessage {
    const fn new() -> Self {
        ClashMessage {
            buf: [0; CAPACITY],
            len: 0,
            full: false,
        }
    }

    /// Appends `s` whole, or `...` once when it does not fit, so the buffer
    /// always holds valid UTF-8.
    const fn push(mut self, s: &str) -> Self {
        if self.full {
            return self;
        }
        let bytes = s.as_bytes();
        if self.len + bytes.len() + 3 > CAPACITY {
            self.full = true;
            return self.push_bytes(b"...");
        }
        self.push_bytes(bytes)
    }

    const fn push_bytes(mut self, bytes: &[u8]) -> Self {
        let mut i = 0;
        while i < bytes.len() && self.len < CAPACITY {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    const fn push_u16(self, n: u16) -> Self {
        let digits = [
            b'0' + (n / 10000 % 10) as u8,
            b'0' + (n / 1000 % 10) as u8,
            b'0' + (n / 100 % 10) as u8,
            b'0' + (n / 10 % 10) as u8,
            b'0' + (n % 10) as u8,
        ];
        let mut start = 0;
        while start < 4 && digits[start] == b'0' {
            start += 1;
        }
        let (_, significant) = digits.split_at(start);
        if self.full {
            return self;
        }
        self.push_bytes(significant)
    }

    const fn push_type(self, json_type: &JsonType) -> Self {
        match json_type {
            JsonType::String => self.push("string"),
            JsonType::Integer => self.push("integer"),
            JsonType::Number => self.push("number"),
            JsonType::Boolean => self.push("boolean"),
            JsonType::Null => self.push("null"),
            JsonType::Array(items) => self.push("array<").push_type(items).push(">"),
            JsonType::Object => self.push("object"),
            JsonType::Nullable(inner) => self.push_type(inner).push(" | null"),
            JsonType::Any => self.push("any"),
        }
    }

    /// `` `Listed` (Type::Variant) ``, or `` `Listed` (through
    /// Inner::Variant) `` when the entry comes from a wrapped type.
    const fn push_origin(self, listed: &str, entry: &Entry) -> Self {
        let through = if names_type(listed, entry.type_name) {
            ""
        } else {
            "through "
        };
        self.push("`")
            .push(listed)
            .push("` (")
            .push(through)
            .push(entry.type_name)
            .push("::")
            .push(entry.variant)
            .push(")")
    }

    /// The message.
    pub const fn as_str(&self) -> &str {
        let (written, _) = self.buf.split_at(self.len);
        match core::str::from_utf8(written) {
            Ok(message) => message,
            Err(_) => "two error types give one error code different meanings",
        }
    }
}

/// Whether the type as the caller wrote it (`app::AppError<u8>`) is the
/// type named `name`: its last path segment, without generics.
const fn names_type(written: &str, name: &str) -> bool {
    let bytes = written.as_bytes();
    let mut end = 0;
    while end < bytes.len() && bytes[end] != b'<' {
        end += 1;
    }
    while end > 0 && bytes[end - 1] == b' ' {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && bytes[start - 1] != b':' && bytes[start - 1] != b' ' {
        start -= 1;
    }
    let (_, tail) = bytes.split_at(start);
    let (segment, _) = tail.split_at(end - start);
    bytes_eq(segment, name.as_bytes())
}

const fn str_eq(a: &str, b: &str) -> bool {
    bytes_eq(a.as_bytes(), b.as_bytes())
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn type_eq(a: &JsonType, b: &JsonType) -> bool {
    match (a, b) {
        (JsonType::Array(a), JsonType::Array(b))
        | (JsonType::Nullable(a), JsonType::Nullable(b)) => type_eq(a, b),
        (JsonType::String, JsonType::String)
        | (JsonType::Integer, JsonType::Integer)
        | (JsonType::Number, JsonType::Number)
        | (JsonType::Boolean, JsonType::Boolean)
        | (JsonType::Null, JsonType::Null)
        | (JsonType::Object, JsonType::Object) => true,
        // Nothing is known of an `any` member, so it contradicts nothing.
        (JsonType::Any, _) | (_, JsonType::Any) => true,
        _ => false,
    }
}

/// The first clash among the errors of `types`, each named as the macro's
/// caller wrote it.
///
/// Two errors of one code clash when they come from different types and
/// differ in status, in `doc_url` (when both have one), or in the JSON type
/// of a member they both write. Variants of one type that share a code are
/// the derive's business (`share_code`), not this check's.
#[doc(hidden)]
pub const fn code_clash(types: &[(&str, &ErrorCatalog)]) -> Option<ClashMessage> {
    let mut i = 0;
    while i < types.len() {
        let mut j = i;
        while j < types.len() {
            let (listed_a, a) = types[i];
            let (listed_b, b) = types[j];
            if let Some(message) = walk_a(listed_a, a, listed_b, b) {
                return Some(message.push("; give one of them its own code"));
            }
            j += 1;
        }
        i += 1;
    }
    None
}

const fn walk_a(
    listed_a: &str,
    a: &ErrorCatalog,
    listed_b: &str,
    b: &ErrorCatalog,
) -> Option<ClashMessage> {
    let mut k = 0;
    while k < a.variants.len() {
        let found = match &a.variants[k] {
            Variant::Own(entry) => walk_b(listed_a, a, entry, listed_b, b),
            Variant::Transparent { inner, .. } => walk_a(listed_a, inner, listed_b, b),
        };
        if found.is_some() {
            return found;
        }
        k += 1;
    }
    None
}

const fn walk_b(
    listed_a: &str,
    owner: &ErrorCatalog,
    entry: &Entry,
    listed_b: &str,
    b: &ErrorCatalog,
) -> Option<ClashMessage> {
    let mut k = 0;
    while k < b.variants.len() {
        let found = match &b.variants[k] {
            Variant::Own(other) => {
                if !str_eq(owner.type_path(), b.type_path()) && str_eq(entry.code, other.code) {
                    compare(listed_a, entry, listed_b, other)
                } else {
                    None
                }
            }
            Variant::Transparent { inner, .. } => walk_b(listed_a, owner, entry, listed_b, inner),
        };
        if found.is_some() {
            return found;
        }
        k += 1;
    }
    None
}

const fn compare(listed_a: &str, a: &Entry, listed_b: &str, b: &Entry) -> Option<ClashMessage> {
    let head = ClashMessage::new()
        .push("error code \"")
        .push(a.code)
        .push("\" has two meanings: ");
    if a.status.as_u16() != b.status.as_u16() {
        return Some(
            head.push_origin(listed_a, a)
                .push(" answers it with status ")
                .push_u16(a.status.as_u16())
                .push(", ")
                .push_origin(listed_b, b)
                .push(" with status ")
                .push_u16(b.status.as_u16()),
        );
    }
    if let (Some(url_a), Some(url_b)) = (a.doc_url, b.doc_url) {
        if !str_eq(url_a, url_b) {
            return Some(
                head.push_origin(listed_a, a)
                    .push(" documents it at ")
                    .push(url_a)
                    .push(", ")
                    .push_origin(listed_b, b)
                    .push(" at ")
                    .push(url_b),
            );
        }
    }
    let mut i = 0;
    while i < a.extras.len() {
        let mut j = 0;
        while j < b.extras.len() {
            let (x, y) = (&a.extras[i], &b.extras[j]);
            if str_eq(x.name, y.name) && !type_eq(&x.json_type, &y.json_type) {
                return Some(
                    head.push("its member `")
                        .push(x.name)
                        .push("` is ")
                        .push_type(&x.json_type)
                        .push(" in ")
                        .push_origin(listed_a, a)
                        .push(", ")
                        .push_type(&y.json_type)
                        .push(" in ")
                        .push_origin(listed_b, b),
                );
            }
            j += 1;
        }
        i += 1;
    }
    None
}

/// Fails the build when some error types give one code different meanings.
///
/// A client keys its handling on the code, so across the types of one API a
/// code should always come with the same status, the same documentation
/// link and the same JSON types for the members it writes. List the types
/// (each a derived [`Catalog`](super::Catalog)); their `transparent` variants' types are
/// checked too. The check runs in a constant, so a clash is a compile error
/// naming the code and both types:
///
/// ```text
/// error[E0080]: evaluation panicked: error code "not_found" has two meanings:
///               `ClientsError` (ClientsError::NotFound) answers it with status 404,
///               `InvoicesError` (InvoicesError::Missing) with status 410;
///               give one of them its own code
/// ```
///
/// ```
/// use api_error::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum ClientsError {
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound,
/// }
///
/// #[derive(Debug, ApiError)]
/// enum InvoicesError {
///     #[api(status = 404, code = "not_found", message = "Invoice not found")]
///     NotFound,
///     #[api(status = 409, code = "conflict", message = "Invoice has already been sent")]
///     AlreadySent,
/// }
///
/// api_error::assert_unique_codes!(ClientsError, InvoicesError);
/// ```
///
/// ```compile_fail,E0080
/// use api_error::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum ClientsError {
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound,
/// }
///
/// #[derive(Debug, ApiError)]
/// enum InvoicesError {
///     #[api(status = 410, code = "not_found", message = "Invoice deleted")]
///     Deleted,
/// }
///
/// api_error::assert_unique_codes!(ClientsError, InvoicesError);
/// ```
///
/// Variants of one type that share a code are checked by the derive
/// (`share_code`); this macro compares types. Types are told apart by their
/// module path and name.
#[macro_export]
macro_rules! assert_unique_codes {
    ($($ty:ty),+ $(,)?) => {
        const _: () = {
            if let ::core::option::Option::Some(clash) = $crate::__private::code_clash(&[
                $((::core::stringify!($ty), <$ty as $crate::__private::Catalog>::CATALOG)),+
            ]) {
                ::core::panic!("{}", clash.as_str());
            }
        };
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Extra;
    use crate::Format;

    const fn catalog(
        name: &'static str,
        path: &'static str,
        variants: &'static [Variant],
    ) -> ErrorCatalog {
        ErrorCatalog::__new(name, path, Format::Envelope, "", variants)
    }

    const A: &ErrorCatalog = &catalog(
        "A",
        "m::A",
        &[
            Variant::Own(Entry::__new("A", "NotFound", 404, "not_found", "Not found")),
            Variant::Own(
                Entry::__new("A", "Bad", 422, "invalid_parameter", "Bad")
                    .__extras(&[Extra::__new("value", JsonType::Integer)]),
            ),
            Variant::Own(
                Entry::__new("A", "Doc", 409, "conflict", "Conflict")
                    .__doc_url("https://a.example/errors#conflict"),
            ),
        ],
    );
    const SAME: &ErrorCatalog = &catalog(
        "Same",
        "m::Same",
        &[
            Variant::Own(Entry::__new("Same", "Missing", 404, "not_found", "Missing")),
            Variant::Own(
                Entry::__new("Same", "Bad", 422, "invalid_parameter", "Bad")
                    .__extras(&[Extra::__new("value", JsonType::Any)]),
            ),
        ],
    );
    const GONE: &ErrorCatalog = &catalog(
        "Gone",
        "m::Gone",
        &[Variant::Own(Entry::__new(
            "Gone",
            "Gone",
            410,
            "not_found",
            "Gone",
        ))],
    );
    const WRAPS_GONE: &ErrorCatalog = &catalog(
        "App",
        "m::App",
        &[Variant::Transparent {
            variant: "Gone",
            description: "",
            inner: GONE,
        }],
    );
    const STRING_VALUE: &ErrorCatalog = &catalog(
        "S",
        "m::S",
        &[Variant::Own(
            Entry::__new("S", "Bad", 422, "invalid_parameter", "Bad")
                .__extras(&[Extra::__new("value", JsonType::Nullable(&JsonType::String))]),
        )],
    );
    const OTHER_DOC: &ErrorCatalog = &catalog(
        "D",
        "m::D",
        &[Variant::Own(
            Entry::__new("D", "Doc", 409, "conflict", "Conflict")
                .__doc_url("https://d.example/errors#conflict"),
        )],
    );

    fn clash(types: &[(&str, &ErrorCatalog)]) -> Option<String> {
        code_clash(types).map(|m| m.as_str().to_owned())
    }

    #[test]
    fn agreeing_types_pass() {
        assert_eq!(clash(&[("A", A), ("Same", SAME)]), None);
        assert_eq!(clash(&[("A", A), ("A", A)]), None);
        assert_eq!(clash(&[("Gone", GONE), ("App", WRAPS_GONE)]), None);
    }

    #[test]
    fn different_status() {
        assert_eq!(
            clash(&[("A", A), ("Gone", GONE)]).unwrap(),
            "error code \"not_found\" has two meanings: `A` (A::NotFound) answers it with status 404, `Gone` (Gone::Gone) with status 410; give one of them its own code",
        );
    }

    #[test]
    fn different_status_through_a_wrapped_type() {
        assert_eq!(
            clash(&[("A", A), ("app::App", WRAPS_GONE)]).unwrap(),
            "error code \"not_found\" has two meanings: `A` (A::NotFound) answers it with status 404, `app::App` (through Gone::Gone) with status 410; give one of them its own code",
        );
    }

    #[test]
    fn different_member_type() {
        assert_eq!(
            clash(&[("A", A), ("S", STRING_VALUE)]).unwrap(),
            "error code \"invalid_parameter\" has two meanings: its member `value` is integer in `A` (A::Bad), string | null in `S` (S::Bad); give one of them its own code",
        );
    }

    #[test]
    fn different_doc_url() {
        assert_eq!(
            clash(&[("A", A), ("D", OTHER_DOC)]).unwrap(),
            "error code \"conflict\" has two meanings: `A` (A::Doc) documents it at https://a.example/errors#conflict, `D` (D::Doc) at https://d.example/errors#conflict; give one of them its own code",
        );
    }

    #[test]
    fn written_types_name_their_type() {
        assert!(names_type("AppError", "AppError"));
        assert!(names_type("app::AppError", "AppError"));
        assert!(names_type("app :: AppError < u8 >", "AppError"));
        assert!(!names_type("app::AppError", "Error"));
        assert!(!names_type("AppError", "ClientsError"));
    }

    #[test]
    fn long_messages_are_cut_whole() {
        let long = "x".repeat(2000);
        let message = ClashMessage::new().push("start ").push(&long).push("end");
        assert_eq!(message.as_str(), "start ...");
        assert_eq!(ClashMessage::new().push_u16(0).as_str(), "0");
        assert_eq!(ClashMessage::new().push_u16(503).as_str(), "503");
    }
}

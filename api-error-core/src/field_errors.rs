use crate::field_path::{field_from_pointer, write_pointer, FragmentPointer};
use api_error_wire::{names, walk_item, Item, ItemSink, Layout};
use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// The most field errors a body lists. The rest are counted in the body's
/// `errors_omitted` member, so a report of thousands of errors still renders
/// a bounded body.
pub const MAX_FIELD_ERRORS: usize = 100;

/// One failed field of a request: an item of the body's `errors` list.
///
/// Serializes as `{"field":"email","message":"Invalid email format"}`, with a
/// `code` member only when one is set.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldError {
    /// The field that failed, as the client named it (`"email"`, `"items[2].qty"`).
    pub field: Cow<'static, str>,
    /// What is wrong with it, for a human.
    pub message: Cow<'static, str>,
    /// A machine-readable reason, when the API defines one.
    pub code: Option<Cow<'static, str>>,
    /// The rejected value, when the validator reported it: for the server's
    /// own use (a single-field error of its own, a log line). Never written
    /// in a body.
    pub value: Option<serde_json::Value>,
    /// The validation rule that failed, when a validator reported it:
    /// validator's code (`email`, `length`, a custom rule's), or the garde
    /// rule's outcome (`length_lower_than`, `required_not_set`). With the
    /// `fluent` feature, an attribute of the catalogs' `rules` message named
    /// after it translates the item's message. Never written in a body: the
    /// body's reason is [`code`](Self::code).
    pub rule: Option<Cow<'static, str>>,
    /// The rule's parameters, by name (`min`, `max`): the variables of the
    /// rule's translation, beside `field`. The rejected value is not one of
    /// them: a message never shows what the client sent.
    pub params: Vec<(Cow<'static, str>, serde_json::Value)>,
}

impl Serialize for FieldError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 2 + usize::from(self.code.is_some());
        let mut object = serializer.serialize_struct("FieldError", len)?;
        object.serialize_field(names::FIELD, &self.field)?;
        object.serialize_field(names::MESSAGE, &self.message)?;
        match &self.code {
            Some(code) => object.serialize_field(names::CODE, code)?,
            None => object.skip_field(names::CODE)?,
        }
        object.end()
    }
}

impl<'de> Deserialize<'de> for FieldError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = deserializer.deserialize_map(WireVisitor)?;
        FieldError::try_from(wire).map_err(de::Error::custom)
    }
}

/// A field error as a body writes it, in either shape.
#[derive(Default)]
struct WireFieldError {
    field: Option<Cow<'static, str>>,
    message: Option<Cow<'static, str>>,
    pointer: Option<String>,
    detail: Option<Cow<'static, str>>,
    code: Option<Cow<'static, str>>,
}

struct WireVisitor;

/// The members a field error reads, in either shape.
const WIRE_NAMES: [&str; 5] = [
    names::FIELD,
    names::MESSAGE,
    names::POINTER,
    names::DETAIL,
    names::CODE,
];

/// A member name of a field error, read without allocating: the index of
/// one of [`WIRE_NAMES`], or `None` for any other.
struct Key(Option<usize>);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl de::Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
                Ok(Key(WIRE_NAMES.iter().position(|known| *known == name)))
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

impl<'de> de::Visitor<'de> for WireVisitor {
    type Value = WireFieldError;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a field error: an object with `field` and `message`, or `pointer` and `detail`",
        )
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<WireFieldError, A::Error> {
        let mut wire = WireFieldError::default();
        // A member given twice is an error, `null` or not.
        let mut seen = 0u8;
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let Some(index) = key else {
                map.next_value::<de::IgnoredAny>()?;
                continue;
            };
            if seen & (1 << index) != 0 {
                return Err(de::Error::duplicate_field(WIRE_NAMES[index]));
            }
            seen |= 1 << index;
            let value: Option<String> = map.next_value()?;
            match index {
                0 => wire.field = value.map(Cow::Owned),
                1 => wire.message = value.map(Cow::Owned),
                2 => wire.pointer = value,
                3 => wire.detail = value.map(Cow::Owned),
                _ => wire.code = value.map(Cow::Owned),
            }
        }
        Ok(wire)
    }
}

impl TryFrom<WireFieldError> for FieldError {
    type Error = &'static str;

    fn try_from(wire: WireFieldError) -> Result<Self, &'static str> {
        let field = match (wire.field, wire.pointer) {
            (Some(field), _) => field,
            (None, Some(pointer)) => Cow::Owned(
                field_from_pointer(&pointer).ok_or("a pointer that is not a JSON Pointer")?,
            ),
            (None, None) => return Err("a field error without `field` or `pointer`"),
        };
        let message = wire
            .message
            .or(wire.detail)
            .ok_or("a field error without `message` or `detail`")?;
        Ok(FieldError {
            field,
            message,
            code: wire.code,
            value: None,
            rule: None,
            params: Vec::new(),
        })
    }
}

impl std::hash::Hash for FieldError {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (&self.field, &self.message, &self.code).hash(state);
    }
}

impl FieldError {
    /// A field error without a code.
    pub fn new(field: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
            code: None,
            value: None,
            rule: None,
            params: Vec::new(),
        }
    }

    /// The field as RFC 9457 names it in a problem's `errors`: a JSON Pointer
    /// (RFC 6901, `~` and `/` in names escaped as `~0` and `~1`) in a URI
    /// fragment, percent-encoded where a fragment needs it.
    ///
    /// The field is read in [`FieldPath`](crate::FieldPath)'s notation; a
    /// field that is not in it is one member name.
    ///
    /// ```
    /// use api_error::FieldError;
    ///
    /// assert_eq!(FieldError::new("address.zip", "Required").pointer(), "#/address/zip");
    /// assert_eq!(FieldError::new("items[2].sku", "Required").pointer(), "#/items/2/sku");
    /// assert_eq!(FieldError::new(r#"tags["a/b c"]"#, "Too long").pointer(), "#/tags/a~1b%20c");
    /// assert_eq!(FieldError::new("", "Invalid").pointer(), "#");
    /// ```
    #[must_use]
    pub fn pointer(&self) -> String {
        let mut out = Vec::with_capacity(self.field.len() + 2);
        write_pointer(&self.field, &mut |bytes| out.extend_from_slice(bytes));
        // Every byte written is ASCII.
        String::from_utf8(out).unwrap_or_default()
    }

    /// The error as the layout writes an item of `errors`.
    pub(crate) fn item(&self) -> Item<'_> {
        Item {
            field: &self.field,
            message: &self.message,
            code: self.code.as_deref(),
        }
    }

    /// Keeps the rejected value, for the server's own use.
    #[must_use]
    pub fn with_value(mut self, value: serde_json::Value) -> Self {
        self.value = Some(value);
        self
    }

    /// Sets the validation rule that failed: the item's message id among
    /// the catalogs' `rules`.
    ///
    /// ```
    /// use api_error::FieldError;
    ///
    /// let error = FieldError::new("name", "Name is too short")
    ///     .with_rule("length")
    ///     .with_param("min", 3);
    /// assert_eq!(error.rule.as_deref(), Some("length"));
    /// assert_eq!(error.params[0].1, 3);
    /// // Neither is part of the item a body lists.
    /// assert_eq!(serde_json::to_string(&error).unwrap(), r#"{"field":"name","message":"Name is too short"}"#);
    /// ```
    #[must_use]
    pub fn with_rule(mut self, rule: impl Into<Cow<'static, str>>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    /// Adds a parameter of the rule: a variable of its translation.
    #[must_use]
    pub fn with_param(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<serde_json::Value>,
    ) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// Sets the machine-readable code.
    #[must_use]
    pub fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Self {
        self.code = Some(code.into());
        self
    }
}

/// A list of field errors as a body writes it in `format`: at most
/// [`MAX_FIELD_ERRORS`], each `{"field","message"}` in the envelope and flat
/// formats, `{"detail","pointer"}` (RFC 9457's own shape) in the problem
/// format, with its `code` when it has one.
pub(crate) struct BodyErrors<'a> {
    pub(crate) errors: &'a [FieldError],
    pub(crate) layout: Layout,
}

impl BodyErrors<'_> {
    /// The errors the body lists, and how many it leaves out.
    pub(crate) fn split(errors: &[FieldError]) -> (&[FieldError], usize) {
        let listed = errors.len().min(MAX_FIELD_ERRORS);
        (&errors[..listed], errors.len() - listed)
    }
}

impl Serialize for BodyErrors<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (listed, _) = Self::split(self.errors);
        let mut seq = serializer.serialize_seq(Some(listed.len()))?;
        for error in listed {
            seq.serialize_element(&BodyError {
                error,
                layout: self.layout,
            })?;
        }
        seq.end()
    }
}

struct BodyError<'a> {
    error: &'a FieldError,
    layout: Layout,
}

impl Serialize for BodyError<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The item's members as entries of a serde map.
        struct Entries<M>(M);

        impl<M: SerializeMap> ItemSink for Entries<M> {
            type Error = M::Error;

            fn text(&mut self, name: &'static str, value: &str) -> Result<(), M::Error> {
                self.0.serialize_entry(name, value)
            }

            fn pointer(&mut self, name: &'static str, field: &str) -> Result<(), M::Error> {
                struct Pointer<'a>(&'a str);

                impl Serialize for Pointer<'_> {
                    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.collect_str(&FragmentPointer(self.0))
                    }
                }

                self.0.serialize_entry(name, &Pointer(field))
            }
        }

        let mut entries = Entries(serializer.serialize_map(None)?);
        walk_item(self.layout, &self.error.item(), &mut entries)?;
        entries.0.end()
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// The list of field errors of a validation failure: the body's `errors` array.
///
/// ```
/// use api_error::FieldErrors;
///
/// let mut errors = FieldErrors::new();
/// errors.push("email", "Invalid email format");
/// errors.push("rate", "Must be positive");
/// assert_eq!(errors.len(), 2);
/// assert_eq!(
///     serde_json::to_string(&errors).unwrap(),
///     r#"[{"field":"email","message":"Invalid email format"},{"field":"rate","message":"Must be positive"}]"#,
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldErrors(Vec<FieldError>);

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FieldErrors {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(FieldErrors)
    }
}

impl FieldErrors {
    /// An empty list.
    #[must_use]
    pub const fn new() -> Self {
        FieldErrors(Vec::new())
    }

    /// Adds a field error without a code.
    pub fn push(
        &mut self,
        field: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> &mut Self {
        self.0.push(FieldError::new(field, message));
        self
    }

    /// Adds a complete field error.
    pub fn push_error(&mut self, error: FieldError) -> &mut Self {
        self.0.push(error);
        self
    }

    /// Builder form of [`push`](Self::push).
    #[must_use]
    pub fn with(
        mut self,
        field: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.push(field, message);
        self
    }

    /// Builder form of [`push_error`](Self::push_error).
    #[must_use]
    pub fn with_error(mut self, error: FieldError) -> Self {
        self.0.push(error);
        self
    }

    /// Whether there is no error in the list.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of errors.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The errors, in the order they were added.
    #[must_use]
    pub fn as_slice(&self) -> &[FieldError] {
        &self.0
    }

    /// The errors as a vector.
    #[must_use]
    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}

impl std::ops::Deref for FieldErrors {
    type Target = [FieldError];

    fn deref(&self) -> &[FieldError] {
        &self.0
    }
}

impl From<Vec<FieldError>> for FieldErrors {
    fn from(errors: Vec<FieldError>) -> Self {
        FieldErrors(errors)
    }
}

impl FromIterator<FieldError> for FieldErrors {
    fn from_iter<I: IntoIterator<Item = FieldError>>(iter: I) -> Self {
        FieldErrors(iter.into_iter().collect())
    }
}

impl Extend<FieldError> for FieldErrors {
    fn extend<I: IntoIterator<Item = FieldError>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl IntoIterator for FieldErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a FieldErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            fmt::Display::fmt(error, f)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{FieldError, FieldErrors};

    fn read(json: &str) -> Result<FieldError, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn both_shapes_read_back_and_other_members_are_ignored() {
        assert_eq!(
            read(r#"{"field":"email","message":"Invalid","code":"format","hint":[1]}"#),
            Ok(FieldError::new("email", "Invalid").with_code("format"))
        );
        assert_eq!(
            read(r##"{"detail":"Required","pointer":"#/items/2/sku"}"##),
            Ok(FieldError::new("items[2].sku", "Required"))
        );
        // `field` and `message` win over `pointer` and `detail`; null is absent.
        assert_eq!(
            read(r##"{"pointer":"#/a","field":"b","message":"m","detail":"d","code":null}"##),
            Ok(FieldError::new("b", "m"))
        );
    }

    #[test]
    fn what_is_not_a_field_error_is_an_error() {
        for (json, why) in [
            (r#"{"message":"m"}"#, "without `field` or `pointer`"),
            (r#"{"field":"f"}"#, "without `message` or `detail`"),
            (
                r#"{"field":"f","field":"g","message":"m"}"#,
                "duplicate field `field`",
            ),
            (r#"{"field":1,"message":"m"}"#, "invalid type: integer"),
            (r#"{"pointer":"a/b","detail":"m"}"#, "not a JSON Pointer"),
            (r#"["field","message"]"#, "invalid type: sequence"),
            (r#""email""#, "invalid type: string"),
        ] {
            let err = read(json).unwrap_err();
            assert!(err.contains(why), "{json}: {err}");
        }
    }

    #[test]
    fn a_list_writes_and_reads_as_an_array() {
        let errors = FieldErrors::new()
            .with("email", "Invalid")
            .with_error(FieldError::new("rate", "Too low").with_code("min"));
        let json = serde_json::to_string(&errors).unwrap();
        assert_eq!(
            json,
            r#"[{"field":"email","message":"Invalid"},{"field":"rate","message":"Too low","code":"min"}]"#
        );
        assert_eq!(serde_json::from_str::<FieldErrors>(&json).unwrap(), errors);
    }
}

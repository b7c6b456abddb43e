//! The JSON catalog: what [`ErrorCatalog::to_json`] and [`assert_snapshot`](super::assert_snapshot)
//! write.

use super::{Entry, ErrorCatalog, Extra, FieldMember};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

/// The JSON catalog: the type, its format, then every error with its code,
/// status, gRPC code, variant, description, message, `field`, members with their JSON
/// types, `errors`, `doc_url`, whether it is retryable, and its headers.
/// Absent members are omitted.
impl Serialize for ErrorCatalog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", self.type_name)?;
        if !self.description.is_empty() {
            map.serialize_entry("description", self.description)?;
        }
        map.serialize_entry("format", self.format.name())?;
        map.serialize_entry("content_type", self.format.content_type())?;
        map.serialize_entry("errors", &EntryList(self))?;
        map.end()
    }
}

struct EntryList<'a>(&'a ErrorCatalog);

impl Serialize for EntryList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for entry in self.0.entries() {
            seq.serialize_element(entry)?;
        }
        seq.end()
    }
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code)?;
        map.serialize_entry("status", &self.status.as_u16())?;
        map.serialize_entry("grpc", self.grpc.name())?;
        map.serialize_entry(
            "variant",
            &format_args!("{}::{}", self.type_name, self.variant),
        )?;
        if !self.description.is_empty() {
            map.serialize_entry("description", self.description)?;
        }
        map.serialize_entry("message", self.message)?;
        match self.field {
            Some(FieldMember::Fixed(name)) => map.serialize_entry("field", name)?,
            Some(FieldMember::FromValue(from)) => {
                map.serialize_entry("field", &format_args!("{{{from}}}"))?;
            }
            None => {}
        }
        if !self.extras.is_empty() {
            map.serialize_entry("members", &Extras(self.extras))?;
        }
        if self.errors {
            map.serialize_entry("errors", &true)?;
        }
        if let Some(doc_url) = self.doc_url {
            map.serialize_entry("doc_url", doc_url)?;
        }
        map.serialize_entry("retryable", &self.is_retryable())?;
        map.serialize_entry("headers", self.headers())?;
        map.end()
    }
}

struct Extras(&'static [Extra]);

impl Serialize for Extras {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for extra in self.0 {
            map.serialize_entry(extra.name, &format_args!("{}", extra.json_type))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::OUTER;

    #[test]
    fn json_catalog() {
        let json: serde_json::Value = serde_json::from_str(&OUTER.to_json()).unwrap();
        assert_eq!(json["type"], "Outer");
        assert_eq!(json["format"], "flat");
        assert_eq!(json["errors"][0]["variant"], "Outer::Missing");
        assert_eq!(json["errors"][0]["members"]["what"], "string");
        assert_eq!(json["errors"][1]["variant"], "Inner::Gone");
        assert_eq!(json["errors"][2]["retryable"], true);
        assert_eq!(
            json["errors"][2]["headers"],
            serde_json::json!(["Content-Type", "Retry-After", "X-Request-Id"])
        );
    }
}

//! The layout of [`api-error`](https://docs.rs/api-error)'s error bodies,
//! written once: which members each format writes, in which order, when each
//! is left out, and how their strings are escaped. The runtime's byte writer,
//! its serde `Serialize` path and the derive's constant bodies all walk
//! [`walk`]. An implementation detail: depend on `api-error`.
//!
//! # The wire formats
//!
//! Member order is fixed: `code`, `message`, `field`, extras in declaration
//! order, `errors`, `errors_omitted`, `doc_url`, `request_id`, `debug`.
//! Absent members are omitted, never `null`.
//!
//! - Envelope (`application/json`): the members above inside `{"error": ...}`.
//! - Flat (`application/json`): `error` (the status's reason phrase), then
//!   `message`, `field`, extras, `errors`, `errors_omitted`, `doc_url`,
//!   `request_id`, `debug`; no `code`.
//! - Problem (`application/problem+json`, RFC 9457): `type` (the doc_url,
//!   else `about:blank`), `title` (reason phrase), `status`, `detail`
//!   (message), `code`, then `field`, extras, `errors`, `errors_omitted`,
//!   `request_id`, `debug`; the doc_url is the `type`, not repeated.
//!
//! `errors_omitted` counts the field errors past the list's bound, when
//! there are any. `request_id` is written in 5xx bodies only. The `debug` block holds the
//! `debug` members, then `display` (the real text of a masked message), then
//! `source_chain` (at most [`MAX_SOURCE_CHAIN`] sources); it is written only
//! when debug rendering is on and it would hold something.
//!
//! Those three are laid out by [`walk`]. Three more nest their members, and
//! the runtime writes them from the error's model ([`Shape::Modeled`]):
//! JSON:API 1.1 (`application/vnd.api+json`), Google's AIP-193 and the
//! Microsoft REST API guidelines' error (both `application/json`). Every
//! member name any of the six writes itself is in [`names`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod decimal;
mod escape;
mod format;
mod layout;
pub mod skeleton;
mod status;

pub use decimal::decimal;
pub use escape::{escape, needs_escape};
pub use format::{Format, Layout, Modeled, Shape};
pub use layout::{
    walk, walk_debug, walk_item, DebugSink, Head, Item, ItemSink, ItemText, ItemValue, Sink,
};
pub use status::reason_phrase;

/// The message a 5xx body carries when the error's own text was not written
/// as a public `message` template.
pub const MASKED_MESSAGE: &str = "An unexpected error occurred";

/// How deep the debug block follows an error's source chain.
pub const MAX_SOURCE_CHAIN: usize = 16;

/// The names of the members the layout writes itself: the one place they
/// are spelled. Each constant holds the name it is called by.
#[allow(missing_docs)]
pub mod names {
    pub const CODE: &str = "code";
    pub const MESSAGE: &str = "message";
    pub const FIELD: &str = "field";
    pub const DOC_URL: &str = "doc_url";
    pub const ERRORS: &str = "errors";
    pub const ERRORS_OMITTED: &str = "errors_omitted";
    pub const REQUEST_ID: &str = "request_id";
    /// `,"request_id":`, as a constant body's request id is spliced in.
    pub const REQUEST_ID_MEMBER: &str = ",\"request_id\":";
    pub const DEBUG: &str = "debug";
    pub const ERROR: &str = "error";
    pub const TYPE: &str = "type";
    pub const TITLE: &str = "title";
    pub const STATUS: &str = "status";
    pub const DETAIL: &str = "detail";
    pub const INSTANCE: &str = "instance";
    pub const DISPLAY: &str = "display";
    pub const SOURCE_CHAIN: &str = "source_chain";

    /// JSON:API's error object: `status`, `code`, `title` and `detail` are
    /// the names above.
    pub const SOURCE: &str = "source";
    pub const POINTER: &str = "pointer";
    pub const PARAMETER: &str = "parameter";
    pub const HEADER: &str = "header";
    pub const LINKS: &str = "links";
    pub const ABOUT: &str = "about";
    pub const META: &str = "meta";

    /// Google's AIP-193 error: `code`, `message`, `status` are the names
    /// above; the details are written as protobuf's JSON mapping names them.
    pub const DETAILS: &str = "details";
    pub const AT_TYPE: &str = "@type";
    pub const REASON: &str = "reason";
    pub const DOMAIN: &str = "domain";
    pub const METADATA: &str = "metadata";
    pub const FIELD_VIOLATIONS: &str = "fieldViolations";
    pub const DESCRIPTION: &str = "description";
    pub const RETRY_DELAY: &str = "retryDelay";
    pub const REQUEST_ID_CAMEL: &str = "requestId";
    pub const URL: &str = "url";
    pub const STACK_ENTRIES: &str = "stackEntries";

    /// The Microsoft guidelines' error: `code`, `message` and `details` are
    /// the names above.
    pub const TARGET: &str = "target";
    pub const INNERERROR: &str = "innererror";
}

/// The `@type` of each Google error detail.
#[allow(missing_docs)]
pub mod google_types {
    pub const ERROR_INFO: &str = "type.googleapis.com/google.rpc.ErrorInfo";
    pub const BAD_REQUEST: &str = "type.googleapis.com/google.rpc.BadRequest";
    pub const RETRY_INFO: &str = "type.googleapis.com/google.rpc.RetryInfo";
    pub const REQUEST_INFO: &str = "type.googleapis.com/google.rpc.RequestInfo";
    pub const HELP: &str = "type.googleapis.com/google.rpc.Help";
    pub const DEBUG_INFO: &str = "type.googleapis.com/google.rpc.DebugInfo";
}

/// The members the formats write themselves, and which formats write them:
/// an extra or debug member of one of these names would make a body
/// ambiguous.
pub const RESERVED: &[(&str, &str)] = &[
    (names::CODE, "every format"),
    (names::MESSAGE, "every format"),
    (names::FIELD, "every format"),
    (names::DOC_URL, "every format"),
    (names::ERRORS, "every format"),
    (names::ERRORS_OMITTED, "every format"),
    (names::REQUEST_ID, "every format"),
    (names::DEBUG, "every format"),
    (names::ERROR, "the flat format"),
    (names::TYPE, "the problem format"),
    (names::TITLE, "the problem format"),
    (names::STATUS, "the problem format"),
    (names::DETAIL, "the problem format"),
    (names::INSTANCE, "the problem format"),
    (names::TARGET, "the Microsoft format"),
    (names::DETAILS, "the Microsoft format"),
    (names::INNERERROR, "the Microsoft format"),
];

/// The members the debug block writes itself.
pub const RESERVED_DEBUG: &[&str] = &[names::DISPLAY, names::SOURCE_CHAIN];

/// Whether a body member of this name is one the formats write themselves.
#[must_use]
pub fn is_reserved(name: &str) -> bool {
    RESERVED.iter().any(|(reserved, _)| *reserved == name)
}

#[cfg(test)]
mod tests {
    use super::{names, walk_item, Item, ItemSink, ItemText, ItemValue, Layout};

    /// Writes an item as [`walk_item`] walks it; a pointer is `#/` and the
    /// field.
    struct Walked(String);

    impl ItemSink for Walked {
        type Error = ();

        fn text(&mut self, name: &'static str, value: &str) -> Result<(), ()> {
            self.member(name, value);
            Ok(())
        }

        fn pointer(&mut self, name: &'static str, field: &str) -> Result<(), ()> {
            self.member(name, &format!("#/{field}"));
            Ok(())
        }
    }

    impl Walked {
        fn member(&mut self, name: &str, value: &str) {
            let comma = if self.0.is_empty() { "{" } else { "," };
            self.0.push_str(&format!("{comma}\"{name}\":\"{value}\""));
        }
    }

    #[test]
    fn the_item_text_is_the_walk_of_an_item() {
        let value = |kind| match kind {
            ItemValue::Field => "f".to_owned(),
            ItemValue::Message => "m".to_owned(),
            ItemValue::Pointer => "#/f".to_owned(),
        };
        for layout in Layout::ALL {
            let text = ItemText::of(layout);
            for code in [Some("c"), None] {
                let item = Item {
                    field: "f",
                    message: "m",
                    code,
                };
                let mut walked = Walked(String::new());
                walk_item(layout, &item, &mut walked).unwrap();
                walked.0.push('}');
                let mut copied = format!(
                    "{}{}{}{}",
                    text.open,
                    value(text.first),
                    text.between,
                    value(text.second),
                );
                match code {
                    Some(code) => copied += &format!("{}\"{code}\"}}", text.code),
                    None => copied += text.close,
                }
                assert_eq!(copied, walked.0, "{layout:?} {code:?}");
            }
            assert_eq!(text.next, format!(",{}", text.open), "{layout:?}");
        }
    }

    #[test]
    fn the_spliced_request_id_member_is_the_members_name() {
        assert_eq!(
            names::REQUEST_ID_MEMBER,
            format!(",\"{}\":", names::REQUEST_ID)
        );
    }
}

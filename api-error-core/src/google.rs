//! Google's error details (`google.rpc.ErrorInfo`, `BadRequest`,
//! `RetryInfo`, `RequestInfo`, `Help`, `DebugInfo`) of an error, read from
//! its model once: what the gRPC status carries in
//! `grpc-status-details-bin`, and what the AIP-193 JSON body lists in
//! `details`.

use crate::byte_writer::{head, Message, Parts};
use crate::field_errors::{BodyErrors, FieldError};
use crate::model::{MemberVisitor, Stop, Value};
use crate::{RenderOptions, MASKED_MESSAGE};
use std::fmt;
use std::time::Duration;

/// The details of one error, in the order a status lists them.
#[derive(Debug, Default)]
pub(crate) struct Details {
    /// The public message, masked as in every body.
    pub(crate) message: String,
    /// `ErrorInfo.reason`: the code, upper-cased.
    pub(crate) reason: String,
    /// `ErrorInfo.domain`: the type's `domain`, else empty.
    pub(crate) domain: &'static str,
    /// `ErrorInfo.metadata`: each extra as a string (a string as it is,
    /// another value as compact JSON, `null` left out), in declaration order.
    pub(crate) metadata: Vec<(&'static str, String)>,
    /// `BadRequest.field_violations`: the `field`, then the `errors` the
    /// body lists.
    pub(crate) violations: Vec<Violation>,
    /// `RetryInfo.retry_delay`.
    pub(crate) retry_after: Option<Duration>,
    /// `RequestInfo.request_id`.
    pub(crate) request_id: Option<String>,
    /// `Help.links[0]`: the code and the `doc_url`.
    pub(crate) help: Option<(&'static str, &'static str)>,
    /// `DebugInfo`, when the debug block is shown.
    pub(crate) debug: Option<DebugInfo>,
}

/// One `google.rpc.BadRequest.FieldViolation`.
#[derive(Debug)]
pub(crate) struct Violation {
    pub(crate) field: String,
    pub(crate) description: String,
    pub(crate) reason: String,
}

/// `google.rpc.DebugInfo`: the source chain and the debug block as JSON.
#[derive(Debug)]
pub(crate) struct DebugInfo {
    pub(crate) stack_entries: Vec<String>,
    pub(crate) detail: String,
}

/// Collects the extras and `errors` of an error, as details hold them.
#[derive(Default)]
struct Collect {
    metadata: Vec<(&'static str, String)>,
    violations: Vec<Violation>,
}

impl MemberVisitor for Collect {
    fn member(&mut self, name: &'static str, value: Value<'_>) -> Result<(), Stop> {
        // The compact JSON the body writes, members in their own order.
        let json = serde_json::to_string(&value).map_err(|_| Stop)?;
        match json.as_str() {
            "null" => {}
            text if text.starts_with('"') => {
                let text = serde_json::from_str(text).map_err(|_| Stop)?;
                self.metadata.push((name, text));
            }
            _ => self.metadata.push((name, json)),
        }
        Ok(())
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Stop> {
        let (listed, _) = BodyErrors::split(errors);
        self.violations.extend(listed.iter().map(|error| Violation {
            field: error.field.clone().into_owned(),
            description: error.message.clone().into_owned(),
            reason: error.code.clone().map(Into::into).unwrap_or_default(),
        }));
        Ok(())
    }
}

/// The public message of `parts`, as a body says it: [`MASKED_MESSAGE`]
/// when its `Display` fails.
pub(crate) fn message_text(parts: &dyn Parts) -> String {
    if let Some(message) = parts.static_message() {
        return message.to_owned();
    }
    let mut message = String::new();
    match fmt::write(&mut message, format_args!("{}", Message(parts))) {
        Ok(()) => message,
        Err(fmt::Error) => MASKED_MESSAGE.to_owned(),
    }
}

/// The details of `error` with the request id and debug mode of `options`:
/// what a gRPC status carries.
#[cfg(feature = "tonic")]
pub(crate) fn of<E: crate::ApiError + ?Sized>(error: &E, options: &RenderOptions<'_>) -> Details {
    let members = crate::model::DynMembers(error);
    let view = crate::error::View {
        error,
        members: &members,
    };
    details_with(&view, options, true)
}

/// The field violations of `error` as [`of`] lists them, each described
/// in `locale`: the message's translation for `field`, each `errors`
/// item's by its rule; a description without one stays the same.
#[cfg(feature = "tonic")]
pub(crate) fn violations_in<E: crate::ApiError + ?Sized>(
    error: &E,
    options: &RenderOptions<'_>,
    locale: &str,
) -> Vec<Violation> {
    let members = crate::model::DynMembers(error);
    let view = crate::error::View {
        error,
        members: &members,
    };
    let options = options.locale(locale);
    crate::byte_writer::Translated::with(&view, &options, |parts| {
        details_with(parts, &options, true).violations
    })
}

/// The details of `parts` with the request id and debug mode of
/// `options`, without the extras and `errors` unless `with_members`.
///
/// As in a body, an extra that does not serialize leaves every extra and
/// `errors` out, and the debug block is shown only when debug rendering is
/// on and it holds something.
pub(crate) fn details_with(
    parts: &dyn Parts,
    options: &RenderOptions<'_>,
    with_members: bool,
) -> Details {
    let message = message_text(parts);
    let code = parts.code();
    let mut collect = Collect::default();
    if with_members && parts.visit_model(false, &mut collect).is_err() {
        collect = Collect::default();
    }
    let mut violations = Vec::with_capacity(collect.violations.len() + 1);
    if let Some(field) = parts.field() {
        violations.push(Violation {
            field: field.to_owned(),
            description: message.clone(),
            reason: String::new(),
        });
    }
    violations.append(&mut collect.violations);

    let head = head(parts, with_members, options.debug);
    let debug = head.shows_debug().then(|| DebugInfo {
        stack_entries: crate::chain::sources(parts.source())
            .map(|source| {
                // A source whose Display fails keeps what it wrote before.
                let mut entry = String::new();
                let _ = fmt::write(&mut entry, format_args!("{source}"));
                entry
            })
            .collect(),
        detail: crate::serde_writer::debug_block_json(parts, &head),
    });

    Details {
        message,
        reason: code.to_ascii_uppercase(),
        domain: parts.domain().unwrap_or_default(),
        metadata: collect.metadata,
        violations,
        retry_after: parts.retry_after(),
        request_id: options.request_id.map(str::to_owned),
        help: parts.doc_url().map(|url| (code, url)),
        debug,
    }
}

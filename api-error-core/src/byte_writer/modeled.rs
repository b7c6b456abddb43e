//! The formats written from the model (JSON:API, Google's AIP-193 and the
//! Microsoft guidelines' error) as bytes: what their serde `Serialize`
//! (`crate::formats`) writes, member by member straight into the output.
//! The extras and the `errors` list are each one walk over the members, in
//! the place the format puts them; an object that may stay empty (`meta`,
//! `innererror`, `BadRequest`) is opened, and taken back when nothing went
//! in.

use super::members::quote_in_place;
use super::{head, message_contents, Items, JsonMembers, Out, Parts, Pass};
use crate::field_errors::FieldError;
use crate::field_path::{is_plain_dotted, write_json_pointer};
use crate::formats::ModelBody;
use crate::serde_writer::DebugBlock;
use crate::{reason_phrase, FieldLocation, MASKED_MESSAGE};
use api_error_wire::google_types as types;
use api_error_wire::{names, needs_escape, Head, Layout, Modeled};
use std::time::Duration;

/// Writes `body` in its format. An error means a member's `Serialize` or
/// the message's `Display` failed, as for the serde path; Google's body
/// leaves out the members or masks the message then, as its details do.
pub(super) fn write(body: &ModelBody<'_>, out: &mut Out<'_>) -> Result<(), ()> {
    match body.modeled {
        Modeled::JsonApi => json_api(body, out),
        Modeled::Google => {
            google(body, out);
            Ok(())
        }
        Modeled::Microsoft => microsoft(body, out),
    }
}

/// Walks the members of `body` in `pass`, after the members written
/// before it unless `first`; nothing without its members.
fn walk(
    body: &ModelBody<'_>,
    out: &mut Out<'_>,
    pass: Pass,
    first: &mut bool,
) -> Result<Found, ()> {
    if !body.with_members {
        return Ok(Found::default());
    }
    let mut walk = JsonMembers {
        out,
        first: *first,
        // Only the walked formats' `errors` list reads these two.
        layout: Layout::Envelope,
        errors: names::ERRORS,
        omitted: 0,
        pass,
        has_errors: false,
        has_extras: false,
        items: None,
    };
    let result = body.parts.visit_members(&mut walk);
    *first = walk.first;
    let found = Found {
        has_errors: walk.has_errors,
        has_extras: walk.has_extras,
        omitted: walk.omitted,
    };
    result.map(|()| found).map_err(drop)
}

/// What the items of `body`'s `errors` list take from the error.
fn items(body: &ModelBody<'_>) -> Items {
    let status = body.parts.status();
    Items {
        modeled: body.modeled,
        status,
        title: reason_phrase(status),
        code: body.parts.code(),
        location: body.parts.field_location(),
    }
}

/// What the walks over the members found out.
#[derive(Default, Clone, Copy)]
struct Found {
    has_errors: bool,
    has_extras: bool,
    omitted: usize,
}

/// The message as a JSON string: `forced`, the static one, or what the
/// template or `Display` writes.
fn message(parts: &dyn Parts, forced: Option<&'static str>, out: &mut Out<'_>) -> Result<(), ()> {
    match forced.or_else(|| parts.static_message()) {
        Some(message) => out.put_str(message),
        None => {
            out.put(b"\"");
            message_contents(parts, out)?;
            out.put(b"\"");
        }
    }
    Ok(())
}

/// The members every format keeps beside the extras, after them:
/// `errors_omitted`, the `doc_url` when the format has no place of its own
/// for it, a 5xx's `request_id` and the debug block.
fn rest(
    body: &ModelBody<'_>,
    out: &mut Out<'_>,
    first: &mut bool,
    found: &Found,
    head: Option<&Head<'_>>,
    doc_url: Option<&str>,
) -> Result<(), ()> {
    let mut name = |out: &mut Out<'_>, name: &str| {
        out.put_name(name, !std::mem::take(first));
    };
    if found.omitted > 0 {
        name(out, names::ERRORS_OMITTED);
        let mut digits = [0; 20];
        out.put(api_error_wire::decimal(found.omitted as u64, &mut digits));
    }
    if let Some(doc_url) = doc_url {
        name(out, names::DOC_URL);
        out.put_str(doc_url);
    }
    if let Some(request_id) = body.request_id() {
        name(out, names::REQUEST_ID);
        out.put_str(request_id);
    }
    if let Some(head) = head.filter(|head| head.shows_debug()) {
        name(out, names::DEBUG);
        let block = DebugBlock {
            parts: body.parts,
            head,
        };
        serde_json::to_writer(&mut *out, &block).map_err(drop)?;
    }
    Ok(())
}

/// Whether [`rest`] writes anything.
fn writes_rest(
    body: &ModelBody<'_>,
    found: &Found,
    head: Option<&Head<'_>>,
    doc_url: Option<&str>,
) -> bool {
    found.omitted > 0
        || doc_url.is_some()
        || body.request_id().is_some()
        || head.is_some_and(Head::shows_debug)
}

/// `,"name":{` the extras and the rest `}`, or nothing when the object
/// would be empty. `before` is what a walk over the members before this one
/// found: without extras, none is walked again.
fn extras_object(
    body: &ModelBody<'_>,
    out: &mut Out<'_>,
    name: &str,
    doc_url: Option<&str>,
    before: Option<Found>,
) -> Result<Found, ()> {
    let head = debug_head(body);
    // Nothing to walk, and maybe nothing to write.
    if let Some(found) = before.filter(|found| !found.has_extras) {
        if !writes_rest(body, &found, head.as_ref(), doc_url) {
            return Ok(found);
        }
    }
    unless_empty(
        out,
        |out| {
            out.put_name(name, true);
            out.put(b"{");
        },
        b"}",
        |out, first| {
            let found = match before {
                Some(found) if !found.has_extras => found,
                _ => walk(body, out, Pass::Extras, first)?,
            };
            rest(body, out, first, &found, head.as_ref(), doc_url)?;
            Ok(found)
        },
    )
}

/// What `open` writes, then what `fill` writes, then `close`; nothing at
/// all when `fill` wrote nothing (it leaves `first`, the flag of its first
/// member, set).
fn unless_empty<R>(
    out: &mut Out<'_>,
    open: impl FnOnce(&mut Out<'_>),
    close: &[u8],
    fill: impl FnOnce(&mut Out<'_>, &mut bool) -> R,
) -> R {
    let at = out.position();
    open(out);
    let mut first = true;
    let result = fill(out, &mut first);
    match first {
        true => out.truncate(at),
        false => out.put(close),
    }
    result
}

/// What the debug block needs of the error, asked for only when it may be
/// shown.
fn debug_head<'a>(body: &ModelBody<'a>) -> Option<Head<'a>> {
    body.options
        .debug
        .then(|| head(body.parts, body.with_members, true))
}

/// `{"@type":"..."`: how every detail of Google's begins.
fn at_type(out: &mut Out<'_>, at_type: &str) {
    out.put(b"{\"@type\":");
    out.put_str(at_type);
}

/// `{"errors":[` the error's object, then one per listed field error `]}`.
fn json_api(body: &ModelBody<'_>, out: &mut Out<'_>) -> Result<(), ()> {
    let parts = body.parts;
    let status = parts.status();
    // A status is three digits.
    out.put(b"{\"errors\":[{\"status\":\"");
    out.put(status.as_str().as_bytes());
    out.put(b"\",\"code\":");
    out.put_str(parts.code());
    out.put(b",\"title\":");
    out.put_str(reason_phrase(status));
    out.put(b",\"detail\":");
    message(parts, body.forced_message, out)?;
    if let Some(field) = parts.field() {
        out.put(b",\"source\":");
        source(out, field, parts.field_location());
    }
    if let Some(about) = parts.doc_url() {
        out.put(b",\"links\":{\"about\":");
        out.put_str(about);
        out.put(b"}");
    }
    let found = extras_object(body, out, names::META, None, None)?;
    out.put(b"}");
    if found.has_errors {
        walk(body, out, Pass::Errors(items(body)), &mut false)?;
    }
    out.put(b"]}");
    Ok(())
}

/// `{"error":{"code":...,"message":...,"target":...,"details":[...],"innererror":{...}}}`.
fn microsoft(body: &ModelBody<'_>, out: &mut Out<'_>) -> Result<(), ()> {
    let parts = body.parts;
    out.put(b"{\"error\":{\"code\":");
    out.put_str(parts.code());
    out.put(b",\"message\":");
    message(parts, body.forced_message, out)?;
    if let Some(target) = parts.field() {
        out.put(b",\"target\":");
        out.put_str(target);
    }
    // `details`, there (empty when the list is) when the error has a list:
    // a client tells the error by it.
    let found = walk(body, out, Pass::Errors(items(body)), &mut false)?;
    extras_object(body, out, names::INNERERROR, parts.doc_url(), Some(found))?;
    out.put(b"}}");
    Ok(())
}

/// `{"error":{"code":404,"message":...,"status":"NOT_FOUND","details":[...]}}`,
/// the details in the order a gRPC status lists them.
fn google(body: &ModelBody<'_>, out: &mut Out<'_>) {
    let parts = body.parts;
    out.put(b"{\"error\":{\"code\":");
    out.put(parts.status().as_str().as_bytes());
    out.put(b",\"message\":");
    let shown = google_message(parts, body.forced_message, out);
    out.put(b",\"status\":");
    out.put_str(parts.grpc_code().name());
    out.put(b",\"details\":[");

    at_type(out, types::ERROR_INFO);
    out.put(b",\"reason\":");
    reason(out, parts.code());
    if let Some(domain) = parts.domain().filter(|domain| !domain.is_empty()) {
        out.put_name(names::DOMAIN, true);
        out.put_str(domain);
    }
    // An extra that does not serialize leaves every extra and `errors` out.
    let open_metadata = |out: &mut Out<'_>| {
        out.put_name(names::METADATA, true);
        out.put(b"{");
    };
    let found = unless_empty(out, open_metadata, b"}", |out, first| {
        walk(body, out, Pass::Metadata, first).unwrap_or_else(|()| {
            *first = true;
            Found::default()
        })
    });
    out.put(b"}");

    // The `field`, with the message, then the listed `errors`.
    let open_bad_request = |out: &mut Out<'_>| {
        out.put(b",");
        at_type(out, types::BAD_REQUEST);
        out.put_name(names::FIELD_VIOLATIONS, true);
        out.put(b"[");
    };
    unless_empty(out, open_bad_request, b"]}", |out, first| {
        if let Some(field) = parts.field() {
            *first = false;
            out.put(b"{");
            out.put_name(names::FIELD, false);
            out.put_str(field);
            out.put_name(names::DESCRIPTION, true);
            match (body.forced_message, shown) {
                (None, Some(shown)) => out.0.extend_from_within(shown),
                _ => drop(google_message(parts, None, out)),
            }
            out.put(b"}");
        }
        if found.has_errors {
            // Writing the items alone fails nowhere.
            let _ = walk(body, out, Pass::Errors(items(body)), first);
        }
    });

    if let Some(delay) = parts.retry_after() {
        out.put(b",");
        at_type(out, types::RETRY_INFO);
        out.put_name(names::RETRY_DELAY, true);
        duration(out, delay);
        out.put(b"}");
    }
    if let Some(request_id) = body.options.request_id {
        out.put(b",");
        at_type(out, types::REQUEST_INFO);
        out.put_name(names::REQUEST_ID_CAMEL, true);
        out.put_str(request_id);
        out.put(b"}");
    }
    if let Some(url) = parts.doc_url() {
        out.put(b",");
        at_type(out, types::HELP);
        out.put_name(names::LINKS, true);
        out.put(b"[{");
        out.put_name(names::DESCRIPTION, false);
        out.put_str(parts.code());
        out.put_name(names::URL, true);
        out.put_str(url);
        out.put(b"}]}");
    }
    if let Some(head) = debug_head(body).filter(Head::shows_debug) {
        out.put(b",");
        at_type(out, types::DEBUG_INFO);
        out.put_name(names::STACK_ENTRIES, true);
        out.put(b"[");
        for (depth, source) in crate::chain::sources(parts.source()).enumerate() {
            if depth > 0 {
                out.put(b",");
            }
            // A source whose Display fails keeps what it wrote before.
            let _ = out.put_display(&source);
        }
        out.put(b"]");
        // The debug block's compact JSON, as a string; a debug member that
        // does not serialize leaves the block empty.
        out.put_name(names::DETAIL, true);
        let start = out.position();
        let block = DebugBlock { parts, head: &head };
        if serde_json::to_writer(&mut *out, &block).is_err() {
            out.truncate(start);
            out.put(b"{}");
        }
        quote_in_place(out.0, start);
        out.put(b"}");
    }
    out.put(b"]}}");
}

/// The message as Google's details hold it: [`MASKED_MESSAGE`] when its
/// `Display` fails. Where it is in the output, unless it is `forced`.
fn google_message(
    parts: &dyn Parts,
    forced: Option<&'static str>,
    out: &mut Out<'_>,
) -> Option<std::ops::Range<usize>> {
    let at = out.position();
    if message(parts, forced, out).is_err() {
        out.truncate(at);
        out.put_str(MASKED_MESSAGE);
    }
    forced.is_none().then(|| at..out.position())
}

/// `ErrorInfo.reason`: the code, upper-cased.
fn reason(out: &mut Out<'_>, code: &str) {
    if code.bytes().any(needs_escape) {
        out.put_str(&code.to_ascii_uppercase());
        return;
    }
    out.put(b"\"");
    let at = out.position();
    out.put(code.as_bytes());
    out.0[at..].make_ascii_uppercase();
    out.put(b"\"");
}

/// A `google.protobuf.Duration` in its JSON mapping: `30s`, `1.500s`.
fn duration(out: &mut Out<'_>, delay: Duration) {
    let mut digits = [0; 20];
    out.put(b"\"");
    out.put(api_error_wire::decimal(delay.as_secs(), &mut digits));
    let (fraction, width) = match delay.subsec_nanos() {
        0 => (0, 0),
        n if n % 1_000_000 == 0 => (n / 1_000_000, 3),
        n if n % 1_000 == 0 => (n / 1_000, 6),
        n => (n, 9),
    };
    if width > 0 {
        let fraction = api_error_wire::decimal(u64::from(fraction), &mut digits);
        out.put(b".");
        for _ in fraction.len()..width {
            out.put(b"0");
        }
        out.put(fraction);
    }
    out.put(b"s\"");
}

/// `source`: the JSON Pointer of a field of the body, or the name of a
/// query parameter or a header.
fn source(out: &mut Out<'_>, field: &str, location: FieldLocation) {
    match location {
        FieldLocation::Query => {
            out.put(b"{\"parameter\":");
            out.put_str(field);
        }
        FieldLocation::Header => {
            out.put(b"{\"header\":");
            out.put_str(field);
        }
        // A plain dotted path (`address.zip`) has nothing a JSON string
        // escapes.
        FieldLocation::Body if is_plain_dotted(field) => {
            out.put(b"{\"pointer\":\"");
            write_json_pointer(field, false, &mut |bytes| out.put(bytes));
            out.put(b"\"");
        }
        FieldLocation::Body => {
            out.put(b"{\"pointer\":\"");
            // Each piece is whole characters of the field, or ASCII.
            write_json_pointer(
                field,
                false,
                &mut |bytes| match std::str::from_utf8(bytes) {
                    Ok(piece) => out.put_escaped(piece),
                    Err(_) => out.put(bytes),
                },
            );
            out.put(b"\"");
        }
    }
    out.put(b"}");
}

/// The items of a listed `errors`, as the format of `items` writes them,
/// each after a comma unless it is the first. Each name is written with its
/// quotes, colon and the comma before it in one piece (`,"detail":`): the
/// properties hold these bytes to the formats' `Serialize`.
pub(super) fn items_of(out: &mut Out<'_>, first: &mut bool, items: Items, listed: &[FieldError]) {
    // `text`, which starts with a comma: without it when it is the first.
    let open = |out: &mut Out<'_>, first: &mut bool, text: &'static [u8]| {
        out.put(&text[usize::from(std::mem::take(first))..]);
    };
    if items.modeled == Modeled::Microsoft {
        open(out, first, b",\"details\":[");
        *first = true;
    }
    for error in listed {
        // Each value inside quotes of the text around it.
        match items.modeled {
            Modeled::JsonApi => {
                // A status is three digits.
                open(out, first, b",{\"status\":\"");
                out.put(items.status.as_str().as_bytes());
                if let Some(code) = &error.code {
                    out.put(b"\",\"code\":\"");
                    out.put_escaped(code);
                }
                out.put(b"\",\"title\":\"");
                out.put_escaped(items.title);
                out.put(b"\",\"detail\":\"");
                out.put_escaped(&error.message);
                out.put(b"\",\"source\":");
                source(out, &error.field, items.location);
                out.put(b"}");
            }
            Modeled::Microsoft => {
                open(out, first, b",{\"code\":\"");
                out.put_escaped(error.code.as_deref().unwrap_or(items.code));
                out.put(b"\",\"message\":\"");
                out.put_escaped(&error.message);
                out.put(b"\",\"target\":\"");
                out.put_escaped(&error.field);
                out.put(b"\"}");
            }
            Modeled::Google => {
                open(out, first, b",{\"field\":\"");
                out.put_escaped(&error.field);
                out.put(b"\",\"description\":\"");
                out.put_escaped(&error.message);
                if let Some(code) = error.code.as_deref().filter(|code| !code.is_empty()) {
                    out.put(b"\",\"reason\":\"");
                    out.put_escaped(code);
                }
                out.put(b"\"}");
            }
        }
    }
    if items.modeled == Modeled::Microsoft {
        out.put(b"]");
    }
}

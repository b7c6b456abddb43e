//! The Markdown reference page of a catalog.

use super::sample;
use super::{Entry, ErrorCatalog, FieldMember};
use crate::Format;
use api_error_wire::{names, walk, Head, Layout, Modeled, Shape, Sink};
use std::fmt::Write as _;

/// The page of `catalog`, each entry's message the template `message`
/// gives for it, or its own.
pub(crate) fn render(catalog: &ErrorCatalog, message: &dyn Fn(&Entry) -> Option<String>) -> String {
    let entries: Vec<&Entry> = catalog.entries().collect();
    let mut out = String::new();
    let _ = writeln!(out, "# {} reference\n", catalog.type_name);
    if !catalog.description.is_empty() {
        let _ = writeln!(out, "{}\n", catalog.description.trim());
    }
    response_format(&mut out, catalog.format, &entries);
    status_table(&mut out, &entries);
    codes(&mut out, catalog.format, &entries, message);
    retrying(&mut out, &entries);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn response_format(out: &mut String, format: Format, entries: &[&Entry]) {
    let _ = writeln!(out, "## Error response format\n");
    let shape = match format {
        Format::Envelope => r#"`{"error": {"code": "...", "message": "..."}}`"#,
        Format::Flat => r#"`{"error": "<reason phrase>", "message": "..."}`"#,
        Format::Problem => "RFC 9457 problem details",
        Format::JsonApi => {
            r#"JSON:API error objects, `{"errors": [{"status": "...", "code": "...", "title": "...", "detail": "..."}]}`"#
        }
        Format::Google => {
            r#"Google's AIP-193 error, `{"error": {"code": 404, "message": "...", "status": "NOT_FOUND", "details": [...]}}`"#
        }
        Format::Microsoft => {
            r#"the Microsoft REST API guidelines' error, `{"error": {"code": "...", "message": "..."}}`"#
        }
    };
    let _ = writeln!(
        out,
        "Every error is a JSON object, served as `{}`: {shape}.\n",
        format.content_type()
    );
    let _ = writeln!(out, "| Member | Always present | Description |");
    let _ = writeln!(out, "|---|---|---|");
    let mut row = |member: &str, always: bool, description: &str| {
        let always = if always { "Yes" } else { "No" };
        let _ = writeln!(out, "| `{member}` | {always} | {description} |");
    };
    let layout = match format.shape() {
        Shape::Walked(layout) => layout,
        Shape::Modeled(modeled) => {
            modeled_rows(&mut row, modeled, entries);
            out.push('\n');
            return;
        }
    };
    // The walk of a body with every member an entry may write.
    let any = |test: &dyn Fn(&Entry) -> bool| entries.iter().any(|entry| test(entry));
    let head = Head {
        status: if any(&|e| e.status.is_server_error()) {
            500
        } else {
            400
        },
        code: "",
        field: any(&|e| e.field.is_some()).then_some(""),
        doc_url: any(&|e| e.doc_url.is_some()).then_some(""),
        debug: false,
        has_debug_members: false,
        masked: false,
        has_source: false,
    };
    let mut sink = RowSink {
        row: &mut row,
        entries,
        layout,
    };
    let Ok(()) = walk(layout, &head, &mut sink);
    out.push('\n');
}

/// Writes a row of the member table for each member the walk asks for.
struct RowSink<'r, 'e> {
    row: &'r mut dyn FnMut(&str, bool, &str),
    entries: &'e [&'e Entry],
    layout: Layout,
}

impl RowSink<'_, '_> {
    fn any(&self, test: impl Fn(&Entry) -> bool) -> bool {
        self.entries.iter().any(|entry| test(entry))
    }
}

impl Sink for RowSink<'_, '_> {
    type Error = std::convert::Infallible;

    fn text(&mut self, name: &'static str, _value: &str) -> Result<(), Self::Error> {
        let (always, description) = match name {
            names::CODE => (true, "Machine-readable error code"),
            names::ERROR | names::TITLE => (true, "The status's reason phrase, like `Not Found`"),
            names::TYPE => (true, "Link to the error's documentation, or `about:blank`"),
            names::FIELD => (false, "Which request field caused the error"),
            names::DOC_URL => (false, "Link to the error's documentation"),
            _ => (false, ""),
        };
        (self.row)(name, always, description);
        Ok(())
    }

    fn status(&mut self, name: &'static str, _status: u16) -> Result<(), Self::Error> {
        (self.row)(name, true, "The HTTP status");
        Ok(())
    }

    fn message(&mut self, name: &'static str) -> Result<(), Self::Error> {
        (self.row)(name, true, "Human-readable description");
        Ok(())
    }

    fn members(&mut self, errors: &'static str) -> Result<(), Self::Error> {
        if self.any(|e| !e.extras.is_empty()) {
            (self.row)(
                "*others*",
                false,
                "Details of particular errors, listed with each code below",
            );
        }
        if self.any(|e| e.errors) {
            let items = if self.layout == Layout::Problem {
                "each with `detail` and `pointer` (a JSON Pointer to the field, as RFC 9457 writes it)"
            } else {
                "each with `field` and `message`"
            };
            (self.row)(
                errors,
                false,
                &format!(
                    "The failed fields of a validation error, {items}, and their `code` when they have one; at most {}",
                    crate::field_errors::MAX_FIELD_ERRORS
                ),
            );
        }
        Ok(())
    }

    fn errors_omitted(&mut self, name: &'static str) -> Result<(), Self::Error> {
        if self.any(|e| e.errors) {
            (self.row)(
                name,
                false,
                "How many failed fields the `errors` list leaves out, when there are more",
            );
        }
        Ok(())
    }

    fn request_id(&mut self, name: &'static str) -> Result<(), Self::Error> {
        (self.row)(
            name,
            false,
            "The request's id, in server errors (5xx): quote it to support",
        );
        Ok(())
    }

    fn debug(&mut self, _name: &'static str, _head: &Head<'_>) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// The members of a format written from the model, where each is kept.
fn modeled_rows(row: &mut dyn FnMut(&str, bool, &str), modeled: Modeled, entries: &[&Entry]) {
    let any = |test: &dyn Fn(&Entry) -> bool| entries.iter().any(|entry| test(entry));
    let errors_max = crate::field_errors::MAX_FIELD_ERRORS;
    match modeled {
        Modeled::JsonApi => {
            row("errors[0].status", true, "The HTTP status, as a string");
            row("errors[0].code", true, "Machine-readable error code");
            row(
                "errors[0].title",
                true,
                "The status's reason phrase, like `Not Found`",
            );
            row("errors[0].detail", true, "Human-readable description");
            if any(&|e| e.field.is_some()) {
                row(
                    "errors[0].source",
                    false,
                    "The request field that caused the error: `pointer` (a JSON Pointer into the body), `parameter` (a query parameter) or `header`",
                );
            }
            if any(&|e| e.doc_url.is_some()) {
                row(
                    "errors[0].links.about",
                    false,
                    "Link to the error's documentation",
                );
            }
            row("errors[0].meta", false, "Details of particular errors (listed with each code below), and the request's id in server errors (5xx)");
            if any(&|e| e.errors) {
                row("errors[1..]", false, &format!("One error object per failed field of a validation error, with its `source`; at most {errors_max}"));
            }
        }
        Modeled::Google => {
            row("error.code", true, "The HTTP status");
            row("error.message", true, "Human-readable description");
            row(
                "error.status",
                true,
                "The gRPC code's name, like `NOT_FOUND`",
            );
            row("error.details[0]", true, "`google.rpc.ErrorInfo`: the code upper-cased as `reason`, the `domain`, and details of particular errors as string `metadata`");
            if any(&|e| e.field.is_some() || e.errors) {
                row("google.rpc.BadRequest", false, &format!("The failed fields, as `fieldViolations`; at most {errors_max} besides `field`"));
            }
            if any(&|e| e.retry_after) {
                row(
                    "google.rpc.RetryInfo",
                    false,
                    "How long to wait before retrying, as `retryDelay`",
                );
            }
            row(
                "google.rpc.RequestInfo",
                false,
                "The request's id, as `requestId`",
            );
            if any(&|e| e.doc_url.is_some()) {
                row(
                    "google.rpc.Help",
                    false,
                    "Link to the error's documentation",
                );
            }
        }
        Modeled::Microsoft => {
            row("error.code", true, "Machine-readable error code");
            row("error.message", true, "Human-readable description");
            if any(&|e| e.field.is_some()) {
                row(
                    "error.target",
                    false,
                    "Which request field caused the error",
                );
            }
            if any(&|e| e.errors) {
                row("error.details", false, &format!("The failed fields of a validation error, each with `code`, `message` and `target`; at most {errors_max}"));
            }
            row("error.innererror", false, "Details of particular errors (listed with each code below), the link to the error's documentation, and the request's id in server errors (5xx)");
        }
    }
}

/// Statuses in ascending order, each with its codes in order of appearance.
fn by_status<'a>(entries: &[&'a Entry]) -> Vec<(u16, Vec<Vec<&'a Entry>>)> {
    let mut statuses: Vec<(u16, Vec<Vec<&'a Entry>>)> = Vec::new();
    for entry in entries {
        let status = entry.status.as_u16();
        let index = match statuses.iter().position(|(s, _)| *s == status) {
            Some(index) => index,
            None => {
                statuses.push((status, Vec::new()));
                statuses.len() - 1
            }
        };
        let codes = &mut statuses[index].1;
        match codes.iter_mut().find(|group| group[0].code == entry.code) {
            Some(group) => group.push(entry),
            None => codes.push(vec![entry]),
        }
    }
    statuses.sort_by_key(|(status, _)| *status);
    statuses
}

fn status_table(out: &mut String, entries: &[&Entry]) {
    let _ = writeln!(out, "## HTTP status codes\n");
    let _ = writeln!(out, "| Status | Meaning | Codes |");
    let _ = writeln!(out, "|---|---|---|");
    for (status, codes) in by_status(entries) {
        let links = codes
            .iter()
            .map(|group| format!("[`{0}`](#{0})", group[0].code))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(out, "| `{status}` | {} | {links} |", codes[0][0].reason());
    }
    out.push('\n');
}

fn codes(
    out: &mut String,
    format: Format,
    entries: &[&Entry],
    message: &dyn Fn(&Entry) -> Option<String>,
) {
    let _ = writeln!(out, "## Error codes\n");
    for (status, codes) in by_status(entries) {
        let _ = writeln!(out, "### {status} {}\n", codes[0][0].reason());
        for group in codes {
            code_section(out, format, &group, message);
        }
    }
}

fn code_section(
    out: &mut String,
    format: Format,
    group: &[&Entry],
    message: &dyn Fn(&Entry) -> Option<String>,
) {
    let first = group[0];
    let _ = writeln!(out, "#### `{}`\n", first.code);
    for entry in group {
        if !entry.description.is_empty() {
            let _ = writeln!(out, "{}\n", entry.description.trim());
        }
        let _ = writeln!(
            out,
            "```json\n{}\n```\n",
            sample::body_with(entry, format, message(entry))
        );
    }
    let mut fields: Vec<String> = Vec::new();
    let mut members: Vec<String> = Vec::new();
    for entry in group {
        match entry.field {
            Some(FieldMember::Fixed(name)) => push_new(&mut fields, format!("`{name}`")),
            Some(FieldMember::FromValue(_)) => {
                push_new(&mut fields, "the request field at fault".to_owned());
            }
            None => {}
        }
        for extra in entry.extras {
            push_new(
                &mut members,
                format!("`{}` ({})", extra.name, extra.json_type),
            );
        }
        if entry.errors {
            push_new(&mut members, "`errors` (array of field errors)".to_owned());
        }
    }
    if !fields.is_empty() {
        let _ = writeln!(out, "- **Field:** {}", fields.join(", "));
    }
    if !members.is_empty() {
        let _ = writeln!(out, "- **Members:** {}", members.join(", "));
    }
    let mut grpc: Vec<String> = Vec::new();
    for entry in group {
        push_new(&mut grpc, format!("`{}`", entry.grpc));
    }
    let _ = writeln!(out, "- **gRPC:** {}", grpc.join(", "));
    let mut headers = vec![format!("`Content-Type: {}`", format.content_type())];
    if group.iter().any(|entry| entry.retry_after) {
        headers.push("`Retry-After`".to_owned());
    }
    headers.push("`X-Request-Id`".to_owned());
    let _ = writeln!(out, "- **Headers:** {}", headers.join(", "));
    let _ = writeln!(out, "- **Retry:** {}\n", advice(group));
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// What a client should do, following the error guides: wait for
/// `Retry-After`, back off on server errors, fix the request otherwise.
fn advice(group: &[&Entry]) -> String {
    let first = group[0];
    let status = first.status;
    if group.iter().all(|entry| entry.retry_after) {
        return "yes, after the number of seconds in the `Retry-After` header.".to_owned();
    }
    if status.as_u16() == 429 {
        return "yes, after a wait: back off exponentially, 1 s, 2 s, then 4 s.".to_owned();
    }
    if status.is_server_error() {
        let wait = if group.iter().any(|entry| entry.retry_after) {
            "yes, after the seconds in `Retry-After` when it is sent, otherwise"
        } else {
            "yes,"
        };
        return format!(
            "{wait} with exponential backoff: wait 1 s, 2 s, then 4 s. If it persists, contact support with the `request_id`."
        );
    }
    match first.field {
        Some(FieldMember::Fixed(name)) => {
            format!("no: fix the `{name}` field before sending the request again.")
        }
        Some(FieldMember::FromValue(_)) => {
            "no: fix the field named in `field` before sending the request again.".to_owned()
        }
        None => "no: fix the request before sending it again.".to_owned(),
    }
}

fn retrying(out: &mut String, entries: &[&Entry]) {
    let _ = writeln!(out, "## Retrying\n");
    if entries.iter().any(|e| e.status.as_u16() == 429) {
        let _ = writeln!(
            out,
            "- `429`: wait the number of seconds in the `Retry-After` header, then retry."
        );
    }
    if entries.iter().any(|e| e.status.is_server_error()) {
        let retry_after = if entries
            .iter()
            .any(|e| e.status.is_server_error() && e.retry_after)
        {
            " (or the `Retry-After` header, when it is sent)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "- `5xx`: retry with exponential backoff, waiting 1 s, 2 s, then 4 s{retry_after}."
        );
    }
    let _ = writeln!(
        out,
        "- Other `4xx`: the request itself is wrong; sending it again unchanged fails again."
    );
    let _ = writeln!(
        out,
        "- Every error response carries an `X-Request-Id` header: quote it when contacting support."
    );
}

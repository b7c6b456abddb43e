//! The lines of the render benchmark: every renderer of every format, each
//! from the same error, and the check that they all write the same body. The
//! benchmark times them; a test (`tests/render_lines.rs`) checks them under
//! `cargo test`, every line and format.

// Shared by the benchmark and a test.
#![allow(dead_code)]

use crate::errors::ClientError;
use crate::hand;
use api_error::{ApiError, Format, RenderOptions};
use std::hint::black_box;

/// The name of the baseline line of every format: `#[derive(Serialize)]`
/// body structs, the tightest hand-written code that renders any error.
pub const BASELINE: &str = "serde derive (baseline)";

/// How a line's body must match its format's baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Same {
    /// Byte for byte.
    Bytes,
    /// As JSON: `serde_json::Value` orders members its own way.
    Value,
    /// As JSON, but for `type`: the peers leave out `about:blank`.
    ValueWithoutType,
}

/// A renderer: writes one body into the buffer it is given.
pub type Render<'a> = Box<dyn FnMut(&mut Vec<u8>) + 'a>;

/// One line: a renderer of one format, writing into the buffer it is given
/// (or, when `own_buffer`, making its own and ignoring it).
pub struct RenderLine<'a> {
    pub format: &'static str,
    pub name: &'static str,
    pub same: Same,
    pub own_buffer: bool,
    pub render: Render<'a>,
}

fn line<'a>(
    format: &'static str,
    name: &'static str,
    same: Same,
    render: impl FnMut(&mut Vec<u8>) + 'a,
) -> RenderLine<'a> {
    RenderLine {
        format,
        name,
        same,
        own_buffer: false,
        render: Box::new(render),
    }
}

/// Every line of one case, the baseline first in each format.
pub fn lines<'a>(
    error: &'a ClientError,
    hand: &'a hand::ClientError,
    options: &'a RenderOptions<'a>,
) -> Vec<RenderLine<'a>> {
    let request_id = options.request_id;
    let mut lines = Vec::new();
    for (name, format) in [
        ("envelope", Format::Envelope),
        ("flat", Format::Flat),
        ("problem", Format::Problem),
        ("json:api", Format::JsonApi),
        ("google", Format::Google),
        ("microsoft", Format::Microsoft),
    ] {
        lines.push(line(name, BASELINE, Same::Bytes, move |out| {
            let hand = black_box(hand);
            match format {
                Format::Envelope => serde_json::to_writer(out, &hand.envelope(request_id)),
                Format::Flat => serde_json::to_writer(out, &hand.flat(request_id)),
                Format::Problem => serde_json::to_writer(out, &hand.problem(request_id)),
                Format::JsonApi => serde_json::to_writer(out, &hand.json_api(request_id)),
                Format::Google => serde_json::to_writer(out, &hand.google(request_id)),
                Format::Microsoft => serde_json::to_writer(out, &hand.microsoft(request_id)),
            }
            .unwrap();
        }));
        lines.push(line(
            name,
            "api-error write_json",
            Same::Bytes,
            move |out| {
                black_box(error).write_json(out, format, options);
            },
        ));
        let mut to_json = line(name, "api-error to_json", Same::Bytes, move |out| {
            let body = black_box(black_box(error).to_json_with(format, options));
            // The body is the line's own string. The benchmark hands it a
            // buffer with room, which it leaves alone; `check` hands it an
            // empty one, to read the body.
            if out.capacity() == 0 {
                out.extend_from_slice(body.as_bytes());
            }
        });
        to_json.own_buffer = true;
        lines.push(to_json);
        // A fieldless body below 500 is a constant: the tightest code is a
        // copy (of a body without the request's id; Google's lists it
        // whatever the status, so its copy has none).
        let constant = api_error::__private::Members::const_body(error, format)
            .filter(|constant| {
                !constant.writes_request_id(error.status().is_server_error(), request_id)
            })
            .map(|constant| constant.body);
        if let Some(body) = constant {
            lines.push(line(
                name,
                "copy of the constant body",
                Same::Bytes,
                move |out| {
                    out.extend_from_slice(black_box(body).as_bytes());
                },
            ));
        }
        match format {
            Format::Envelope => {
                lines.push(line(name, "serde_json::json!", Same::Value, move |out| {
                    serde_json::to_writer(out, &json::envelope(black_box(hand), request_id))
                        .unwrap();
                }))
            }
            Format::Problem => {
                lines.push(line(name, "serde_json::json!", Same::Value, move |out| {
                    serde_json::to_writer(out, &json::problem(black_box(hand), request_id))
                        .unwrap();
                }));
                lines.push(line(
                    name,
                    "http-api-problem",
                    Same::ValueWithoutType,
                    move |out| {
                        let problem = peers::http_api_problem(black_box(hand), request_id);
                        serde_json::to_writer(out, &problem).unwrap();
                    },
                ));
                lines.push(line(
                    name,
                    "problem_details",
                    Same::ValueWithoutType,
                    move |out| {
                        let problem = peers::problem_details(black_box(hand), request_id);
                        serde_json::to_writer(out, &problem).unwrap();
                    },
                ));
            }
            _ => {}
        }
    }
    lines
}

/// Whether every line writes its format's baseline body, as its `same`
/// says; the first difference otherwise.
pub fn check(lines: &mut [RenderLine<'_>]) -> Result<(), String> {
    let mut baseline: Option<(&'static str, Vec<u8>)> = None;
    for line in lines.iter_mut() {
        let mut out = Vec::new();
        (line.render)(&mut out);
        if line.name == BASELINE {
            baseline = Some((line.format, out));
            continue;
        }
        let Some((format, expected)) = baseline.as_ref().filter(|(f, _)| *f == line.format) else {
            return Err(format!(
                "{} {}: no baseline before it",
                line.format, line.name
            ));
        };
        let value = |bytes: &[u8]| -> Result<serde_json::Value, String> {
            serde_json::from_slice(bytes).map_err(|err| format!("{format} {}: {err}", line.name))
        };
        let same = match line.same {
            Same::Bytes => out == *expected,
            Same::Value => value(&out)? == value(expected)?,
            Same::ValueWithoutType => {
                let mut expected = value(expected)?;
                if expected["type"] == "about:blank" {
                    expected.as_object_mut().unwrap().remove("type");
                }
                value(&out)? == expected
            }
        };
        if !same {
            return Err(format!(
                "{format} {}: {}\n  baseline: {}",
                line.name,
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(expected)
            ));
        }
    }
    Ok(())
}

/// `serde_json::json!` bodies, built from the hand-written error.
pub mod json {
    use crate::hand::ClientError;
    use serde_json::{json, Value};

    fn members(error: &ClientError, request_id: Option<&str>, object: &mut Value, problem: bool) {
        match error {
            ClientError::NotFound { resource, id } => {
                object["resource"] = json!(resource);
                object["id"] = json!(id);
            }
            ClientError::Validation(errors) if problem => {
                object["errors"] = json!(crate::hand::ProblemErrors(errors));
            }
            ClientError::Validation(errors) => object["errors"] = json!(errors),
            _ => {}
        }
        if let Some(request_id) = error.request_id(request_id) {
            object["request_id"] = json!(request_id);
        }
    }

    pub fn envelope(error: &ClientError, request_id: Option<&str>) -> Value {
        let mut inner = json!({ "code": error.code(), "message": error.message() });
        members(error, request_id, &mut inner, false);
        json!({ "error": inner })
    }

    pub fn problem(error: &ClientError, request_id: Option<&str>) -> Value {
        let status = error.status();
        let mut problem = json!({
            "type": "about:blank",
            "title": status.canonical_reason(),
            "status": status.as_u16(),
            "detail": error.message(),
            "code": error.code(),
        });
        members(error, request_id, &mut problem, true);
        problem
    }
}

/// The peer crates, fed from the hand-written error as their users do.
pub mod peers {
    use crate::hand::ClientError;
    use http_api_problem::HttpApiProblem;
    use problem_details::ProblemDetails;

    pub fn http_api_problem(error: &ClientError, request_id: Option<&str>) -> HttpApiProblem {
        let mut problem = HttpApiProblem::with_title(error.status())
            .detail(error.message())
            .value("code", &error.code());
        match error {
            ClientError::NotFound { resource, id } => {
                problem.set_value("resource", resource);
                problem.set_value("id", id);
            }
            ClientError::Validation(errors) => {
                problem.set_value("errors", &crate::hand::ProblemErrors(errors));
            }
            _ => {}
        }
        if let Some(request_id) = error.request_id(request_id) {
            problem.set_value("request_id", &request_id);
        }
        problem
    }

    pub fn problem_details<'a>(
        error: &'a ClientError,
        request_id: Option<&'a str>,
    ) -> ProblemDetails<crate::hand::Extensions<'a>> {
        ProblemDetails::from_status_code(error.status())
            .with_detail(error.message())
            .with_extensions(error.extensions(request_id))
    }
}

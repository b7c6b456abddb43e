//! Rendering error bodies, in one run: this derive against the hand-written
//! equivalents (`#[derive(Serialize)]` body structs, `serde_json::json!`) and,
//! for the problem format, the peer crates `http-api-problem` and
//! `problem_details`.
//!
//! Every line starts from an error value and ends with the body's bytes in a
//! buffer, measured twice: in a fresh buffer of the same capacity for every
//! line, freed after each body (what one error response costs, allocation
//! included), and in one reused buffer (the rendering alone). The table at
//! the end gives each line's median time per body and its ratio to the
//! hand-written `#[derive(Serialize)]` line of the same buffer, case and
//! format.
//!
//! ```text
//! cargo bench -p api-error-benches --bench render
//! cargo bench -p api-error-benches --bench render -- two_extras   # only the benchmarks whose name matches
//! ```

#[path = "common/errors.rs"]
mod errors;
#[path = "common/hand.rs"]
mod hand;

use api_error::{ApiError, Format, RenderOptions};
use criterion::Criterion;
use errors::{ClientError, REQUEST_ID};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The capacity every line's fresh buffer starts with: the runtime's own,
/// a little more than `serde_json::to_vec`'s 128.
const CAPACITY: usize = 160;

/// Samples per benchmark; the table's median is taken over these.
const SAMPLES: usize = 60;

/// `serde_json::json!` bodies, built from the hand-written error.
mod json {
    use super::hand::ClientError;
    use serde_json::{json, Value};

    fn members(error: &ClientError, request_id: Option<&str>, object: &mut Value, problem: bool) {
        match error {
            ClientError::NotFound { resource, id } => {
                object["resource"] = json!(resource);
                object["id"] = json!(id);
            }
            ClientError::Validation(errors) if problem => {
                object["errors"] = json!(super::hand::ProblemErrors(errors));
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
mod peers {
    use super::hand::ClientError;
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
                problem.set_value("errors", &super::hand::ProblemErrors(errors));
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
    ) -> ProblemDetails<super::hand::Extensions<'a>> {
        ProblemDetails::from_status_code(error.status())
            .with_detail(error.message())
            .with_extensions(error.extensions(request_id))
    }
}

/// Where a line writes its body.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Buffer {
    /// A new buffer each time, freed after: what one response costs.
    Fresh,
    /// One buffer, cleared each time: the rendering alone.
    Reused,
    /// None from the harness: the line allocates its own output, as
    /// `to_json` does. Listed with the fresh buffers.
    Own,
}

impl Buffer {
    fn name(self) -> &'static str {
        match self {
            Buffer::Fresh | Buffer::Own => "fresh",
            Buffer::Reused => "reused",
        }
    }
}

/// One measured line of the table.
struct Line {
    buffer: Buffer,
    case: &'static str,
    format: &'static str,
    name: &'static str,
    nanos: f64,
}

/// Runs one benchmark under criterion and keeps the median of its samples'
/// time per body for the table.
fn measure(
    c: &mut Criterion,
    lines: &mut Vec<Line>,
    (buffer, case, format, name): (Buffer, &'static str, &'static str, &'static str),
    render: &mut dyn FnMut(&mut Vec<u8>),
) {
    let mut samples: Vec<f64> = Vec::new();
    let id = format!(
        "{}/{}/{format}/{name}",
        buffer.name(),
        case.replace([' ', ','], "_")
    );
    let mut reused = Vec::with_capacity(CAPACITY);
    c.bench_function(&id, |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                match buffer {
                    Buffer::Fresh => {
                        let mut out = Vec::with_capacity(CAPACITY);
                        render(&mut out);
                        black_box(out);
                    }
                    Buffer::Reused => {
                        reused.clear();
                        render(&mut reused);
                        black_box(&mut reused);
                    }
                    Buffer::Own => render(&mut reused),
                }
            }
            let elapsed = start.elapsed();
            samples.push(elapsed.as_nanos() as f64 / iters as f64);
            elapsed
        });
    });
    if samples.is_empty() {
        return;
    }
    // Criterion warms up through the same routine: the samples are the last calls.
    let mut kept = samples.split_off(samples.len().saturating_sub(SAMPLES));
    kept.sort_by(f64::total_cmp);
    lines.push(Line {
        buffer,
        case,
        format,
        name,
        nanos: kept[kept.len() / 2],
    });
}

/// Checks that the lines of a case render the same body before timing them.
fn check_same_bodies(error: &ClientError, hand: &hand::ClientError, options: &RenderOptions<'_>) {
    let request_id = options.request_id;
    let mut derived = Vec::new();
    error.write_json(&mut derived, Format::Envelope, options);
    let by_hand = serde_json::to_vec(&hand.envelope(request_id)).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&derived),
        String::from_utf8_lossy(&by_hand),
        "envelope"
    );
    let by_json: serde_json::Value = serde_json::from_slice(&derived).unwrap();
    assert_eq!(by_json, json::envelope(hand, request_id), "envelope, json!");

    let mut derived = Vec::new();
    error.write_json(&mut derived, Format::Problem, options);
    let by_hand = serde_json::to_vec(&hand.problem(request_id)).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&derived),
        String::from_utf8_lossy(&by_hand),
        "problem"
    );
    let derived: serde_json::Value = serde_json::from_slice(&derived).unwrap();
    assert_eq!(derived, json::problem(hand, request_id), "problem, json!");
    // The peers leave out `type` when it is about:blank.
    let mut without_type = derived.clone();
    without_type.as_object_mut().unwrap().remove("type");
    let peer = serde_json::to_value(peers::http_api_problem(hand, request_id)).unwrap();
    assert_eq!(without_type, peer, "problem, http-api-problem");
    let peer = serde_json::to_value(peers::problem_details(hand, request_id)).unwrap();
    assert_eq!(without_type, peer, "problem, problem_details");
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_millis(1500))
        .sample_size(SAMPLES)
        .configure_from_args();
    let options = errors::options();
    let request_id = Some(REQUEST_ID);
    let mut lines = Vec::new();
    let baseline = "serde derive (baseline)";

    for buffer in [Buffer::Fresh, Buffer::Reused] {
        for (case, error) in errors::cases() {
            let hand = hand::from_derived(&error);
            check_same_bodies(&error, &hand, &options);
            let error = &error;
            let hand = &hand;
            let options = &options;
            let mut line = |c: &mut Criterion,
                            format,
                            name,
                            own: bool,
                            render: &mut dyn FnMut(&mut Vec<u8>)| {
                let buffer = if own { Buffer::Own } else { buffer };
                measure(c, &mut lines, (buffer, case, format, name), render);
            };

            line(
                &mut c,
                "envelope",
                "api-error write_json",
                false,
                &mut |out| {
                    black_box(error).write_json(out, Format::Envelope, options);
                },
            );
            if buffer == Buffer::Fresh {
                // Allocates its own string, in place of the harness's buffer.
                line(&mut c, "envelope", "api-error to_json", true, &mut |_| {
                    black_box(black_box(error).to_json_with(Format::Envelope, options));
                });
            }
            line(&mut c, "envelope", baseline, false, &mut |out| {
                serde_json::to_writer(out, &black_box(hand).envelope(request_id)).unwrap();
            });
            line(&mut c, "envelope", "serde_json::json!", false, &mut |out| {
                serde_json::to_writer(out, &json::envelope(black_box(hand), request_id)).unwrap();
            });
            // A 5xx body is the constant one with the request id spliced in.
            let constant = api_error::__private::Members::const_body(error, Format::Envelope)
                .map(|constant| constant.body)
                .filter(|_| !error.status().is_server_error());
            if let Some(body) = constant {
                line(
                    &mut c,
                    "envelope",
                    "copy of the constant body",
                    false,
                    &mut |out| {
                        out.extend_from_slice(black_box(body).as_bytes());
                    },
                );
            }

            line(
                &mut c,
                "problem",
                "api-error write_json",
                false,
                &mut |out| {
                    black_box(error).write_json(out, Format::Problem, options);
                },
            );
            line(&mut c, "problem", baseline, false, &mut |out| {
                serde_json::to_writer(out, &black_box(hand).problem(request_id)).unwrap();
            });
            line(&mut c, "problem", "serde_json::json!", false, &mut |out| {
                serde_json::to_writer(out, &json::problem(black_box(hand), request_id)).unwrap();
            });
            line(&mut c, "problem", "http-api-problem", false, &mut |out| {
                let problem = peers::http_api_problem(black_box(hand), request_id);
                serde_json::to_writer(out, &problem).unwrap();
            });
            line(&mut c, "problem", "problem_details", false, &mut |out| {
                let problem = peers::problem_details(black_box(hand), request_id);
                serde_json::to_writer(out, &problem).unwrap();
            });
        }
    }

    c.final_summary();
    print_table(&lines, baseline);
}

fn print_table(lines: &[Line], baseline: &str) {
    if lines.is_empty() {
        return;
    }
    println!();
    println!(
        "{:<7} {:<21} {:<9} {:<26} {:>8}  vs baseline",
        "buffer", "case", "format", "renderer", "ns/body"
    );
    for line in lines {
        let base = lines.iter().find(|l| {
            l.buffer.name() == line.buffer.name()
                && l.case == line.case
                && l.format == line.format
                && l.name == baseline
        });
        let ratio = match base {
            Some(base) if line.nanos > 0.0 => {
                let speedup = base.nanos / line.nanos;
                if speedup >= 1.0 {
                    format!("{speedup:.2}x faster")
                } else {
                    format!("{:.2}x slower", 1.0 / speedup)
                }
            }
            _ => "-".to_owned(),
        };
        println!(
            "{:<7} {:<21} {:<9} {:<26} {:>8.1}  {}",
            line.buffer.name(),
            line.case,
            line.format,
            line.name,
            line.nanos,
            ratio
        );
    }
}

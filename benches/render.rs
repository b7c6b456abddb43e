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
//! format. A second table sets each localized line (the body in French,
//! its message looked up in the type's Fluent catalogs on every render)
//! beside the same body in the source language.
//!
//! ```text
//! cargo bench -p api-error-benches --bench render
//! cargo bench -p api-error-benches --bench render -- two_extras   # only the benchmarks whose name matches
//! ```

#[path = "common/errors.rs"]
mod errors;
#[path = "common/hand.rs"]
mod hand;
#[path = "common/lines.rs"]
mod render_lines;

use criterion::Criterion;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The capacity every line's fresh buffer starts with: the runtime's own,
/// a little more than `serde_json::to_vec`'s 128.
const CAPACITY: usize = 160;

/// Samples per benchmark; the table's median is taken over these.
const SAMPLES: usize = 60;

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

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_millis(1500))
        .sample_size(SAMPLES)
        .configure_from_args();
    let options = errors::options();
    let mut lines = Vec::new();

    for buffer in [Buffer::Fresh, Buffer::Reused] {
        for (case, error) in errors::cases() {
            let hand = hand::from_derived(&error);
            let mut renderers = render_lines::lines(&error, &hand, &options);
            if let Err(difference) = render_lines::check(&mut renderers) {
                panic!("{case}: {difference}");
            }
            for line in &mut renderers {
                let buffer = match (line.own_buffer, buffer) {
                    (true, Buffer::Fresh) => Buffer::Own,
                    (true, _) => continue,
                    (false, buffer) => buffer,
                };
                measure(
                    &mut c,
                    &mut lines,
                    (buffer, case, line.format, line.name),
                    &mut line.render,
                );
            }
            for (format, mut render) in localized_lines(&error, &options) {
                measure(
                    &mut c,
                    &mut lines,
                    (buffer, case, format, LOCALIZED),
                    &mut render,
                );
            }
        }
    }

    c.final_summary();
    print_table(&lines, render_lines::BASELINE);
    print_localized(&lines);
}

/// The name of the localized lines, and of the lines they are set beside.
const LOCALIZED: &str = "api-error write_json, fr";
const SOURCE: &str = "api-error write_json";

/// Each format's localized line for `error`: the locale negotiated for a
/// client asking for French and the body written in it, as a localizing
/// server does per request.
/// Checked first: the body is the source-language body with the message
/// replaced.
fn localized_lines<'a>(
    error: &'a errors::ClientError,
    options: &'a api_error::RenderOptions<'a>,
) -> Vec<(&'static str, render_lines::Render<'a>)> {
    use api_error::{ApiError, Format};

    let render = |error: &errors::ClientError, format, locale: &str, out: &mut Vec<u8>| match error
        .locale_for(&[locale])
    {
        Some(locale) => error.write_json(out, format, &options.locale(locale)),
        None => error.write_json(out, format, options),
    };
    let mut lines: Vec<(&'static str, render_lines::Render<'a>)> = Vec::new();
    for (name, format) in [
        ("envelope", Format::Envelope),
        ("flat", Format::Flat),
        ("problem", Format::Problem),
        ("json:api", Format::JsonApi),
        ("google", Format::Google),
        ("microsoft", Format::Microsoft),
    ] {
        let (mut french, mut english, mut source) = (Vec::new(), Vec::new(), Vec::new());
        render(error, format, "fr", &mut french);
        render(error, format, "en", &mut english);
        error.write_json(&mut source, format, options);
        // The English catalog is the source text, so rendering in English is
        // the source body; French changes the message alone.
        assert_eq!(english, source, "{name}: the English body");
        let text = |locale| {
            let (message, _) = error.localized_message_for(&[locale]).unwrap();
            serde_json::to_string(&message).unwrap()
        };
        let french = String::from_utf8(french).unwrap();
        assert!(french.contains(&text("fr")), "{name}: {french}");
        assert_eq!(
            french.replace(&text("fr"), &text("en")).into_bytes(),
            source,
            "{name}: the French body"
        );
        lines.push((
            name,
            Box::new(move |out| render(black_box(error), format, "fr", out)),
        ));
    }
    lines
}

/// Each localized line beside the same body in the source language.
fn print_localized(lines: &[Line]) {
    let localized: Vec<&Line> = lines.iter().filter(|l| l.name == LOCALIZED).collect();
    if localized.is_empty() {
        return;
    }
    println!();
    println!(
        "{:<7} {:<21} {:<9} {:>10} {:>10}  localized / source",
        "buffer", "case", "format", "source ns", "fr ns"
    );
    for line in localized {
        let Some(source) = lines.iter().find(|l| {
            l.buffer == line.buffer
                && l.case == line.case
                && l.format == line.format
                && l.name == SOURCE
        }) else {
            continue;
        };
        println!(
            "{:<7} {:<21} {:<9} {:>10.1} {:>10.1}  {:.2}x",
            line.buffer.name(),
            line.case,
            line.format,
            source.nanos,
            line.nanos,
            line.nanos / source.nanos
        );
    }
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

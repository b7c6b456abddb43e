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
//! its locale negotiated on every render) beside the same body in the
//! source language, the two timed in alternating rounds so that the
//! machine's slower stretches weigh on both alike.
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

/// One body of `render`, into `buffer`: a fresh buffer freed after it,
/// `reused` cleared, or none for a line that allocates its own output.
#[inline(always)]
fn write_once(buffer: Buffer, render: &mut dyn FnMut(&mut Vec<u8>), reused: &mut Vec<u8>) {
    match buffer {
        Buffer::Fresh => {
            let mut out = Vec::with_capacity(CAPACITY);
            render(&mut out);
            black_box(out);
        }
        Buffer::Reused => {
            reused.clear();
            render(reused);
            black_box(reused);
        }
        Buffer::Own => render(reused),
    }
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
                write_once(buffer, render, &mut reused);
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
    let mut pairs = Vec::new();
    let mut against_baseline = Vec::new();

    for buffer in [Buffer::Fresh, Buffer::Reused] {
        for (case, error) in errors::cases() {
            let hand = hand::from_derived(&error);
            let mut renderers = render_lines::lines(&error, &hand, &options);
            if let Err(difference) = render_lines::check(&mut renderers) {
                panic!("{case}: {difference}");
            }
            for line in &mut renderers {
                let Some(buffer) = line_buffer(line, buffer) else {
                    continue;
                };
                measure(
                    &mut c,
                    &mut lines,
                    (buffer, case, line.format, line.name),
                    &mut line.render,
                );
            }
            // Each line timed in turns with its format's baseline.
            for at in 0..renderers.len() {
                let Some(base) = renderers.iter().position(|l| {
                    l.format == renderers[at].format && l.name == render_lines::BASELINE
                }) else {
                    continue;
                };
                let Some(line_buffer) = line_buffer(&renderers[at], buffer) else {
                    continue;
                };
                let id = format!(
                    "{}/{}/{}/{}",
                    line_buffer.name(),
                    case.replace([' ', ','], "_"),
                    renderers[at].format,
                    renderers[at].name
                );
                if at == base || !matches_filter(&id) {
                    continue;
                }
                let (line, baseline) = if at < base {
                    let (left, right) = renderers.split_at_mut(base);
                    (&mut left[at], &mut right[0])
                } else {
                    let (left, right) = renderers.split_at_mut(at);
                    (&mut right[0], &mut left[base])
                };
                against_baseline.push(Pair {
                    buffer: line_buffer,
                    case,
                    format: line.format,
                    name: line.name,
                    ..paired(
                        (buffer, &mut baseline.render),
                        (line_buffer, &mut line.render),
                    )
                });
            }
            for (format, mut render) in localized_lines(&error, &options) {
                measure(
                    &mut c,
                    &mut lines,
                    (buffer, case, format, LOCALIZED),
                    &mut render,
                );
                if !matches_filter(&format!(
                    "{}/{}/{format}/{LOCALIZED}",
                    buffer.name(),
                    case.replace([' ', ','], "_")
                )) {
                    continue;
                }
                let mut source = |out: &mut Vec<u8>| {
                    api_error::ApiError::write_json(&error, out, format_named(format), &options);
                };
                pairs.push(Pair {
                    buffer,
                    case,
                    format,
                    name: LOCALIZED,
                    ..paired((buffer, &mut source), (buffer, &mut render))
                });
            }
        }
    }

    c.final_summary();
    print_table(&lines, render_lines::BASELINE);
    print_paired(&against_baseline);
    print_localized(&pairs);
}

/// Whether the benchmark filter on the command line (the first argument
/// that is not a flag, a regular expression as criterion reads it) selects
/// the benchmark named `id`.
fn matches_filter(id: &str) -> bool {
    match std::env::args().skip(1).find(|arg| !arg.starts_with('-')) {
        Some(filter) => regex::Regex::new(&filter).is_ok_and(|filter| filter.is_match(id)),
        None => true,
    }
}

/// The built-in format a line's format column names.
fn format_named(name: &str) -> api_error::Format {
    use api_error::Format;
    match name {
        "envelope" => Format::Envelope,
        "flat" => Format::Flat,
        "problem" => Format::Problem,
        "json:api" => Format::JsonApi,
        "google" => Format::Google,
        _ => Format::Microsoft,
    }
}

/// The buffer a line writes into when the table's lines write into
/// `buffer`: its own for a line that allocates its output; `None` when it
/// has no line in that table (such a line is not timed with a reused
/// buffer).
fn line_buffer(line: &render_lines::RenderLine<'_>, buffer: Buffer) -> Option<Buffer> {
    match (line.own_buffer, buffer) {
        (true, Buffer::Fresh) => Some(Buffer::Own),
        (true, _) => None,
        (false, buffer) => Some(buffer),
    }
}

/// A line timed in turns with another: a localized line with its source
/// line, or a line with its format's baseline.
struct Pair {
    buffer: Buffer,
    case: &'static str,
    format: &'static str,
    name: &'static str,
    /// The medians over the rounds, nanoseconds per body: of the line
    /// it is set beside, and its own.
    beside: f64,
    nanos: f64,
    /// The median over the rounds of each round's time / the other's.
    ratio: f64,
}

/// Rounds of a paired measurement, and the bodies each side writes in one.
const ROUNDS: usize = 41;
const PER_ROUND: usize = 20_000;

/// A render, and the buffer it writes into.
type Side<'s, 'r> = (Buffer, &'s mut (dyn FnMut(&mut Vec<u8>) + 'r));

/// Times `beside` and `line` in alternating rounds of the same number of
/// bodies, so that a slower stretch of the machine weighs on both sides of
/// a round alike: the ratio is the median of the rounds' ratios.
fn paired(beside: Side<'_, '_>, line: Side<'_, '_>) -> Pair {
    let mut reused = Vec::with_capacity(CAPACITY);
    let mut round = |(buffer, render): &mut Side<'_, '_>| {
        let start = Instant::now();
        for _ in 0..PER_ROUND {
            write_once(*buffer, render, &mut reused);
        }
        start.elapsed().as_nanos() as f64 / PER_ROUND as f64
    };
    let (mut beside, mut line) = (beside, line);
    // One round of each to warm up.
    round(&mut beside);
    round(&mut line);
    let (mut besides, mut lines, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for turn in 0..ROUNDS {
        // Which side goes first alternates too.
        let (b, l) = if turn % 2 == 0 {
            let b = round(&mut beside);
            (b, round(&mut line))
        } else {
            let l = round(&mut line);
            (round(&mut beside), l)
        };
        besides.push(b);
        lines.push(l);
        ratios.push(l / b);
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    Pair {
        buffer: Buffer::Fresh,
        case: "",
        format: "",
        name: "",
        beside: median(&mut besides),
        nanos: median(&mut lines),
        ratio: median(&mut ratios),
    }
}

/// Each line beside its format's baseline, timed in turns.
fn print_paired(pairs: &[Pair]) {
    if pairs.is_empty() {
        return;
    }
    println!();
    println!(
        "{:<7} {:<21} {:<9} {:<26} {:>11} {:>8}  line / baseline (median of {ROUNDS} paired rounds)",
        "buffer", "case", "format", "renderer", "baseline ns", "ns"
    );
    for pair in pairs {
        println!(
            "{:<7} {:<21} {:<9} {:<26} {:>11.1} {:>8.1}  {:.2}",
            pair.buffer.name(),
            pair.case,
            pair.format,
            pair.name,
            pair.beside,
            pair.nanos,
            pair.ratio
        );
    }
}

/// The name of the localized lines.
const LOCALIZED: &str = "api-error write_json, fr";

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

/// Each localized line beside the same body in the source language,
/// timed in turns.
fn print_localized(pairs: &[Pair]) {
    if pairs.is_empty() {
        return;
    }
    println!();
    println!(
        "{:<7} {:<21} {:<9} {:>10} {:>10}  localized / source (median of {ROUNDS} paired rounds)",
        "buffer", "case", "format", "source ns", "fr ns"
    );
    for pair in pairs {
        println!(
            "{:<7} {:<21} {:<9} {:>10.1} {:>10.1}  {:.2}x",
            pair.buffer.name(),
            pair.case,
            pair.format,
            pair.beside,
            pair.nanos,
            pair.ratio
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

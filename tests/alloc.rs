//! Rendering allocates nothing but the output buffer: a counting global
//! allocator around `write_json` into a buffer with room to spare (no
//! allocation, once each constant body of the formats written from the
//! model has been rendered), and around `to_json` (one: the string, of the
//! body's length),
//! for each case of the render benchmarks, and for bodies with every kind of
//! member, strings that need escapes, the debug block, a list past its
//! bound (`errors_omitted`) and pointers of bracketed keys.

#[path = "../benches/common/errors.rs"]
mod errors;

use api_error::{ApiError, FieldError, FieldErrors, Format, RenderOptions, MAX_FIELD_ERRORS};
use serde::Serialize;
use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::cell::Cell;

/// Counts the allocations (and reallocations) of the threads that ask.
struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn record() {
    // `try_with`: the allocator also runs while thread locals are torn down.
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counter is only bookkeeping in const-initialized thread locals, which do not
// allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The allocations and reallocations `f` makes on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    let value = f();
    COUNTING.with(|c| c.set(false));
    (ALLOCATIONS.with(Cell::get), value)
}

#[test]
fn the_counter_sees_allocations() {
    let (count, v) = allocations(|| {
        let mut v = Vec::<u8>::with_capacity(1);
        v.extend_from_slice(b"grow");
        v
    });
    assert_eq!(count, 2, "one allocation and one reallocation");
    drop(v);
    assert_eq!(allocations(|| 1 + 1).0, 0);
}

#[test]
fn write_json_allocates_nothing_but_the_buffer() {
    let options = errors::options();
    // A constant body in a format written from the model is rendered the
    // first time it is asked for, and copied after.
    for (_, error) in errors::cases() {
        for format in Format::ALL {
            error.write_json(&mut Vec::new(), format, &options);
        }
    }
    for (name, error) in errors::cases() {
        for format in Format::ALL {
            let mut out = Vec::with_capacity(4096);
            let (count, ()) = allocations(|| error.write_json(&mut out, format, &options));
            assert_eq!(
                count,
                0,
                "{name}, {format:?}: {}",
                String::from_utf8_lossy(&out)
            );
            assert!(out.len() > 2, "{name}, {format:?}");
        }
    }
}

#[test]
fn to_json_allocates_the_string_once() {
    let options = errors::options();
    let cases = errors::cases();
    // The first body a thread renders gives it the scratch buffer that later
    // bodies are rendered in before being copied into their string.
    for (_, error) in &cases {
        for format in Format::ALL {
            let _ = error.to_json_with(format, &options);
        }
    }
    for (name, error) in cases {
        for format in Format::ALL {
            let (count, json) = allocations(|| error.to_json(format));
            assert_eq!(count, 1, "{name}, {format:?}: {json}");
            let (count, json) = allocations(|| error.to_json_with(format, &options));
            assert_eq!(count, 1, "{name}, {format:?} with a request id: {json}");
        }
    }
}

#[derive(Debug, Serialize)]
struct Point {
    x: f64,
    label: &'static str,
}

/// Every kind of member a body holds.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.example.com/errors")]
enum Everything {
    #[api(
        status = 422,
        code = "everything",
        message = "Bad {text} ({number}, {ratio:.2}, {flag})"
    )]
    Members {
        #[api(field)]
        field: String,
        #[api(extra)]
        text: String,
        #[api(extra)]
        borrowed: &'static str,
        #[api(extra)]
        cow: Cow<'static, str>,
        #[api(extra)]
        number: i64,
        #[api(extra)]
        big: u128,
        #[api(extra)]
        ratio: f64,
        #[api(extra)]
        flag: bool,
        #[api(extra)]
        letter: char,
        #[api(extra)]
        maybe: Option<String>,
        #[api(extra)]
        nothing: Option<u32>,
        #[api(extra)]
        list: Vec<String>,
        #[api(extra)]
        point: Point,
        #[api(extra)]
        json: serde_json::Value,
        #[api(errors)]
        errors: FieldErrors,
        #[api(debug)]
        raw: String,
    },

    #[api(
        status = 500,
        code = "internal",
        message = "An unexpected error occurred"
    )]
    Internal {
        #[api(source)]
        source: std::io::Error,
        #[api(debug)]
        query: String,
    },
}

/// Text with every kind of byte a JSON string escapes.
const NASTY: &str = "\"quoted\" back\\slash\n\t\u{1}\u{1f}\u{7f} </script> \u{2028} é 世界 🦀";

fn everything() -> Vec<(&'static str, Everything)> {
    let field_errors = |n: usize| -> FieldErrors {
        (0..n)
            .map(|i| match i % 4 {
                0 => FieldError::new(format!("items[{i}].name"), NASTY),
                1 => FieldError::new(format!("labels[\"a.b/{i}\"]"), "Must be short"),
                2 => FieldError::new(format!("labels[\"q\\\"{i}~\\n\"]"), "Must not be empty"),
                _ => FieldError::new("email", "Invalid email format").with_code("email"),
            })
            .collect()
    };
    let members = |errors: FieldErrors| Everything::Members {
        field: "items[0].name".into(),
        text: NASTY.into(),
        borrowed: "plain",
        cow: Cow::Owned(NASTY.into()),
        number: i64::MIN,
        big: u128::MAX,
        ratio: -0.1,
        flag: true,
        letter: '"',
        maybe: Some(NASTY.into()),
        nothing: None,
        list: vec![NASTY.into(), String::new()],
        point: Point {
            x: 1e300,
            label: NASTY,
        },
        json: serde_json::json!({ "nested": [1, null, NASTY] }),
        errors,
        raw: NASTY.into(),
    };
    vec![
        ("every member kind", members(field_errors(8))),
        (
            "errors past the bound",
            members(field_errors(MAX_FIELD_ERRORS + 7)),
        ),
        (
            "5xx with a debug block",
            Everything::Internal {
                source: std::io::Error::other(NASTY),
                query: NASTY.into(),
            },
        ),
    ]
}

#[test]
fn every_member_kind_escapes_debug_and_omitted_errors_allocate_nothing() {
    // The constant bodies of the formats written from the model, rendered
    // the first time each is asked for.
    for (_, error) in everything() {
        for format in Format::ALL {
            error.write_json(&mut Vec::new(), format, &RenderOptions::new());
        }
    }
    for (debug, request_id) in [(false, true), (true, true), (false, false), (true, false)] {
        let mut options = RenderOptions::new().debug(debug);
        if request_id {
            options = options.request_id(errors::REQUEST_ID);
        }
        for (name, error) in everything() {
            for format in Format::ALL {
                let mut out = Vec::with_capacity(1 << 16);
                let (count, ()) = allocations(|| error.write_json(&mut out, format, &options));
                let body = String::from_utf8(out).unwrap();
                assert_eq!(count, 0, "{name}, {format:?}, debug {debug}: {body}");
                // The body is what it claims to hold.
                let value: serde_json::Value = serde_json::from_str(&body).unwrap();
                let text = value.to_string();
                if name != "5xx with a debug block" || debug {
                    assert!(text.contains("</script>"), "{name}, {format:?}");
                }
                // Google's details have no count of the errors left out.
                if name == "errors past the bound" && format != Format::Google {
                    assert!(
                        body.contains("\"errors_omitted\":7"),
                        "{name}, {format:?}: {body}"
                    );
                }
                if debug {
                    let block = match format {
                        Format::Google => "google.rpc.DebugInfo",
                        _ => "\"debug\":{",
                    };
                    assert!(body.contains(block), "{name}, {format:?}: {body}");
                }
                if format == Format::Problem && name != "5xx with a debug block" {
                    assert!(body.contains("\"pointer\":\"#/labels/a.b~11\""), "{body}");
                    assert!(
                        body.contains("\"pointer\":\"#/labels/q%222~0%0A\""),
                        "{body}"
                    );
                }
            }
        }
    }
}

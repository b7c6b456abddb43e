//! Rendering allocates nothing but the output buffer: a counting global
//! allocator around `write_json` into a buffer with room to spare (no
//! allocation), and around `to_json` (one: the string, of the body's length),
//! for each case of the render benchmarks.

#[path = "../benches/common/errors.rs"]
mod errors;

use api_error::{ApiError, Format};
use std::alloc::{GlobalAlloc, Layout, System};
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

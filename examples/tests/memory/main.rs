//! Tests that measure the heap of the whole process: the client reading huge
//! error bodies within its bound, and the clients API example server under
//! load. The global allocator below counts the bytes live in the process and
//! their peak; each test runs alone ([`measured`]), so that no other test's
//! allocations show in its figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

// The load test uses part of the server.
#[path = "../../clients_server"]
#[allow(dead_code)]
mod clients_api {
    pub mod app;
    pub mod errors;
}

// The keep-alive load test runs the customers server too.
#[path = "../../customers_server"]
#[allow(dead_code)]
mod customers_api {
    pub mod app;
    pub mod errors;
}

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod client_limits;
pub mod keep_alive;
pub mod load;

/// Keeps the live and the peak byte counts of the process's heap.
struct Metered;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::SeqCst) + size;
    PEAK.fetch_max(live, Ordering::SeqCst);
}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counters are atomics, which do not allocate.
unsafe impl GlobalAlloc for Metered {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            // Counted as a new block before the old one goes: a realloc that
            // copies holds both for a moment.
            grew(new_size);
            LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Metered = Metered;

/// One measurement at a time: the tests of this binary run on parallel
/// threads and share the counters.
static MEASURING: Mutex<()> = Mutex::new(());

/// Runs `test` alone, on `runtime`.
fn measured_on<F: Future<Output = ()>>(runtime: tokio::runtime::Runtime, test: F) {
    let _one_at_a_time = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    runtime.block_on(test);
    // Shut down while still alone: the runtime's tasks and their buffers are
    // freed before the next test counts.
    drop(runtime);
}

/// Runs `test` alone, on a current-thread runtime of its own.
fn measured<F: Future<Output = ()>>(test: F) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    measured_on(runtime, test);
}

//! Property tests: every path that renders a body writes the same bytes,
//! headers are always valid, and what a server renders a client decodes back.

use proptest::test_runner::{Config, FileFailurePersistence};

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod decode;
pub mod headers;
pub mod member_types;
pub mod pointer;
pub mod render;

/// proptest's configuration with past failures kept beside each test's
/// source file (`render.rs` reads `render.proptest-regressions`). By default
/// proptest keeps them in a `proptest-regressions` folder beside this
/// binary's, shared by every test binary.
fn config() -> Config {
    Config::with_failure_persistence(FileFailurePersistence::WithSource("proptest-regressions"))
}

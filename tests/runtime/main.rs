//! The derive and its rendering, without a framework: the guides' golden
//! bodies in every format, the shapes a variant can take, masking and the
//! bounds on what a body shows, constant bodies, and requests read into
//! `RequestError`.

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod const_bodies;
pub mod design_example;
pub mod golden_envelope;
pub mod golden_flat;
pub mod hand_written;
pub mod modeled_formats;
pub mod problem_format;
pub mod request_parse;
pub mod retry;
pub mod roles;
pub mod safety;
pub mod shapes;
pub mod subsets;

//! The example services of `api-error` and their end-to-end tests. The library
//! itself is empty: it carries the README's examples as doctests, compiled
//! with every integration the README shows.

#![forbid(unsafe_code)]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

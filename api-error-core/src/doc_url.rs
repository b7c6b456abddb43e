//! The `doc_url` an API's `doc_base` gives the errors of a type it wraps
//! `transparent`ly, when that type documents them nowhere itself: its
//! request errors, an error of a library.
//!
//! [`ApiError::doc_url`] and the catalog's entries hand out `&'static str`,
//! and `{doc_base}#{code}` of a code known only at run time is not one. Both
//! halves are `'static` strings of the program, so the pairs are few; each
//! is joined once, kept for the life of the program, and shared after.

use crate::catalog::Entry;
use crate::members::{ConstBody, Members};
use crate::{ApiError, Format};
use std::sync::{PoisonError, RwLock};

/// `{base}#{code}`, joined once per pair.
pub(crate) fn under(base: &'static str, code: &'static str) -> &'static str {
    static URLS: RwLock<Vec<(&'static str, &'static str, &'static str)>> = RwLock::new(Vec::new());
    let find = |urls: &[(&str, &str, &'static str)]| {
        urls.iter()
            .find(|(b, c, _)| *b == base && *c == code)
            .map(|(_, _, url)| *url)
    };
    if let Some(url) = find(&URLS.read().unwrap_or_else(PoisonError::into_inner)) {
        return url;
    }
    let mut urls = URLS.write().unwrap_or_else(PoisonError::into_inner);
    if let Some(url) = find(&urls) {
        return url;
    }
    let url: &'static str = Box::leak(format!("{base}#{code}").into_boxed_str());
    urls.push((base, code, url));
    url
}

/// `entry` with the `doc_url` of `base`, when it has none of its own.
pub(crate) fn entry_under(entry: &'static Entry, base: &'static str) -> &'static Entry {
    static ENTRIES: RwLock<Vec<&'static Entry>> = RwLock::new(Vec::new());
    if entry.doc_url.is_some() {
        return entry;
    }
    let wanted = Entry {
        doc_url: Some(under(base, entry.code)),
        ..*entry
    };
    if let Some(kept) = ENTRIES
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .find(|kept| ***kept == wanted)
    {
        return kept;
    }
    let mut entries = ENTRIES.write().unwrap_or_else(PoisonError::into_inner);
    if let Some(kept) = entries.iter().find(|kept| ***kept == wanted) {
        return kept;
    }
    let kept: &'static Entry = Box::leak(Box::new(wanted));
    entries.push(kept);
    kept
}

/// The `doc_url` of a transparent variant of a type with a `doc_base`: the
/// inner error's own, else `{doc_base}#{code}`.
pub fn transparent_doc_url<T: ApiError + ?Sized>(
    inner: &T,
    base: &'static str,
) -> Option<&'static str> {
    inner.doc_url().or_else(|| Some(under(base, inner.code())))
}

/// The constant body of a transparent variant of a type with a `doc_base`:
/// the inner error's, unless it lacks the `doc_url` the outer type gives it.
pub fn transparent_const_body<T: ApiError + Members + ?Sized>(
    inner: &T,
    format: Format,
) -> Option<ConstBody> {
    match inner.doc_url() {
        Some(_) => inner.const_body(format),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pair_is_joined_once() {
        let base = "https://docs.example.com/errors";
        let url = under(base, "route_not_found");
        assert_eq!(url, "https://docs.example.com/errors#route_not_found");
        assert!(std::ptr::eq(url, under(base, "route_not_found")));
        // The same text from another literal is the same pair.
        let code = String::from("route_not_found").leak();
        assert!(std::ptr::eq(url, under(base, code)));
        assert_ne!(url, under(base, "invalid_json"));
        assert_eq!(
            under("https://other.example.com", "route_not_found"),
            "https://other.example.com#route_not_found"
        );
    }
}

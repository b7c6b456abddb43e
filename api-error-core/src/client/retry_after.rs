//! The `Retry-After` header, in both of its forms.

use http::header::{DATE, RETRY_AFTER};
use http::{HeaderMap, HeaderValue};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The wait a response's `Retry-After` header asks for, read as RFC 9110
/// (section 10.2.3) defines it: whole seconds (`Retry-After: 120`), or an
/// HTTP-date (`Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`), counted from the
/// response's `Date` header when it has a valid one, else from this machine's
/// clock.
///
/// A value is ignored, not trusted, when it is not one of those forms (a sign,
/// a fraction, a word), when its seconds do not fit in 64 bits, when its date
/// is earlier than the response's own date (a negative wait), or when the
/// response has more than one `Retry-After` header. A well-formed wait is kept
/// however long it is: a [`RetryPolicy`](super::RetryPolicy) refuses to wait
/// longer than its `max_retry_after`, rather than shortening what the server
/// asked for.
///
/// ```
/// use api_error::client::parse_retry_after;
/// use api_error::http::HeaderMap;
/// use std::time::Duration;
///
/// let headers = |pairs: &[(&'static str, &'static str)]| {
///     let mut map = HeaderMap::new();
///     for (name, value) in pairs {
///         map.append(*name, value.parse().unwrap());
///     }
///     map
/// };
/// let secs = |s| Some(Duration::from_secs(s));
/// assert_eq!(parse_retry_after(&headers(&[("retry-after", "120")])), secs(120));
/// assert_eq!(
///     parse_retry_after(&headers(&[
///         ("date", "Wed, 21 Oct 2026 07:28:00 GMT"),
///         ("retry-after", "Wed, 21 Oct 2026 07:30:00 GMT"),
///     ])),
///     secs(120),
/// );
/// assert_eq!(parse_retry_after(&headers(&[("retry-after", "-5")])), None);
/// assert_eq!(parse_retry_after(&headers(&[("retry-after", "1.5")])), None);
/// assert_eq!(parse_retry_after(&headers(&[("retry-after", "99999999999999999999")])), None);
/// assert_eq!(parse_retry_after(&headers(&[("retry-after", "soon")])), None);
/// ```
#[must_use]
pub fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    retry_after_at(headers, SystemTime::now())
}

/// [`parse_retry_after`] with the clock read once by the caller.
pub(crate) fn retry_after_at(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = single(headers, RETRY_AFTER)?;
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // `parse` fails on more digits than a u64 holds.
        return value.parse::<u64>().ok().map(Duration::from_secs);
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let base = single(headers, DATE)
        .and_then(|date| httpdate::parse_http_date(date).ok())
        .unwrap_or_else(|| whole_seconds(now));
    at.duration_since(base).ok()
}

/// The trimmed text of a header that appears exactly once.
fn single(headers: &HeaderMap, name: http::header::HeaderName) -> Option<&str> {
    let mut values = headers.get_all(name).into_iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    let text = HeaderValue::to_str(value).ok()?.trim_matches([' ', '\t']);
    (!text.is_empty()).then_some(text)
}

/// `now` without its fraction of a second, the resolution of an HTTP-date: a
/// date that names the current second is a wait of zero, not a negative one.
fn whole_seconds(now: SystemTime) -> SystemTime {
    now.duration_since(UNIX_EPOCH).map_or(now, |since| {
        UNIX_EPOCH + Duration::from_secs(since.as_secs())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    /// 2026-10-21 07:28:00.750 UTC.
    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(1_792_567_680_750)
    }

    fn at(pairs: &[(&'static str, &str)]) -> Option<Duration> {
        retry_after_at(&headers(pairs), now())
    }

    #[test]
    fn the_clock_is_the_one_this_test_means() {
        assert_eq!(
            httpdate::fmt_http_date(now()),
            "Wed, 21 Oct 2026 07:28:00 GMT"
        );
    }

    #[test]
    fn delay_seconds() {
        let secs = |s| Some(Duration::from_secs(s));
        assert_eq!(at(&[("retry-after", "0")]), secs(0));
        assert_eq!(at(&[("retry-after", "30")]), secs(30));
        assert_eq!(at(&[("retry-after", "007")]), secs(7));
        assert_eq!(at(&[("retry-after", " 30 ")]), secs(30));
        assert_eq!(
            at(&[("retry-after", "18446744073709551615")]),
            secs(u64::MAX)
        );
        for ignored in [
            "",
            "-5",
            "+5",
            "1.5",
            "1e3",
            "30 s",
            "3 0",
            "18446744073709551616",
            "soon",
            "٣",
        ] {
            assert_eq!(at(&[("retry-after", ignored)]), None, "{ignored:?}");
        }
        assert_eq!(at(&[]), None);
    }

    #[test]
    fn dates_count_from_the_date_header() {
        let date = ("date", "Wed, 21 Oct 2026 07:00:00 GMT");
        for (retry_after, wait) in [
            ("Wed, 21 Oct 2026 07:02:00 GMT", Some(120)),
            // The other two date forms of RFC 9110.
            ("Wednesday, 21-Oct-26 07:02:00 GMT", Some(120)),
            ("Wed Oct 21 07:02:00 2026", Some(120)),
            ("Wed, 21 Oct 2026 07:00:00 GMT", Some(0)),
            // Before the response's own date: a negative wait.
            ("Wed, 21 Oct 2026 06:59:59 GMT", None),
        ] {
            assert_eq!(
                at(&[date, ("retry-after", retry_after)]),
                wait.map(Duration::from_secs),
                "{retry_after}"
            );
        }
    }

    #[test]
    fn dates_without_a_usable_date_header_count_from_the_clock() {
        let secs = |s| Some(Duration::from_secs(s));
        let retry = ("retry-after", "Wed, 21 Oct 2026 07:30:00 GMT");
        assert_eq!(at(&[retry]), secs(120));
        assert_eq!(at(&[("date", "yesterday"), retry]), secs(120));
        assert_eq!(
            at(&[
                ("date", "Wed, 21 Oct 2026 07:00:00 GMT"),
                ("date", "Wed, 21 Oct 2026 07:10:00 GMT"),
                retry
            ]),
            secs(120)
        );
        // The current second is no wait; the one before is in the past.
        assert_eq!(
            at(&[("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT")]),
            secs(0)
        );
        assert_eq!(
            at(&[("retry-after", "Wed, 21 Oct 2026 07:27:59 GMT")]),
            None
        );
    }

    #[test]
    fn malformed_dates_and_repeated_headers_are_ignored() {
        for ignored in [
            "Wed, 32 Oct 2026 07:30:00 GMT",
            "Wed, 21 Oct 2026 25:30:00 GMT",
            "Wed, 21 Oct 2026 07:30:00 PST",
            "2026-10-21T07:30:00Z",
            "Wed, 21 Oct 10000 07:30:00 GMT",
        ] {
            assert_eq!(at(&[("retry-after", ignored)]), None, "{ignored:?}");
        }
        assert_eq!(at(&[("retry-after", "5"), ("retry-after", "5")]), None);
        assert_eq!(at(&[("retry-after", "5"), ("retry-after", "500")]), None);
        let mut map = HeaderMap::new();
        map.insert(RETRY_AFTER, HeaderValue::from_bytes(b"\xff\xfe").unwrap());
        assert_eq!(retry_after_at(&map, now()), None);
    }
}

//! Property tests of the header values built from strings and numbers: no
//! CR, LF or other control byte gets through, and every value keeps its
//! bound, whatever a caller or a client sends.
//!
//! More cases: `PROPTEST_CASES=20000 cargo test --release -p api-error-tests --test properties headers::`.

use api_error::{
    header_value, retry_after_secs, ApiError, ErrorContext, Mode, RequestId, MAX_HEADER_VALUE_LEN,
    X_REQUEST_ID,
};
use http::{HeaderValue, Request};
use proptest::prelude::*;
use std::time::Duration;

#[derive(Debug, ApiError)]
enum Busy {
    #[api(status = 503, code = "busy", message = "Busy")]
    Wait {
        #[api(retry_after)]
        wait: Duration,
    },

    #[api(status = 429, code = "slow_down", message = "Slow down")]
    Seconds {
        #[api(retry_after)]
        secs: i64,
    },
}

/// Bytes a header value may carry on the wire: visible ASCII and spaces.
fn is_safe(value: &HeaderValue) -> bool {
    value.as_bytes().iter().all(|b| (0x20..0x7f).contains(b))
}

/// What a valid request id is made of.
fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':' | b'~')
}

fn is_subsequence(part: &str, whole: &str) -> bool {
    let mut whole = whole.chars();
    part.chars().all(|c| whole.any(|w| w == c))
}

const INJECTIONS: &[&str] = &[
    "\r\n",
    "\n",
    "\r",
    "\r\n\r\n",
    "\n\r",
    "\u{0}",
    "\u{b}",
    "\u{c}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{d}\u{a}\u{20}",
    "\t",
    "\u{1b}[2J",
    "\u{ff0d}\u{ff0a}",
    "%0d%0a",
    "\\r\\n",
];

fn injection() -> impl Strategy<Value = String> {
    (
        any::<String>(),
        prop::sample::select(INJECTIONS),
        prop::sample::select(
            &[
                "Set-Cookie: session=evil",
                "Location: https://evil.example",
                "HTTP/1.1 200 OK",
                "",
            ][..],
        ),
        any::<String>(),
    )
        .prop_map(|(before, injected, header, after)| {
            format!("{before}{injected}{header}{injected}{after}")
        })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => injection(),
        2 => "[ -~]{0,300}",
        1 => "[\\x00-\\x20\\x7f]{0,40}",
        1 => (any::<String>(), 1..200usize).prop_map(|(s, n)| s.repeat(n)),
    ]
}

fn any_id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z0-9._:~-]{0,140}",
        2 => any_text(),
        1 => "req_[0-9a-f]{16}",
    ]
}

/// Header bytes a client could send: anything `HeaderValue` accepts.
fn client_header() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        any_id().prop_map(|s| s.into_bytes()),
        prop::collection::vec(any::<u8>(), 0..300),
    ]
    .prop_filter_map("not a header value", |bytes| {
        HeaderValue::from_bytes(&bytes).ok()
    })
}

fn any_duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        3 => (any::<u64>(), 0..1_000_000_000u32).prop_map(|(s, n)| Duration::new(s, n)),
        2 => (0..100_000u64, 0..1_000_000_000u32).prop_map(|(s, n)| Duration::new(s, n)),
        1 => prop::sample::select(vec![
            Duration::ZERO,
            Duration::from_nanos(1),
            Duration::from_secs(u64::MAX),
            Duration::MAX,
        ]),
    ]
}

proptest! {
    #![proptest_config(crate::config())]

    #[test]
    fn header_value_keeps_only_visible_ascii_within_its_bound(
        text in any_text(),
        max in prop_oneof![0..600usize, Just(MAX_HEADER_VALUE_LEN)],
    ) {
        let value = header_value(&text, max);
        prop_assert!(is_safe(&value), "{:?} -> {:?}", text, value);
        prop_assert!(value.len() <= max, "{} > {}", value.len(), max);
        let kept = value.to_str().unwrap();
        prop_assert_eq!(kept, kept.trim());
        prop_assert!(is_subsequence(kept, &text), "{:?} is not from {:?}", kept, text);
        prop_assert!(HeaderValue::from_bytes(value.as_bytes()).is_ok());
        if text.len() <= max && text.bytes().all(|b| b.is_ascii_graphic()) {
            prop_assert_eq!(kept, text.as_str());
        }
    }

    #[test]
    fn injected_line_breaks_never_survive(text in injection()) {
        let value = header_value(&text, MAX_HEADER_VALUE_LEN);
        prop_assert!(!value.as_bytes().contains(&b'\r'));
        prop_assert!(!value.as_bytes().contains(&b'\n'));
        prop_assert!(is_safe(&value));
    }

    #[test]
    fn request_ids_are_valid_or_refused(text in any_id()) {
        let valid = !text.is_empty()
            && text.len() <= RequestId::MAX_LEN
            && text.bytes().all(is_id_byte);
        match RequestId::parse(&text) {
            Some(id) => {
                prop_assert!(valid, "accepted {:?}", text);
                prop_assert_eq!(id.as_str(), text.as_str());
                let value = id.header_value();
                prop_assert_eq!(value.as_bytes(), text.as_bytes());
                prop_assert!(is_safe(&value));
            }
            None => prop_assert!(!valid, "refused {:?}", text),
        }
    }

    #[test]
    fn a_request_keeps_a_valid_client_id_and_replaces_any_other(
        sent in prop::option::of(client_header()),
        second in prop::option::of(client_header()),
        mode in prop::sample::select(vec![Mode::Production, Mode::Test]),
    ) {
        let mut request = Request::builder().uri("/clients?debug=true");
        if let Some(sent) = &sent {
            request = request.header(&X_REQUEST_ID, sent.clone());
        }
        if let Some(second) = &second {
            request = request.header(&X_REQUEST_ID, second.clone());
        }
        let request = request.body(()).unwrap();
        let context = ErrorContext::for_request(&request, None, mode);
        let id = context.request_id.clone().expect("every request gets an id");
        prop_assert!(RequestId::parse(id.as_str()).is_some(), "{:?}", id);
        // With two headers, the first one counts.
        let first_valid = sent
            .as_ref()
            .or(second.as_ref())
            .and_then(|value| value.to_str().ok())
            .and_then(RequestId::parse);
        match first_valid {
            Some(kept) => prop_assert_eq!(&id, &kept),
            None => {
                prop_assert!(id.as_str().starts_with("req_"), "{:?}", id);
                prop_assert_eq!(id.as_str().len(), 20);
            }
        }
        prop_assert_eq!(context.debug, mode == Mode::Test);

        let response = context.response(&Busy::Wait { wait: Duration::from_secs(1) });
        let echoed = &response.headers()[&X_REQUEST_ID];
        prop_assert!(is_safe(echoed));
        prop_assert_eq!(echoed.as_bytes(), id.as_str().as_bytes());
        for value in response.headers().values() {
            prop_assert!(is_safe(value), "{:?}", value);
            prop_assert!(value.len() <= MAX_HEADER_VALUE_LEN);
        }
        let body = std::str::from_utf8(response.body()).unwrap();
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        prop_assert_eq!(body["error"]["request_id"].as_str(), Some(id.as_str()));
    }

    #[test]
    fn the_debug_block_needs_test_mode_and_the_query(
        pairs in prop::collection::vec(
            prop::sample::select(&[
                "debug=true", "debug=1", "debug", "debug=false", "debug=0", "nodebug=true",
                "debug=truee", "a=1", "", "debug%3Dtrue", "DEBUG=true",
            ][..]),
            0..5,
        ),
        mode in prop::sample::select(vec![Mode::Production, Mode::Test]),
    ) {
        let query = pairs.join("&");
        let request = Request::builder()
            .uri(format!("/clients?{query}"))
            .body(())
            .unwrap();
        let context = ErrorContext::for_request(&request, None, mode);
        let asked = pairs.iter().any(|p| matches!(*p, "debug=true" | "debug=1" | "debug"));
        prop_assert_eq!(context.debug, mode == Mode::Test && asked, "{}", query);
    }

    #[test]
    fn retry_after_is_digits_rounded_up(wait in any_duration()) {
        let response = ErrorContext::new().response(&Busy::Wait { wait });
        let value = response.headers()["retry-after"].to_str().unwrap();
        prop_assert!(!value.is_empty() && value.len() <= 20, "{:?}", value);
        prop_assert!(value.bytes().all(|b| b.is_ascii_digit()), "{:?}", value);
        let secs: u64 = value.parse().unwrap();
        // The whole seconds of the wait, rounded up: never earlier than
        // asked, and less than a second later.
        prop_assert!(Duration::from_secs(secs) >= wait || secs == u64::MAX, "{} for {:?}", secs, wait);
        prop_assert!(secs == 0 || Duration::from_secs(secs - 1) < wait, "{} for {:?}", secs, wait);
    }

    #[test]
    fn retry_after_from_integers(secs in any::<i64>()) {
        let response = ErrorContext::new().response(&Busy::Seconds { secs });
        match response.headers().get("retry-after") {
            Some(value) => {
                prop_assert!(secs >= 0);
                prop_assert_eq!(value.to_str().unwrap(), secs.to_string());
            }
            None => prop_assert!(secs < 0),
        }
    }
}

/// Waits and the header each gives, by hand.
#[test]
fn retry_after_seconds_by_hand() {
    let table = [
        (Duration::ZERO, "0"),
        (Duration::from_nanos(1), "1"),
        (Duration::from_millis(999), "1"),
        (Duration::from_secs(1), "1"),
        (Duration::new(1, 1), "2"),
        (Duration::from_millis(59_500), "60"),
        (Duration::from_secs(86_400), "86400"),
        (Duration::new(u64::MAX, 0), "18446744073709551615"),
    ];
    for (wait, header) in table {
        let response = ErrorContext::new().response(&Busy::Wait { wait });
        assert_eq!(response.headers()["retry-after"], header, "{wait:?}");
    }
}

#[test]
fn the_longest_wait_saturates_instead_of_wrapping() {
    assert_eq!(retry_after_secs(Duration::MAX), u64::MAX);
    let response = ErrorContext::new().response(&Busy::Wait {
        wait: Duration::MAX,
    });
    assert_eq!(response.headers()["retry-after"], u64::MAX.to_string());
}

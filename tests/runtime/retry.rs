//! The retry policy's full jitter, measured over many draws: every wait
//! within its backoff, spread evenly across it, and never two clients in
//! step. Waits the server asked for stay exact.

use api_error::client::RetryPolicy;
use api_error::StatusCode;
use std::collections::HashSet;
use std::time::Duration;

const DRAWS: u32 = 20_000;

#[test]
fn full_jitter_spreads_waits_evenly_over_the_backoff() {
    let policy = RetryPolicy::default().jitter(true);
    for (attempt, backoff) in [(0, 1.0), (1, 2.0), (2, 4.0)] {
        let waits: Vec<f64> = (0..DRAWS)
            .map(|_| {
                policy
                    .delay(StatusCode::INTERNAL_SERVER_ERROR, None, attempt)
                    .expect("a 500 is retried")
                    .as_secs_f64()
            })
            .collect();
        assert!(
            waits.iter().all(|w| (0.0..=backoff).contains(w)),
            "{attempt}"
        );
        // A uniform wait over [0, backoff]: mean backoff/2, each tenth of the
        // range a tenth of the draws. The bounds are over 6 standard
        // deviations wide, so an even spread never fails them.
        let n = f64::from(DRAWS);
        let mean = waits.iter().sum::<f64>() / n;
        let sigma_mean = backoff / 12f64.sqrt() / n.sqrt();
        assert!(
            (mean - backoff / 2.0).abs() < 6.0 * sigma_mean,
            "attempt {attempt}: mean {mean}"
        );
        for tenth in 0..10 {
            let low = backoff * f64::from(tenth) / 10.0;
            let high = low + backoff / 10.0;
            let share = waits.iter().filter(|w| (low..high).contains(*w)).count() as f64 / n;
            let sigma_share = (0.1f64 * 0.9 / n).sqrt();
            assert!(
                (share - 0.1).abs() < 6.0 * sigma_share,
                "attempt {attempt}: {share} of the waits in [{low}, {high})"
            );
        }
        let distinct: HashSet<u64> = waits.iter().map(|w| w.to_bits()).collect();
        assert!(
            distinct.len() as f64 > 0.99 * n,
            "attempt {attempt}: {} distinct",
            distinct.len()
        );
    }
}

#[test]
fn waits_the_server_asked_for_are_never_jittered() {
    let policy = RetryPolicy::default().jitter(true);
    let asked = Some(Duration::from_secs(7));
    for _ in 0..1000 {
        assert_eq!(policy.delay(StatusCode::TOO_MANY_REQUESTS, asked, 0), asked);
        assert_eq!(
            policy.delay(StatusCode::SERVICE_UNAVAILABLE, asked, 1),
            asked
        );
    }
    // Without jitter, the backoff is exact.
    let exact = RetryPolicy::default();
    assert_eq!(
        exact.delay(StatusCode::BAD_GATEWAY, None, 2),
        Some(Duration::from_secs(4))
    );
}

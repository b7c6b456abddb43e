//! The render benchmark's lines write the same body: every renderer of every
//! format, for every case, against its format's `#[derive(Serialize)]`
//! baseline (byte for byte, or as JSON for the lines that order members
//! another way), so a figure of the benchmark never compares different work.

#[path = "../benches/common/errors.rs"]
mod errors;
#[path = "../benches/common/hand.rs"]
mod hand;
#[path = "../benches/common/lines.rs"]
mod lines;

#[test]
fn every_line_of_every_format_writes_the_baseline_body() {
    for options in [errors::options(), api_error::RenderOptions::new()] {
        for (case, error) in errors::cases() {
            let hand = hand::from_derived(&error);
            let mut renderers = lines::lines(&error, &hand, &options);
            lines::check(&mut renderers)
                .unwrap_or_else(|difference| panic!("{case}: {difference}"));
            let count = |format: &str| renderers.iter().filter(|l| l.format == format).count();
            // Baseline, write_json, to_json, and the copy of a constant body;
            // json! in two formats, the two peers in the problem format.
            // A 5xx's constant body is a copy only without a request id.
            let copy = usize::from(
                case == "fieldless" || (case == "5xx with source" && options.request_id.is_none()),
            );
            assert_eq!(count("envelope"), 4 + copy, "{case}");
            assert_eq!(count("flat"), 3 + copy, "{case}");
            assert_eq!(count("problem"), 6 + copy, "{case}");
            // The other formats' constant bodies are kept once rendered;
            // Google's lists the request id whatever the status, so it is
            // not a copy when there is one.
            assert_eq!(count("json:api"), 3 + copy, "{case}");
            assert_eq!(count("microsoft"), 3 + copy, "{case}");
            let google_copy = copy * usize::from(options.request_id.is_none());
            assert_eq!(count("google"), 3 + google_copy, "{case}");
        }
    }
}

/// The check is no rubber stamp: a line that writes another body fails it.
#[test]
fn a_line_with_another_body_fails_the_check() {
    let options = errors::options();
    let (_, error) = errors::cases().remove(1);
    let hand = hand::from_derived(&error);
    let mut renderers = lines::lines(&error, &hand, &options);
    let at = renderers
        .iter()
        .position(|l| l.name == "api-error write_json")
        .unwrap();
    renderers[at].render = Box::new(|out| out.extend_from_slice(b"{\"error\":{}}"));
    let difference = lines::check(&mut renderers).unwrap_err();
    assert!(
        difference.starts_with("envelope api-error write_json: "),
        "{difference}"
    );
}

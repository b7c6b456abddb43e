//! Running one input and judging the answer, the random numbers, and the
//! record of a campaign's failures.

use api_error_derive_internals::derive;
use proc_macro2::TokenStream;
use std::panic::{self, AssertUnwindSafe};
use std::str::FromStr;

/// syn and the derive recurse on nesting; a real compiler thread has a large
/// stack, and so do the fuzz threads.
pub const STACK: usize = 256 << 20;

/// SplitMix64: small, fast, and the same sequence on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// In `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn pick_str<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, found {value:?}")),
        Err(_) => default,
    }
}

/// The cases of one fuzz test: `API_ERROR_FUZZ_CASES`, or `default`.
pub fn cases(default: u64) -> u64 {
    env_u64("API_ERROR_FUZZ_CASES", default)
}

pub fn base_seed() -> u64 {
    env_u64("API_ERROR_FUZZ_SEED", 0x00a9_1e77_0e55_a9e5)
}

pub fn tokens(source: &str) -> TokenStream {
    TokenStream::from_str(source).unwrap_or_else(|e| panic!("bad test source {source:?}: {e}"))
}

// ---------------------------------------------------------------------------
// Running one input.

/// What the derive answered.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Items, no error.
    Code,
    /// At least one `compile_error!`.
    Errors,
}

pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

pub fn is_compile_error(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "compile_error")
}

pub fn implements(item: &syn::Item, trait_name: &str) -> bool {
    match item {
        syn::Item::Impl(item) => item
            .trait_
            .as_ref()
            .and_then(|(path, _)| path.segments.last())
            .is_some_and(|segment| segment.ident == trait_name),
        _ => false,
    }
}

/// Runs the derive on `input` and checks its answer: no panic; the output
/// parses as a file of items; an answer with errors still carries the
/// stand-in impls, unless the input is not a type the derive accepts.
pub fn run(input: &TokenStream) -> Result<Outcome, String> {
    let owned = input.clone();
    let output = panic::catch_unwind(AssertUnwindSafe(move || derive(owned)))
        .map_err(|payload| format!("the derive panicked: {}", panic_message(&*payload)))?;
    let file = syn::parse2::<syn::File>(output.clone())
        .map_err(|e| format!("the output is not a file of items ({e}):\n{output}"))?;
    let errors = file
        .items
        .iter()
        .filter(|item| matches!(item, syn::Item::Macro(m) if is_compile_error(&m.mac)))
        .count();
    if errors == 0 {
        if !file.items.iter().any(|item| implements(item, "ApiError")) {
            return Err(format!("the output implements no ApiError:\n{output}"));
        }
        return Ok(Outcome::Code);
    }
    let stand_in_expected = match syn::parse2::<syn::DeriveInput>(input.clone()) {
        Ok(parsed) => !matches!(parsed.data, syn::Data::Union(_)),
        Err(_) => false,
    };
    if stand_in_expected && !file.items.iter().any(|item| implements(item, "ApiError")) {
        return Err(format!(
            "the output has errors but no stand-in ApiError impl:\n{output}"
        ));
    }
    Ok(Outcome::Errors)
}

/// Runs `body` on a thread with a compiler-sized stack.
pub fn on_big_stack<F: FnOnce() + Send + 'static>(body: F) {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(body)
        .expect("spawn a fuzz thread")
        .join()
        .unwrap_or_else(|payload| panic::resume_unwind(payload));
}

/// Failures of a campaign, one per distinct message, each with the first
/// input that caused it.
#[derive(Default)]
pub struct Failures {
    seen: Vec<(String, u64, String)>,
    total: u64,
}

impl Failures {
    pub fn record(&mut self, case: u64, input: &TokenStream, why: String) {
        self.total += 1;
        // Outputs differ per input; group by the first line.
        let key = why.lines().next().unwrap_or_default().to_owned();
        if !self.seen.iter().any(|(k, _, _)| *k == key) {
            self.seen
                .push((key, case, format!("{why}\ninput: {input}")));
        }
    }

    pub fn assert_none(self, test: &str, seed: u64, cases: u64) {
        if self.seen.is_empty() {
            return;
        }
        let mut report = format!(
            "{test}: {} of {cases} cases failed (API_ERROR_FUZZ_SEED={seed}), {} distinct:\n",
            self.total,
            self.seen.len()
        );
        for (_, case, detail) in &self.seen {
            report.push_str(&format!("\n--- case {case}\n{detail}\n"));
        }
        panic!("{report}");
    }
}

/// The random numbers of one case of a campaign.
pub fn case_rng(seed: u64, case: u64) -> Rng {
    let mut rng = Rng::new(seed ^ case.wrapping_mul(0xd1b5_4a32_d192_ed03));
    rng.next();
    rng
}

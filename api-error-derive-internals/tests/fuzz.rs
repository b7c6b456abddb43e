//! The derive on mutated and generated inputs: whatever it is fed, it answers
//! with Rust items, or with `compile_error!` and stand-in impls, and never
//! panics.
//!
//! A normal test run tries a few thousand seeded cases. A long campaign:
//!
//! ```text
//! API_ERROR_FUZZ_CASES=200000 API_ERROR_FUZZ_SEED=$RANDOM cargo test -p api-error-derive --release fuzz
//! ```
//!
//! `API_ERROR_FUZZ_CASES` is the number of cases of each fuzz test,
//! `API_ERROR_FUZZ_SEED` the seed they derive from (fixed when unset, so a run
//! is reproducible). A failure prints the seed, the case and its input.

use api_error_derive_internals::derive as derive_tokens;
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use std::panic::{self, AssertUnwindSafe};
use std::str::FromStr;

/// Cases per fuzz test when `API_ERROR_FUZZ_CASES` is unset.
const DEFAULT_CASES: u64 = 10_000;

/// syn and the derive recurse on nesting; a real compiler thread has a large
/// stack, and so do the fuzz threads.
const STACK: usize = 256 << 20;

/// SplitMix64: small, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// In `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn pick_str<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, found {value:?}")),
        Err(_) => default,
    }
}

fn cases() -> u64 {
    env_u64("API_ERROR_FUZZ_CASES", DEFAULT_CASES)
}

fn base_seed() -> u64 {
    env_u64("API_ERROR_FUZZ_SEED", 0x00a9_1e77_0e55_a9e5)
}

fn tokens(source: &str) -> TokenStream {
    TokenStream::from_str(source).unwrap_or_else(|e| panic!("bad test source {source:?}: {e}"))
}

// ---------------------------------------------------------------------------
// Running one input.

/// What the derive answered.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Items, no error.
    Code,
    /// At least one `compile_error!`.
    Errors,
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

fn is_compile_error(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "compile_error")
}

fn implements(item: &syn::Item, trait_name: &str) -> bool {
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
fn run(input: &TokenStream) -> Result<Outcome, String> {
    let owned = input.clone();
    let output = panic::catch_unwind(AssertUnwindSafe(move || derive_tokens(owned)))
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
fn on_big_stack<F: FnOnce() + Send + 'static>(body: F) {
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
struct Failures {
    seen: Vec<(String, u64, String)>,
    total: u64,
}

impl Failures {
    fn record(&mut self, case: u64, input: &TokenStream, why: String) {
        self.total += 1;
        // Outputs differ per input; group by the first line.
        let key = why.lines().next().unwrap_or_default().to_owned();
        if !self.seen.iter().any(|(k, _, _)| *k == key) {
            self.seen
                .push((key, case, format!("{why}\ninput: {input}")));
        }
    }

    fn assert_none(self, test: &str, seed: u64, cases: u64) {
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

// ---------------------------------------------------------------------------
// Seeds: valid inputs that exercise every key, so mutations start deep in the
// checks.

const SEEDS: &[&str] = &[
    // The DESIGN.md example.
    r#"
    #[derive(Debug, ApiError)]
    #[api(format = "envelope", doc_base = "https://docs.example.com/errors")]
    pub enum ClientError {
        #[api(status = 401, code = "unauthorized", message = "Invalid API key provided")]
        InvalidKey,

        #[api(status = 404, code = "not_found", message = "{resource} not found")]
        NotFound { #[api(extra)] resource: &'static str, #[api(extra)] id: String },

        #[api(status = 422, code = "invalid_parameter",
              message = "Rate must be a positive number", field = "rate")]
        BadRate { #[api(extra)] value: i64 },

        #[api(status = 409, code = "duplicate",
              message = "A client with this email already exists", field = "email")]
        Duplicate { #[api(extra)] existing_id: String },

        #[api(status = 422, code = "validation_error", message = "Request validation failed")]
        Invalid(#[api(errors)] api_error::FieldErrors),

        #[api(status = 429, code = "rate_limit_exceeded",
              message = "Rate limit exceeded. Retry after {secs} seconds.")]
        RateLimited { #[api(retry_after)] secs: u64 },

        #[api(status = 500, code = "internal_error", message = "An unexpected error occurred")]
        Internal(#[api(source)] Box<dyn std::error::Error + Send + Sync>),
    }
    "#,
    // A struct with type and variant keys, a field role and debug members.
    r#"
    #[api(format = "problem", status = 422, code = "invalid_rate",
          message = "Rate {rate:>width$.prec$} is not positive", crate = "my_crate::api_error",
          doc_url = "https://docs.example.com/errors#invalid_rate")]
    pub struct InvalidRate {
        rate: f64,
        width: usize,
        prec: usize,
        #[api(field)] name: String,
        #[api(debug)] received: i64,
        #[api(debug = "expected_type")] expected: &'static str,
        #[api(extra = "limit")] max: u32,
    }
    "#,
    // thiserror alongside, transparent and shared codes.
    r#"
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api(format = "flat", status = 400)]
    enum AppError<'a, T: std::fmt::Debug + Clone, const N: usize>
    where
        T: serde::Serialize + 'static,
    {
        #[error("customer {0} not found")]
        #[api(status = 404, code = "not_found")]
        NotFound(u64),

        #[error("db down")]
        #[api(status = 503, code = "unavailable", message = "Back in {secs} seconds", share_code)]
        Down { #[api(retry_after)] secs: Option<std::time::Duration>, #[source] cause: std::io::Error },

        #[error("maintenance")]
        #[api(status = 503, code = "unavailable", share_code)]
        Maintenance,

        #[error(transparent)]
        #[api(transparent)]
        Inner(#[from] InnerError),

        #[error("bad {0:?} {1:#x}")]
        #[api(message = "Card {0:?} was declined ({1:#06x})")]
        Declined(&'a str, u16, #[api(extra = "item")] T, #[api(debug = "raw")] [u8; N]),
    }
    "#,
    // Attributes the derive must leave alone, raw and unicode identifiers.
    r#"
    /// Errors of the café API.
    #[derive(Debug, ApiError)]
    #[non_exhaustive]
    #[api(doc_base = "http://docs.example.com/e")]
    pub(crate) enum Erreur {
        /// Deprecated, kept for old clients.
        #[deprecated(note = "use NotFound")]
        #[api(status = 410, message = "Gone: {r#type}")]
        Gone { #[api(extra = "kind")] r#type: String, #[api(extra)] r#match: bool, #[api(extra = "ñandú")] ñandú: u8 },

        #[cfg(feature = "extra")]
        #[api(status = 418, code = "teapot", message = "I'm a teapot {{literally}}")]
        r#Teapot,

        #[cfg_attr(test, allow(dead_code))]
        #[api(status = 599, code = "weird_5xx", message = "Weird {0} {0:?} {0:e}")]
        Weird(f32),

        #[api(status = 400, code = "uber", message = "{kind}", field = "kind")]
        Über { kind: std::borrow::Cow<'static, str> },
    }
    "#,
    // Tuple struct, unit struct and an empty enum.
    r#"#[api(status = 500)] #[api(message = "Failed: {0}")] struct Tuple(#[api(extra = "zero")] String, Vec<Option<Box<u8>>>);"#,
    r#"#[api(status = 404, code = "missing", message = "Missing")] struct Unit;"#,
    r#"#[derive(ApiError)] #[api(format = "flat")] enum Never {}"#,
    // A union: always an error.
    r#"#[api(status = 400)] union Bits { a: u32, b: f32 }"#,
    // Enum with discriminants and every field role.
    r#"
    #[api(status = 400)]
    #[repr(u8)]
    enum Roles {
        #[api(code = "a", message = "A {x}")]
        A { #[api(field)] f: Option<String>, #[api(errors)] e: Vec<api_error::FieldError>, #[api(extra)] x: u8 } = 1,
        #[api(status = 429, code = "b", message = "B")]
        B(#[api(retry_after)] u64, #[api(extra = "one")] u8, #[api(debug = "two")] u8) = 2,
        #[api(status = 500, message = "C", doc_url = "https://x.example/c")]
        C { #[api(source)] #[from] s: std::io::Error, #[api(debug)] d: () } = 3,
    }
    "#,
];

// ---------------------------------------------------------------------------
// Building blocks of mutations.

const IDENTS: &[&str] = &[
    "format",
    "doc_base",
    "status",
    "crate",
    "code",
    "message",
    "field",
    "doc_url",
    "transparent",
    "share_code",
    "decode",
    "extra",
    "retry_after",
    "errors",
    "debug",
    "source",
    "from",
    "error",
    "api",
    "cfg",
    "deprecated",
    "doc",
    "Self",
    "self",
    "super",
    "true",
    "false",
    "where",
    "pub",
    "enum",
    "struct",
    "union",
    "type",
    "u64",
    "String",
    "Option",
    "Box",
    "T",
    "_",
    "__self_0",
    "__formatter",
    "__S",
    "ñandú",
    "Σφάλμα",
    "错误",
    "Über",
    "ʼn",
    "ﬁle",
];

const RAW_IDENTS: &[&str] = &[
    "type", "match", "async", "r#fn", "dyn", "try", "union", "status",
];

const LITERALS: &[&str] = &[
    "0",
    "399",
    "400",
    "404",
    "429",
    "503",
    "599",
    "600",
    "404u16",
    "404u8",
    "404i8",
    "404_u16",
    "4_04",
    "0x194",
    "0o624",
    "0b110010100",
    "65535",
    "65536",
    "4294967296",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "99999999999999999999999999999999999999999999999999999999999999999",
    "404usize",
    "404f32",
    "4.04",
    "404.0",
    "404e0",
    "1e400",
    "0.0",
    "1.5f32",
    "1f64",
    "'a'",
    "'\\n'",
    "'\\u{10FFFF}'",
    "'\"'",
    "b'x'",
    "b\"bytes\"",
    "br\"raw bytes\"",
    "c\"c string\"",
    "cr\"raw c\"",
    "r\"raw\"",
    "r#\"raw \"quoted\"\"#",
    "\"suffixed\"suffix",
    "\"404\"",
    "\"\"",
    "\"flat\"",
    "\"Flat\"",
    "\"problem\"",
    "\"envelope\"",
    "\"https://\"",
    "\"https://docs.example.com/errors\"",
    "\"https://x#y\"",
    "\"http:///\"",
    "\"ftp://x\"",
    "\"https://a b\"",
    "\"crate::x\"",
    "\"::\"",
    "\"a::<T>\"",
    "\"self\"",
    "\"(\"",
    "\"not_found\"",
    "\"NotFound\"",
    "\"Not-Found\"",
    "\"9lives\"",
    "\"dup\"",
    "\"code\"",
    "\"type\"",
    "\"display\"",
    "\"source_chain\"",
    "\"{\"",
    "\"}\"",
    "\"{{}}\"",
    "\"{}\"",
    "\"{0}\"",
    "\"{1}\"",
    "\"{0} {1} {2} {}\"",
    "\"{99999999999999999999}\"",
    "\"{x}\"",
    "\"{r#type}\"",
    "\"{ñandú}\"",
    "\"{x:>width$}\"",
    "\"{x:1$}\"",
    "\"{x:x$}\"",
    "\"{:.*}\"",
    "\"{0:?}\"",
    "\"{:#?}\"",
    "\"{x:0>5}\"",
    "\"{x:+e}\"",
    "\"{x:}\"",
    "\"{:}\"",
    "\"{ }\"",
    "\"{x.y}\"",
    "\"{x:$}\"",
    "\"{x:.$}\"",
    "\"{x:9999999999999999999999$}\"",
    "\"\\u{0}\\r\\n\\t\"",
    "\"\\\\\"",
    "\"\\\"\"",
    "\"</script>\"",
    "\"\\u{2028}\\u{2029}\"",
    "\"é🦀\"",
];

const PUNCTS: &[char] = &[
    '#', '!', '=', ',', ':', ';', '<', '>', '&', '*', '+', '-', '.', '/', '?', '@', '|', '~', '^',
    '%', '$', '\'',
];

const FRAGMENTS: &[&str] = &[
    "#[api(status = 404)]",
    "#[api(status = 500)]",
    "#[api(status = \"404\")]",
    "#[api(status)]",
    "#[api(status = )]",
    "#[api(status = 4 + 0)]",
    "#[api(status = -404)]",
    "#[api(extra)]",
    "#[api(extra = \"x\")]",
    "#[api(extra = 5)]",
    "#[api(extra(x))]",
    "#[api(field)]",
    "#[api(field = \"f\")]",
    "#[api(retry_after)]",
    "#[api(retry_after = 5)]",
    "#[api(errors)]",
    "#[api(debug)]",
    "#[api(debug = \"\")]",
    "#[api(source)]",
    "#[api(transparent)]",
    "#[api(transparent = false)]",
    "#[api(transparent = \"yes\")]",
    "#[api(share_code)]",
    "#[api(code = \"dup\", share_code)]",
    "#[api(code = \"dup\")]",
    "#[api(message = \"{0}\")]",
    "#[api(message = \"{x}\")]",
    "#[api(message = \"{}\")]",
    "#[api(message)]",
    "#[api(format = \"flat\")]",
    "#[api(decode)]",
    "#[api(decode, format = \"flat\")]",
    "#[api(format = \"problem\")]",
    "#[api(format = flat)]",
    "#[api(crate = \"c\")]",
    "#[api(crate = \"\")]",
    "#[api(doc_base = \"https://d.example\")]",
    "#[api(doc_url = \"https://d.example/x\")]",
    "#[api(doc_url = \"http:///\")]",
    "#[api(doc_url = \"https://a b\")]",
    "#[api(message = \"{:.*}\")]",
    "#[api(debug = \"display\")]",
    "#[api(debug = \"source_chain\")]",
    "#[api(extra = \"title\")]",
    "#[api(nope)]",
    "#[api(statuss = 404)]",
    "#[api(a::b = 1)]",
    "#[api(::x)]",
    "#[api(x(y(z)))]",
    "#[api]",
    "#[api = \"x\"]",
    "#[api()]",
    "#[api(,)]",
    "#[api(status = 404,,)]",
    "#[api(status = 404 code = \"x\")]",
    "#[api{status = 404}]",
    "#[api[status = 404]]",
    "#[error(\"x {0}\")]",
    "#[error(transparent)]",
    "#[from]",
    "#[source]",
    "#[cfg(test)]",
    "#[cfg(any())]",
    "#[cfg_attr(test, api(status = 404))]",
    "#[deprecated]",
    "#[deprecated(note = \"x\")]",
    "#[doc = \"x\"]",
    "#[doc(hidden)]",
    "/// A doc comment",
    "//! An inner doc comment",
    "#![api(status = 404)]",
    "<T>",
    "<'a, T: Clone + 'a, const N: usize = 3>",
    "<T: ?Sized>",
    "where T: std::fmt::Debug,",
    "where Self: Sized",
    "where for<'b> &'b T: IntoIterator",
    "Vec<Vec<Option<Box<dyn Fn(&'a T) -> U + Send>>>>",
    "[u8; 4]",
    "(u8, u16)",
    "&'static str",
    "fn() -> !",
    "impl Trait",
    "dyn std::error::Error",
    "<T as Trait>::Assoc",
    "Variant(u8),",
    "Variant { x: u8 },",
    "#[api(status = 404, message = \"m\")] Variant,",
    "Variant = 5,",
    "r#type: u8,",
    "x: T,",
    "pub(crate)",
    "pub(in crate::a)",
    "unsafe",
    "union",
    "enum",
    "struct",
    ";",
    "::",
    "=>",
    "->",
    "'a",
    "'static",
];

/// A token tree we can edit in place.
#[derive(Clone)]
enum Tree {
    Leaf(TokenTree),
    Group(Delimiter, Vec<Tree>),
}

fn to_trees(stream: TokenStream) -> Vec<Tree> {
    stream
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => Tree::Group(group.delimiter(), to_trees(group.stream())),
            leaf => Tree::Leaf(leaf),
        })
        .collect()
}

fn to_stream(trees: &[Tree]) -> TokenStream {
    trees
        .iter()
        .map(|tree| match tree {
            Tree::Leaf(leaf) => leaf.clone(),
            Tree::Group(delimiter, inner) => {
                TokenTree::Group(Group::new(*delimiter, to_stream(inner)))
            }
        })
        .collect()
}

/// Every sequence of the tree (the root and each group's contents), as paths
/// of group indices.
fn sequences(trees: &[Tree], path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(path.clone());
    for (i, tree) in trees.iter().enumerate() {
        if let Tree::Group(_, inner) = tree {
            path.push(i);
            sequences(inner, path, out);
            path.pop();
        }
    }
}

fn sequence_at<'a>(trees: &'a mut Vec<Tree>, path: &[usize]) -> &'a mut Vec<Tree> {
    match path.split_first() {
        None => trees,
        Some((first, rest)) => match &mut trees[*first] {
            Tree::Group(_, inner) => sequence_at(inner, rest),
            Tree::Leaf(_) => unreachable!("paths lead through groups"),
        },
    }
}

/// Every leaf of the tree, for replacing one.
fn leaves(trees: &mut [Tree]) -> Vec<&mut TokenTree> {
    let mut out = Vec::new();
    for tree in trees {
        match tree {
            Tree::Leaf(leaf) => out.push(leaf),
            Tree::Group(_, inner) => out.extend(leaves(inner)),
        }
    }
    out
}

fn random_string(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "{", "}", "{{", "}}", ":", "$", ".", "*", "?", "#", "0", "1", "x", "_", "a", "é", " ",
        "\n", "\"", "\\", "\u{0}", "\u{7f}", "\u{2028}", "🦀", "r#", "width", "type", ">", "+",
        "e",
    ];
    let len = rng.below(12);
    (0..len).map(|_| *rng.pick(PIECES)).collect()
}

fn random_literal(rng: &mut Rng) -> Literal {
    match rng.below(10) {
        0 => Literal::string(&random_string(rng)),
        1 => Literal::string(&"x{}".repeat(rng.below(2000))),
        2 => Literal::u64_unsuffixed(rng.next()),
        3 => Literal::u16_suffixed(rng.next() as u16),
        4 => Literal::i128_suffixed((rng.next() as i128).wrapping_mul(-(rng.next() as i128))),
        5 => Literal::f64_unsuffixed(f64::from_bits(rng.next()).abs().min(1e300)),
        _ => Literal::from_str(rng.pick_str(LITERALS)).expect("the literal pool lexes"),
    }
}

fn random_string_literal(rng: &mut Rng) -> Literal {
    if rng.chance(30) {
        return Literal::string(&random_string(rng));
    }
    let strings: Vec<&str> = LITERALS
        .iter()
        .copied()
        .filter(|lit| lit.starts_with('"'))
        .collect();
    Literal::from_str(rng.pick_str(&strings)).expect("the literal pool lexes")
}

fn random_ident(rng: &mut Rng) -> Ident {
    if rng.chance(15) {
        let name = rng.pick(RAW_IDENTS);
        return match name.strip_prefix("r#") {
            Some(rest) => Ident::new_raw(rest, Span::call_site()),
            None => Ident::new_raw(name, Span::call_site()),
        };
    }
    if rng.chance(3) {
        return Ident::new(&"long_".repeat(200), Span::call_site());
    }
    Ident::new(rng.pick_str(IDENTS), Span::call_site())
}

fn random_leaf(rng: &mut Rng) -> Tree {
    Tree::Leaf(match rng.below(3) {
        0 => TokenTree::Ident(random_ident(rng)),
        1 => TokenTree::Literal(random_literal(rng)),
        _ => {
            let spacing = if rng.chance(50) {
                Spacing::Alone
            } else {
                Spacing::Joint
            };
            TokenTree::Punct(Punct::new(*rng.pick(PUNCTS), spacing))
        }
    })
}

fn random_fragment(rng: &mut Rng) -> Vec<Tree> {
    to_trees(tokens(rng.pick_str(FRAGMENTS)))
}

fn random_delimiter(rng: &mut Rng) -> Delimiter {
    *rng.pick(&[
        Delimiter::Parenthesis,
        Delimiter::Brace,
        Delimiter::Bracket,
        Delimiter::None,
    ])
}

/// Applies one random edit to `trees`.
fn mutate(rng: &mut Rng, trees: &mut Vec<Tree>) {
    // Edits of one literal or identifier anywhere: most keys and values are
    // leaves deep inside attributes.
    if rng.chance(35) {
        let mut all = leaves(trees);
        if !all.is_empty() {
            let index = rng.below(all.len());
            let leaf = &mut *all[index];
            *leaf = match leaf {
                // A string stays a string most of the time, so the value
                // reaches the checks of its key.
                TokenTree::Literal(lit) if lit.to_string().starts_with('"') && rng.chance(60) => {
                    TokenTree::Literal(random_string_literal(rng))
                }
                TokenTree::Literal(_) => TokenTree::Literal(random_literal(rng)),
                TokenTree::Ident(_) => TokenTree::Ident(random_ident(rng)),
                _ => match random_leaf(rng) {
                    Tree::Leaf(leaf) => leaf,
                    Tree::Group(..) => unreachable!("random_leaf gives leaves"),
                },
            };
            return;
        }
    }
    let mut paths = Vec::new();
    sequences(trees, &mut Vec::new(), &mut paths);
    let path = rng.pick(&paths).clone();
    // A subtree copied from elsewhere in the input, taken before borrowing
    // the target sequence.
    let donor = {
        let mut all = Vec::new();
        sequences(trees, &mut Vec::new(), &mut all);
        let from = rng.pick(&all).clone();
        let seq = sequence_at(trees, &from);
        if seq.is_empty() {
            None
        } else {
            let start = rng.below(seq.len());
            let end = (start + 1 + rng.below(4)).min(seq.len());
            Some(seq[start..end].to_vec())
        }
    };
    let seq = sequence_at(trees, &path);
    let len = seq.len();
    let at = rng.below(len + 1);
    match rng.below(10) {
        // Delete a token.
        0 if len > 0 => {
            seq.remove(at.min(len - 1));
        }
        // Duplicate a token.
        1 if len > 0 => {
            let i = at.min(len - 1);
            let copy = seq[i].clone();
            seq.insert(i, copy);
        }
        // Swap two neighbours.
        2 if len > 1 => {
            let i = at.min(len - 2);
            seq.swap(i, i + 1);
        }
        // Truncate the sequence: a cut-off token tree.
        3 => seq.truncate(at),
        // Insert a random token.
        4 => seq.insert(at, random_leaf(rng)),
        // Insert a fragment of Rust or of `#[api(...)]`.
        5 | 6 => {
            for (offset, tree) in random_fragment(rng).into_iter().enumerate() {
                seq.insert(at + offset, tree);
            }
        }
        // Change a group's delimiter, or unwrap it.
        7 => {
            if let Some(i) = seq.iter().position(|t| matches!(t, Tree::Group(..))) {
                if rng.chance(70) {
                    if let Tree::Group(delimiter, _) = &mut seq[i] {
                        *delimiter = random_delimiter(rng);
                    }
                } else if let Tree::Group(_, inner) = seq.remove(i) {
                    for (offset, tree) in inner.into_iter().enumerate() {
                        seq.insert(i + offset, tree);
                    }
                }
            }
        }
        // Wrap a run of tokens in a new group.
        8 if len > 0 => {
            let start = at.min(len - 1);
            let end = (start + 1 + rng.below(3)).min(len);
            let inner: Vec<Tree> = seq.drain(start..end).collect();
            seq.insert(start, Tree::Group(random_delimiter(rng), inner));
        }
        // Splice in tokens copied from elsewhere.
        _ => {
            if let Some(donor) = donor {
                for (offset, tree) in donor.into_iter().enumerate() {
                    seq.insert(at + offset, tree);
                }
            }
        }
    }
}

fn case_rng(seed: u64, case: u64) -> Rng {
    let mut rng = Rng::new(seed ^ case.wrapping_mul(0xd1b5_4a32_d192_ed03));
    rng.next();
    rng
}

// ---------------------------------------------------------------------------
// Generated inputs: random but well-formed types, built from the grammar of
// the attributes, so that combinations of valid keys are reached too.

fn gen_status(rng: &mut Rng) -> String {
    (*rng.pick(&[
        "400", "401", "404", "409", "410", "418", "422", "429", "451", "499", "500", "502", "503",
        "504", "599",
    ]))
    .to_owned()
}

fn gen_message(rng: &mut Rng, names: &[String], tuple: bool) -> String {
    let mut message = String::from("Failed");
    for _ in 0..rng.below(3) {
        let spec = *rng.pick(&["", ":?", ":>8", ":.2", ":#x", ":e", ":>w$"]);
        let target = if names.is_empty() {
            String::new()
        } else if tuple {
            rng.below(names.len() + 1).to_string()
        } else if rng.chance(90) {
            rng.pick(names).clone()
        } else {
            "missing".to_owned()
        };
        message.push_str(&format!(" {{{target}{spec}}}"));
    }
    if rng.chance(10) {
        message.push_str(" {{braces}}");
    }
    format!("{message:?}")
}

fn gen_type(rng: &mut Rng, depth: usize) -> String {
    let leaf = *rng.pick(&[
        "u8",
        "u64",
        "i64",
        "f64",
        "usize",
        "String",
        "&'static str",
        "std::time::Duration",
        "api_error::FieldErrors",
        "Vec<api_error::FieldError>",
        "std::io::Error",
        "Box<dyn std::error::Error + Send + Sync>",
        "T",
        "()",
        "[u8; 4]",
    ]);
    if depth == 0 || rng.chance(60) {
        return leaf.to_owned();
    }
    let inner = gen_type(rng, depth - 1);
    match rng.below(5) {
        0 => format!("Option<{inner}>"),
        1 => format!("Vec<{inner}>"),
        2 => format!("Box<{inner}>"),
        3 => format!("std::collections::BTreeMap<String, {inner}>"),
        _ => format!("({inner}, {leaf})"),
    }
}

fn gen_field_attr(rng: &mut Rng) -> String {
    let attr = *rng.pick(&[
        "",
        "",
        "#[api(extra)]",
        "#[api(extra = \"renamed\")]",
        "#[api(field)]",
        "#[api(retry_after)]",
        "#[api(errors)]",
        "#[api(debug)]",
        "#[api(debug = \"dbg\")]",
        "#[api(source)]",
        "#[source]",
        "#[from]",
        "#[api(extra, debug)]",
        "#[doc = \"A field.\"]",
        "#[cfg(any())]",
    ]);
    attr.to_owned()
}

fn gen_input(rng: &mut Rng) -> String {
    let generic = rng.chance(25);
    let thiserror = rng.chance(15);
    let mut out = String::new();
    if thiserror {
        out.push_str("#[derive(Debug, thiserror::Error, ApiError)]\n");
    }
    let mut keys = Vec::new();
    if rng.chance(40) {
        keys.push(format!(
            "format = {:?}",
            rng.pick(&["envelope", "flat", "problem"])
        ));
    }
    if rng.chance(30) {
        keys.push("doc_base = \"https://docs.example.com/errors\"".to_owned());
    }
    if rng.chance(30) {
        keys.push(format!("status = {}", gen_status(rng)));
    }
    if rng.chance(5) {
        keys.push("crate = \"::api_error\"".to_owned());
    }
    if rng.chance(15) {
        keys.push("decode".to_owned());
    }
    let is_struct = rng.chance(15);
    let variants = if is_struct {
        1
    } else if rng.chance(3) {
        200 + rng.below(300)
    } else {
        rng.below(9)
    };
    let mut bodies = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    for v in 0..variants {
        let mut vkeys = Vec::new();
        let fields = rng.below(5);
        let tuple = rng.chance(40);
        let names: Vec<String> = (0..fields)
            .map(|i| {
                if tuple {
                    i.to_string()
                } else {
                    (*rng.pick(&[
                        "id", "secs", "value", "resource", "w", "r#match", "ñ", "name", "cause",
                    ]))
                    .to_owned()
                        + &i.to_string()
                }
            })
            .collect();
        let bare: Vec<String> = names
            .iter()
            .map(|n| n.strip_prefix("r#").unwrap_or(n).to_owned())
            .collect();
        if rng.chance(85) {
            vkeys.push(format!("status = {}", gen_status(rng)));
        }
        if rng.chance(60) {
            let code = if !codes.is_empty() && rng.chance(5) {
                rng.pick(&codes).clone()
            } else {
                format!("code_{v}")
            };
            codes.push(code.clone());
            vkeys.push(format!("code = {code:?}"));
        }
        if rng.chance(85) {
            vkeys.push(format!("message = {}", gen_message(rng, &bare, tuple)));
        }
        if rng.chance(10) {
            vkeys.push("field = \"f\"".to_owned());
        }
        if rng.chance(8) {
            vkeys.push("doc_url = \"https://docs.example.com/x\"".to_owned());
        }
        if rng.chance(5) {
            vkeys.push("share_code".to_owned());
        }
        if rng.chance(5) {
            vkeys = vec!["transparent".to_owned()];
        }
        let field_list = (0..fields)
            .map(|i| {
                let ty = if generic && rng.chance(40) {
                    "T".to_owned()
                } else {
                    gen_type(rng, 4)
                };
                let attr = gen_field_attr(rng);
                if tuple {
                    format!("{attr} {ty}")
                } else {
                    format!("{attr} {}: {ty}", names[i])
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let shape = match (fields, tuple) {
            (0, _) => String::new(),
            (_, true) => format!("({field_list})"),
            (_, false) => format!("{{ {field_list} }}"),
        };
        let mut attrs = String::new();
        if thiserror && rng.chance(80) {
            attrs.push_str("#[error(\"e\")]\n");
        }
        if rng.chance(5) {
            attrs.push_str("#[deprecated]\n");
        }
        if rng.chance(5) {
            attrs.push_str("#[cfg(test)]\n");
        }
        if rng.chance(5) {
            attrs.push_str("/// Doc.\n");
        }
        if is_struct {
            keys.extend(vkeys);
            bodies.push(shape);
        } else {
            if !vkeys.is_empty() {
                attrs.push_str(&format!("#[api({})]\n", vkeys.join(", ")));
            }
            let name = match rng.below(20) {
                0 => format!("r#V{v}"),
                1 => format!("Ünï{v}"),
                2 => format!("HTTPError{v}"),
                _ => format!("Variant{v}"),
            };
            bodies.push(format!("{attrs}{name}{shape}"));
        }
    }
    if !keys.is_empty() {
        out.push_str(&format!("#[api({})]\n", keys.join(", ")));
    }
    let generics = if generic {
        "<'a, T: std::fmt::Debug + 'a> where T: serde::Serialize"
    } else {
        ""
    };
    if is_struct {
        let body = bodies.pop().unwrap_or_default();
        let semi = if body.starts_with('{') { "" } else { ";" };
        out.push_str(&format!("pub struct Gen{generics} {body}{semi}"));
    } else {
        out.push_str(&format!(
            "pub enum Gen{generics} {{\n{}\n}}",
            bodies.join(",\n")
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// The tests.

#[test]
fn seeds_expand_without_errors() {
    on_big_stack(|| {
        for (i, seed) in SEEDS.iter().enumerate() {
            let outcome = run(&tokens(seed)).unwrap_or_else(|why| panic!("seed {i}: {why}"));
            let expected = if seed.contains("union ") {
                Outcome::Errors
            } else {
                Outcome::Code
            };
            assert_eq!(outcome, expected, "seed {i}");
        }
    });
}

#[test]
fn fuzz_mutated_seeds() {
    on_big_stack(|| {
        let (seed, cases) = (base_seed(), cases());
        let seeds: Vec<Vec<Tree>> = SEEDS.iter().map(|s| to_trees(tokens(s))).collect();
        let mut failures = Failures::default();
        let mut outcomes = [0u64; 2];
        for case in 0..cases {
            let mut rng = case_rng(seed, case);
            let mut trees = rng.pick(&seeds).clone();
            let edits = 1 + rng.below(3) + usize::from(rng.chance(20)) * rng.below(8);
            for _ in 0..edits {
                mutate(&mut rng, &mut trees);
            }
            let input = to_stream(&trees);
            match run(&input) {
                Ok(outcome) => outcomes[(outcome == Outcome::Errors) as usize] += 1,
                Err(why) => failures.record(case, &input, why),
            }
        }
        failures.assert_none("fuzz_mutated_seeds", seed, cases);
        // Mutations must reach both answers, or they test nothing.
        assert!(
            cases < 100 || outcomes.iter().all(|n| *n > 0),
            "outcomes {outcomes:?}"
        );
    });
}

#[test]
fn fuzz_generated_inputs() {
    on_big_stack(|| {
        let (seed, cases) = (base_seed() ^ 0x5eed, cases() / 4);
        let mut failures = Failures::default();
        let mut outcomes = [0u64; 2];
        for case in 0..cases {
            let mut rng = case_rng(seed, case);
            let source = gen_input(&mut rng);
            let mut trees = to_trees(tokens(&source));
            if rng.chance(40) {
                for _ in 0..1 + rng.below(2) {
                    mutate(&mut rng, &mut trees);
                }
            }
            let input = to_stream(&trees);
            match run(&input) {
                Ok(outcome) => outcomes[(outcome == Outcome::Errors) as usize] += 1,
                Err(why) => failures.record(case, &input, why),
            }
        }
        failures.assert_none("fuzz_generated_inputs", seed, cases);
        assert!(
            cases < 100 || outcomes.iter().all(|n| *n > 0),
            "outcomes {outcomes:?}"
        );
    });
}

#[test]
fn fuzz_random_token_soup() {
    on_big_stack(|| {
        let (seed, cases) = (base_seed() ^ 0x50_0b, cases() / 4);
        let mut failures = Failures::default();
        for case in 0..cases {
            let mut rng = case_rng(seed, case);
            let mut trees = Vec::new();
            for _ in 0..rng.below(40) {
                let tree = if rng.chance(30) {
                    let mut inner = Vec::new();
                    for _ in 0..rng.below(8) {
                        inner.push(random_leaf(&mut rng));
                    }
                    Tree::Group(random_delimiter(&mut rng), inner)
                } else if rng.chance(30) {
                    trees.extend(random_fragment(&mut rng));
                    continue;
                } else {
                    random_leaf(&mut rng)
                };
                trees.push(tree);
            }
            let input = to_stream(&trees);
            if let Err(why) = run(&input) {
                failures.record(case, &input, why);
            }
        }
        failures.assert_none("fuzz_random_token_soup", seed, cases);
    });
}

#[test]
fn huge_enums() {
    on_big_stack(|| {
        // Thousands of valid variants of every shape.
        let mut source = String::from(
            "#[api(doc_base = \"https://d.example/e\")] enum Huge<T> where T: Clone {",
        );
        for i in 0..3000 {
            source.push_str(&match i % 4 {
                0 => format!("#[api(status = 404, message = \"v{i}\")] V{i},"),
                1 => format!(
                    "#[api(status = 422, message = \"{{x}} {i}\", field = \"f\")] V{i} {{ #[api(extra)] x: T, #[api(debug)] y: u8 }},"
                ),
                2 => format!("#[api(status = 429, message = \"m\")] V{i}(#[api(retry_after)] u64),"),
                _ => format!("#[api(status = 500, code = \"c{i}\", message = \"m\")] V{i}(#[api(source)] std::io::Error),"),
            });
        }
        source.push('}');
        assert_eq!(run(&tokens(&source)), Ok(Outcome::Code));

        // Thousands of variants that all clash: every error is reported, and
        // the answer still parses.
        let mut source = String::from("enum Clash {");
        for i in 0..3000 {
            source.push_str(&format!(
                "#[api(status = 404, code = \"same\", message = \"{{missing}}\")] V{i},"
            ));
        }
        source.push('}');
        assert_eq!(run(&tokens(&source)), Ok(Outcome::Errors));
    });
}

#[test]
fn odd_but_valid_inputs() {
    on_big_stack(|| {
        let valid = [
            "enum Empty {}",
            "#[api(status = 400, message = \"x\")] struct Unit;",
            "#[api(status = 400, message = \"{0}{1}\")] struct T2(u8, #[api(extra = \"b\")] u8);",
            "enum E { #[api(status = 400, message = \"{r#type}\")] r#V { #[api(extra = \"kind\")] r#type: u8, #[api(extra)] r#match: u8 } }",
            "enum Ñ { #[api(status = 400, code = \"c\", message = \"{ñ}\")] Ü { #[api(extra)] ñ: u8 } }",
            "enum E<'a, T: 'a + ?Sized, const N: usize> where [u8; N]: Sized, &'a T: std::fmt::Debug { #[api(status = 400, message = \"m\")] V(&'a T, [u8; N]) }",
            "enum E<T, U> { #[api(status = 400, message = \"{0:?}\")] V(Vec<Option<Box<std::collections::HashMap<T, Vec<U>>>>>) }",
            "enum E { #[cfg(any())] #[api(status = 400, message = \"a\")] A, #[deprecated] #[api(status = 401, message = \"b\")] B, /** doc */ #[api(status = 402, message = \"c\")] C }",
            "enum E { #[api(status = 400, message = \"{0:>1$.2$}\")] V(f64, usize, usize) }",
        ];
        for source in valid {
            assert_eq!(run(&tokens(source)), Ok(Outcome::Code), "{source}");
        }
        let invalid = [
            "",
            "enum",
            "enum E",
            "struct S",
            "union U { a: u8 }",
            "fn f() {}",
            "enum E { V(#[api(extra)] u8) }",
            "enum E { #[api(status = 400u8)] V }",
            "enum E { #[api(status = 1e3, message = b\"x\", code = c\"x\")] V }",
            "enum E { #[api(status = 99999999999999999999999999999999)] V }",
            "enum E { #[api(status = 404, message = \"{99999999999999999999999}\")] V(u8) }",
            "enum E { #[api(status = 404, message = \"{0:99999999999999999999999$}\")] V(u8) }",
            "enum E { #[api(status = 404, message = r#\"{\"#)] V }",
            "enum E { #[api(transparent)] V }",
            "enum E { #[api(transparent)] V(u8, u8) }",
            "#[api(crate = \"a b\")] enum E {}",
            "#[api(crate = \"(\")] enum E {}",
        ];
        for source in invalid {
            assert_eq!(run(&tokens(source)), Ok(Outcome::Errors), "{source}");
        }
    });
}

/// Inputs a fuzz campaign once found answered wrong.
#[test]
fn regressions() {
    on_big_stack(|| {
        let cases = [
            // A field named `_` (an unnamed field, which syn parses) that
            // plays a role: its binding `Self { _: __self_0, .. }` did not
            // parse.
            "#[api(status = 422, message = \"m\")] struct S { #[api(extra = \"limit\")] _: u32 }",
            "enum E { #[api(status = 422, message = \"{x}\")] V { x: u8, #[api(debug)] _: u8 } }",
            "#[api(status = 422, message = \"m\")] struct S { _: u32 }",
        ];
        for source in cases {
            assert_eq!(run(&tokens(source)), Ok(Outcome::Errors), "{source}");
            let output = derive_tokens(tokens(source)).to_string();
            assert!(
                output.contains("a field named `_` cannot be read by the derive"),
                "{output}"
            );
        }
    });
}

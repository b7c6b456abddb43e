//! The derive on mutated and generated inputs: whatever it is fed, it answers
//! with Rust items, or with `compile_error!` and stand-in impls, and never
//! panics.
//!
//! A normal test run tries a few thousand seeded cases. A long campaign, a
//! million cases per fuzz test, optimized:
//!
//! ```text
//! API_ERROR_FUZZ_CASES=1000000 API_ERROR_FUZZ_SEED=$RANDOM \
//!     cargo test -p api-error-derive-internals --release --test fuzz
//! ```
//!
//! `API_ERROR_FUZZ_CASES` is the number of cases of each fuzz test,
//! `API_ERROR_FUZZ_SEED` the seed they derive from (fixed when unset, so a run
//! is reproducible). A failure prints the seed, the case and its input.

mod generate;
mod harness;
mod mutate;
mod seeds;

use api_error_derive_internals::derive;
use generate::gen_input;
use harness::{base_seed, case_rng, cases, on_big_stack, run, tokens, Failures, Outcome};
use mutate::{mutate, random_delimiter, random_fragment, random_leaf, to_stream, to_trees, Tree};
use seeds::SEEDS;

/// Cases of the mutation test when `API_ERROR_FUZZ_CASES` is unset; the
/// other fuzz tests, slower per case, run a quarter of it.
const DEFAULT_CASES: u64 = 10_000;

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

fn seed_trees() -> Vec<Vec<Tree>> {
    SEEDS.iter().map(|s| to_trees(tokens(s))).collect()
}

/// The input of case `case` of `fuzz_mutated_seeds` under `seed`.
fn mutated_seed(seeds: &[Vec<Tree>], seed: u64, case: u64) -> proc_macro2::TokenStream {
    let mut rng = case_rng(seed, case);
    let mut trees = rng.pick(seeds).clone();
    let edits = 1 + rng.below(3) + usize::from(rng.chance(20)) * rng.below(8);
    for _ in 0..edits {
        mutate(&mut rng, &mut trees);
    }
    to_stream(&trees)
}

#[test]
fn fuzz_mutated_seeds() {
    on_big_stack(|| {
        let (seed, cases) = (base_seed(), cases(DEFAULT_CASES));
        let seeds = seed_trees();
        let mut failures = Failures::default();
        let mut outcomes = [0u64; 2];
        for case in 0..cases {
            let input = mutated_seed(&seeds, seed, case);
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
        let (seed, cases) = (base_seed() ^ 0x5eed, cases(DEFAULT_CASES / 4));
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
        let (seed, cases) = (base_seed() ^ 0x50_0b, cases(DEFAULT_CASES / 4));
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
            let output = derive(tokens(source)).to_string();
            assert!(
                output.contains("a field named `_` cannot be read by the derive"),
                "{output}"
            );
        }
    });
}

/// A crate path with generic arguments was taken, and generated code that
/// does not parse: `fuzz_mutated_seeds` case 349747 of seed 4242 wrote
/// `crate = "a::<T>"`. Only plain paths are taken now.
#[test]
fn crate_paths() {
    on_big_stack(|| {
        let found = "# [api (format = \"problem\" , status = 422 , code = \"invalid_rate\" , message = \"Rate {rate:>width$.prec$} is not positive\" , crate = \"a::<T>\" , doc_url = \"https://docs.example.com/errors#invalid_rate\")] pub struct InvalidRate { rate : f64 , width : usize , prec : usize , # [api (field)] name : String , # [api (debug)] received : i64 , # [api (debug = \"expected_type\")] expected : & 'static str , # [api (extra = \"limit\")] max : u32 , }";
        assert_eq!(run(&tokens(found)), Ok(Outcome::Errors));
        let output = derive(tokens(found)).to_string();
        assert!(
            output.contains("has generic arguments on `a`, and a crate takes none"),
            "{output}"
        );

        let item = |path: &str| {
            format!("#[api(crate = {path:?})] enum E {{ #[api(status = 404, message = \"m\")] V }}")
        };
        for path in [
            "api_error",
            "::api_error",
            "my_crate::api_error",
            "crate::api_error",
            "self::errors::api_error",
            "super::api_error",
            "self::super::super::api_error",
            "r#type::api_error",
        ] {
            let output = derive(tokens(&item(path)));
            assert_eq!(run(&tokens(&item(path))), Ok(Outcome::Code), "{path}");
            assert!(
                output.to_string().contains("__private :: ApiError for E"),
                "{path}: {output}"
            );
        }
        for (path, why) in [
            ("api_error::<u8>", "has generic arguments on `api_error`"),
            ("a::b<T>", "has generic arguments on `b`"),
            ("Self", "names `Self`, a type, not a crate"),
            ("Self::api_error", "names `Self`, a type, not a crate"),
            ("a::crate", "has `crate` after its start"),
            ("::crate::a", "has `crate` after its start"),
            ("crate::self", "has `self` after its start"),
            ("super::self", "has `self` after its start"),
            ("a::super", "has `super` after a name"),
            ("crate::super", "has `super` after a name"),
            ("::super", "has `super` after a name"),
        ] {
            let output = derive(tokens(&item(path))).to_string();
            assert!(
                output.contains("`crate` must be a plain path") && output.contains(why),
                "{path}: {output}"
            );
            assert_eq!(run(&tokens(&item(path))), Ok(Outcome::Errors), "{path}");
        }
    });
}

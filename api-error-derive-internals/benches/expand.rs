//! Time of the derive's own work on one input: the parse, check and expand
//! stages run on tokens through the internals' API, as the fuzz tests run
//! them, without rustc around.
//!
//! ```text
//! cargo bench -p api-error-derive-internals --bench expand -- FILE.rs
//! cargo bench -p api-error-derive-internals --bench expand --profile dev -- FILE.rs
//! ```
//!
//! FILE.rs holds the enum (the first item that derives `ApiError`);
//! `benches/compile/run.py` generates a 200-variant one and runs this bench
//! on it. Cargo builds proc macros without optimizations unless a profile
//! says otherwise, so the `dev` profile is the time a build pays. In rustc
//! the macro also pays for passing its tokens across the proc-macro bridge,
//! which this bench leaves out.
//!
//! Besides the whole derive, it prints the median of each stage: reading the
//! attributes into the AST, the checks, and the generation of the impls.
//! With `API_ERROR_EXPAND_PRINT=1` it prints the generated code instead.

use api_error_derive_internals::ast::Input;
use api_error_derive_internals::{check, expand, resolve, Ctxt};
use proc_macro2::TokenStream;
use quote::ToTokens;
use std::hint::black_box;
use std::time::{Duration, Instant};
use syn::DeriveInput;

/// The input: the first enum or struct of the file that derives `ApiError`.
fn input(source: &str) -> Option<TokenStream> {
    let file = syn::parse_file(source).ok()?;
    file.items.into_iter().find_map(|item| {
        let (attrs, tokens) = match &item {
            syn::Item::Enum(item) => (&item.attrs, item.to_token_stream()),
            syn::Item::Struct(item) => (&item.attrs, item.to_token_stream()),
            _ => return None,
        };
        let derives = attrs.iter().any(|attr| {
            attr.path().is_ident("derive")
                && attr.to_token_stream().to_string().contains("ApiError")
        });
        derives.then_some(tokens)
    })
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The derive stage by stage, on one parsed input; the stages' outputs are
/// returned so none of the work is optimized away.
fn stages(input: &DeriveInput, times: &mut Times) -> TokenStream {
    let start = Instant::now();
    let cx = Ctxt::new();
    let parsed = black_box(Input::from_syn(&cx, input)).expect("an enum or a struct");
    let read = Instant::now();
    let model = black_box(resolve::resolve(&cx, &parsed));
    check::check(&cx, &model);
    cx.check().expect("the derive rejected the input");
    let checked = Instant::now();
    let output = black_box(expand::expand(&model));
    let expanded = Instant::now();
    times.ast.push(read - start);
    times.check.push(checked - read);
    times.expand.push(expanded - checked);
    output
}

/// Every run's time of each stage.
#[derive(Default)]
struct Times {
    parse: Vec<Duration>,
    ast: Vec<Duration>,
    check: Vec<Duration>,
    expand: Vec<Duration>,
    whole: Vec<Duration>,
}

fn ms(times: &[Duration]) -> f64 {
    median(times.to_vec()).as_secs_f64() * 1e3
}

fn main() {
    let Some(path) = std::env::args().skip(1).find(|arg| !arg.starts_with("--")) else {
        eprintln!("usage: cargo bench -p api-error-derive-internals --bench expand -- FILE.rs");
        eprintln!("(benches/compile/run.py generates one and runs this bench)");
        return;
    };
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let tokens = input(&source).unwrap_or_else(|| panic!("{path}: no item derives ApiError"));
    let output = api_error_derive_internals::derive(tokens.clone());
    let generated = output.to_string();
    if std::env::var_os("API_ERROR_EXPAND_PRINT").is_some() {
        println!("{generated}");
        return;
    }
    assert!(
        !generated.contains("compile_error"),
        "the derive rejected the input"
    );

    let mut times = Times::default();
    let deadline = Instant::now() + Duration::from_secs(3);
    while times.whole.len() < 5 || (Instant::now() < deadline && times.whole.len() < 200) {
        let input = tokens.clone();
        let start = Instant::now();
        let parsed = black_box(syn::parse2::<DeriveInput>(black_box(input)).unwrap());
        times.parse.push(start.elapsed());
        black_box(stages(&parsed, &mut times));

        let input = tokens.clone();
        let start = Instant::now();
        black_box(api_error_derive_internals::derive(black_box(input)));
        times.whole.push(start.elapsed());
    }
    let profile = if cfg!(debug_assertions) {
        "unoptimized, as cargo builds proc macros by default"
    } else {
        "optimized"
    };
    let variants = match syn::parse2::<DeriveInput>(tokens).map(|input| input.data) {
        Ok(syn::Data::Enum(data)) => data.variants.len(),
        _ => 1,
    };
    println!(
        "derive on {variants} variants ({} bytes of source) -> {} bytes of generated code ({profile}):",
        source.len(),
        generated.len(),
    );
    println!(
        "  whole derive: median {:.2} ms over {} runs, of which parsing the input into syn: {:.2} ms",
        ms(&times.whole),
        times.whole.len(),
        ms(&times.parse),
    );
    println!(
        "  stages: attributes (ast) {:.2} ms, checks {:.2} ms, generation {:.2} ms",
        ms(&times.ast),
        ms(&times.check),
        ms(&times.expand),
    );
}

//! Every compile error of `#[api(locales = "...")]`, each case pinned with
//! its message. Each case's catalogs are in `ui/locales/<case>`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}

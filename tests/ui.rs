//! Every compile error of the derive, each case pinned with its message. The
//! cases that need a framework are in `ui-frameworks`, so these build with the
//! derive alone. The cases of `ui-pass` build and run: what compiles
//! without a feature.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*/*.rs");
    t.pass("ui-pass/*.rs");
}

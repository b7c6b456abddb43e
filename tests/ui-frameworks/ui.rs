//! The compile errors of the derive with the framework integrations on: one
//! bad attribute is one error, with no second one from the `IntoResponse`,
//! `ResponseError`, `tonic::Status` or utoipa impls the feature would add;
//! and a type that turns them off writes its own.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    t.pass("pass/*.rs");
}

//! The compile errors of the derive with the framework integrations on: one
//! bad attribute is one error, with no second one from the `IntoResponse`,
//! `ResponseError`, `tonic::Status` or utoipa impls the feature would add.
//! (A type that turns them off and writes its own is `own_impls` in the
//! examples package, which builds every framework anyway.)

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}

//! The gRPC example's generated code is what tonic-prost-build makes of
//! `clients.proto` today, with the protoc that protoc-bin-vendored ships: the
//! protobuf compilation needs nothing installed. After changing the proto,
//! rerun with `API_ERROR_UPDATE_SNAPSHOTS=1` and commit the file.

use std::path::Path;

#[test]
fn generated_code_matches_clients_proto() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("grpc_server");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("grpc_proto");
    std::fs::create_dir_all(&out).unwrap();

    let protoc = protoc_bin_vendored::protoc_bin_path().unwrap();
    let mut config = prost_build::Config::new();
    config.protoc_executable(protoc);
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .out_dir(&out)
        .compile_with_config(
            config,
            &[example.join("clients.proto")],
            std::slice::from_ref(&example),
        )
        .unwrap();

    let generated = std::fs::read_to_string(out.join("clients.v1.rs")).unwrap();
    let committed_path = example.join("clients.v1.rs");
    if api_error::catalog::update_requested() {
        std::fs::write(&committed_path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&committed_path)
        .unwrap_or_else(|err| panic!("{}: {err}", committed_path.display()));
    assert!(
        committed == generated,
        "{} is not what clients.proto generates; rerun with {}=1 and commit it",
        committed_path.display(),
        api_error::catalog::SNAPSHOT_UPDATE_ENV,
    );
}

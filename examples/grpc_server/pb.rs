//! The messages and the service of `clients.proto`, as tonic-prost-build
//! generates them. `tests/grpc/proto.rs` regenerates the file with a vendored
//! protoc and fails when it differs; `API_ERROR_UPDATE_SNAPSHOTS=1` rewrites it.

#![allow(clippy::all, clippy::pedantic, missing_docs, unreachable_pub)]

include!("clients.v1.rs");

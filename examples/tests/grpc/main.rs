//! gRPC from the same enum: `tonic::Status` with Google's rich error details,
//! the gRPC example server driven by a tonic client and by Python's grpcio,
//! and its protobuf code checked against a fresh generation.

#[path = "../../grpc_server"]
#[allow(dead_code)]
mod grpc_api {
    #[path = "../clients_server/errors.rs"]
    pub mod errors;
    pub mod pb;
    pub mod service;
}

#[path = "../common/logs.rs"]
pub mod logs;
#[path = "../common/tools.rs"]
pub mod tools;

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod clients;
pub mod edges;
pub mod proto;
pub mod python;
pub mod status;

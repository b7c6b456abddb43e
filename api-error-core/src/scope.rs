//! The per-request error context, carried from the framework layer to the
//! place the error becomes a response.

use crate::response::{ErrorChain, ErrorContext};
use crate::ApiError;
use std::future::Future;

tokio::task_local! {
    static CONTEXT: ErrorContext;
}

/// Runs `future` with `context` as the error context of the request it
/// serves.
pub fn scope<F: Future>(
    context: ErrorContext,
    future: F,
) -> tokio::task::futures::TaskLocalFuture<ErrorContext, F> {
    CONTEXT.scope(context, future)
}

/// The response of `error` under the current request's context (or none), with
/// every 5xx logged, source chain and request id included.
pub fn http_response<E: ApiError + ?Sized>(error: &E) -> http::Response<Vec<u8>> {
    let respond = |context: &ErrorContext| {
        log(error, context);
        context.response(error)
    };
    CONTEXT
        .try_with(|context| respond(context))
        .unwrap_or_else(|_| respond(&ErrorContext::new()))
}

fn log<E: ApiError + ?Sized>(error: &E, context: &ErrorContext) {
    let status = error.status();
    if !status.is_server_error() {
        return;
    }
    let request_id = context.request_id.as_ref().map_or("", |id| id.as_str());
    tracing::error!(
        request_id,
        status = status.as_u16(),
        code = error.code(),
        error = %ErrorChain(error),
        "request failed",
    );
}

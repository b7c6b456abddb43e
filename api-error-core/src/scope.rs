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

/// Runs `f` with `context` as the error context of the request it serves:
/// for a response body, polled after the handler's future is done.
#[cfg(feature = "tonic")]
pub fn sync_scope<R>(context: ErrorContext, f: impl FnOnce() -> R) -> R {
    CONTEXT.sync_scope(context, f)
}

/// The error context of the current request, if there is one.
#[cfg(feature = "tonic")]
pub fn current() -> Option<ErrorContext> {
    CONTEXT.try_with(Clone::clone).ok()
}

/// The response of `error` under the current request's context (or none), with
/// every 5xx logged, source chain and request id included.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub fn http_response<E: ApiError + ?Sized>(error: &E) -> http::Response<Vec<u8>> {
    let respond = |context: &ErrorContext| {
        log(error, context);
        context.response(error)
    };
    CONTEXT
        .try_with(|context| respond(context))
        .unwrap_or_else(|_| respond(&ErrorContext::new()))
}

pub(crate) fn log<E: ApiError + ?Sized>(error: &E, context: &ErrorContext) {
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

//! The per-request options of a render: what the framework layer knows and
//! the error value does not.

/// Per-request context of a render: what the framework layer knows and the
/// error value does not.
///
/// ```
/// use api_error::RenderOptions;
///
/// let options = RenderOptions::new().request_id("req_xxxxx").debug(true);
/// assert_eq!(options.request_id, Some("req_xxxxx"));
/// assert!(options.debug);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions<'a> {
    /// The request id: written as `request_id` in the body of 5xx responses.
    pub request_id: Option<&'a str>,
    /// Whether the `debug` block is written (`debug` members, the real
    /// message of a masked 5xx, the source chain). Only a server in test mode
    /// turns this on.
    pub debug: bool,
    /// The public message in place of the error's own: its translation in
    /// the request's locale. Every place the format shows the message shows
    /// this; logs and `Display` keep the error's own.
    pub message: Option<&'a str>,
}

impl<'a> RenderOptions<'a> {
    /// No request id, no debug block.
    #[must_use]
    pub const fn new() -> Self {
        RenderOptions {
            request_id: None,
            debug: false,
            message: None,
        }
    }

    /// Sets the request id.
    #[must_use]
    pub const fn request_id(mut self, request_id: &'a str) -> Self {
        self.request_id = Some(request_id);
        self
    }

    /// Shows `message` as the public message: a translation.
    #[must_use]
    pub const fn message(mut self, message: &'a str) -> Self {
        self.message = Some(message);
        self
    }

    /// Turns the debug block on or off.
    #[must_use]
    pub const fn debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }
}

use crate::names;
use crate::{reason_phrase, Layout};

/// What a body says beyond the members its value adds.
#[derive(Clone, Copy, Debug)]
pub struct Head<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The machine-readable code.
    pub code: &'a str,
    /// The `field` member, when there is one.
    pub field: Option<&'a str>,
    /// The `doc_url` (the problem format's `type`).
    pub doc_url: Option<&'a str>,
    /// Whether debug rendering is on for this body.
    pub debug: bool,
    /// Whether the value has `debug` members.
    pub has_debug_members: bool,
    /// Whether the public message replaces the error's own text.
    pub masked: bool,
    /// Whether the error has a source.
    pub has_source: bool,
}

impl Head<'_> {
    /// Whether the body carries the debug block: debug rendering is on and
    /// the block would hold something.
    #[must_use]
    pub fn shows_debug(&self) -> bool {
        self.debug && (self.has_debug_members || self.masked || self.has_source)
    }
}

/// Where a body goes, member by member. [`walk`] decides which members are
/// written and in which order; a sink decides how.
pub trait Sink {
    /// What stops a sink.
    type Error;

    /// The body's opening brace (and, for the envelope, `{"error":{`). A
    /// sink that opens its object itself (a serde map) does nothing here.
    fn open(&mut self, layout: Layout) -> Result<(), Self::Error> {
        let _ = layout;
        Ok(())
    }

    /// A member with a string value.
    fn text(&mut self, name: &'static str, value: &str) -> Result<(), Self::Error>;

    /// The problem format's `status`.
    fn status(&mut self, name: &'static str, status: u16) -> Result<(), Self::Error>;

    /// The public message, under `name`.
    fn message(&mut self, name: &'static str) -> Result<(), Self::Error>;

    /// The value's own members: extras in declaration order, then its field
    /// errors as a list named `errors`, as many as the list's bound keeps.
    fn members(&mut self, errors: &'static str) -> Result<(), Self::Error>;

    /// Where the count of field errors left out of the list goes, under
    /// `name`: written when [`members`](Self::members) listed fewer than
    /// the value has.
    fn errors_omitted(&mut self, name: &'static str) -> Result<(), Self::Error>;

    /// Where `request_id` goes, under `name`: a 5xx body's member, written
    /// when the request has an id.
    fn request_id(&mut self, name: &'static str) -> Result<(), Self::Error>;

    /// The debug block, under `name`: what [`walk_debug`] walks.
    fn debug(&mut self, name: &'static str, head: &Head<'_>) -> Result<(), Self::Error>;

    /// The body's closing brace (two for the envelope); nothing for a sink
    /// whose object closes itself.
    fn close(&mut self, layout: Layout) -> Result<(), Self::Error> {
        let _ = layout;
        Ok(())
    }
}

/// Drives `sink` through the body of `head` in `layout`: the one place that
/// knows the members each format writes, their order, and when each is left
/// out.
///
/// # Errors
///
/// The sink's own error, which stops the walk.
// Inlined into each sink: the byte writer's member writes then inline into
// one function, which the walk's calls through the sink otherwise cost.
#[inline(always)]
pub fn walk<S: Sink + ?Sized>(
    layout: Layout,
    head: &Head<'_>,
    sink: &mut S,
) -> Result<(), S::Error> {
    sink.open(layout)?;
    match layout {
        Layout::Envelope => {
            sink.text(names::CODE, head.code)?;
            sink.message(names::MESSAGE)?;
        }
        Layout::Flat => {
            sink.text(names::ERROR, reason_phrase(head.status))?;
            sink.message(names::MESSAGE)?;
        }
        Layout::Problem => {
            sink.text(names::TYPE, head.doc_url.unwrap_or("about:blank"))?;
            sink.text(names::TITLE, reason_phrase(head.status))?;
            sink.status(names::STATUS, head.status)?;
            sink.message(names::DETAIL)?;
            sink.text(names::CODE, head.code)?;
        }
    }
    if let Some(field) = head.field {
        sink.text(names::FIELD, field)?;
    }
    sink.members(names::ERRORS)?;
    sink.errors_omitted(names::ERRORS_OMITTED)?;
    if layout != Layout::Problem {
        if let Some(doc_url) = head.doc_url {
            sink.text(names::DOC_URL, doc_url)?;
        }
    }
    if head.status >= 500 {
        sink.request_id(names::REQUEST_ID)?;
    }
    if head.shows_debug() {
        sink.debug(names::DEBUG, head)?;
    }
    sink.close(layout)
}

/// Where the debug block goes, member by member.
pub trait DebugSink {
    /// What stops a sink.
    type Error;

    /// The value's `debug` members.
    fn debug_members(&mut self) -> Result<(), Self::Error>;

    /// The error's own text, under `name`, when the message masks it.
    fn display(&mut self, name: &'static str) -> Result<(), Self::Error>;

    /// The error's sources, under `name`: at most
    /// [`MAX_SOURCE_CHAIN`](crate::MAX_SOURCE_CHAIN).
    fn source_chain(&mut self, name: &'static str) -> Result<(), Self::Error>;
}

/// Drives `sink` through the debug block of `head`: its `debug` members, the
/// masked message's real text, the source chain.
///
/// # Errors
///
/// The sink's own error, which stops the walk.
pub fn walk_debug<S: DebugSink + ?Sized>(head: &Head<'_>, sink: &mut S) -> Result<(), S::Error> {
    sink.debug_members()?;
    if head.masked {
        sink.display(names::DISPLAY)?;
    }
    if head.has_source {
        sink.source_chain(names::SOURCE_CHAIN)?;
    }
    Ok(())
}

/// One item of the `errors` list: a field error.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// The field, in the runtime's field path notation.
    pub field: &'a str,
    /// What is wrong with it.
    pub message: &'a str,
    /// Its machine-readable code, when it has one.
    pub code: Option<&'a str>,
}

/// Where one item of the `errors` list goes, member by member.
pub trait ItemSink {
    /// What stops a sink.
    type Error;

    /// A member with a string value.
    fn text(&mut self, name: &'static str, value: &str) -> Result<(), Self::Error>;

    /// The field as a JSON Pointer in a URI fragment (RFC 9457's
    /// `pointer`), under `name`.
    fn pointer(&mut self, name: &'static str, field: &str) -> Result<(), Self::Error>;
}

/// Drives `sink` through one item of the `errors` list in `layout`:
/// `field` and `message` (RFC 9457's own `detail` and `pointer` in the
/// problem format), then `code` when the item has one.
///
/// # Errors
///
/// The sink's own error, which stops the walk.
pub fn walk_item<S: ItemSink + ?Sized>(
    layout: Layout,
    item: &Item<'_>,
    sink: &mut S,
) -> Result<(), S::Error> {
    match layout {
        Layout::Problem => {
            sink.text(names::DETAIL, item.message)?;
            sink.pointer(names::POINTER, item.field)?;
        }
        Layout::Envelope | Layout::Flat => {
            sink.text(names::FIELD, item.field)?;
            sink.text(names::MESSAGE, item.message)?;
        }
    }
    if let Some(code) = item.code {
        sink.text(names::CODE, code)?;
    }
    Ok(())
}

/// What a value of an item of `errors` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemValue {
    /// The field, as a JSON string.
    Field,
    /// The message, as a JSON string.
    Message,
    /// The field as a JSON Pointer in a URI fragment: percent-encoded, so
    /// written without JSON escaping.
    Pointer,
}

/// The members of one item of `errors` in `layout` as JSON text around the
/// values, for a writer that copies them: what [`walk_item`] walks, spelled
/// out (a test checks the two agree).
#[derive(Clone, Copy, Debug)]
pub struct ItemText {
    /// From the item's `{` to its first value's opening quote: `{"field":"`.
    pub open: &'static str,
    /// The same after the item before it: `,{"field":"`.
    pub next: &'static str,
    /// The first value.
    pub first: ItemValue,
    /// Between the first value and the second: `","message":"`.
    pub between: &'static str,
    /// The second value.
    pub second: ItemValue,
    /// After the second value, when the item has no code: `"}`.
    pub close: &'static str,
    /// After the second value, before the code's JSON string and the
    /// item's `}`: `","code":`.
    pub code: &'static str,
}

impl ItemText {
    /// The text of an item in `layout`.
    #[must_use]
    pub const fn of(layout: Layout) -> ItemText {
        match layout {
            Layout::Problem => ItemText {
                open: "{\"detail\":\"",
                next: ",{\"detail\":\"",
                first: ItemValue::Message,
                between: "\",\"pointer\":\"",
                second: ItemValue::Pointer,
                close: "\"}",
                code: "\",\"code\":",
            },
            Layout::Envelope | Layout::Flat => ItemText {
                open: "{\"field\":\"",
                next: ",{\"field\":\"",
                first: ItemValue::Field,
                between: "\",\"message\":\"",
                second: ItemValue::Message,
                close: "\"}",
                code: "\",\"code\":",
            },
        }
    }
}

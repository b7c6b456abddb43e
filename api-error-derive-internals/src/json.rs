//! Bodies computed at compile time, for variants whose body does not depend
//! on the value: laid out by the same walk the runtime's writers follow
//! ([`api_error_wire::walk`]), so the bytes are the ones it writes.

use api_error_wire::{escape, walk, Head, Layout, Sink};

/// What a constant body holds.
pub struct ConstBody<'a> {
    pub status: u16,
    pub code: &'a str,
    pub message: &'a str,
    pub field: Option<&'a str>,
    pub doc_url: Option<&'a str>,
}

/// A constant body: its text, and where a 5xx body's `request_id` goes.
pub struct Written {
    pub body: String,
    pub request_id_at: usize,
}

impl ConstBody<'_> {
    /// The body in `layout`.
    pub fn write(&self, layout: Layout) -> Written {
        let head = Head {
            status: self.status,
            code: self.code,
            field: self.field,
            doc_url: self.doc_url,
            debug: false,
            has_debug_members: false,
            masked: false,
            has_source: false,
        };
        let mut sink = ConstSink {
            out: String::new(),
            message: self.message,
            first: true,
            request_id_at: None,
        };
        let Ok(()) = walk(layout, &head, &mut sink);
        let request_id_at = sink.request_id_at.unwrap_or(sink.out.len());
        Written {
            body: sink.out,
            request_id_at,
        }
    }
}

/// Writes the members a constant body has: all known at compile time.
struct ConstSink<'a> {
    out: String,
    message: &'a str,
    first: bool,
    request_id_at: Option<usize>,
}

impl ConstSink<'_> {
    fn string(&mut self, value: &str) {
        self.out.push('"');
        escape(value, &mut |bytes| {
            // Escaping keeps UTF-8 whole: it only replaces ASCII bytes.
            self.out
                .push_str(std::str::from_utf8(bytes).unwrap_or_default());
        });
        self.out.push('"');
    }

    fn name(&mut self, name: &str) {
        if !std::mem::take(&mut self.first) {
            self.out.push(',');
        }
        self.string(name);
        self.out.push(':');
    }
}

impl Sink for ConstSink<'_> {
    type Error = std::convert::Infallible;

    fn open(&mut self, layout: Layout) -> Result<(), Self::Error> {
        self.out.push_str(if layout.is_nested() {
            "{\"error\":{"
        } else {
            "{"
        });
        Ok(())
    }

    fn text(&mut self, name: &'static str, value: &str) -> Result<(), Self::Error> {
        self.name(name);
        self.string(value);
        Ok(())
    }

    fn status(&mut self, name: &'static str, status: u16) -> Result<(), Self::Error> {
        self.name(name);
        self.out.push_str(&status.to_string());
        Ok(())
    }

    fn message(&mut self, name: &'static str) -> Result<(), Self::Error> {
        let message = self.message;
        self.text(name, message)
    }

    // A constant body has no members and no debug block.
    fn members(&mut self, _errors: &'static str) -> Result<(), Self::Error> {
        Ok(())
    }

    fn errors_omitted(&mut self, _name: &'static str) -> Result<(), Self::Error> {
        Ok(())
    }

    fn request_id(&mut self, _name: &'static str) -> Result<(), Self::Error> {
        self.request_id_at = Some(self.out.len());
        Ok(())
    }

    fn debug(&mut self, _name: &'static str, _head: &Head<'_>) -> Result<(), Self::Error> {
        Ok(())
    }

    fn close(&mut self, layout: Layout) -> Result<(), Self::Error> {
        self.out
            .push_str(if layout.is_nested() { "}}" } else { "}" });
        Ok(())
    }
}

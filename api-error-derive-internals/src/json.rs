//! Bodies computed at compile time, for variants whose body does not depend
//! on the value: laid out by the same walk the runtime's writers follow
//! ([`api_error_wire::walk`]), so the bytes are the ones it writes.

use api_error_wire::skeleton::{self, Hole};
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
        let mut sink = ConstSink::new(Some(self.message), Places::default());
        let Ok(()) = walk(layout, &head, &mut sink);
        let request_id_at = sink.request_id_at.unwrap_or(sink.out.len());
        Written {
            body: sink.out,
            request_id_at,
        }
    }
}

/// What the derive knows of the body of a variant with values: all but the
/// message (when it has placeholders), the field (when a member gives it),
/// the value's members, and what the request and the render options add.
pub struct Skeleton<'a> {
    pub status: u16,
    pub code: &'a str,
    /// The message, when it does not depend on the value.
    pub message: Option<&'a str>,
    /// The field, when it is fixed.
    pub field: Option<&'a str>,
    pub doc_url: Option<&'a str>,
    /// Whether a member gives the field.
    pub member_field: bool,
    /// Whether the variant has extras or an `errors` list.
    pub members: bool,
    /// Whether it has an `errors` list.
    pub errors: bool,
}

/// A skeleton in one layout: its text, and its holes, encoded.
pub struct Laid {
    pub text: String,
    pub holes: Vec<u32>,
}

impl Skeleton<'_> {
    /// The body in `layout`: its literal text, and the places in it the
    /// runtime writes, encoded as [`api_error_wire::skeleton`] reads them.
    pub fn write(&self, layout: Layout) -> Laid {
        // Every member the walk may write is asked for: whether each is
        // there is the runtime's to say.
        let head = Head {
            status: self.status,
            code: self.code,
            // The walk asks for a member's field at its place.
            field: self.field.or(self.member_field.then_some("")),
            doc_url: self.doc_url,
            debug: true,
            has_debug_members: true,
            masked: false,
            has_source: false,
        };
        let places = Places {
            any: true,
            member_field: self.member_field,
            members: self.members,
            errors: self.errors,
        };
        let mut sink = ConstSink::new(self.message, places);
        let Ok(()) = walk(layout, &head, &mut sink);
        Laid {
            text: sink.out,
            holes: sink.holes_at,
        }
    }
}

/// The places a skeleton leaves for the runtime; a constant body leaves
/// none (`Places::default()`): it has no members and no debug block.
#[derive(Clone, Copy, Default)]
struct Places {
    /// Whether any place is left.
    any: bool,
    /// Whether a member gives the field.
    member_field: bool,
    /// Whether the value has members, and an `errors` list: a place is left
    /// for them only then.
    members: bool,
    errors: bool,
}

/// Writes the members known at compile time, and leaves the `places` for
/// the others.
struct ConstSink<'a> {
    out: String,
    message: Option<&'a str>,
    places: Places,
    first: bool,
    request_id_at: Option<usize>,
    /// The places left for the runtime, encoded.
    holes_at: Vec<u32>,
}

impl<'a> ConstSink<'a> {
    fn new(message: Option<&'a str>, places: Places) -> Self {
        ConstSink {
            out: String::new(),
            message,
            places,
            first: true,
            request_id_at: None,
            holes_at: Vec::new(),
        }
    }

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

    /// A place the runtime writes, where the walk names `name`.
    fn hole(&mut self, hole: Hole, name: &str) {
        debug_assert!(hole == Hole::Message || name == hole.name(), "{name}");
        if self.places.any {
            self.holes_at.push(skeleton::encode(self.out.len(), hole));
        }
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
        if name == api_error_wire::names::FIELD && self.places.member_field {
            self.hole(Hole::Field, name);
            return Ok(());
        }
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
        match self.message {
            Some(message) => self.text(name, message),
            None => {
                self.name(name);
                self.out.push('"');
                self.hole(Hole::Message, name);
                self.out.push('"');
                Ok(())
            }
        }
    }

    fn members(&mut self, errors: &'static str) -> Result<(), Self::Error> {
        if self.places.members {
            self.hole(Hole::Members, errors);
        }
        Ok(())
    }

    fn errors_omitted(&mut self, name: &'static str) -> Result<(), Self::Error> {
        if self.places.errors {
            self.hole(Hole::ErrorsOmitted, name);
        }
        Ok(())
    }

    fn request_id(&mut self, name: &'static str) -> Result<(), Self::Error> {
        self.request_id_at = Some(self.out.len());
        self.hole(Hole::RequestId, name);
        Ok(())
    }

    fn debug(&mut self, name: &'static str, _head: &Head<'_>) -> Result<(), Self::Error> {
        self.hole(Hole::Debug, name);
        Ok(())
    }

    fn close(&mut self, layout: Layout) -> Result<(), Self::Error> {
        self.out
            .push_str(if layout.is_nested() { "}}" } else { "}" });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Skeleton;
    use api_error_wire::skeleton::{for_each_piece, Hole};
    use api_error_wire::Layout;

    /// The skeleton's text with each hole written where it is, as `<Hole>`.
    fn shown(skeleton: &Skeleton<'_>, layout: Layout) -> String {
        let super::Laid { text, holes } = skeleton.write(layout);
        let mut shown = String::new();
        let Ok(()) = for_each_piece::<std::convert::Infallible>(&text, &holes, |run, hole| {
            shown.push_str(std::str::from_utf8(run).unwrap());
            if let Some(hole) = hole {
                shown.push_str(&format!("<{hole:?}>"));
            }
            Ok(())
        });
        shown
    }

    #[test]
    fn a_skeleton_is_the_walk_with_places_left_for_the_runtime() {
        let skeleton = Skeleton {
            status: 404,
            code: "not_found",
            message: None,
            field: None,
            doc_url: Some("https://docs.example.com/errors#not_found"),
            member_field: true,
            members: true,
            errors: true,
        };
        assert_eq!(
            shown(&skeleton, Layout::Envelope),
            r#"{"error":{"code":"not_found","message":"<Message>"<Field><Members><ErrorsOmitted>,"doc_url":"https://docs.example.com/errors#not_found"<Debug>}}"#
        );
        assert_eq!(
            shown(&skeleton, Layout::Problem),
            r#"{"type":"https://docs.example.com/errors#not_found","title":"Not Found","status":404,"detail":"<Message>","code":"not_found"<Field><Members><ErrorsOmitted><Debug>}"#
        );
        let _ = Hole::ALL;
    }

    #[test]
    fn what_is_fixed_is_text_and_a_5xx_leaves_room_for_the_request_id() {
        let skeleton = Skeleton {
            status: 503,
            code: "busy",
            message: Some("Try \"later\""),
            field: Some("region"),
            doc_url: None,
            member_field: false,
            members: true,
            errors: false,
        };
        assert_eq!(
            shown(&skeleton, Layout::Flat),
            r#"{"error":"Service Unavailable","message":"Try \"later\"","field":"region"<Members><RequestId><Debug>}"#
        );
    }
}

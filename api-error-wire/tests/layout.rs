//! The walk writes what the documented layout says (the crate docs, copied
//! from the design's "wire formats" section): every format's members in the
//! documented order, each present exactly when its rule says.

use api_error_wire::{walk, walk_debug, DebugSink, Head, Layout, Sink};
use proptest::prelude::*;

/// The crate docs, where the layout is written in words.
const DOCS: &str = include_str!("../src/lib.rs");

/// The backquoted names of the doc text that follows `lead`, up to the end
/// of its sentence or clause.
fn documented(lead: &str) -> Vec<String> {
    let text: String = DOCS
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let start = text
        .find(lead)
        .unwrap_or_else(|| panic!("no {lead:?} in the docs"));
    let rest = &text[start + lead.len()..];
    let end = [". ", "; "]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    rest[..end]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The documented order of every member a format may write.
fn order(format: Layout) -> Vec<String> {
    let common = documented("Member order is fixed:");
    let mut names = match format {
        Layout::Envelope => common,
        Layout::Flat => {
            let flat = documented("- Flat (`application/json`):");
            flat.into_iter()
                .filter(|n| n != "application/json" && n != "code")
                .collect()
        }
        Layout::Problem => documented("- Problem (`application/problem+json`, RFC 9457):")
            .into_iter()
            .filter(|n| !n.contains('/') && n != "about:blank" && n != "doc_url")
            .collect(),
    };
    // The debug block's own members follow `debug`.
    names.extend(
        documented("The `debug` block holds the")
            .into_iter()
            .skip(1)
            .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
    );
    names.dedup();
    names
}

/// Records the names the walk asks for.
struct Recorder {
    names: Vec<String>,
    /// Whether the value has an `errors` list, and items past its bound.
    errors: bool,
    omitted: bool,
    request_id: bool,
}

impl Sink for Recorder {
    type Error = ();

    fn text(&mut self, name: &'static str, _value: &str) -> Result<(), ()> {
        self.names.push(name.to_owned());
        Ok(())
    }

    fn status(&mut self, name: &'static str, _status: u16) -> Result<(), ()> {
        self.names.push(name.to_owned());
        Ok(())
    }

    fn message(&mut self, name: &'static str) -> Result<(), ()> {
        self.names.push(name.to_owned());
        Ok(())
    }

    fn members(&mut self, errors: &'static str) -> Result<(), ()> {
        if self.errors {
            self.names.push(errors.to_owned());
        }
        Ok(())
    }

    fn errors_omitted(&mut self, name: &'static str) -> Result<(), ()> {
        if self.omitted {
            self.names.push(name.to_owned());
        }
        Ok(())
    }

    fn request_id(&mut self, name: &'static str) -> Result<(), ()> {
        if self.request_id {
            self.names.push(name.to_owned());
        }
        Ok(())
    }

    fn debug(&mut self, name: &'static str, head: &Head<'_>) -> Result<(), ()> {
        self.names.push(name.to_owned());
        walk_debug(head, self)
    }
}

impl DebugSink for Recorder {
    type Error = ();

    fn debug_members(&mut self) -> Result<(), ()> {
        Ok(())
    }

    fn display(&mut self, name: &'static str) -> Result<(), ()> {
        self.names.push(name.to_owned());
        Ok(())
    }

    fn source_chain(&mut self, name: &'static str) -> Result<(), ()> {
        self.names.push(name.to_owned());
        Ok(())
    }
}

#[test]
fn the_documented_orders() {
    assert_eq!(
        order(Layout::Envelope),
        [
            "code",
            "message",
            "field",
            "errors",
            "errors_omitted",
            "doc_url",
            "request_id",
            "debug",
            "display",
            "source_chain"
        ]
    );
    assert_eq!(
        order(Layout::Flat),
        [
            "error",
            "message",
            "field",
            "errors",
            "errors_omitted",
            "doc_url",
            "request_id",
            "debug",
            "display",
            "source_chain"
        ]
    );
    assert_eq!(
        order(Layout::Problem),
        [
            "type",
            "title",
            "status",
            "detail",
            "code",
            "field",
            "errors",
            "errors_omitted",
            "request_id",
            "debug",
            "display",
            "source_chain"
        ]
    );
}

fn format() -> impl Strategy<Value = Layout> {
    prop::sample::select(Layout::ALL.to_vec())
}

proptest! {
    #[test]
    fn every_member_in_order_and_present_exactly_when_it_should_be(
        format in format(),
        status in 400u16..600,
        field in any::<bool>(),
        doc_url in any::<bool>(),
        errors in any::<bool>(),
        omitted in any::<bool>(),
        request_id in any::<bool>(),
        debug in any::<bool>(),
        has_debug_members in any::<bool>(),
        masked in any::<bool>(),
        has_source in any::<bool>(),
    ) {
        let head = Head {
            status,
            code: "some_code",
            field: field.then_some("email"),
            doc_url: doc_url.then_some("https://docs.example.com/errors#some_code"),
            debug,
            has_debug_members,
            masked,
            has_source,
        };
        let mut recorder = Recorder {
            names: Vec::new(),
            errors,
            omitted: errors && omitted,
            request_id,
        };
        walk(format, &head, &mut recorder).unwrap();
        let written = recorder.names;

        // In the documented order, each once.
        let order = order(format);
        let positions: Vec<usize> = written
            .iter()
            .map(|name| order.iter().position(|n| n == name).unwrap_or_else(|| panic!("{name} is not documented for {format:?}")))
            .collect();
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "{:?} for {:?}", written, format);

        // Present exactly when its rule says.
        let has = |name: &str| written.iter().any(|n| n == name);
        prop_assert_eq!(has("field"), field);
        prop_assert_eq!(has("errors"), errors);
        prop_assert_eq!(has("errors_omitted"), errors && omitted);
        prop_assert_eq!(has("doc_url"), doc_url && format != Layout::Problem);
        prop_assert_eq!(has("request_id"), request_id && status >= 500);
        let shows = debug && (has_debug_members || masked || has_source);
        prop_assert_eq!(has("debug"), shows);
        prop_assert_eq!(has("display"), shows && masked);
        prop_assert_eq!(has("source_chain"), shows && has_source);
        prop_assert_eq!(has("code"), format != Layout::Flat);
        prop_assert_eq!(has("error"), format == Layout::Flat);
        for always in match format {
            Layout::Envelope => &["code", "message"][..],
            Layout::Flat => &["error", "message"][..],
            Layout::Problem => &["type", "title", "status", "detail", "code"][..],
        } {
            prop_assert!(has(always), "{} missing for {:?}", always, format);
        }
    }
}

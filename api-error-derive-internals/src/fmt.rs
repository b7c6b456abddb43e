//! Message templates: `"{resource} not found"`, `"Retry after {0} seconds."`.

use crate::ast::Field;
use syn::LitStr;

/// A parsed `message` template.
pub struct Template {
    /// The literal, for spans.
    pub lit: LitStr,
    pub kind: TemplateKind,
}

pub enum TemplateKind {
    /// No placeholder: the message with `{{`/`}}` unescaped.
    Static(String),
    /// The format string rewritten so every argument is a named binding
    /// `__self_N`, the fields it reads, and its pieces in order.
    Dynamic {
        format: String,
        args: Vec<Arg>,
        pieces: Vec<Piece>,
        /// Whether every placeholder prints its field plainly, with no
        /// format spec.
        plain: bool,
    },
}

/// A piece of a template: literal text (unescaped), or the field a
/// placeholder prints.
#[derive(Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Field(usize),
}

/// A field a template reads, and the formatting trait it needs.
#[derive(Clone, PartialEq, Eq)]
pub struct Arg {
    pub index: usize,
    pub trait_name: &'static str,
}

/// Parses `lit` against the variant's fields. Every problem is described in
/// one message, pointing at the literal.
pub fn parse(lit: &LitStr, fields: &[Field]) -> Result<Template, String> {
    let text = lit.value();
    let mut chars = text.chars().peekable();
    let mut unescaped = String::new();
    let mut format = String::new();
    let mut args: Vec<Arg> = Vec::new();
    let mut next_positional = 0;
    let mut pieces: Vec<Piece> = Vec::new();
    let mut plain = true;
    let mut text = String::new();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                unescaped.push('{');
                text.push('{');
                format.push_str("{{");
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                unescaped.push('}');
                text.push('}');
                format.push_str("}}");
            }
            '}' => {
                return Err("unmatched `}` in message: write `}}` for a literal brace".to_owned());
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => inner.push(c),
                        None => {
                            return Err(
                                "unclosed `{` in message: close the placeholder, or write `{{` for a literal brace"
                                    .to_owned(),
                            )
                        }
                    }
                }
                let (name, spec) = match inner.split_once(':') {
                    Some((name, spec)) => (name.trim(), Some(spec)),
                    None => (inner.trim(), None),
                };
                let index = if name.is_empty() {
                    let index = next_positional;
                    next_positional += 1;
                    resolve_positional(index, fields, "{}")?
                } else {
                    resolve(name, fields)?
                };
                let trait_name = spec.map_or("Display", trait_of_spec);
                plain &= spec.is_none();
                push_arg(&mut args, index, trait_name);
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Field(index));
                format.push_str(&format!("{{__self_{index}"));
                if let Some(spec) = spec {
                    format.push(':');
                    format.push_str(&rewrite_spec(spec, fields, &mut args)?);
                }
                format.push('}');
            }
            c => {
                unescaped.push(c);
                text.push(c);
                format.push(c);
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    let kind = if args.is_empty() {
        TemplateKind::Static(unescaped)
    } else {
        TemplateKind::Dynamic {
            format,
            args,
            pieces,
            plain,
        }
    };
    Ok(Template {
        lit: syn::LitStr::new(&lit.value(), lit.span()),
        kind,
    })
}

fn push_arg(args: &mut Vec<Arg>, index: usize, trait_name: &'static str) {
    let arg = Arg { index, trait_name };
    if !args.contains(&arg) {
        args.push(arg);
    }
}

fn resolve(name: &str, fields: &[Field]) -> Result<usize, String> {
    if name.chars().all(|c| c.is_ascii_digit()) {
        let index: usize = name
            .parse()
            .map_err(|_| format!("placeholder `{{{name}}}` is not a field index"))?;
        return resolve_positional(index, fields, &format!("{{{name}}}"));
    }
    let bare = name.strip_prefix("r#").unwrap_or(name);
    if let Some(field) = fields.iter().find(|f| f.name().as_deref() == Some(bare)) {
        return Ok(field.index);
    }
    let names: Vec<String> = fields.iter().filter_map(Field::name).collect();
    if names.is_empty() {
        if fields.is_empty() {
            return Err(format!(
                "message placeholder `{{{name}}}` names no field: this variant has no fields"
            ));
        }
        return Err(format!(
            "message placeholder `{{{name}}}` names no field: the fields of a tuple variant are read by position, like `{{0}}`"
        ));
    }
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = crate::suggest::suggest(bare, &candidates)
        .map(|s| format!("; did you mean `{{{s}}}`?"))
        .unwrap_or_default();
    Err(format!(
        "message placeholder `{{{name}}}` names no field of this variant (fields: {}){hint}",
        candidates
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

fn resolve_positional(index: usize, fields: &[Field], written: &str) -> Result<usize, String> {
    if fields.iter().any(|f| f.name().is_some()) {
        return Err(format!(
            "message placeholder `{written}` is positional, but this variant's fields are named: write the field name, like `{{{}}}`",
            fields[0].name().unwrap_or_default()
        ));
    }
    if index < fields.len() {
        return Ok(index);
    }
    Err(match fields.len() {
        0 => format!("message placeholder `{written}` reads field {index}, but this variant has no fields"),
        1 => format!("message placeholder `{written}` reads field {index}, but this variant has one field: use `{{0}}`"),
        n => format!(
            "message placeholder `{written}` reads field {index}, but this variant has {n} fields: use `{{0}}` to `{{{}}}`",
            n - 1
        ),
    })
}

/// Which formatting trait a spec asks for: `?` Debug, `x` LowerHex, ...
fn trait_of_spec(spec: &str) -> &'static str {
    let spec = spec.trim_end();
    if spec.ends_with('?') {
        return "Debug";
    }
    match spec.chars().last() {
        Some('x') => "LowerHex",
        Some('X') => "UpperHex",
        Some('o') => "Octal",
        Some('b') => "Binary",
        Some('e') => "LowerExp",
        Some('E') => "UpperExp",
        _ => "Display",
    }
}

/// Rewrites `name$` width and precision arguments to field bindings.
fn rewrite_spec(spec: &str, fields: &[Field], args: &mut Vec<Arg>) -> Result<String, String> {
    if spec.contains(".*") {
        return Err(
            "`.*` precision is not supported in messages: name the field, like `{value:.prec$}`"
                .to_owned(),
        );
    }
    let mut out = String::new();
    let mut word = String::new();
    for c in spec.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if c == '$' && !word.is_empty() {
            let index = resolve(&word, fields)?;
            push_arg(args, index, "usize");
            out.push_str(&format!("__self_{index}$"));
        } else {
            out.push_str(&word);
            out.push(c);
        }
        word.clear();
    }
    out.push_str(&word);
    Ok(out)
}

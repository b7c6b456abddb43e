//! Random but well-formed types, built from the grammar of the attributes,
//! so that combinations of valid keys are reached too.

use crate::harness::Rng;

pub fn gen_status(rng: &mut Rng) -> String {
    (*rng.pick(&[
        "400", "401", "404", "409", "410", "418", "422", "429", "451", "499", "500", "502", "503",
        "504", "599",
    ]))
    .to_owned()
}

pub fn gen_message(rng: &mut Rng, names: &[String], tuple: bool) -> String {
    let mut message = String::from("Failed");
    for _ in 0..rng.below(3) {
        let spec = *rng.pick(&["", ":?", ":>8", ":.2", ":#x", ":e", ":>w$"]);
        let target = if names.is_empty() {
            String::new()
        } else if tuple {
            rng.below(names.len() + 1).to_string()
        } else if rng.chance(90) {
            rng.pick(names).clone()
        } else {
            "missing".to_owned()
        };
        message.push_str(&format!(" {{{target}{spec}}}"));
    }
    if rng.chance(10) {
        message.push_str(" {{braces}}");
    }
    format!("{message:?}")
}

pub fn gen_type(rng: &mut Rng, depth: usize) -> String {
    let leaf = *rng.pick(&[
        "u8",
        "u64",
        "i64",
        "f64",
        "usize",
        "String",
        "&'static str",
        "std::time::Duration",
        "api_error::FieldErrors",
        "Vec<api_error::FieldError>",
        "std::io::Error",
        "Box<dyn std::error::Error + Send + Sync>",
        "T",
        "()",
        "[u8; 4]",
    ]);
    if depth == 0 || rng.chance(60) {
        return leaf.to_owned();
    }
    let inner = gen_type(rng, depth - 1);
    match rng.below(5) {
        0 => format!("Option<{inner}>"),
        1 => format!("Vec<{inner}>"),
        2 => format!("Box<{inner}>"),
        3 => format!("std::collections::BTreeMap<String, {inner}>"),
        _ => format!("({inner}, {leaf})"),
    }
}

pub fn gen_field_attr(rng: &mut Rng) -> String {
    let attr = *rng.pick(&[
        "",
        "",
        "#[api(extra)]",
        "#[api(extra = \"renamed\")]",
        "#[api(field)]",
        "#[api(retry_after)]",
        "#[api(errors)]",
        "#[api(debug)]",
        "#[api(debug = \"dbg\")]",
        "#[api(source)]",
        "#[source]",
        "#[from]",
        "#[api(extra, debug)]",
        "#[doc = \"A field.\"]",
        "#[cfg(any())]",
    ]);
    attr.to_owned()
}

pub fn gen_input(rng: &mut Rng) -> String {
    let generic = rng.chance(25);
    let thiserror = rng.chance(15);
    let mut out = String::new();
    if thiserror {
        out.push_str("#[derive(Debug, thiserror::Error, ApiError)]\n");
    }
    let mut keys = Vec::new();
    if rng.chance(40) {
        keys.push(format!(
            "format = {:?}",
            rng.pick(&["envelope", "flat", "problem"])
        ));
    }
    if rng.chance(30) {
        keys.push("doc_base = \"https://docs.example.com/errors\"".to_owned());
    }
    if rng.chance(30) {
        keys.push(format!("status = {}", gen_status(rng)));
    }
    if rng.chance(5) {
        keys.push("crate = \"::api_error\"".to_owned());
    }
    if rng.chance(15) {
        keys.push("decode".to_owned());
    }
    let is_struct = rng.chance(15);
    let variants = if is_struct {
        1
    } else if rng.chance(3) {
        200 + rng.below(300)
    } else {
        rng.below(9)
    };
    let mut bodies = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    for v in 0..variants {
        let mut vkeys = Vec::new();
        let fields = rng.below(5);
        let tuple = rng.chance(40);
        let names: Vec<String> = (0..fields)
            .map(|i| {
                if tuple {
                    i.to_string()
                } else {
                    (*rng.pick(&[
                        "id", "secs", "value", "resource", "w", "r#match", "ñ", "name", "cause",
                    ]))
                    .to_owned()
                        + &i.to_string()
                }
            })
            .collect();
        let bare: Vec<String> = names
            .iter()
            .map(|n| n.strip_prefix("r#").unwrap_or(n).to_owned())
            .collect();
        if rng.chance(85) {
            vkeys.push(format!("status = {}", gen_status(rng)));
        }
        if rng.chance(60) {
            let code = if !codes.is_empty() && rng.chance(5) {
                rng.pick(&codes).clone()
            } else {
                format!("code_{v}")
            };
            codes.push(code.clone());
            vkeys.push(format!("code = {code:?}"));
        }
        if rng.chance(85) {
            vkeys.push(format!("message = {}", gen_message(rng, &bare, tuple)));
        }
        if rng.chance(10) {
            vkeys.push("field = \"f\"".to_owned());
        }
        if rng.chance(8) {
            vkeys.push("doc_url = \"https://docs.example.com/x\"".to_owned());
        }
        if rng.chance(5) {
            vkeys.push("share_code".to_owned());
        }
        if rng.chance(5) {
            vkeys = vec!["transparent".to_owned()];
        }
        let field_list = (0..fields)
            .map(|i| {
                let ty = if generic && rng.chance(40) {
                    "T".to_owned()
                } else {
                    gen_type(rng, 4)
                };
                let attr = gen_field_attr(rng);
                if tuple {
                    format!("{attr} {ty}")
                } else {
                    format!("{attr} {}: {ty}", names[i])
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let shape = match (fields, tuple) {
            (0, _) => String::new(),
            (_, true) => format!("({field_list})"),
            (_, false) => format!("{{ {field_list} }}"),
        };
        let mut attrs = String::new();
        if thiserror && rng.chance(80) {
            attrs.push_str("#[error(\"e\")]\n");
        }
        if rng.chance(5) {
            attrs.push_str("#[deprecated]\n");
        }
        if rng.chance(5) {
            attrs.push_str("#[cfg(test)]\n");
        }
        if rng.chance(5) {
            attrs.push_str("/// Doc.\n");
        }
        if is_struct {
            keys.extend(vkeys);
            bodies.push(shape);
        } else {
            if !vkeys.is_empty() {
                attrs.push_str(&format!("#[api({})]\n", vkeys.join(", ")));
            }
            let name = match rng.below(20) {
                0 => format!("r#V{v}"),
                1 => format!("Ünï{v}"),
                2 => format!("HTTPError{v}"),
                _ => format!("Variant{v}"),
            };
            bodies.push(format!("{attrs}{name}{shape}"));
        }
    }
    if !keys.is_empty() {
        out.push_str(&format!("#[api({})]\n", keys.join(", ")));
    }
    let generics = if generic {
        "<'a, T: std::fmt::Debug + 'a> where T: serde::Serialize"
    } else {
        ""
    };
    if is_struct {
        let body = bodies.pop().unwrap_or_default();
        let semi = if body.starts_with('{') { "" } else { ";" };
        out.push_str(&format!("pub struct Gen{generics} {body}{semi}"));
    } else {
        out.push_str(&format!(
            "pub enum Gen{generics} {{\n{}\n}}",
            bodies.join(",\n")
        ));
    }
    out
}

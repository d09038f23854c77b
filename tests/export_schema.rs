//! Every lab's export against the documented JSON Schema
//! (`docs/export.schema.json`), with a small validator of the keywords the
//! schema uses (`type`, `enum`, `required`, `properties`, `items`,
//! `minItems`, `minimum`, `oneOf`, `$ref`). Damaged exports must fail it,
//! so a validator that accepted everything would fail here too.

use serde_json::Value;
use symmetry_lab::export_samples::samples;

fn schema() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/export.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        _ => false,
    }
}

/// The errors of `v` against `s` (a schema node), with their paths.
fn validate(root: &Value, s: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return validate(root, &root["$defs"][name], v, path, errors);
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(t, v),
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(|t| type_ok(t, v)),
            _ => false,
        };
        if !ok {
            errors.push(format!("{path}: not of type {t}"));
            return;
        }
    }
    if let Some(choices) = s.get("enum").and_then(Value::as_array) {
        if !choices.contains(v) {
            errors.push(format!("{path}: {v} is not one of {choices:?}"));
        }
    }
    if let Some(alternatives) = s.get("oneOf").and_then(Value::as_array) {
        let passing = alternatives
            .iter()
            .filter(|a| {
                let mut e = Vec::new();
                validate(root, a, v, path, &mut e);
                e.is_empty()
            })
            .count();
        if passing != 1 {
            errors.push(format!("{path}: matches {passing} of the oneOf alternatives"));
        }
    }
    if let (Some(min), Some(x)) = (s.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if x < min {
            errors.push(format!("{path}: {x} < {min}"));
        }
    }
    if let Some(obj) = v.as_object() {
        for key in s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            if !obj.contains_key(key) {
                errors.push(format!("{path}: missing \"{key}\""));
            }
        }
        for (key, sub) in s.get("properties").and_then(Value::as_object).into_iter().flatten() {
            if let Some(value) = obj.get(key) {
                validate(root, sub, value, &format!("{path}.{key}"), errors);
            }
        }
    }
    if let Some(items) = v.as_array() {
        if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                errors.push(format!("{path}: fewer than {min} items"));
            }
        }
        if let Some(sub) = s.get("items") {
            for (i, item) in items.iter().enumerate() {
                validate(root, sub, item, &format!("{path}[{i}]"), errors);
            }
        }
    }
}

fn errors(doc: &Value) -> Vec<String> {
    let root = schema();
    let mut e = Vec::new();
    validate(&root, &root, doc, "$", &mut e);
    e
}

#[test]
fn every_lab_s_export_follows_the_schema() {
    let all = samples();
    assert_eq!(all.len(), 4);
    for s in all {
        let doc: Value = serde_json::from_str(&s.json).unwrap();
        assert_eq!(errors(&doc), Vec::<String>::new(), "{}", s.lab);
    }
}

#[test]
fn damaged_exports_break_the_schema() {
    let doc: Value = serde_json::from_str(&samples()[0].json).unwrap();
    let damaged = |f: &dyn Fn(&mut Value)| {
        let mut d = doc.clone();
        f(&mut d);
        errors(&d)
    };
    assert!(!damaged(&|d| d["layers"][0]["verdict"] = "nearly".into()).is_empty());
    assert!(!damaged(&|d| {
        d["layers"][1].as_object_mut().unwrap().remove("settings");
    })
    .is_empty());
    assert!(!damaged(&|d| d["layers"][0]["action"]["source"][0] = (-2).into()).is_empty());
    assert!(!damaged(&|d| d["schema_version"] = 1.into()).is_empty());
    assert!(!damaged(&|d| d["layers"] = Value::Array(vec![])).is_empty());
    assert!(!damaged(&|d| d["input"]["shape"] = "6x6".into()).is_empty());
    assert!(!damaged(&|d| d["layers"][0]["invariance_error"] = (-1.0).into()).is_empty());
}

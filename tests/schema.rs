//! The shipped JSON Schema (`docs/pactum.schema.json`) stays in sync with the
//! data format: the seed dataset satisfies it, structurally broken files do
//! not, and every field of `docs/format.md` is in it (and nothing more).
//!
//! The validator below covers the keywords the schema uses except `pattern`
//! (pactum has no regular-expression engine); the key, date and country
//! syntax it describes is checked by pactum itself on load.

use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(pactum::export::SCHEMA).unwrap()
}

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/$defs/").unwrap();
            resolve(root, &root["$defs"][name])
        }
        None => schema,
    }
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("schema uses an unknown type {other}"),
    }
}

/// Every problem of `value` against `schema`, as JSON paths.
fn validate(root: &Value, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let schema = resolve(root, schema);
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(name) => type_matches(name, value),
            Value::Array(names) => names
                .iter()
                .any(|n| type_matches(n.as_str().unwrap(), value)),
            _ => panic!("bad type keyword"),
        };
        if !ok {
            out.push(format!("{path}: type"));
            return;
        }
    }
    if let Some(c) = schema.get("const") {
        if c != value {
            out.push(format!("{path}: const"));
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(value) {
            out.push(format!("{path}: enum"));
        }
    }
    for (alternatives, exactly_one) in [("anyOf", false), ("oneOf", true)] {
        if let Some(options) = schema.get(alternatives).and_then(Value::as_array) {
            let passing = options
                .iter()
                .filter(|o| {
                    let mut errs = Vec::new();
                    validate(root, o, value, path, &mut errs);
                    errs.is_empty()
                })
                .count();
            if passing == 0 || (exactly_one && passing > 1) {
                out.push(format!("{path}: {alternatives}"));
            }
        }
    }
    if let (Some(min), Some(s)) = (schema.get("minLength"), value.as_str()) {
        if (s.chars().count() as u64) < min.as_u64().unwrap() {
            out.push(format!("{path}: minLength"));
        }
    }
    if let (Some(max), Some(s)) = (schema.get("maxLength"), value.as_str()) {
        if (s.chars().count() as u64) > max.as_u64().unwrap() {
            out.push(format!("{path}: maxLength"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum"), value.as_i64()) {
        if n < min.as_i64().unwrap() {
            out.push(format!("{path}: minimum"));
        }
    }
    if let Some(items) = value.as_array() {
        if let Some(min) = schema.get("minItems") {
            if (items.len() as u64) < min.as_u64().unwrap() {
                out.push(format!("{path}: minItems"));
            }
        }
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                validate(root, item_schema, item, &format!("{path}[{i}]"), out);
            }
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !object.contains_key(required.as_str().unwrap()) {
                out.push(format!("{path}.{}: required", required.as_str().unwrap()));
            }
        }
        for (name, member) in object {
            match properties.and_then(|p| p.get(name)) {
                Some(s) => validate(root, s, member, &format!("{path}.{name}"), out),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    out.push(format!("{path}.{name}: additionalProperties"))
                }
                None => {}
            }
        }
    }
}

fn problems(value: &Value) -> Vec<String> {
    let root = schema();
    let mut out = Vec::new();
    validate(&root, &root, value, "$", &mut out);
    out
}

#[test]
fn the_seed_dataset_satisfies_the_schema() {
    let seed: Value = serde_json::from_str(pactum::SEED_JSON).unwrap();
    assert_eq!(problems(&seed), Vec::<String>::new());
}

#[test]
fn a_saved_dataset_satisfies_the_schema() {
    let registry = pactum::seed();
    let dir = std::env::temp_dir().join(format!("pactum-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("seed.json");
    registry.save(&path).unwrap();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(problems(&saved), Vec::<String>::new());
}

#[test]
fn structurally_broken_files_break_the_schema() {
    for (file, problem) in [
        ("unknown-field-in-meeting.json", "additionalProperties"),
        ("bad-enum-value.json", "enum"),
        ("version-missing.json", "required"),
        ("version-newer.json", "const"),
        ("one-signatory.json", "minItems"),
        ("key-too-long.json", "maxLength"),
        ("negative-session.json", "anyOf"),
        ("date-as-number.json", "type"),
        ("top-level-array.json", "type"),
    ] {
        let path = format!("{}/tests/invalid/{file}", env!("CARGO_MANIFEST_DIR"));
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let found = problems(&value);
        assert!(
            found.iter().any(|p| p.ends_with(problem)),
            "{file}: expected a {problem} problem, got {found:?}"
        );
    }
}

/// The fields of each entity table of docs/format.md, by section heading.
fn format_fields() -> Vec<(String, Vec<String>)> {
    let text = include_str!("../docs/format.md");
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            out.push((heading.trim_matches('`').to_owned(), Vec::new()));
        } else if line.starts_with("| `") {
            let cell = line.split('|').nth(1).unwrap();
            if let Some((_, fields)) = out.last_mut() {
                fields.extend(
                    cell.split(',')
                        .map(|f| f.trim().trim_matches('`').to_owned())
                        .filter(|f| !f.is_empty()),
                );
            }
        }
    }
    out
}

#[test]
fn every_field_of_the_format_document_is_in_the_schema_and_no_other() {
    let root = schema();
    let sections = [
        ("sources", "source"),
        ("tech_areas", "tech_area"),
        ("institutions", "institution"),
        ("Officials", "official"),
        ("partnerships", "partnership"),
        ("meetings", "meeting"),
        ("mous", "mou"),
        ("Parties", "party"),
        ("Party actions", "party_action"),
        ("commitments", "commitment"),
    ];
    let documented = format_fields();
    for (section, def) in sections {
        let (_, fields) = documented
            .iter()
            .find(|(h, _)| h == section)
            .unwrap_or_else(|| panic!("docs/format.md has no section {section}"));
        let mut fields = fields.clone();
        fields.sort();
        let mut in_schema: Vec<String> = root["$defs"][def]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        in_schema.sort();
        assert_eq!(fields, in_schema, "section {section}");
    }
    let top: Vec<&String> = root["properties"].as_object().unwrap().keys().collect();
    assert_eq!(top.len(), 8);
}

#[test]
fn a_saved_dataset_with_parties_and_instrument_kinds_satisfies_the_schema() {
    let json = r#"{"pactum": 1,
      "institutions": [
        {"key": "aa-gov", "name": "AA", "kind": "government", "country": "FR"},
        {"key": "bb-gov", "name": "BB", "kind": "government", "country": "DE"},
        {"key": "cc-gov", "name": "CC", "kind": "government", "country": "IT"}],
      "partnerships": [
        {"key": "club", "name": "Club", "kind": "other", "parties": ["aa-gov",
          {"institution": "bb-gov", "actions": [{"kind": "accession", "date": "2020"}]},
          {"institution": "cc-gov"}]}],
      "mous": [
        {"key": "conv", "title": "Convention", "kind": "convention", "signed": "1985-03-12",
         "entry_into_force": "1987-01-01", "signatories": ["aa-gov", "bb-gov"],
         "parties": [{"institution": "bb-gov", "actions": [
           {"kind": "signature", "date": "1985-03-12"},
           {"kind": "ratification", "date": "1986-05-20", "note": "deposited in Paris"},
           {"kind": "declaration", "date": "1986-05-20", "text": "A declaration"},
           {"kind": "withdrawal", "date": "1993-06-30", "effective": "1994-06-30"}]}]}]}"#;
    let before: Value = serde_json::from_str(json).unwrap();
    assert_eq!(problems(&before), Vec::<String>::new());
    let registry = pactum::Registry::from_json_str(json).unwrap();
    let saved: Value = serde_json::from_str(&registry.to_json_string()).unwrap();
    assert_eq!(problems(&saved), Vec::<String>::new());
    assert_eq!(saved["partnerships"][0]["parties"][2], "cc-gov");
}

#[test]
fn institutions_without_a_country_or_of_former_states_satisfy_the_schema() {
    let text = r#"{"pactum": 1, "institutions": [
        {"key": "iaea", "name": "International Atomic Energy Agency", "kind": "intergovernmental_organization"},
        {"key": "x-lab", "name": "A laboratory", "kind": "research_institute", "country": null},
        {"key": "dd-mfa", "name": "Ministry of Foreign Affairs", "kind": "ministry", "country": "DD"}
    ]}"#;
    let original: Value = serde_json::from_str(text).unwrap();
    assert_eq!(problems(&original), Vec::<String>::new());
    let registry = pactum::Registry::from_json_str(text).unwrap();
    let saved: Value = serde_json::from_str(&registry.to_json_string()).unwrap();
    assert_eq!(problems(&saved), Vec::<String>::new());
    assert_eq!(saved["institutions"][0]["country"], "DDDE");
    // The validator here skips `pattern`: check the country pattern's text.
    assert_eq!(
        schema()["$defs"]["country"]["pattern"],
        "^([A-Z]{2}|[A-Z]{4})$"
    );
}

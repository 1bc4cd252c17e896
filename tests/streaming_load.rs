//! A data file is read one entity at a time: what a user sees must not
//! depend on the order of the file's arrays, and the top-level object keeps
//! the rules of a plain struct (no unknown or repeated fields, `null` arrays
//! read as empty).

use pactum::{Limits, LoadError, Registry};

const SOURCES: &str = r#""sources": [{"key": "s1", "title": "A source"}]"#;
const MOUS: &str = r#""mous": [{"key": "Bad", "title": "T", "signatories": ["a"], "signed": "2023-02-30", "sources": ["s1"]}]"#;
const MEETINGS: &str = r#""meetings": [{"key": "m1", "name": "M", "kind": "council", "date": "2023-13", "status": "held", "sources": ["s1"]}]"#;

fn diagnostics(text: &str) -> Vec<String> {
    match Registry::from_json_str(text) {
        Err(LoadError::Invalid(e)) => e.diagnostics().iter().map(ToString::to_string).collect(),
        other => panic!("expected diagnostics, got {:?}", other.map(|r| r.len())),
    }
}

#[test]
fn problems_come_in_kind_order_whatever_the_order_of_the_arrays() {
    let mous_first = diagnostics(&format!(
        r#"{{"pactum": 1, {SOURCES}, {MOUS}, {MEETINGS}}}"#
    ));
    let meetings_first = diagnostics(&format!(
        r#"{{{MEETINGS}, {MOUS}, {SOURCES}, "pactum": 1}}"#
    ));
    assert_eq!(mous_first, meetings_first);
    assert_eq!(mous_first.len(), 4, "{mous_first:#?}");
    assert!(mous_first[0].starts_with(r#"meeting "m1": meetings[0].date"#));
    assert!(mous_first[1].starts_with(r#"mou "Bad": mous[0].key"#));
}

#[test]
fn a_field_given_twice_is_a_syntax_error_with_its_position() {
    let text = format!(r#"{{"pactum": 1, {SOURCES}, {SOURCES}}}"#);
    let err = Registry::from_json_str(&text).expect_err("twice");
    let LoadError::Syntax {
        line,
        path,
        message,
        ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!(*line, 1);
    assert_eq!(path, "");
    assert_eq!(message, "duplicate field `sources`");
}

#[test]
fn an_unknown_top_level_field_names_the_known_ones() {
    let err = Registry::from_json_str(r#"{"pactum": 1, "treaties": []}"#).expect_err("unknown");
    let LoadError::Syntax { path, message, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(path, "treaties");
    assert!(
        message.starts_with("unknown field `treaties`, expected one of `pactum`, `sources`"),
        "{message}"
    );
}

#[test]
fn null_arrays_read_as_empty_and_a_wrong_type_is_named() {
    let text = r#"{"pactum": 1, "sources": null, "mous": null, "meetings": []}"#;
    let reg = Registry::from_json_str(text).expect("null arrays are empty");
    assert_eq!(reg.mous().len(), 0);
    let err = Registry::from_json_str(r#"{"pactum": 1, "mous": {"key": "x"}}"#).expect_err("map");
    let LoadError::Syntax { path, message, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(path, "mous");
    assert!(
        message.starts_with("invalid type: map, expected a sequence"),
        "{message}"
    );
}

#[test]
fn the_entity_limit_counts_every_entity_of_the_file() {
    let sources: Vec<String> = (0..7)
        .map(|i| format!(r#"{{"key": "s{i}", "title": "Source {i}"}}"#))
        .collect();
    let text = format!(r#"{{"pactum": 1, "sources": [{}]}}"#, sources.join(", "));
    let err = Registry::from_json_str_with(&text, &Limits::default().max_entities(3))
        .expect_err("over the limit");
    assert!(
        matches!(
            err,
            LoadError::TooLarge {
                what: "entities",
                limit: 3,
                found: 7
            }
        ),
        "{err}"
    );
    let reg = Registry::from_json_str_with(&text, &Limits::default().max_entities(7))
        .expect("at the limit");
    assert_eq!(reg.sources().len(), 7);
}

#[test]
fn a_version_from_after_the_entities_is_still_checked() {
    let err = Registry::from_json_str(&format!(r#"{{{SOURCES}, "pactum": 2}}"#)).expect_err("v2");
    assert!(
        matches!(err, LoadError::Version { found: Some(2) }),
        "{err}"
    );
    let err = Registry::from_json_str(&format!(r#"{{{SOURCES}}}"#)).expect_err("no version");
    assert!(matches!(err, LoadError::Version { found: None }), "{err}");
    let reg = Registry::from_json_str(&format!(r#"{{{SOURCES}, "pactum": 1}}"#)).expect("v1");
    assert_eq!(reg.sources().len(), 1);
}

#[test]
fn text_after_the_object_is_a_syntax_error() {
    let err = Registry::from_json_str(r#"{"pactum": 1} {"#).expect_err("trailing");
    let LoadError::Syntax {
        line,
        column,
        message,
        ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!((*line, *column), (1, 15));
    assert_eq!(message, "trailing characters");
}

#[test]
fn a_top_level_value_that_is_not_an_object_says_what_is_expected() {
    for (text, found) in [("5", "integer `5`"), (r#""pactum""#, r#"string "pactum""#)] {
        let err = Registry::from_json_str(text).expect_err("not an object");
        let LoadError::Syntax { path, message, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(path, "");
        assert_eq!(
            message,
            &format!(
                r#"invalid type: {found}, expected a JSON object with "pactum": 1 at the top level"#
            )
        );
    }
}

/// A file of several MiB is read in chunks on several threads; what a user
/// gets must be what one thread reading it from the start gives.
#[cfg(feature = "synth")]
#[test]
fn a_large_file_reads_alike_on_one_thread_and_on_several() {
    fn outcome(text: &str, threads: usize) -> String {
        match Registry::from_json_str_with(text, &Limits::default().max_threads(threads)) {
            Ok(reg) => {
                let keys: Vec<&str> = (reg.mous().iter().map(|m| m.key().as_str()))
                    .chain(reg.meetings().iter().map(|m| m.key().as_str()))
                    .chain(reg.commitments().iter().map(|c| c.key().as_str()))
                    .collect();
                format!("{}\n{}", keys.join(","), reg.to_json_string())
            }
            Err(e) => format!("{e}\n{:#?}", e.diagnostics()),
        }
    }
    let text = pactum::synth::Synth::new(6_000).seed(7).json();
    assert!(text.len() > 2 << 20, "{}", text.len());
    let one = outcome(&text, 1);
    assert!(!one.starts_with("invalid"), "{}", &one[..200]);
    assert_eq!(outcome(&text, 4), one);
    assert_eq!(outcome(&text, 2), one);

    // Problems far into the file: an entity that fails its checks, a key
    // taken twice, a reference to nothing.
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let n = value["mous"].as_array().unwrap().len();
    value["mous"][n - 40]["signatories"] = serde_json::json!([]);
    value["mous"][n - 20]["key"] = value["mous"][n / 2]["key"].clone();
    let m = value["meetings"].as_array().unwrap().len();
    value["meetings"][m - 3]["partnership"] = serde_json::json!("nothing-here");
    for text in [
        serde_json::to_string(&value).unwrap(),
        serde_json::to_string_pretty(&value).unwrap(),
    ] {
        let one = outcome(&text, 1);
        // The meeting's partnership is unknown, and so is the owner of its
        // series for the two meetings after it.
        assert!(one.starts_with("invalid dataset (5 problems)"), "{one}");
        assert!(one.contains("mous[4780].key"), "{one}");
        assert_eq!(outcome(&text, 4), one);
    }
}

//! Every problem of a file at once: an entity of the wrong shape does not
//! hide the problems of the others, and a quarantine load names the file's
//! own places.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pactum::{EntityKind, Limits, LoadError, Registry, Rule};
use serde_json::Value;

/// The seed with an unknown field in its second meeting, a date that does
/// not exist in its MOU and an unknown owner in its tenth commitment (the
/// first that refers to neither the broken meeting nor the broken MOU, so
/// that quarantine rejects it for its own problem).
fn broken_seed() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed.json");
    let text = std::fs::read_to_string(path).expect("the seed");
    let mut seed: Value = serde_json::from_str(&text).expect("the seed is JSON");
    seed["meetings"][1]["venue"] = Value::from("Seoul");
    seed["mous"][0]["signed"] = Value::from("2021-02-30");
    seed["commitments"][9]["owners"][0] = Value::from("kr-nowhere");
    seed
}

/// Writes `value` to a file of its own and gives its path.
fn written(name: &str, value: &Value) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pactum-every-problem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join(name);
    let text = serde_json::to_string_pretty(value).expect("serialisable");
    std::fs::write(&path, text).expect("writable");
    path
}

/// (rule, kind, key, path) of each diagnostic.
fn summary(diagnostics: &[pactum::Diagnostic]) -> Vec<(Rule, Option<EntityKind>, String, String)> {
    diagnostics
        .iter()
        .map(|d| {
            let key = d.key().unwrap_or_default().to_owned();
            (d.rule(), d.entity(), key, d.path().to_owned())
        })
        .collect()
}

#[test]
fn an_unknown_field_a_bad_date_and_a_dangling_reference_are_all_reported_by_a_load() {
    let seed = broken_seed();
    let path = written("load.json", &seed);
    let Err(LoadError::Invalid(err)) = Registry::from_path(&path) else {
        panic!("the broken seed must be invalid")
    };
    let got = summary(err.diagnostics());
    let meeting = seed["meetings"][1]["key"].as_str().unwrap_or_default();
    let mou = seed["mous"][0]["key"].as_str().unwrap_or_default();
    let commitment = seed["commitments"][9]["key"].as_str().unwrap_or_default();
    let want = [
        (
            Rule::Syntax,
            EntityKind::Meeting,
            meeting,
            "meetings[1].venue",
        ),
        (Rule::InvalidDate, EntityKind::Mou, mou, "mous[0].signed"),
        (
            Rule::DanglingReference,
            EntityKind::Commitment,
            commitment,
            "commitments[9].owners[0]",
        ),
    ];
    for (rule, kind, key, at) in want {
        assert!(
            got.contains(&(rule, Some(kind), key.to_owned(), at.to_owned())),
            "{rule} at {at} missing from {got:#?}"
        );
    }
    // The meeting of the wrong shape is set aside, not reported as missing
    // by every entity that refers to it.
    let quoted = format!("{meeting:?}");
    assert!(
        !err.diagnostics()
            .iter()
            .any(|d| d.rule() == Rule::DanglingReference && d.message().contains(&quoted)),
        "{got:#?}"
    );
    let unknown = &err.diagnostics()[0];
    assert!(
        unknown.message().contains("unknown field `venue`"),
        "{unknown}"
    );
    // Read from a reader or from text, the file reads alike.
    let text = std::fs::read_to_string(&path).expect("readable");
    let Err(LoadError::Invalid(again)) = Registry::from_reader(text.as_bytes()) else {
        panic!("the broken seed must be invalid")
    };
    assert_eq!(again.diagnostics(), err.diagnostics());
}

#[test]
fn a_quarantine_from_a_path_reports_the_three_problems_and_lints_with_the_file_s_places() {
    let seed = broken_seed();
    let path = written("quarantine.json", &seed);
    let q = Registry::quarantine_path(&path, &Limits::default()).expect("a readable top level");
    let errors = summary(&q.errors());
    for at in [
        "meetings[1].venue",
        "mous[0].signed",
        "commitments[9].owners[0]",
    ] {
        assert!(
            errors.iter().any(|e| e.3 == at),
            "{at} missing from {errors:#?}"
        );
    }
    // An entity of the wrong shape is placed in the file as by a load.
    let venue = q
        .errors()
        .into_iter()
        .find(|d| d.path() == "meetings[1].venue")
        .expect("the unknown field");
    assert!(
        venue.message().starts_with("line ") && venue.message().contains("unknown field `venue`"),
        "{venue}"
    );
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a day");
    let lints = q.lint(day);
    assert!(!lints.is_empty());
    let mut shifted = 0;
    for d in &lints {
        let (Some(kind), Some(key)) = (d.entity(), d.key()) else {
            continue;
        };
        let plural = kind.plural();
        let index: usize = d
            .path()
            .strip_prefix(plural)
            .and_then(|rest| rest.strip_prefix('['))
            .and_then(|rest| rest.split(']').next())
            .and_then(|i| i.parse().ok())
            .unwrap_or_else(|| panic!("{d}: a path into an array of {plural}"));
        assert_eq!(
            seed[plural][index]["key"].as_str(),
            Some(key),
            "{d}: the path names another entity of the file"
        );
        if d.path() != lint_path_in_registry(q.registry(), day, d) {
            shifted += 1;
        }
    }
    assert!(shifted > 0, "no lint is past a rejected entity: {lints:#?}");
    // The same from a reader.
    let file = std::fs::File::open(&path).expect("readable");
    let again = Registry::quarantine_reader(file, &Limits::default()).expect("readable");
    assert_eq!(again.errors(), q.errors());
    assert_eq!(again.lint(day), lints);
}

/// The path of the lint like `d` that the registry gives.
fn lint_path_in_registry(reg: &Registry, day: NaiveDate, d: &pactum::Diagnostic) -> String {
    reg.lint(day)
        .into_iter()
        .find(|r| r.rule() == d.rule() && r.key() == d.key() && r.message() == d.message())
        .map(|r| r.path().to_owned())
        .unwrap_or_default()
}

#[test]
fn a_syntax_error_inside_an_entity_names_its_kind_and_key() {
    let text = r#"{"pactum": 1, "sources": [
        {"key": "s1", "title": "A source"},
        {"key": "s2", "title": "Another" "publisher": "x"}
    ]}"#;
    let err = Registry::from_json_str(text).expect_err("not JSON");
    let LoadError::Syntax {
        entity,
        key,
        line,
        path,
        ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!(
        (*entity, key.as_deref()),
        (Some(EntityKind::Source), Some("s2"))
    );
    assert_eq!((*line, path.as_str()), (3, "sources[1]"));
    assert!(
        err.to_string()
            .starts_with(r#"source "s2": line 3, column "#),
        "{err}"
    );
    let d = &err.diagnostics()[0];
    assert_eq!(
        (d.entity(), d.key()),
        (Some(EntityKind::Source), Some("s2"))
    );
}

#[test]
fn a_syntax_error_before_the_key_gives_the_byte() {
    let text = r#"{"pactum": 1, "sources": [{"title": "A" "key": "s1"}]}"#;
    let err = Registry::from_json_str(text).expect_err("not JSON");
    let LoadError::Syntax {
        entity,
        key,
        offset,
        ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!((*entity, key.as_deref()), (Some(EntityKind::Source), None));
    assert_eq!(*offset, text.find(r#" "key""#).unwrap_or_default() + 1);
    assert!(
        err.to_string().contains(&format!("(byte {offset})")),
        "{err}"
    );
}

#[test]
fn a_shape_error_is_reported_with_the_others_on_several_threads_too() {
    // Large enough to be read in parts: the fast reading fails in the
    // middle and the slow one reads every entity.
    let sources: Vec<String> = (0..6000)
        .map(|i| match i {
            1234 => format!(r#"{{"key": "s{i}", "title": 5}}"#),
            4321 => format!(r#"{{"key": "s{i}", "title": "T", "colour": "red"}}"#),
            _ => format!(r#"{{"key": "s{i}", "title": "A source with a long enough title {i}"}}"#),
        })
        .collect();
    let text = format!(
        "{{\"pactum\": 1, \"sources\": [\n{}\n]}}",
        sources.join(",\n")
    );
    assert!(text.len() > 300 << 10);
    for threads in [1, 4] {
        let limits = Limits::default().max_threads(threads);
        let Err(LoadError::Invalid(err)) = Registry::from_json_str_with(&text, &limits) else {
            panic!("two bad sources")
        };
        let got: Vec<String> = err.diagnostics().iter().map(ToString::to_string).collect();
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(
            got[0].starts_with(r#"source "s1234": sources[1234].title: line 1236, column "#),
            "{}",
            got[0]
        );
        assert!(
            got[1].starts_with(r#"source "s4321": sources[4321].colour: line 4323, "#),
            "{}",
            got[1]
        );
    }
}

#[test]
fn a_quarantine_counts_every_entity_against_the_limit() {
    let text = r#"{"pactum": 1, "sources": [{"key": "s1", "title": "A"}, {"key": "s2", "title": 2}, {"key": "s3", "title": "C"}]}"#;
    let err = Registry::quarantine_json_str(text, &Limits::default().max_entities(2))
        .expect_err("three entities");
    assert!(
        matches!(
            err,
            LoadError::TooLarge {
                what: "entities",
                limit: 2,
                found: 3
            }
        ),
        "{err}"
    );
    let q = Registry::quarantine_json_str(text, &Limits::default()).expect("a dataset");
    assert_eq!(q.registry().sources().len(), 2);
    assert_eq!(q.rejected()[0].key(), Some("s2"));
}

#[test]
fn a_file_that_cannot_be_opened_is_named_in_the_error() {
    let path = std::env::temp_dir().join("pactum-no-such-dir/no-such-file.json");
    let err = Registry::from_path(&path).expect_err("no such file");
    assert!(
        matches!(&err, LoadError::Read { path: p, .. } if *p == path),
        "{err}"
    );
    assert!(err.to_string().contains("no-such-file.json"), "{err}");
    let err = Registry::quarantine_path(&path, &Limits::default()).expect_err("no such file");
    assert!(err.to_string().contains("no-such-file.json"), "{err}");
}

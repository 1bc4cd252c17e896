//! Untrusted input: load limits, hostile shapes, and quarantine loading.

use std::io::Read;

use pactum::{EntityKind, Limits, LoadError, Registry, Rule};

fn small_dataset(name: &str) -> String {
    format!(
        r#"{{"pactum": 1, "institutions": [
            {{"key": "kr-gov", "name": {name:?}, "kind": "government", "country": "KR"}}
        ]}}"#
    )
}

#[test]
fn a_file_over_the_size_limit_is_rejected_before_it_is_parsed() {
    let text = small_dataset("Government of the Republic of Korea");
    let limits = Limits::default().max_bytes(64);
    match Registry::from_json_str_with(&text, &limits) {
        Err(LoadError::TooLarge { what, limit, found }) => {
            assert_eq!((what, limit), ("file", 64));
            assert_eq!(found, text.len() as u64);
        }
        other => panic!("expected a size error, got {other:?}"),
    }
    let err = Registry::from_json_str_with(&text, &limits).expect_err("too large");
    let d = &err.diagnostics()[0];
    assert_eq!(d.rule(), Rule::TooLarge);
    assert!(d.message().contains("expected at most 64 bytes"), "{d}");
}

#[test]
fn an_endless_reader_is_read_only_up_to_the_limit() {
    // 64 MiB of spaces would parse as nothing; the limit stops the read
    // after one byte more than allowed.
    let endless = std::io::repeat(b' ').take(64 << 20);
    let limits = Limits::default().max_bytes(1 << 20);
    match Registry::from_reader_with(endless, &limits) {
        Err(LoadError::TooLarge { found, .. }) => assert_eq!(found, (1 << 20) + 1),
        other => panic!("expected a size error, got {other:?}"),
    }
}

#[test]
fn a_file_on_disk_over_the_limit_is_rejected_from_its_size() {
    let dir = std::env::temp_dir().join(format!("pactum-untrusted-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("big.json");
    std::fs::write(&path, " ".repeat(4096)).expect("written");
    let err =
        Registry::from_path_with(&path, &Limits::default().max_bytes(4095)).expect_err("too big");
    assert!(
        matches!(
            err,
            LoadError::TooLarge {
                what: "file",
                found: 4096,
                ..
            }
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_text_over_the_text_limit_is_reported_with_its_path() {
    let text = small_dataset(&"x".repeat(101));
    let limits = Limits::default().max_text_bytes(100);
    let err = Registry::from_json_str_with(&text, &limits).expect_err("too long");
    let found: Vec<String> = err.diagnostics().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            r#"institution "kr-gov": institutions[0].name: text of 101 bytes: expected at most 100 (the load's text limit)"#
        ]
    );
    Registry::from_json_str_with(&small_dataset(&"x".repeat(100)), &limits).expect("at the limit");
}

/// Asserts that `err` is the entity limit `limit` refusing a file of
/// `found` entities.
fn assert_too_many(err: &LoadError, limit: u64, found: u64) {
    assert!(
        matches!(
            err,
            LoadError::TooLarge { what: "entities", limit: l, found: f } if *l == limit && *f == found
        ),
        "{err}"
    );
}

#[test]
fn too_many_entities_are_rejected() {
    let text = small_dataset("Government");
    let err = Registry::from_json_str_with(&text, &Limits::default().max_entities(0))
        .expect_err("one too many");
    assert_too_many(&err, 0, 1);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // Where a value of another type is expected, the first bracket is the error.
    let text = format!(
        r#"{{"pactum": 1, "sources": [{{"key": "s", "title": "t"}}], "meetings": [{{"key": "m", "name": "M", "kind": "council", "date": "2023", "status": "held", "sources": {nested}}}]}}"#
    );
    let err = Registry::from_json_str(&text).expect_err("too deep");
    let LoadError::Invalid(invalid) = &err else {
        panic!("{err}")
    };
    let d = &invalid.diagnostics()[0];
    assert_eq!((d.path(), d.key()), ("meetings[0].sources[0]", Some("m")));
    assert!(
        d.message().contains("invalid type: sequence"),
        "{}",
        d.message()
    );
    // Entities past the entity limit are skipped unconverted, and the
    // skipping does not recurse.
    let text = format!(r#"{{"pactum": 1, "sources": [{nested}]}}"#);
    let limits = Limits::default().max_entities(0);
    let err = Registry::from_json_str_with(&text, &limits).expect_err("too many");
    assert_too_many(&err, 0, 1);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let registry = Registry::from_json_str("\u{feff}{\"pactum\": 1}").expect("valid");
    assert!(registry.is_empty());
}

#[test]
fn quarantine_keeps_every_valid_entity_and_cascades_rejection() {
    let text = r#"{"pactum": 1,
      "sources": [{"key": "s1", "title": "A source"}, {"key": "s2", "title": 7}],
      "institutions": [
        {"key": "kr-gov", "name": "Korea", "kind": "government", "country": "KR"},
        {"key": "us-gov", "name": "United States", "kind": "government", "country": "US"},
        {"key": "kr-msit", "name": "MSIT", "kind": "ministry", "country": "KR", "parent": "kr-gvo"},
        {"key": "kr-iitp", "name": "IITP", "kind": "agency", "country": "KR", "parent": "kr-msit"},
        {"key": "kr-gov", "name": "Korea again", "kind": "government", "country": "KR"}
      ],
      "partnerships": [
        {"key": "p1", "name": "P", "kind": "other", "parties": ["kr-gov", "us-gov"], "established": "2023-01-01", "sources": ["s2"]},
        {"key": "p2", "name": "P2", "kind": "other", "parties": ["kr-gov", "us-gov"], "established": "2023-01-01"}
      ],
      "meetings": [
        {"key": "m1", "name": "M1", "kind": "council", "partnership": "p2", "series": "c", "session": 1, "date": "2024", "status": "held"},
        {"key": "m2", "name": "M2", "kind": "council", "partnership": "p2", "series": "c", "session": 2, "date": "2023-03", "status": "held"},
        {"key": "m3", "name": "M3", "kind": "forum", "partnership": "p1", "date": "2023-05", "status": "held"}
      ]}"#;
    assert!(Registry::from_json_str(text).is_err());
    let q = Registry::quarantine_json_str(text, &Limits::default()).expect("sorted");
    let rejected: Vec<(EntityKind, usize, Option<&str>, Rule)> = q
        .rejected()
        .iter()
        .map(|r| (r.kind(), r.index(), r.key(), r.diagnostics()[0].rule()))
        .collect();
    assert_eq!(
        rejected,
        [
            (EntityKind::Source, 1, Some("s2"), Rule::Syntax),
            (
                EntityKind::Institution,
                2,
                Some("kr-msit"),
                Rule::DanglingReference
            ),
            (
                EntityKind::Institution,
                3,
                Some("kr-iitp"),
                Rule::DanglingReference
            ),
            (
                EntityKind::Institution,
                4,
                Some("kr-gov"),
                Rule::DuplicateKey
            ),
            (
                EntityKind::Partnership,
                0,
                Some("p1"),
                Rule::DanglingReference
            ),
            (EntityKind::Meeting, 1, Some("m2"), Rule::SessionOrder),
            (EntityKind::Meeting, 2, Some("m3"), Rule::DanglingReference),
        ]
    );
    let iitp = &q.rejected()[2].diagnostics()[0];
    assert_eq!(
        iitp.to_string(),
        r#"institution "kr-iitp": institutions[3].parent: refers to institution "kr-msit", which was rejected"#
    );
    let registry = q.registry();
    let kept: Vec<&str> = registry.institutions().iter().map(|i| i.name()).collect();
    assert_eq!(kept, ["Korea", "United States"]);
    assert_eq!(registry.meetings().len(), 1);
    // What is kept is a dataset like any other.
    let saved = registry.to_json_string();
    assert_eq!(
        Registry::from_json_str(&saved)
            .expect("valid")
            .to_json_string(),
        saved
    );
}

#[test]
fn quarantine_of_a_valid_file_rejects_nothing() {
    let q = Registry::quarantine_json_str(pactum::SEED_JSON, &Limits::default()).expect("sorted");
    assert!(q.rejected().is_empty());
    assert_eq!(q.registry().to_json_string(), pactum::SEED_JSON);
}

#[test]
fn quarantine_still_needs_a_readable_top_level() {
    for text in [
        "not json",
        "[]",
        r#"{"pactum": 2}"#,
        r#"{"pactum": 1, "extra": []}"#,
    ] {
        assert!(
            Registry::quarantine_json_str(text, &Limits::default()).is_err(),
            "{text}"
        );
    }
}

#[test]
fn quarantine_sets_aside_an_area_that_reuses_a_builtin_key_and_keeps_the_builtin() {
    let text =
        r#"{"pactum": 1, "tech_areas": [{"key": "ai", "name": "Artificial intelligence again"}]}"#;
    let q = Registry::quarantine_json_str(text, &Limits::default()).expect("sorted");
    let rejected: Vec<String> = q.rejected()[0]
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        rejected,
        [
            r#"tech_area "ai": tech_areas[0].key: another tech_area already has this key (a dataset area cannot reuse a built-in key)"#
        ]
    );
    let ai = q
        .registry()
        .tech_area("ai")
        .expect("the built-in area stays");
    assert_eq!(ai.name(), "Artificial intelligence");
    assert_eq!(
        q.registry().tech_areas().len(),
        Registry::new().tech_areas().len()
    );
}

/// What the session rules of one series say, by their definition: among
/// the numbered meetings in order of number, then key, a meeting repeats
/// the first with its number, and certainly precedes the meeting of a lower
/// number that starts latest (the last such in that order) if it ends
/// before that one starts.
fn session_rules_by_definition(
    meetings: &[(String, Option<u32>, (i64, i64))],
) -> Vec<(Rule, String)> {
    let mut numbered: Vec<&(String, Option<u32>, (i64, i64))> =
        meetings.iter().filter(|m| m.1.is_some()).collect();
    numbered.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    let mut out = Vec::new();
    for (i, m) in numbered.iter().enumerate() {
        if let Some(first) = numbered[..i].iter().find(|e| e.1 == m.1) {
            out.push((
                Rule::DuplicateSession,
                format!("{} repeats {}", m.0, first.0),
            ));
        }
        let earlier = numbered[..i]
            .iter()
            .filter(|e| e.1 < m.1)
            .max_by_key(|e| e.2 .0);
        if let Some(e) = earlier {
            if m.2 .1 < e.2 .0 {
                out.push((Rule::SessionOrder, format!("{} precedes {}", m.0, e.0)));
            }
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

    /// A series' session numbers and dates are checked as the rules define
    /// them, whatever the number of meetings, repeats and ties.
    #[test]
    fn session_rules_hold_as_defined(
        meetings in proptest::collection::vec(
            (proptest::option::weighted(0.8, 1u32..6), 1u32..13, proptest::option::of(1u32..29)),
            1..40,
        ),
    ) {
        use chrono::{Datelike, NaiveDate};
        let mut described = Vec::new();
        let mut entries = Vec::new();
        for (i, &(session, month, day)) in meetings.iter().enumerate() {
            let key = format!("m{i:02}");
            let first = NaiveDate::from_ymd_opt(2020, month, day.unwrap_or(1)).unwrap();
            let last = match day {
                Some(_) => first,
                None => NaiveDate::from_ymd_opt(2020 + i32::from(month == 12), month % 12 + 1, 1)
                    .unwrap()
                    .pred_opt()
                    .unwrap(),
            };
            let date = match day {
                Some(d) => format!("2020-{month:02}-{d:02}"),
                None => format!("2020-{month:02}"),
            };
            let days = (i64::from(first.num_days_from_ce()), i64::from(last.num_days_from_ce()));
            described.push((key.clone(), session, days));
            let session = session.map_or(String::new(), |s| format!(r#""session": {s},"#));
            entries.push(format!(
                r#"{{"key": "{key}", "name": "M", "kind": "council", "partnership": "p", "series": "c", {session} "date": "{date}", "status": "held"}}"#
            ));
        }
        // The file lists the meetings in reverse, so that key order and
        // file order differ.
        entries.reverse();
        let text = format!(
            r#"{{"pactum": 1,
              "institutions": [
                {{"key": "a", "name": "A", "kind": "government", "country": "KR"}},
                {{"key": "b", "name": "B", "kind": "government", "country": "US"}}],
              "partnerships": [{{"key": "p", "name": "P", "kind": "other", "parties": ["a", "b"]}}],
              "meetings": [{}]}}"#,
            entries.join(",\n")
        );
        let found: Vec<(Rule, String)> = match Registry::from_json_str(&text) {
            Ok(_) => Vec::new(),
            Err(LoadError::Invalid(err)) => err
                .diagnostics()
                .iter()
                .map(|d| {
                    let key = d.key().unwrap_or_default().to_owned();
                    // The other meeting is the last quoted name.
                    let quoted: Vec<&str> = d.message().split('"').collect();
                    let other = quoted.iter().rev().nth(1).copied().unwrap_or_default();
                    let verb = if d.rule() == Rule::DuplicateSession { "repeats" } else { "precedes" };
                    (d.rule(), format!("{key} {verb} {other}"))
                })
                .collect(),
            Err(other) => panic!("{other}"),
        };
        proptest::prop_assert_eq!(found, session_rules_by_definition(&described));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

    /// Every MOU on a cycle of relations, and only those, is named as on a
    /// cycle: chains, trees, loops and cycles joined by paths alike.
    #[test]
    fn every_mou_on_a_cycle_of_relations_is_named(
        links in proptest::collection::vec(proptest::collection::vec(1usize..12, 0..3), 1..14),
    ) {
        let n = links.len();
        // Links to others only: `j` steps ahead, around.
        let targets: Vec<Vec<usize>> = links
            .iter()
            .enumerate()
            .map(|(i, js)| {
                let mut ts: Vec<usize> = js.iter().map(|j| (i + j) % n).filter(|&t| t != i).collect();
                ts.sort_unstable();
                ts.dedup();
                ts
            })
            .collect();
        // Whether a path of relations leads from one MOU to another (to
        // itself: whether it lies on a cycle).
        let reaches = |from: usize, to: usize| {
            let mut seen = vec![false; n];
            let mut todo = targets[from].clone();
            while let Some(x) = todo.pop() {
                if x == to {
                    return true;
                }
                if !std::mem::replace(&mut seen[x], true) {
                    todo.extend(&targets[x]);
                }
            }
            false
        };
        let expected: Vec<String> = (0..n).filter(|&i| reaches(i, i)).map(|i| format!("u{i:02}")).collect();
        let mous: Vec<String> = targets
            .iter()
            .enumerate()
            .map(|(i, ts)| {
                let relations: Vec<String> = ts
                    .iter()
                    .map(|t| format!(r#"{{"kind": "amends", "mou": "u{t:02}"}}"#))
                    .collect();
                format!(
                    r#"{{"key": "u{i:02}", "title": "T", "signatories": ["a", "b"], "signed": "2020", "relations": [{}]}}"#,
                    relations.join(", ")
                )
            })
            .collect();
        let text = format!(
            r#"{{"pactum": 1,
              "institutions": [
                {{"key": "a", "name": "A", "kind": "government", "country": "KR"}},
                {{"key": "b", "name": "B", "kind": "government", "country": "US"}}],
              "mous": [{}]}}"#,
            mous.join(",\n")
        );
        let diagnostics = match Registry::from_json_str(&text) {
            Ok(_) => Vec::new(),
            Err(LoadError::Invalid(err)) => err.diagnostics().to_vec(),
            Err(other) => panic!("{other}"),
        };
        let cycles: Vec<&pactum::Diagnostic> =
            diagnostics.iter().filter(|d| d.rule() == Rule::Cycle).collect();
        let mut found: Vec<String> =
            cycles.iter().map(|d| d.key().unwrap_or_default().to_owned()).collect();
        found.sort();
        proptest::prop_assert_eq!(found, expected);
        // Each names a real cycle: through the MOU itself, or one that the
        // MOU reaches and is reached from.
        let number = |key: &str| key.strip_prefix('u').and_then(|k| k.parse::<usize>().ok());
        for d in cycles {
            let me = number(d.key().unwrap_or_default()).expect("a MOU key");
            let text = d.message().split_once("have a cycle: ").expect("a named cycle").1;
            let (who, cycle) = match text.strip_suffix(", which reaches it back") {
                Some(t) => {
                    let (who, cycle) = t.split_once(" reaches ").expect("who reaches what");
                    (number(who), cycle)
                }
                None => (None, text),
            };
            let names: Vec<Option<usize>> = cycle.split(" -> ").map(number).collect();
            proptest::prop_assert!(names.len() >= 2 && names.first() == names.last(), "{}", text);
            for pair in names.windows(2) {
                // A cycle cut short leaves out a stretch.
                if let [Some(a), Some(b)] = *pair {
                    proptest::prop_assert!(targets[a].contains(&b), "{} -> {} in {}", a, b, text);
                }
            }
            let first = names.first().copied().flatten().expect("a first MOU");
            match who {
                None => proptest::prop_assert_eq!(first, me),
                Some(who) => {
                    proptest::prop_assert_eq!(who, me);
                    proptest::prop_assert!(reaches(me, first) && reaches(first, me), "{}", text);
                }
            }
        }
    }
}

/// A cycle of 20,000 institutions, and 20,000 MOUs each amending the next
/// two around (one tangle, in which many lie off the cycle first found):
/// every entity on them is named as on a cycle, each in a message of a few
/// names (a long cycle is cut short), and the load takes time linear in
/// their number, where a search from each would take its square.
#[test]
fn long_cycles_are_named_once_a_component_in_short_messages() {
    let n = 20_000;
    let institutions: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"key": "i{i}", "name": "I", "kind": "agency", "country": "KR", "parent": "i{}"}}"#,
                (i + 1) % n
            )
        })
        .collect();
    let mous: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"key": "u{i}", "title": "T", "signatories": ["i0", "i1"], "signed": "2020", "relations": [{{"kind": "amends", "mou": "u{}"}}, {{"kind": "amends", "mou": "u{}"}}]}}"#,
                (i + 1) % n,
                (i + 2) % n
            )
        })
        .collect();
    let text = format!(
        r#"{{"pactum": 1, "institutions": [{}], "mous": [{}]}}"#,
        institutions.join(","),
        mous.join(",")
    );
    let err = match Registry::from_json_str(&text) {
        Err(LoadError::Invalid(err)) => err,
        other => panic!("expected an invalid file, got {other:?}"),
    };
    let cycles: Vec<&pactum::Diagnostic> = err
        .diagnostics()
        .iter()
        .filter(|d| d.rule() == Rule::Cycle)
        .collect();
    assert_eq!(cycles.len(), 2 * n);
    let mut reaching = 0;
    for d in &cycles {
        let key = d.key().expect("a key");
        assert!(d.message().len() < 250, "{}", d.message());
        let cycle = d
            .message()
            .split_once("a cycle: ")
            .expect("a named cycle")
            .1;
        if cycle.ends_with(", which reaches it back") {
            reaching += 1;
            assert!(cycle.starts_with(&format!("{key} reaches ")), "{cycle}");
        } else {
            assert!(cycle.starts_with(&format!("{key} -> ")), "{cycle}");
            assert!(cycle.ends_with(&format!(" -> {key}")), "{cycle}");
            assert!(cycle.contains(" more) -> "), "{cycle}");
        }
    }
    // The hierarchy is one plain cycle: every institution is on it.
    assert!(cycles
        .iter()
        .filter(|d| d.key().is_some_and(|k| k.starts_with('i')))
        .all(|d| !d.message().ends_with("reaches it back")));
    // The MOU cycle first found skips some MOUs of the tangle: those are
    // named by what they reach.
    assert!(reaching > 0 && reaching < n, "{reaching}");
}

/// The text fields of every entity kind, as JSON paths with `[]` for an index.
const TEXT_FIELDS: &[&str] = &[
    "sources[].title",
    "sources[].publisher",
    "sources[].authors[]",
    "sources[].url",
    "sources[].note",
    "tech_areas[].name",
    "tech_areas[].aliases[]",
    "tech_areas[].definition",
    "institutions[].name",
    "institutions[].acronym",
    "institutions[].aliases[]",
    "institutions[].former_names[].name",
    "institutions[].former_names[].acronym",
    "institutions[].sources[].note",
    "partnerships[].name",
    "partnerships[].claims[].value",
    "partnerships[].claims[].note",
    "meetings[].name",
    "meetings[].place",
    "meetings[].outcomes[]",
    "meetings[].chairs[].name",
    "meetings[].chairs[].title",
    "meetings[].attendees[].name",
    "meetings[].attendees[].title",
    "meetings[].sources[].note",
    "meetings[].claims[].value",
    "meetings[].claims[].note",
    "mous[].title",
    "mous[].signed_by[].name",
    "mous[].signed_by[].title",
    "commitments[].description",
];

/// Every string in `value` with its JSON path, such as `mous[3].title`.
fn strings(value: &serde_json::Value, path: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(_) => out.push(path),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(fields) => {
            for (name, item) in fields {
                let sep = if path.is_empty() { "" } else { "." };
                strings(item, format!("{path}{sep}{name}"), out);
            }
        }
        _ => {}
    }
}

/// `mous[3].signed_by[0].name` → `mous[].signed_by[].name`.
fn pattern(path: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => {
                in_index = false;
                out.push_str("[]");
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// The seed dataset with the text fields it lacks filled in.
fn every_text_field() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/seed.json"))
        .expect("the seed dataset");
    let mut data: serde_json::Value = serde_json::from_str(&text).expect("json");
    data["sources"][0]["url"] = "https://example.org/a".into();
    data["institutions"][0]["former_names"] =
        serde_json::json!([{"name": "Old name", "acronym": "ON", "renamed": "2001"}]);
    data["tech_areas"] = serde_json::json!([{
        "key": "test-area", "name": "Test area", "parents": ["ai"],
        "aliases": ["Testing"], "definition": "An area for tests."
    }]);
    data
}

#[test]
fn a_control_character_in_any_text_field_is_rejected_with_its_path_and_key() {
    let data = every_text_field();
    Registry::from_json_str(&data.to_string()).expect("the filled-in seed loads");
    let mut paths = Vec::new();
    strings(&data, String::new(), &mut paths);
    let mut seen = Vec::new();
    for path in paths {
        let pattern = pattern(&path);
        if !TEXT_FIELDS.contains(&pattern.as_str()) || seen.contains(&pattern) {
            continue;
        }
        seen.push(pattern);
        let pointer = format!(
            "/{}",
            path.replace("].", "/")
                .replace(['[', '.'], "/")
                .replace(']', "")
        );
        let mut bad = data.clone();
        let field = bad.pointer_mut(&pointer).expect("the path");
        let text = field.as_str().expect("a string").to_owned();
        let cut = text.chars().next().map_or(0, char::len_utf8);
        *field = format!("{}\u{1}{}", &text[..cut], &text[cut..]).into();
        let entity = pointer.split('/').take(3).collect::<Vec<_>>().join("/");
        let key = bad.pointer(&format!("{entity}/key")).cloned();
        let err = Registry::from_json_str(&bad.to_string()).expect_err(&path);
        let diagnostics = err.diagnostics();
        let found = diagnostics
            .iter()
            .find(|d| d.rule() == Rule::ControlCharacter)
            .unwrap_or_else(|| panic!("{path}: {err}"));
        assert_eq!(found.path(), path);
        assert_eq!(found.key(), key.as_ref().and_then(|k| k.as_str()), "{path}");
        let at = format!(r"got \u{{1}} at byte {cut}");
        assert!(found.message().ends_with(&at), "{found}");
    }
    let missing: Vec<_> = TEXT_FIELDS
        .iter()
        .filter(|p| !seen.iter().any(|s| s == *p))
        .collect();
    assert!(missing.is_empty(), "no test data for {missing:?}");
}

/// A dataset of one institution named `name`, written as JSON escapes.
fn named(name: &str) -> String {
    serde_json::json!({"pactum": 1, "institutions": [
        {"key": "kr-gov", "name": name, "kind": "government", "country": "KR"}
    ]})
    .to_string()
}

#[test]
fn every_control_character_but_tab_and_line_feed_is_rejected() {
    let forbidden = (0..=0x1f_u32).chain(0x7f..=0x9f).filter_map(char::from_u32);
    for c in forbidden.filter(|c| !matches!(c, '\t' | '\n')) {
        let text = named(&format!("Korea{c}Government"));
        let err = Registry::from_json_str(&text).expect_err(&format!("{c:?}"));
        let rules: Vec<Rule> = err.diagnostics().iter().map(|d| d.rule()).collect();
        assert_eq!(rules, [Rule::ControlCharacter], "{c:?}");
    }
    for c in ['\u{a0}', '\u{200b}', '\u{2028}', 'é'] {
        let text = named(&format!("Korea{c}Government"));
        Registry::from_json_str(&text).unwrap_or_else(|e| panic!("{c:?}: {e}"));
    }
}

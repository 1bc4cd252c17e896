//! Every plan of a reading in parts gives what `serde_json` driving the
//! whole reading gives.

use proptest::prelude::*;

use super::Plan;
use crate::io::{load, Limits, Loader};
use crate::Registry;

/// `serde_json` driving the whole reading.
const SERDE: Plan = Plan {
    threads: 0,
    chunk: 0,
};

/// Everything a load gives: each kind's keys in handle order and the
/// saved file, or the error with every diagnostic.
fn outcome(text: &str, limits: &Limits, plan: Plan) -> String {
    match load(text, limits, plan) {
        Ok(reg) => {
            fn keys<E: crate::Entity>(all: &[E]) -> String {
                let keys: Vec<&str> = all.iter().map(|e| e.key().as_str()).collect();
                keys.join(",")
            }
            format!(
                "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
                keys(reg.sources()),
                keys(reg.tech_areas()),
                keys(reg.institutions()),
                keys(reg.partnerships()),
                keys(reg.meetings()),
                keys(reg.mous()),
                keys(reg.commitments()),
                reg.to_json_string()
            )
        }
        Err(e) => format!("{e}\n{:#?}", e.diagnostics()),
    }
}

/// Asserts that every plan gives what `serde_json` driving gives.
fn same_for_every_plan(text: &str, limits: &Limits, plans: &[Plan]) {
    let expected = outcome(text, limits, SERDE);
    let alone = Plan {
        threads: 1,
        chunk: text.len(),
    };
    assert_eq!(outcome(text, limits, alone), expected, "one thread");
    for &plan in plans {
        assert_eq!(outcome(text, limits, plan), expected, "{plan:?}");
    }
}

fn plans() -> Vec<Plan> {
    let mut plans = Vec::new();
    for threads in 2..=4 {
        for chunk in [1, 7, 40, 97, 300, 1000, 4000] {
            plans.push(Plan { threads, chunk });
        }
    }
    plans
}

fn compact(text: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    serde_json::to_string(&value).unwrap()
}

/// The seed file, pretty and compact, and a larger generated file.
fn texts() -> Vec<String> {
    let mut texts = vec![crate::SEED_JSON.to_owned(), compact(crate::SEED_JSON)];
    texts.push(generated(120));
    texts
}

/// A valid file of `n` of each agreement kind with their sources,
/// institutions and meetings, with notes that look like the structure
/// between entities.
fn generated(n: usize) -> String {
    let mut sources = Vec::new();
    let mut institutions = Vec::new();
    let mut partnerships = Vec::new();
    let mut meetings = Vec::new();
    let mut mous = Vec::new();
    for i in 0..n {
        sources.push(serde_json::json!({
            "key": format!("src-{i}"),
            "title": format!("Release {i}"),
            "publisher": "Ministry",
            "published": "2024-05-01",
        }));
        institutions.push(serde_json::json!({
            "key": format!("inst-{i}"),
            "name": format!("Institute {i} }}, {{\"key\": \"x\"}}"),
            "kind": "agency",
            "country": "KR",
        }));
    }
    for i in 0..n {
        let a = format!("inst-{i}");
        let b = format!("inst-{}", (i + 1) % n);
        partnerships.push(serde_json::json!({
            "key": format!("pact-{i}"),
            "name": format!("Partnership {i}"),
            "kind": "technology_cooperation",
            "parties": [a, b],
            "established": "2020-03",
            "sources": [format!("src-{i}")],
        }));
        meetings.push(serde_json::json!({
            "key": format!("meet-{i}"),
            "name": format!("Council {i}"),
            "kind": "council",
            "partnership": format!("pact-{i}"),
            "series": format!("series-{i}"),
            "session": 1,
            "date": format!("{}-06-1{}", 2021 + i % 5, i % 7),
            "status": "held",
            "chairs": [{"name": "A", "institution": a}, {"name": "B", "institution": b}],
            "sources": [{"source": format!("src-{i}"), "note": "}, {\"key\": \"meet-0\""}],
        }));
        mous.push(serde_json::json!({
            "key": format!("mou-{i}"),
            "title": format!("MOU {i}"),
            "signatories": [a, b],
            "signed": "2022",
            "sources": [format!("src-{i}")],
        }));
    }
    serde_json::to_string_pretty(&serde_json::json!({
        "pactum": 1,
        "sources": sources,
        "institutions": institutions,
        "partnerships": partnerships,
        "meetings": meetings,
        "mous": mous,
    }))
    .unwrap()
}

#[test]
fn generated_file_is_valid() {
    let text = generated(120);
    let reg = Registry::from_json_str(&text).unwrap();
    assert_eq!(reg.meetings().len(), 120);
    // Every plan cuts it into chunks, most of them at entity starts.
    let plan = Plan {
        threads: 2,
        chunk: 300,
    };
    let starts = plan.chunk_starts(&text);
    assert!(starts.len() > 100, "{}", starts.len());
}

/// Workers convert most entities of a file in many chunks, and the
/// calling thread takes them over.
#[test]
fn workers_convert_what_the_calling_thread_takes_over() {
    let text = generated(120);
    let mut from_workers = 0;
    // A worker that starts late finds its chunks read: try a few times.
    for _ in 0..20 {
        for (threads, chunk) in [(2, 300), (3, 1000), (4, 97)] {
            let mut loader = Loader::new(&Limits::default());
            let version = loader.read_in_parts(&text, Plan { threads, chunk });
            assert_eq!(version.ok(), Some(Some(1)));
            assert_eq!(loader.count, 600);
            assert_eq!(loader.reg.mous().len(), 120);
            // The first chunk is always the calling thread's.
            assert!(loader.from_workers < 600, "{threads} {chunk}");
            from_workers += loader.from_workers;
        }
        if from_workers > 0 {
            break;
        }
    }
    assert!(from_workers > 0);
}

/// Every well-formed file is read by hand, not handed back to serde:
/// null and empty arrays, members in any order and escaped in their
/// names, whitespace of every kind, the version anywhere.
#[test]
fn the_hand_reading_takes_every_well_formed_file() {
    let text = compact(&generated(30));
    let cases = [
        text.clone(),
        generated(30),
        text.replacen(
            "\"mous\":[",
            "\"tech_areas\":null,\"commitments\":[],\"mous\":[",
            1,
        ),
        text.replacen("\"mous\"", "\"m\\u006fus\"", 1),
        // Pretty-printed text has line breaks only between values.
        generated(30).replace('\n', " \r\n\t"),
        format!(
            "{},\"pactum\":1}}",
            text.replacen("\"pactum\":1,", "", 1).trim_end_matches('}')
        ),
        "{}".to_owned(),
        " { \"pactum\" : 1 } ".to_owned(),
        "{\"pactum\":null,\"sources\":null}".to_owned(),
    ];
    for case in cases {
        for plan in [
            Plan {
                threads: 1,
                chunk: case.len(),
            },
            Plan {
                threads: 2,
                chunk: 50,
            },
        ] {
            let mut loader = Loader::new(&Limits::default());
            let read = loader.read_in_parts(&case, plan);
            assert!(read.is_ok(), "{plan:?} {}", &case[..case.len().min(80)]);
        }
    }
}

#[test]
fn valid_files_read_alike_whatever_the_plan() {
    for text in texts() {
        same_for_every_plan(&text, &Limits::default(), &plans());
    }
}

/// Files a worker must stop in, leaving the rest to the calling thread.
#[test]
fn invalid_files_read_alike_whatever_the_plan() {
    let text = generated(60);
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut cases = Vec::new();
    // An entity with a problem late in an array.
    let mut v = value.clone();
    v["mous"][50]["signatories"] = serde_json::json!(["inst-1"]);
    cases.push(v);
    // A key taken twice, far apart.
    let mut v = value.clone();
    v["meetings"][55]["key"] = serde_json::json!("meet-3");
    cases.push(v);
    // A key taken by an invalid entity, then by a valid one.
    let mut v = value.clone();
    v["mous"][10]["signatories"] = serde_json::json!([]);
    v["mous"][45]["key"] = serde_json::json!("mou-10");
    cases.push(v);
    // A dangling reference.
    let mut v = value.clone();
    v["partnerships"][40]["parties"][1] = serde_json::json!("inst-none");
    cases.push(v);
    // A text over the limit.
    let mut v = value.clone();
    v["institutions"][33]["name"] = serde_json::json!("n".repeat(300));
    cases.push(v);
    // A field no entity has.
    let mut v = value.clone();
    v["meetings"][44]["colour"] = serde_json::json!("red");
    cases.push(v);
    // The version missing, or last.
    let mut v = value.clone();
    v.as_object_mut().unwrap().remove("pactum");
    cases.push(v);
    value
        .as_object_mut()
        .unwrap()
        .insert("pactum".into(), 2.into());
    cases.push(value);
    let limits = Limits::default().max_text_bytes(200);
    for case in cases {
        for text in [
            serde_json::to_string(&case).unwrap(),
            serde_json::to_string_pretty(&case).unwrap(),
        ] {
            same_for_every_plan(&text, &limits, &plans());
        }
    }
}

#[test]
fn texts_edited_by_hand_read_alike_whatever_the_plan() {
    let text = compact(&generated(40));
    let mous = text.find("\"mous\"").unwrap();
    let cases = [
        // A member twice, a later copy of an earlier one.
        text.replacen("\"mous\"", "\"sources\"", 1),
        // An array of null, and an empty one.
        text.replacen(
            "\"mous\":[",
            "\"tech_areas\":null,\"commitments\":[],\"mous\":[",
            1,
        ),
        // A trailing comma in an array, a missing one.
        text.replacen("}],\"mous\"", "},],\"mous\"", 1),
        text.replacen("},{\"key\":\"mou-30\"", "}{\"key\":\"mou-30\"", 1),
        // Text after the object.
        format!("{text} x"),
        // Whitespace everywhere it may be.
        text.replace(',', " ,\r\n\t").replace(':', " : "),
        // An unknown member late.
        format!("{},\"extra\":[]}}", &text[..text.len() - 1]),
        // The version last.
        format!(
            "{},\"pactum\":1}}",
            text.replacen("\"pactum\":1,", "", 1).trim_end_matches('}')
        ),
        // Cut short.
        text[..mous + 500].to_owned(),
    ];
    assert!(cases[7].ends_with(",\"pactum\":1}"));
    for case in cases {
        same_for_every_plan(&case, &Limits::default(), &plans());
    }
    // The entity limit reached inside a worker's chunk.
    same_for_every_plan(&text, &Limits::default().max_entities(150), &plans());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever is broken where, a reading in chunks gives what
    /// `serde_json` driving gives.
    #[test]
    fn damaged_files_read_alike_whatever_the_plan(
        which in 0usize..3,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..12, 0u8..3), 0..4),
        threads in 2usize..=4,
        chunk in 1usize..600,
    ) {
        let texts = texts();
        let mut text = texts[which % texts.len()].clone();
        for (at, what, how) in edits {
            // Only ASCII is edited, so the text stays UTF-8.
            let at = at.index(text.len());
            if !text.is_char_boundary(at) || !text.is_char_boundary((at + 1).min(text.len())) {
                continue;
            }
            let byte = b"{}[],:\" 0an-"[what];
            match how {
                0 => text.insert(at, char::from(byte)),
                1 if at < text.len() && text.as_bytes()[at].is_ascii() => {
                    text.replace_range(at..at + 1, &char::from(byte).to_string());
                }
                _ => {
                    let end = (at + what * 7).min(text.len());
                    if text.is_char_boundary(end) {
                        text.replace_range(at..end, "");
                    }
                }
            }
        }
        let expected = outcome(&text, &Limits::default(), SERDE);
        prop_assert_eq!(outcome(&text, &Limits::default(), Plan { threads, chunk }), expected);
    }
}

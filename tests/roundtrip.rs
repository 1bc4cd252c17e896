//! Saving is deterministic: the embedded seed file is already in canonical
//! form, and load → save → load → save gives identical bytes.

use pactum::Registry;

#[test]
fn the_seed_file_is_saved_byte_for_byte_as_it_is_stored() {
    let saved = pactum::seed().to_json_string();
    if saved != pactum::SEED_JSON {
        let line = saved
            .lines()
            .zip(pactum::SEED_JSON.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!("data/seed.json is not canonical; first difference at line {line}");
    }
}

#[test]
fn a_second_save_gives_identical_bytes() {
    let first = pactum::seed().to_json_string();
    let reloaded = Registry::from_json_str(&first).expect("a saved dataset loads");
    assert_eq!(reloaded.to_json_string(), first);
}

#[test]
fn interval_dates_are_saved_in_bracket_form() {
    let text = r#"{"pactum": 1,
        "sources": [{"key": "s", "title": "T", "published": "2023-06-30/.."}]}"#;
    let registry = Registry::from_json_str(text).expect("valid");
    let saved = registry.to_json_string();
    assert!(
        saved.contains(r#""published": "[2023-06-30..]""#),
        "{saved}"
    );
    assert_eq!(
        Registry::from_json_str(&saved)
            .expect("valid")
            .to_json_string(),
        saved
    );
}

#[test]
fn saving_to_a_file_writes_what_to_json_string_returns() {
    let dir = std::env::temp_dir().join(format!("pactum-roundtrip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("seed.json");
    let registry = pactum::seed();
    registry.save(&path).expect("saved");
    let written = std::fs::read_to_string(&path).expect("readable");
    assert_eq!(written, registry.to_json_string());
    let reloaded = Registry::from_path(&path).expect("loads");
    assert_eq!(reloaded.meetings().len(), registry.meetings().len());
    std::fs::remove_dir_all(&dir).ok();
}

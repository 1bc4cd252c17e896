//! Every file in `tests/invalid/` has one mistake (or, for
//! `many-problems-at-once.json`, several) and must be rejected with exactly
//! the diagnostics written in the `.expected` file beside it: one per line,
//! `RULE<TAB>message`.
//!
//! After changing a message on purpose, regenerate the expectations with
//! `PACTUM_BLESS=1 cargo test --test invalid_files` and review the diff.

use std::fs;
use std::path::Path;

use pactum::{LoadError, Registry, Severity};

fn report(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("a readable test file");
    match Registry::from_json_str(&text) {
        Ok(_) => panic!("{} was accepted", path.display()),
        Err(LoadError::Io(e)) => panic!("{}: unexpected i/o error {e}", path.display()),
        Err(e) => {
            let diagnostics = e.diagnostics();
            assert!(
                !diagnostics.is_empty(),
                "{}: an error without diagnostics",
                path.display()
            );
            diagnostics
                .iter()
                .map(|d| {
                    assert_eq!(d.severity(), Severity::Error, "{d}");
                    format!("{}\t{d}\n", d.rule())
                })
                .collect()
        }
    }
}

#[test]
fn every_invalid_file_is_rejected_with_its_expected_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let bless = std::env::var_os("PACTUM_BLESS").is_some();
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("the invalid corpus")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "only {} invalid files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let got = report(file);
        let expected_path = file.with_extension("expected");
        if bless {
            fs::write(&expected_path, &got).expect("writable");
            continue;
        }
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .expected file", file.display()));
        if got != expected {
            failures.push(format!(
                "{}:\n  expected:\n{expected}  got:\n{got}",
                file.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_error_rule_that_data_can_break_has_a_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut all = String::new();
    for entry in fs::read_dir(&dir).expect("the invalid corpus") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|x| x == "expected") {
            all.push_str(&fs::read_to_string(&path).expect("readable"));
        }
    }
    for rule in pactum::Rule::ALL {
        // These are about edits of a registry, not about files.
        let edit_only = matches!(
            rule,
            pactum::Rule::StillReferenced | pactum::Rule::NotFound | pactum::Rule::MergeConflict
        );
        if rule.severity() == Severity::Error && !edit_only {
            assert!(
                all.contains(&format!("{}\t", rule.code())),
                "no file breaks {rule}"
            );
        }
    }
}

//! What a user of the `pactum` command sees: every subcommand and error
//! path as a recorded session (`tests/cmd/`), the command samples of the
//! README and of `docs/cli.md`, and the behaviours a transcript cannot
//! show (a closed pipe).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn pactum() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pactum"));
    command.current_dir(workspace()).env_remove("PACTUM_DATA");
    command
}

#[test]
fn every_recorded_session_and_documented_sample_gives_its_output() {
    // Samples name files from the repository's root, as a reader runs them.
    std::env::set_current_dir(workspace()).expect("the repository exists");
    let root = workspace();
    trycmd::TestCases::new()
        .register_bin("pactum", PathBuf::from(env!("CARGO_BIN_EXE_pactum")))
        .case(root.join("cli/tests/cmd/*.trycmd"))
        .case(root.join("cli/tests/cmd/*.toml"))
        .case(root.join("README.md"))
        .case(root.join("docs/cli.md"))
        .run();
}

#[test]
fn a_closed_pipe_ends_the_command_quietly_and_successfully() {
    for args in [
        &["timeline"][..],
        &["validate", "data/seed.json", "--on", "2024-06-01"],
        &["completions", "bash"],
        &["stats", "--format", "json"],
    ] {
        let mut child = pactum()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        // Closed before the command writes anything: its first write fails.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .map(|mut e| e.read_to_string(&mut stderr));
        let status = child.wait().expect("the command ends");
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn the_readme_csv_sample_is_the_start_of_the_events_table() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("readable");
    let after = readme
        .split("so tools that know nothing of EDTF can still filter:")
        .nth(1)
        .expect("the README introduces the CSV sample");
    let sample: Vec<&str> = after
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .collect();
    assert!(sample.len() >= 2, "the sample has a header and rows");
    let dir = std::env::temp_dir().join(format!("pactum-cli-readme-{}", std::process::id()));
    let status = pactum()
        .args(["export", "--format", "csv", "--out"])
        .arg(&dir)
        .stdout(Stdio::null())
        .status()
        .expect("the binary runs");
    assert!(status.success());
    let events = std::fs::read_to_string(dir.join("events.csv")).expect("written");
    let _ = std::fs::remove_dir_all(&dir);
    let actual: Vec<&str> = events.lines().take(sample.len()).collect();
    assert_eq!(actual, sample);
}

#[test]
fn export_then_import_gives_back_the_seed_file_byte_for_byte() {
    let seed = std::fs::read_to_string(workspace().join("data/seed.json")).expect("readable");
    for format in ["csv", "parquet"] {
        let dir =
            std::env::temp_dir().join(format!("pactum-cli-import-{format}-{}", std::process::id()));
        let export = pactum()
            .args([
                "export",
                "--data",
                "data/seed.json",
                "--format",
                format,
                "--out",
            ])
            .arg(&dir)
            .stdout(Stdio::null())
            .status()
            .expect("the binary runs");
        assert!(export.success(), "{format}");
        let import = pactum()
            .arg("import")
            .arg(&dir)
            .output()
            .expect("the binary runs");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(
            String::from_utf8_lossy(&import.stderr),
            "",
            "{format}: no complaint"
        );
        assert!(import.status.success(), "{format}");
        assert!(
            String::from_utf8_lossy(&import.stdout) == seed,
            "{format}: the import differs from data/seed.json"
        );
    }
}

#[test]
fn an_import_with_a_bad_cell_names_the_file_row_and_column_and_exits_with_1() {
    let dir = std::env::temp_dir().join(format!("pactum-cli-import-bad-{}", std::process::id()));
    let export = pactum()
        .args([
            "export",
            "--data",
            "data/seed.json",
            "--format",
            "csv",
            "--out",
        ])
        .arg(&dir)
        .stdout(Stdio::null())
        .status()
        .expect("the binary runs");
    assert!(export.success());
    let table = dir.join("mous.csv");
    let text = std::fs::read_to_string(&table).expect("written");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let signed = header
        .iter()
        .position(|c| *c == "signed")
        .expect("a signed column");
    let mut cells: Vec<String> = lines[1].split(',').map(str::to_owned).collect();
    cells[signed] = "2021-8x-17".to_owned();
    lines[1] = cells.join(",");
    std::fs::write(&table, lines.join("\n") + "\n").expect("writable");
    let import = pactum().arg("import").arg(&dir).output().expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert_eq!(import.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("mous.csv, row 1, column \"signed\"") && stderr.contains("2021-8x-17"),
        "{stderr}"
    );
}

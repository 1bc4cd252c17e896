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

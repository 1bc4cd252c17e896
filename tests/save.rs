//! Saving is atomic: concurrent saves, failed saves and a process killed
//! while it saves all leave either the old file or the whole new one.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use pactum::{Registry, Source};

/// The seed dataset with `extra` more sources, so that two datasets differ
/// and a large one takes a while to write.
fn dataset(extra: usize) -> Registry {
    let mut registry = pactum::seed();
    for i in 0..extra {
        let source = Source::builder(format!("extra-{i}"), format!("An extra source, number {i}"))
            .note("Added so that the file takes a while to write.")
            .build()
            .expect("a valid source");
        registry.insert(source).expect("inserted");
    }
    registry
}

/// Every file name in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("a readable directory")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The dataset at `path` as saved text, which must be one of `expected`.
fn assert_holds_one_of(path: &Path, expected: &[&str]) {
    let loaded = Registry::from_path(path).unwrap_or_else(|e| panic!("the file loads: {e}"));
    let text = loaded.to_json_string();
    assert!(
        expected.contains(&text.as_str()),
        "the file is none of the datasets saved"
    );
    assert_eq!(std::fs::read_to_string(path).expect("readable"), text);
}

#[test]
fn a_successful_save_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("seed.json");
    let registry = dataset(0);
    registry.save(&path).expect("saved");
    registry.save(&path).expect("saved over the first");
    assert_eq!(names(dir.path()), ["seed.json"]);
}

#[test]
fn a_save_into_a_directory_that_does_not_exist_fails_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let missing = dir.path().join("missing");
    let err = dataset(0)
        .save(missing.join("seed.json"))
        .expect_err("no directory");
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound, "{err}");
    assert!(!missing.exists());
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[test]
fn a_failed_rename_leaves_the_target_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // A non-empty directory cannot be replaced by a file.
    let path = dir.path().join("taken");
    std::fs::create_dir(&path).expect("a directory");
    std::fs::write(path.join("inside"), "x").expect("a file");
    assert!(dataset(0).save(&path).is_err());
    assert_eq!(names(dir.path()), ["taken"]);
    assert_eq!(names(&path), ["inside"]);
}

#[test]
fn two_threads_saving_to_one_path_at_once_leave_one_whole_dataset() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path: Arc<PathBuf> = Arc::new(dir.path().join("data.json"));
    let small = Arc::new(dataset(0));
    let large = Arc::new(dataset(300));
    let expected = [small.to_json_string(), large.to_json_string()];
    for _ in 0..10 {
        let barrier = Arc::new(Barrier::new(2));
        let threads: Vec<_> = [Arc::clone(&small), Arc::clone(&large)]
            .into_iter()
            .map(|registry| {
                let (barrier, path) = (Arc::clone(&barrier), Arc::clone(&path));
                std::thread::spawn(move || {
                    barrier.wait();
                    registry.save(&*path)
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("no panic").expect("saved");
        }
        assert_holds_one_of(&path, &[&expected[0], &expected[1]]);
        assert_eq!(names(dir.path()), ["data.json"]);
    }
}

#[cfg(unix)]
#[test]
fn a_saved_file_gets_the_permissions_of_a_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let plain = dir.path().join("plain");
    std::fs::File::create(&plain).expect("created");
    let path = dir.path().join("seed.json");
    dataset(0).save(&path).expect("saved");
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&path), mode(&plain));
}

/// Set in the child process of the kill test: the path it saves to.
const CHILD_ENV: &str = "PACTUM_SAVE_CHILD";
const READY: &str = "pactum-save-child: saving";

/// In the child: saves the two datasets in turn until killed (or for ten
/// seconds, so that a child whose parent died stops by itself).
fn save_until_killed(path: &Path) {
    let (small, large) = (dataset(0), dataset(400));
    let start = Instant::now();
    println!("{READY}");
    while start.elapsed() < Duration::from_secs(10) {
        small.save(path).expect("saved");
        large.save(path).expect("saved");
    }
}

#[test]
fn a_process_killed_while_saving_leaves_the_old_or_the_new_dataset() {
    if let Some(path) = std::env::var_os(CHILD_ENV) {
        save_until_killed(Path::new(&path));
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("data.json");
    let expected = [dataset(0).to_json_string(), dataset(400).to_json_string()];
    dataset(0).save(&path).expect("saved");
    let exe = std::env::current_exe().expect("the test binary");
    let random = RandomState::new();
    for round in 0..20_u64 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "a_process_killed_while_saving_leaves_the_old_or_the_new_dataset",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the child starts");
        // Wait until the child saves, then kill it at a random moment.
        let stdout = child.stdout.take().expect("a pipe");
        let ready = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains(READY));
        assert!(ready, "the child never started saving");
        let pause = random.hash_one(round) % 30_000;
        std::thread::sleep(Duration::from_micros(pause));
        child.kill().expect("killed");
        child.wait().expect("reaped");
        assert_holds_one_of(&path, &[&expected[0], &expected[1]]);
    }
}

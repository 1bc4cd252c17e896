//! The same questions on three workers of `datafusion-distributed`, each a
//! process of its own on the loopback, give the answers of one node and of
//! the library (the `distributed` feature).

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{in_force_for, in_force_on, parties, rows, timeline, DAYS, PARTY_DAYS, WINDOWS};
use datafusion::prelude::SessionContext;
use pactum::export::arrow::parquet::arrow::ArrowWriter;
use pactum::export::arrow::{table_batch, write_parquet_dir};
use pactum::synth::Synth;
use pactum::Registry;
use pactum_sql::distributed::{coordinator, remote_stages, Workers};

/// How long a worker may take to listen, and a query to answer.
const PATIENCE: Duration = Duration::from_secs(120);

/// Worker processes, stopped when dropped, whatever happened.
struct Cluster(Vec<Child>);

impl Drop for Cluster {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts `n` workers on free ports of 127.0.0.1; their URLs.
fn start(n: usize) -> (Cluster, Workers) {
    let mut cluster = Cluster(Vec::new());
    let mut urls = Vec::new();
    for _ in 0..n {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pactum-sql-worker"))
            .arg("127.0.0.1:0")
            .stdout(Stdio::piped())
            .spawn()
            .expect("a worker process");
        let stdout = child.stdout.take().expect("its output");
        cluster.0.push(child);
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = send.send(line);
        });
        let line = receive.recv_timeout(PATIENCE).expect("a worker listening");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("a worker said {line:?}"));
        urls.push(url.parse().expect("an URL"));
    }
    (cluster, Workers::new(urls).expect("workers"))
}

/// Writes `table` of `registry` as `parts` Parquet files under `dir/table/`,
/// in place of the export's single file, so that its scan is spread.
fn split(registry: &Registry, dir: &Path, table: &str, parts: usize) {
    let batch = table_batch(registry, table)
        .expect("a batch")
        .expect("the table");
    std::fs::remove_file(dir.join(format!("{table}.parquet"))).expect("the export's file");
    let sub = dir.join(table);
    std::fs::create_dir(&sub).expect("a directory");
    let per = batch.num_rows().div_ceil(parts);
    for part in 0..parts {
        let offset = (part * per).min(batch.num_rows());
        let slice = batch.slice(offset, per.min(batch.num_rows() - offset));
        let file = std::fs::File::create(sub.join(format!("part-{part}.parquet"))).expect("a file");
        let mut writer = ArrowWriter::try_new(file, slice.schema(), None).expect("a writer");
        writer.write(&slice).expect("written");
        writer.close().expect("closed");
    }
}

/// The rows of `sql` on the workers, after checking that its plan sends
/// at least two tasks to them, and on one node.
async fn both(cluster: &SessionContext, single: &SessionContext, sql: &str) -> Vec<String> {
    let plan = cluster
        .sql(sql)
        .await
        .expect("a plan")
        .create_physical_plan()
        .await
        .expect("a physical plan");
    let tasks: usize = remote_stages(plan.as_ref()).iter().map(|s| s.1).sum();
    assert!(tasks >= 2, "{sql}: {tasks} tasks sent to workers");
    let spread = tokio::time::timeout(PATIENCE, rows(cluster, sql))
        .await
        .unwrap_or_else(|_| panic!("{sql}: no answer from the workers in {PATIENCE:?}"));
    assert_eq!(
        spread,
        rows(single, sql).await,
        "{sql}: workers and one node"
    );
    spread
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_workers_answer_as_one_node_and_as_the_library() {
    let registry = Synth::new(10_000)
        .multilateral(30)
        .registry()
        .expect("a dataset");
    let dir = tempfile::tempdir().expect("a directory");
    write_parquet_dir(&registry, dir.path()).expect("parquet");
    split(&registry, dir.path(), "events", 6);
    split(&registry, dir.path(), "mous", 6);
    split(&registry, dir.path(), "party_actions", 6);

    let (processes, workers) = start(3);
    let cluster = coordinator(workers, 1024).expect("a coordinator");
    pactum_sql::register_parquet_dir(&cluster, dir.path())
        .await
        .expect("tables");
    let single = SessionContext::new();
    pactum_sql::register_parquet_dir(&single, dir.path())
        .await
        .expect("tables");

    let mut compared = 0;
    for (from, to) in WINDOWS {
        let sql = format!("SELECT kind, key, certain FROM timeline('{from}', '{to}')");
        let answer = both(&cluster, &single, &sql).await;
        assert_eq!(
            answer,
            timeline(&registry, from, to),
            "timeline {from} to {to}"
        );
        compared += answer.len();
    }
    for on in DAYS {
        let sql = format!("SELECT kind, key, certain FROM in_force_on('{on}')");
        let answer = both(&cluster, &single, &sql).await;
        assert_eq!(answer, in_force_on(&registry, on), "in force on {on}");
        compared += answer.len();
    }
    for who in parties(&registry, 2) {
        for on in PARTY_DAYS {
            let sql = format!("SELECT kind, key, certain FROM in_force_for('{who}', '{on}')");
            let answer = both(&cluster, &single, &sql).await;
            assert_eq!(
                answer,
                in_force_for(&registry, &who, on),
                "in force for {who} on {on}"
            );
            compared += answer.len();
        }
    }
    // An aggregate over every event: partial sums on the workers.
    let sql = "SELECT kind, count(*), sum(CAST(certain AS INT)) \
               FROM timeline('1900-01-01', '2100-12-31') GROUP BY kind";
    assert!(both(&cluster, &single, sql).await.len() > 3);
    assert!(compared > 1_000, "{compared}");

    // The workers did the work: once they are stopped, the same query
    // fails rather than answering from the coordinator alone.
    drop(processes);
    let sql = "SELECT kind, key, certain FROM timeline('2023-01-01', '2023-12-31')";
    let without =
        tokio::time::timeout(PATIENCE, async { cluster.sql(sql).await?.collect().await }).await;
    assert!(
        matches!(without, Ok(Err(_))),
        "a query sent to stopped workers did not fail"
    );
}

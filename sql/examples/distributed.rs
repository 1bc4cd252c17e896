//! Asks the same SQL of a directory of pactum Parquet tables on one node
//! and on workers of `datafusion-distributed`, and tells whether the
//! answers are equal (the `distributed` feature):
//!
//! ```text
//! cargo run -p pactum-sql --release --features distributed --example distributed -- \
//!     DIR http://127.0.0.1:8000,http://127.0.0.1:8001 "SQL" ["SQL" …]
//! ```
//!
//! For each query: its rows and time on each side, and the stages and
//! tasks the distributed plan sends to workers (fewer than two tasks is
//! refused, as a run that was not spread, as is any difference in the
//! rows, compared as sorted text). BYTES_PER_PARTITION (1 MiB by default)
//! is how much of the Parquet files a task scans, so that a small dataset
//! is spread over the workers too. Exits 1 on any difference.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use datafusion::arrow::array::{Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::error::{DataFusionError, Result};
use datafusion::prelude::SessionContext;
use pactum_sql::distributed::datafusion_distributed::display_plan_ascii;
use pactum_sql::distributed::{coordinator, remote_stages, Workers};

/// The rows as text, cells joined by tabs, sorted.
fn rows(batches: &[RecordBatch]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for batch in batches {
        let columns = batch
            .columns()
            .iter()
            .map(|c| {
                let text = cast(c, &DataType::Utf8)?;
                text.as_any()
                    .downcast_ref::<StringArray>()
                    .cloned()
                    .ok_or_else(|| DataFusionError::Internal("expected text".to_owned()))
            })
            .collect::<Result<Vec<_>>>()?;
        for i in 0..batch.num_rows() {
            let cells: Vec<&str> = columns
                .iter()
                .map(|c| if c.is_valid(i) { c.value(i) } else { "∅" })
                .collect();
            out.push(cells.join("\t"));
        }
    }
    out.sort();
    Ok(out)
}

async fn answer(ctx: &SessionContext, sql: &str) -> Result<(Vec<String>, f64)> {
    let started = Instant::now();
    let batches = ctx.sql(sql).await?.collect().await?;
    Ok((rows(&batches)?, started.elapsed().as_secs_f64() * 1000.0))
}

async fn run(dir: &Path, workers: Workers, queries: &[String]) -> Result<bool> {
    let bytes = match std::env::var("BYTES_PER_PARTITION") {
        Ok(text) => text.parse().map_err(|e| {
            DataFusionError::Configuration(format!(
                "BYTES_PER_PARTITION: expected a number of bytes, got {text:?} ({e})"
            ))
        })?,
        Err(_) => 1 << 20,
    };
    let count = workers.urls().len();
    let cluster = coordinator(workers, bytes)?;
    pactum_sql::register_parquet_dir(&cluster, dir).await?;
    let single = SessionContext::new();
    pactum_sql::register_parquet_dir(&single, dir).await?;
    let mut same = true;
    for sql in queries {
        let plan = cluster.sql(sql).await?.create_physical_plan().await?;
        let shown = display_plan_ascii(plan.as_ref(), false);
        let stages = remote_stages(plan.as_ref());
        let tasks: usize = stages.iter().map(|(_, tasks)| tasks).sum();
        let (one, one_ms) = answer(&single, sql).await?;
        let (many, many_ms) = answer(&cluster, sql).await?;
        let equal = one == many;
        println!("{sql}");
        println!(
            "  one node: {} rows in {one_ms:.0} ms; {count} workers: {} rows in {many_ms:.0} ms, \
             {} remote stages of {tasks} tasks; {}",
            one.len(),
            many.len(),
            stages.len(),
            if equal { "same rows" } else { "DIFFERENT rows" }
        );
        if !equal {
            for (a, b) in one.iter().zip(&many).filter(|(a, b)| a != b).take(3) {
                println!("    one node: {a}\n    workers:  {b}");
            }
        }
        if tasks < 2 {
            println!("  the plan was not spread over workers:\n{shown}");
        }
        same &= equal && tasks >= 2;
    }
    Ok(same)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, workers, queries @ ..] = args.as_slice() else {
        eprintln!("usage: distributed DIR WORKER_URL[,WORKER_URL…] SQL [SQL …]");
        return ExitCode::from(2);
    };
    let outcome = match Workers::parse(workers) {
        Ok(workers) => run(Path::new(dir), workers, queries).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("distributed: {e}");
            ExitCode::FAILURE
        }
    }
}

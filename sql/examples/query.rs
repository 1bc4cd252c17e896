//! Runs SQL over a directory of pactum Parquet tables with pactum-sql and
//! prints, for each query, its rows, its time, and the Parquet row groups
//! read against those in all (from DataFusion's scan metrics):
//!
//! ```text
//! cargo run -p pactum-sql --release --example query -- DIR "SQL" ["SQL" …]
//! ```

use std::path::Path;
use std::time::Instant;

use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::error::Result;
use datafusion::prelude::SessionContext;

/// Sums `row_groups_pruned_statistics=T total → M matched` over the scans.
fn row_groups(plan: &str) -> (usize, usize) {
    let key = "row_groups_pruned_statistics=";
    let (mut total, mut matched) = (0, 0);
    for line in plan.lines() {
        let mut rest = line;
        while let Some(at) = rest.find(key) {
            rest = rest.get(at + key.len()..).unwrap_or("");
            let mut numbers = rest
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse::<usize>().ok());
            total += numbers.next().unwrap_or(0);
            matched += numbers.next().unwrap_or(0);
        }
    }
    (total, matched)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((dir, queries)) = args.split_first() else {
        eprintln!("usage: query DIR SQL [SQL …]");
        std::process::exit(2);
    };
    let ctx = SessionContext::new();
    pactum_sql::register_parquet_dir(&ctx, Path::new(dir)).await?;
    for sql in queries {
        let started = Instant::now();
        let batches = ctx.sql(sql).await?.collect().await?;
        let took = started.elapsed();
        let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
        let analysed = ctx
            .sql(&format!("EXPLAIN ANALYZE {sql}"))
            .await?
            .collect()
            .await?;
        let plan = pretty_format_batches(&analysed)?.to_string();
        let (total, matched) = row_groups(&plan);
        println!("{sql}");
        if rows <= 5 {
            println!("{}", pretty_format_batches(&batches)?);
        }
        println!(
            "  {rows} rows in {:.0} ms; row groups read {matched} of {total}",
            took.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}

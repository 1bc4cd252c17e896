//! Runs SQL over a directory of pactum Parquet tables with pactum-sql and
//! prints, for each query, its rows, its time, and the Parquet row groups
//! read against those of the files the scan opened (from DataFusion's scan
//! metrics; the files of partitions a query rules out, as `year=…`
//! directories, are never opened), after the row groups and files of
//! every table in the directory (from the files' footers):
//!
//! ```text
//! cargo run -p pactum-sql --release --example query -- DIR "SQL" ["SQL" …]
//! ```

use std::fs::File;
use std::path::Path;
use std::time::Instant;

use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::error::Result;
use datafusion::prelude::SessionContext;
use pactum::export::arrow::parquet::file::reader::{FileReader, SerializedFileReader};

/// Counts the Parquet files at `path` (a file, or a directory at any
/// depth) and their row groups.
fn footers(path: &Path, files: &mut usize, groups: &mut usize) -> std::io::Result<()> {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            footers(&entry?.path(), files, groups)?;
        }
    } else if path.extension().is_some_and(|e| e == "parquet") {
        let reader = SerializedFileReader::new(File::open(path)?)
            .map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))?;
        *files += 1;
        *groups += reader.metadata().num_row_groups();
    }
    Ok(())
}

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
    let mut tables: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "parquet"))
        .collect();
    tables.sort();
    for table in tables {
        let (mut files, mut groups) = (0, 0);
        footers(&table, &mut files, &mut groups)?;
        let name = table.file_stem().unwrap_or_default().to_string_lossy();
        println!("{name}: {groups} row groups in {files} files");
    }
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
            "  {rows} rows in {:.0} ms; row groups read {matched} of {total} in the files opened",
            took.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}

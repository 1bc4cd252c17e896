//! The table functions plan plain inequalities that reach the Parquet
//! scan, so that row groups are skipped by their statistics.

use std::fs::File;

use datafusion::arrow::compute::kernels::boolean::{and, is_not_null, not};
use datafusion::arrow::compute::{filter_record_batch, sort_to_indices, take_record_batch};
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::SessionContext;
use pactum::export::arrow::parquet::arrow::ArrowWriter;
use pactum::export::arrow::parquet::file::properties::WriterProperties;
use pactum::export::arrow::{table_batch, write_parquet_dir};
use pactum::synth::Synth;

/// The plan (or, analysed, the plan with its metrics) as text.
async fn explain(ctx: &SessionContext, sql: &str) -> String {
    let batches = ctx
        .sql(sql)
        .await
        .expect("a plan")
        .collect()
        .await
        .expect("a plan");
    pretty_format_batches(&batches).expect("text").to_string()
}

/// A synthetic dataset's Parquet export whose events come in row groups
/// of 500, sorted by earliest day, those of one day and those of
/// several in two files.
async fn small_row_groups() -> (tempfile::TempDir, SessionContext) {
    let registry = Synth::new(10_000)
        .precise(true)
        .registry()
        .expect("a dataset");
    let dir = tempfile::tempdir().expect("a directory");
    write_parquet_dir(&registry, dir.path()).expect("parquet");
    let events = table_batch(&registry, "events")
        .expect("a batch")
        .expect("the events");
    // An open side has no statistics to skip a row group by: the events
    // with both sides known show what pruning does.
    let known = |name: &str| {
        let column = events.column_by_name(name).expect("a day column");
        is_not_null(column.as_ref()).expect("a mask")
    };
    let both = and(&known("date_earliest"), &known("date_latest")).expect("a mask");
    let events = filter_record_batch(&events, &both).expect("the events with both sides");
    // Events of several days in files of their own: a row group that
    // mixes them with events of one day cannot be skipped by its latest
    // days (an open end is a null `end_latest`, as no end is).
    std::fs::remove_file(dir.path().join("events.parquet")).expect("the export's events");
    std::fs::create_dir(dir.path().join("events")).expect("a directory");
    let ends = is_not_null(events.column_by_name("end").expect("an end column")).expect("a mask");
    let one_day = filter_record_batch(&events, &not(&ends).expect("a mask")).expect("events");
    let several = filter_record_batch(&events, &ends).expect("events");
    for (name, batch) in [("part-0.parquet", one_day), ("part-1.parquet", several)] {
        // Sorted by earliest day, as the generator of the benchmarks sorts.
        let order = sort_to_indices(
            batch.column_by_name("date_earliest").expect("days"),
            None,
            None,
        )
        .expect("an order");
        let batch = take_record_batch(&batch, &order).expect("sorted events");
        let props = WriterProperties::builder()
            .set_max_row_group_row_count(Some(500))
            .build();
        let file = File::create(dir.path().join("events").join(name)).expect("a file");
        let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(props)).expect("a writer");
        writer.write(&batch).expect("written");
        writer.close().expect("closed");
    }
    let ctx = SessionContext::new();
    pactum_sql::register_parquet_dir(&ctx, dir.path())
        .await
        .expect("tables");
    (dir, ctx)
}

#[tokio::test(flavor = "current_thread")]
async fn the_window_of_a_timeline_reaches_the_parquet_scan() {
    let (_dir, ctx) = small_row_groups().await;
    let plan = explain(
        &ctx,
        "EXPLAIN SELECT * FROM timeline('2023-06-01', '2023-06-30')",
    )
    .await;
    let scan = plan
        .lines()
        .find(|l| l.contains("DataSourceExec") && l.contains("part-0.parquet"))
        .unwrap_or_else(|| panic!("no scan of events in\n{plan}"));
    assert!(scan.contains("pruning_predicate="), "{scan}");
    assert!(
        scan.contains("date_earliest_max") || scan.contains("date_earliest_min"),
        "{scan}"
    );
    assert!(scan.contains("date_latest_max"), "{scan}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_one_month_window_skips_the_row_groups_after_it() {
    let (_dir, ctx) = small_row_groups().await;
    let plan = explain(
        &ctx,
        "EXPLAIN ANALYZE SELECT count(*) FROM timeline('2023-06-01', '2023-06-30')",
    )
    .await;
    let metrics = plan
        .lines()
        .find(|l| l.contains("row_groups_pruned_statistics"))
        .unwrap_or_else(|| panic!("no pruning metrics in\n{plan}"));
    let (total, matched) = row_groups(metrics).unwrap_or_else(|| panic!("{metrics}"));
    assert!(total >= 20, "{metrics}");
    // The row groups after the window are skipped by their earliest days.
    // Those before it are not yet skipped by their latest days on this
    // data (51 of 57 read): see BENCHMARKS.md, "SQL on DataFusion".
    assert!(
        matched < total,
        "{matched} of {total} row groups read: {metrics}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_day_of_in_force_on_reaches_the_parquet_scan() {
    let (_dir, ctx) = small_row_groups().await;
    let plan = explain(&ctx, "EXPLAIN SELECT * FROM in_force_on('2024-06-01')").await;
    let scan = plan
        .lines()
        .find(|l| l.contains("DataSourceExec") && l.contains("mous.parquet"))
        .unwrap_or_else(|| panic!("no scan of mous in\n{plan}"));
    assert!(scan.contains("pruning_predicate="), "{scan}");
    assert!(scan.contains("start_earliest"), "{scan}");
}

/// The row groups in all and those read, from the metric
/// `row_groups_pruned_statistics=T total → M matched`.
fn row_groups(metrics: &str) -> Option<(usize, usize)> {
    let at = metrics.find("row_groups_pruned_statistics=")?;
    let rest = metrics.get(at + "row_groups_pruned_statistics=".len()..)?;
    let mut numbers = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().ok());
    Some((numbers.next()??, numbers.next()??))
}

#[test]
fn the_metric_reads_as_total_then_matched() {
    let line = "metrics=[row_groups_pruned_statistics=40 total \u{2192} 3 matched, x=1]";
    assert_eq!(row_groups(line), Some((40, 3)));
}

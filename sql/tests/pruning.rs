//! The table functions plan plain inequalities that reach the Parquet
//! scan, so that row groups are skipped by their statistics.

use std::fs::File;
use std::path::Path;

use datafusion::arrow::compute::kernels::boolean::{and, is_not_null, not};
use datafusion::arrow::compute::{filter_record_batch, sort_to_indices, take_record_batch};
use datafusion::arrow::record_batch::RecordBatch;
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

/// Rows in a row group of the test files: small, so that a window of one
/// month is a few row groups among hundreds.
const ROW_GROUP: usize = 100;

/// The events of a synthetic dataset with both sides of their dates known,
/// sorted by earliest day. An open side is a null that no statistics can
/// skip a row group by, rightly: an event with an open end is possibly in
/// every later window. The synthetic dataset has a few; real exports too.
fn known_events() -> (tempfile::TempDir, RecordBatch) {
    let registry = Synth::new(10_000)
        .precise(true)
        .registry()
        .expect("a dataset");
    let dir = tempfile::tempdir().expect("a directory");
    write_parquet_dir(&registry, dir.path()).expect("parquet");
    std::fs::remove_file(dir.path().join("events.parquet")).expect("the export's events");
    std::fs::create_dir(dir.path().join("events")).expect("a directory");
    let events = table_batch(&registry, "events")
        .expect("a batch")
        .expect("the events");
    let known = |name: &str| {
        let column = events.column_by_name(name).expect("a day column");
        is_not_null(column.as_ref()).expect("a mask")
    };
    let both = and(&known("date_earliest"), &known("date_latest")).expect("a mask");
    let events = filter_record_batch(&events, &both).expect("the events with both sides");
    let order = sort_to_indices(
        events.column_by_name("date_earliest").expect("days"),
        None,
        None,
    )
    .expect("an order");
    let events = take_record_batch(&events, &order).expect("sorted events");
    (dir, events)
}

/// Writes `batch` as the Parquet file `events/NAME` of `dir`, in row
/// groups of [`ROW_GROUP`] rows.
fn write_events(dir: &Path, name: &str, batch: &RecordBatch) {
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .build();
    let file = File::create(dir.join("events").join(name)).expect("a file");
    let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(props)).expect("a writer");
    writer.write(batch).expect("written");
    writer.close().expect("closed");
}

async fn session(dir: &Path) -> SessionContext {
    let ctx = SessionContext::new();
    pactum_sql::register_parquet_dir(&ctx, dir)
        .await
        .expect("tables");
    ctx
}

/// A synthetic dataset's Parquet export whose events are one file, sorted
/// by earliest day, events of one day and of several mixed in each row
/// group.
async fn one_file() -> (tempfile::TempDir, SessionContext) {
    let (dir, events) = known_events();
    write_events(dir.path(), "part-0.parquet", &events);
    let ctx = session(dir.path()).await;
    (dir, ctx)
}

/// The same events in two files, those of one day and those of several:
/// the first has no end at all, which DataFusion reads as a constant null.
async fn two_files() -> (tempfile::TempDir, SessionContext) {
    let (dir, events) = known_events();
    let ends = is_not_null(events.column_by_name("end").expect("an end column")).expect("a mask");
    let one_day = filter_record_batch(&events, &not(&ends).expect("a mask")).expect("events");
    let several = filter_record_batch(&events, &ends).expect("events");
    write_events(dir.path(), "part-0.parquet", &one_day);
    write_events(dir.path(), "part-1.parquet", &several);
    let ctx = session(dir.path()).await;
    (dir, ctx)
}

/// The row groups of the events' scans in all and those read, by
/// `EXPLAIN ANALYZE` of `sql`.
async fn row_groups_read(ctx: &SessionContext, sql: &str) -> (usize, usize) {
    let plan = explain(ctx, &format!("EXPLAIN ANALYZE {sql}")).await;
    let (mut total, mut read) = (0, 0);
    for line in plan.lines().filter(|l| l.contains("DataSourceExec")) {
        let (t, r) = row_groups(line).unwrap_or_else(|| panic!("no pruning metrics in\n{plan}"));
        total += t;
        read += r;
    }
    (total, read)
}

#[tokio::test(flavor = "current_thread")]
async fn the_window_of_a_timeline_reaches_the_parquet_scan() {
    let (_dir, ctx) = one_file().await;
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

const MONTH: &str = "SELECT count(*) FROM timeline('2023-06-01', '2023-06-30')";

#[tokio::test(flavor = "current_thread")]
async fn a_one_month_window_reads_under_5_percent_of_the_row_groups_of_one_file() {
    let (_dir, ctx) = one_file().await;
    let (total, read) = row_groups_read(&ctx, MONTH).await;
    eprintln!("a month read {read} of {total} row groups");
    assert!(total >= 200, "{read} of {total}");
    // Both sides are skipped: the row groups after the window by their
    // earliest days, those before it by their latest days and ends.
    assert!(read * 20 < total, "{read} of {total} row groups read");
    assert!(read > 0, "{read} of {total} row groups read");
}

#[tokio::test(flavor = "current_thread")]
async fn a_one_month_window_reads_under_5_percent_of_the_row_groups_of_a_file_without_ends() {
    let (_dir, ctx) = two_files().await;
    let (total, read) = row_groups_read(&ctx, MONTH).await;
    eprintln!("a month read {read} of {total} row groups");
    assert!(total >= 200, "{read} of {total}");
    assert!(read * 20 < total, "{read} of {total} row groups read");
}

#[tokio::test(flavor = "current_thread")]
async fn the_month_read_from_few_row_groups_is_the_whole_answer() {
    let (dir, ctx) = one_file().await;
    let pruned = explain(&ctx, MONTH).await;
    let ctx = SessionContext::new_with_config(
        datafusion::prelude::SessionConfig::new()
            .set_bool("datafusion.execution.parquet.pruning", false),
    );
    pactum_sql::register_parquet_dir(&ctx, dir.path())
        .await
        .expect("tables");
    assert_eq!(explain(&ctx, MONTH).await, pruned);
}

#[tokio::test(flavor = "current_thread")]
async fn the_day_of_in_force_on_reaches_the_parquet_scan() {
    let (_dir, ctx) = one_file().await;
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

/// The timeline recipe tells an open end by its text (`"end" >= '['`),
/// which holds only if every date with an open end is written in brackets.
#[test]
fn every_date_with_an_open_end_is_written_in_brackets() {
    for text in [
        "2023-09-01/..",
        "[2023-09-01..]",
        "[2020,2023-09..]",
        "[2023-01..2023-03,2024..]",
        "2023-09/..",
    ] {
        let date = pactum::Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(date.latest(), None, "{text}");
        assert!(
            date.to_string().starts_with('['),
            "{text} is written {date}"
        );
    }
    for text in ["2023-09-01", "2023", "2023-XX-03", "2023-09-01~", "202X"] {
        let date = pactum::Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(date.to_string().as_str() < "[", "{text} is written {date}");
    }
}

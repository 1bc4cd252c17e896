//! Arrow and Parquet export (feature `arrow`): the Parquet files read back
//! hold the same tables, typed.
#![cfg(feature = "arrow")]

use arrow_array::{Array, Date32Array, RecordBatch, StringArray, UInt32Array};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn read_back(path: &std::path::Path) -> RecordBatch {
    let file = std::fs::File::open(path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    // The seed tables are small: one batch each.
    assert_eq!(batches.len(), 1);
    batches[0].clone()
}

fn text<'a>(batch: &'a RecordBatch, column: &str) -> &'a StringArray {
    batch
        .column_by_name(column)
        .unwrap()
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap()
}

fn days<'a>(batch: &'a RecordBatch, column: &str) -> &'a Date32Array {
    batch
        .column_by_name(column)
        .unwrap()
        .as_any()
        .downcast_ref::<Date32Array>()
        .unwrap()
}

fn row(batch: &RecordBatch, key: &str) -> usize {
    let keys = text(batch, "key");
    (0..keys.len()).find(|&i| keys.value(i) == key).unwrap()
}

#[test]
fn seed_parquet_files_read_back_with_the_same_rows_and_typed_days() {
    let registry = pactum::seed();
    let dir = std::env::temp_dir().join(format!("pactum-parquet-{}", std::process::id()));
    let written = pactum::export::arrow::write_parquet_dir(&registry, &dir).unwrap();
    assert_eq!(written.len(), 16);

    let events = read_back(&dir.join("events.parquet"));
    assert_eq!(events.num_rows(), registry.events().len());
    assert_eq!(
        events
            .schema()
            .field_with_name("date_earliest")
            .unwrap()
            .data_type(),
        &DataType::Date32
    );
    // "No later than 2023-08-06": the open start is null, the end a day.
    let review = row(&events, "kr-us-mou-review-2023");
    assert!(days(&events, "date_earliest").is_null(review));
    assert_eq!(
        days(&events, "date_latest").value_as_date(review),
        chrono::NaiveDate::from_ymd_opt(2023, 8, 6)
    );
    assert_eq!(text(&events, "date").value(review), "[..2023-08-06]");
    assert_eq!(text(&events, "partnership").value(review), "kr-us-tech");

    let meetings = read_back(&dir.join("meetings.parquet"));
    assert_eq!(meetings.num_rows(), 9);
    let sessions = meetings
        .column_by_name("session")
        .unwrap()
        .as_any()
        .downcast_ref::<UInt32Array>()
        .unwrap();
    assert_eq!(sessions.value(row(&meetings, "eu-kr-dpc-2")), 2);
    assert!(sessions.is_null(row(&meetings, "vn-kr-danang-conference-2023")));

    let partnerships = read_back(&dir.join("partnerships.parquet"));
    let vn = row(&partnerships, "vn-kr-csp");
    // Established on 2022-12-05 (Yonhap), which refines the seed
    // article's "late 2022" (issue 21).
    assert_eq!(
        days(&partnerships, "established_earliest").value_as_date(vn),
        chrono::NaiveDate::from_ymd_opt(2022, 12, 5)
    );
    // A date not recorded is null in its text column too.
    let us = row(&partnerships, "kr-us-tech");
    assert!(text(&partnerships, "established").is_null(us));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn batches_come_in_file_order_with_a_row_per_entity() {
    let registry = pactum::seed();
    let batches = pactum::export::arrow::batches(&registry).unwrap();
    let rows: Vec<(&str, usize)> = batches.iter().map(|(n, b)| (*n, b.num_rows())).collect();
    assert_eq!(
        rows,
        [
            // The seed cites the public sources behind its notes, records
            // the National Assembly and seven more commitments (issue 21).
            ("sources", 15),
            ("tech_areas", registry.tech_areas().len()),
            ("institutions", 23),
            ("partnerships", 5),
            ("meetings", 9),
            ("mous", 1),
            ("commitments", 12),
            ("events", 18),
            ("party_actions", 0),
            ("mou_parties", 0),
            // The state visit's attendee, the narrowed citations and the
            // inferred claims of issue 21.
            ("officials", 15),
            ("former_names", 0),
            ("predecessors", 1),
            ("relations", 0),
            ("citations", 65),
            ("claims", 45),
        ]
    );
}

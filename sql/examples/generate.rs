//! Writes a synthetic dataset of events and MOUs as partitioned Parquet,
//! in bounded memory, for the SQL benchmarks of `BENCHMARKS.md`:
//!
//! ```text
//! cargo run -p pactum-sql --release --example generate -- EVENTS OUT_DIR [ROW_GROUP]
//! ```
//!
//! `OUT_DIR/events/year=YYYY/part-0.parquet` holds one year of events (the
//! years 1950 to 2049, EVENTS / 100 each), sorted by earliest then latest
//! day, in row groups of ROW_GROUP rows (65,536 by default), so that a
//! window reads only the row groups its days fall in;
//! `OUT_DIR/mous/year=YYYY/part-0.parquet` holds EVENTS / 20 MOUs by the
//! year of their start, sorted by start. Only one year is in memory at a
//! time. Dates are days (80%), months, years, a one-of list of two days or
//! a day of an unknown month; some meetings last several days. No date is
//! open-ended: an open side has no statistics to skip a row group by.

use std::fs::{create_dir_all, File};
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use pactum::export::arrow::arrow_array::{ArrayRef, Date32Array, RecordBatch, StringArray};
use pactum::export::arrow::arrow_schema::{DataType, Field, Schema};
use pactum::export::arrow::parquet::arrow::ArrowWriter;
use pactum::export::arrow::parquet::basic::Compression;
use pactum::export::arrow::parquet::file::properties::WriterProperties;

const FIRST_YEAR: i32 = 1950;
const YEARS: i32 = 100;

/// A date: its EDTF text and its earliest and latest days.
struct Vague {
    text: String,
    first: NaiveDate,
    last: NaiveDate,
}

fn days(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    i32::try_from((d - epoch).num_days()).unwrap_or(0)
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(next.0, next.1, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

fn vague(rng: &mut fastrand::Rng, day: NaiveDate) -> Vague {
    let (y, m) = (day.year(), day.month());
    let roll = rng.u32(..100);
    let exact = |d: NaiveDate| Vague {
        text: ymd(d),
        first: d,
        last: d,
    };
    match roll {
        0..=79 => exact(day),
        80..=91 => Vague {
            text: format!("{y:04}-{m:02}"),
            first: NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(day),
            last: month_end(y, m),
        },
        92..=96 => Vague {
            text: format!("{y:04}"),
            first: NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(day),
            last: NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(day),
        },
        97..=98 => {
            let other = day + chrono::Days::new(rng.u64(1..30));
            Vague {
                text: format!("[{},{}]", ymd(day), ymd(other)),
                first: day,
                last: other,
            }
        }
        _ => {
            let d = day.day().min(28);
            Vague {
                text: format!("{y:04}-XX-{d:02}"),
                first: NaiveDate::from_ymd_opt(y, 1, d).unwrap_or(day),
                last: NaiveDate::from_ymd_opt(y, 12, d).unwrap_or(day),
            }
        }
    }
}

const KINDS: [(&str, &str); 8] = [
    ("meeting_held", "meeting"),
    ("meeting_held", "meeting"),
    ("meeting_held", "meeting"),
    ("mou_signed", "mou"),
    ("mou_entered_into_force", "mou"),
    ("commitment_due", "commitment"),
    ("party_ratification", "mou"),
    ("partnership_established", "partnership"),
];

fn text(v: Vec<Option<String>>) -> ArrayRef {
    Arc::new(v.into_iter().collect::<StringArray>())
}

fn day_column(v: Vec<Option<i32>>) -> ArrayRef {
    Arc::new(Date32Array::from(v))
}

/// One year of events, sorted by earliest then latest day.
fn events(rng: &mut fastrand::Rng, year: i32, count: usize, base: usize) -> Vec<ArrayRef> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let mut rows: Vec<(Vague, Option<Vague>, usize, usize)> = (0..count)
        .map(|i| {
            let day = start + chrono::Days::new(rng.u64(0..365));
            let date = vague(rng, day);
            let kind = rng.usize(..KINDS.len());
            let end = (kind < 3 && date.text.len() == 10 && rng.u32(..10) < 3).then(|| {
                let last = day + chrono::Days::new(rng.u64(1..4));
                Vague {
                    text: ymd(last),
                    first: last,
                    last,
                }
            });
            (date, end, kind, base + i)
        })
        .collect();
    rows.sort_by_key(|(d, e, _, _)| (d.first, e.as_ref().map_or(d.last, |e| e.last)));
    let mut cols: Vec<Vec<Option<String>>> = (0..7).map(|_| Vec::with_capacity(count)).collect();
    let mut day_cols: Vec<Vec<Option<i32>>> = (0..4).map(|_| Vec::with_capacity(count)).collect();
    for (date, end, kind, n) in rows {
        let (kind, entity) = KINDS.get(kind).copied().unwrap_or(KINDS[0]);
        let values = [
            Some(kind.to_owned()),
            Some(entity.to_owned()),
            Some(format!("e{n:09}")),
            (n % 2 == 0).then(|| format!("p{:06}", n % 100_000)),
            Some(format!("Event {n}")),
            Some(date.text),
            end.as_ref().map(|e| e.text.clone()),
        ];
        for (col, value) in cols.iter_mut().zip(values) {
            col.push(value);
        }
        let bounds = [
            Some(days(date.first)),
            Some(days(date.last)),
            end.as_ref().map(|e| days(e.first)),
            end.as_ref().map(|e| days(e.last)),
        ];
        for (col, value) in day_cols.iter_mut().zip(bounds) {
            col.push(value);
        }
    }
    let mut day_cols = day_cols.into_iter().map(day_column);
    let mut cols = cols.into_iter().map(text);
    let mut next_text = || cols.next().unwrap_or_else(|| text(Vec::new()));
    let (kind, entity, key, partnership, label, date, end) = (
        next_text(),
        next_text(),
        next_text(),
        next_text(),
        next_text(),
        next_text(),
        next_text(),
    );
    let mut next_day = || day_cols.next().unwrap_or_else(|| day_column(Vec::new()));
    let (de, dl, ee, el) = (next_day(), next_day(), next_day(), next_day());
    let qualifier = text(vec![None; count]);
    vec![
        kind,
        entity,
        key,
        partnership,
        label,
        date,
        de,
        dl,
        end,
        ee,
        el,
        qualifier,
    ]
}

fn events_schema() -> Arc<Schema> {
    let t = |n: &str| Field::new(n, DataType::Utf8, true);
    let d = |n: &str| Field::new(n, DataType::Date32, true);
    Arc::new(Schema::new(vec![
        t("kind"),
        t("entity_kind"),
        t("key"),
        t("partnership"),
        t("label"),
        t("date"),
        d("date_earliest"),
        d("date_latest"),
        t("end"),
        d("end_earliest"),
        d("end_latest"),
        t("qualifier"),
    ]))
}

fn mous_schema() -> Arc<Schema> {
    let t = |n: &str| Field::new(n, DataType::Utf8, true);
    let d = |n: &str| Field::new(n, DataType::Date32, true);
    let mut fields = vec![t("key"), t("title"), t("signatories")];
    for date in [
        "signed",
        "entry_into_force",
        "start",
        "expiry",
        "termination",
    ] {
        fields.push(t(date));
        fields.push(d(&format!("{date}_earliest")));
        fields.push(d(&format!("{date}_latest")));
    }
    Arc::new(Schema::new(fields))
}

/// One year of MOUs, by the year they start, sorted by start.
fn mous(rng: &mut fastrand::Rng, year: i32, count: usize, base: usize) -> Vec<ArrayRef> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let mut rows: Vec<[Option<Vague>; 5]> = (0..count)
        .map(|_| {
            let day = start + chrono::Days::new(rng.u64(0..365));
            let signed = vague(rng, day);
            let force = {
                let later = day + chrono::Days::new(rng.u64(0..200));
                (rng.u32(..10) < 7).then(|| vague(rng, later))
            };
            let begins = force.as_ref().unwrap_or(&signed);
            let begins = Vague {
                text: begins.text.clone(),
                first: begins.first,
                last: begins.last,
            };
            let years = [1u64, 3, 5, 10][rng.usize(..4)];
            let expiry = (rng.u32(..10) < 6)
                .then(|| vague(rng, begins.last + chrono::Days::new(365 * years)));
            let termination = (rng.u32(..20) == 0).then(|| {
                let later = begins.last + chrono::Days::new(rng.u64(30..2000));
                vague(rng, later)
            });
            [Some(signed), force, Some(begins), expiry, termination]
        })
        .collect();
    rows.sort_by_key(|r| r[2].as_ref().map(|s| (s.first, s.last)));
    let mut cols: Vec<ArrayRef> = vec![
        text(
            (0..count)
                .map(|i| Some(format!("m{:09}", base + i)))
                .collect(),
        ),
        text(
            (0..count)
                .map(|i| Some(format!("MOU {}", base + i)))
                .collect(),
        ),
        text(
            (0..count)
                .map(|i| Some(format!("i{:05};i{:05}", i % 997, i % 991 + 1000)))
                .collect(),
        ),
    ];
    for field in 0..5 {
        fn get(r: &[Option<Vague>; 5], field: usize) -> Option<&Vague> {
            r.get(field).and_then(Option::as_ref)
        }
        cols.push(text(
            rows.iter()
                .map(|r| get(r, field).map(|v| v.text.clone()))
                .collect(),
        ));
        cols.push(day_column(
            rows.iter()
                .map(|r| get(r, field).map(|v| days(v.first)))
                .collect(),
        ));
        cols.push(day_column(
            rows.iter()
                .map(|r| get(r, field).map(|v| days(v.last)))
                .collect(),
        ));
    }
    cols
}

fn write(
    dir: &Path,
    schema: Arc<Schema>,
    columns: Vec<ArrayRef>,
    row_group: usize,
) -> Result<(), String> {
    create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join("part-0.parquet");
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(|e| e.to_string())?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(row_group))
        .build();
    let file = File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut writer = ArrowWriter::try_new(file, schema, Some(props)).map_err(|e| e.to_string())?;
    writer.write(&batch).map_err(|e| e.to_string())?;
    writer.close().map_err(|e| e.to_string())?;
    Ok(())
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: generate EVENTS OUT_DIR [ROW_GROUP]";
    let total: usize = args.first().and_then(|a| a.parse().ok()).ok_or(usage)?;
    let out = Path::new(args.get(1).ok_or(usage)?);
    let row_group: usize = args
        .get(2)
        .map_or(Some(65_536), |a| a.parse().ok())
        .filter(|&n| n > 0)
        .ok_or(usage)?;
    let mut rng = fastrand::Rng::with_seed(25);
    let per_year = total / YEARS as usize;
    for (i, year) in (FIRST_YEAR..FIRST_YEAR + YEARS).enumerate() {
        let dir = out.join("events").join(format!("year={year}"));
        write(
            &dir,
            events_schema(),
            events(&mut rng, year, per_year, i * per_year),
            row_group,
        )?;
        let dir = out.join("mous").join(format!("year={year}"));
        let count = per_year / 20;
        write(
            &dir,
            mous_schema(),
            mous(&mut rng, year, count, i * count),
            row_group,
        )?;
    }
    println!(
        "{} events, {} mous in {}",
        per_year * YEARS as usize,
        per_year / 20 * YEARS as usize,
        out.display()
    );
    Ok(())
}

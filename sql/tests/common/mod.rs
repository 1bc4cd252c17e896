//! pactum's own answers, as sorted rows of text, for the SQL tests.

#![allow(dead_code)]

use chrono::NaiveDate;
use datafusion::arrow::array::{Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::prelude::SessionContext;
use pactum::{CommitmentState, Hit, Registry, Window};

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
}

/// The rows of `sql`, each its columns as text joined with `,`, sorted.
pub async fn rows(ctx: &SessionContext, sql: &str) -> Vec<String> {
    let batches = ctx
        .sql(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .collect()
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let mut out = Vec::new();
    for batch in batches {
        let columns: Vec<StringArray> = batch
            .columns()
            .iter()
            .map(|c| {
                let text = cast(c, &DataType::Utf8).expect("text");
                text.as_any()
                    .downcast_ref::<StringArray>()
                    .expect("text")
                    .clone()
            })
            .collect();
        for i in 0..batch.num_rows() {
            let cells: Vec<&str> = columns
                .iter()
                .map(|c| if c.is_valid(i) { c.value(i) } else { "" })
                .collect();
            out.push(cells.join(","));
        }
    }
    out.sort();
    out
}

pub fn sorted(mut rows: Vec<String>) -> Vec<String> {
    rows.sort();
    rows
}

pub fn timeline(registry: &Registry, from: &str, to: &str) -> Vec<String> {
    window_rows(registry, from, to, |h| {
        format!(
            "{},{},{}",
            h.event().kind().as_str(),
            h.event().key(),
            h.is_certain()
        )
    })
}

/// The events possibly in the window from `from` to `to`, each as `row`
/// makes it, sorted.
fn window_rows(
    registry: &Registry,
    from: &str,
    to: &str,
    row: impl Fn(Hit<'_>) -> String,
) -> Vec<String> {
    let window = Window::new(day(from), day(to)).expect("a window");
    let hits = registry
        .timeline()
        .within(window)
        .run()
        .expect("a timeline");
    sorted(hits.map(row).collect())
}

pub fn in_force_on(registry: &Registry, on: &str) -> Vec<String> {
    sorted(
        registry
            .in_force_on(day(on))
            .iter()
            .map(|f| {
                format!(
                    "{},{},{}",
                    kind(f.agreement()),
                    f.agreement().key(),
                    f.is_certain()
                )
            })
            .collect(),
    )
}

pub fn kind(agreement: pactum::Agreement<'_>) -> &'static str {
    match agreement {
        pactum::Agreement::Partnership(_) => "partnership",
        _ => "mou",
    }
}

pub fn in_force_for(registry: &Registry, who: &str, on: &str) -> Vec<String> {
    sorted(
        registry
            .in_force_for(who, day(on))
            .expect("a known institution")
            .iter()
            .map(|f| {
                format!(
                    "{},{},{}",
                    kind(f.agreement()),
                    f.agreement().key(),
                    f.is_certain()
                )
            })
            .collect(),
    )
}

pub fn overdue(registry: &Registry, on: &str) -> Vec<String> {
    sorted(
        registry
            .commitments_as_of(CommitmentState::Overdue, day(on))
            .iter()
            .map(|h| format!("{},{}", h.commitment().key(), h.is_certain()))
            .collect(),
    )
}

pub const DAYS: [&str; 7] = [
    "1990-01-01",
    "2001-02-28",
    "2010-06-15",
    "2019-12-31",
    "2023-06-01",
    "2024-06-01",
    "2040-01-01",
];

/// The days the party questions are asked on: each is a long recipe.
pub const PARTY_DAYS: [&str; 3] = ["2001-02-28", "2019-12-31", "2024-06-01"];

pub const WINDOWS: [(&str, &str); 6] = [
    ("2023-06-01", "2023-06-30"),
    ("2023-01-01", "2023-12-31"),
    ("2024-03-26", "2024-03-26"),
    ("2010-01-01", "2010-01-31"),
    ("1900-01-01", "2100-12-31"),
    ("2000-01-01", "2004-12-31"),
];

/// The institutions that act as parties most often, then a few others.
pub fn parties(registry: &Registry, most: usize) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for mou in registry.mous() {
        for party in mou.parties() {
            *counts
                .entry(party.institution().as_str().to_owned())
                .or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, String)> = counts.into_iter().map(|(k, n)| (n, k)).collect();
    ranked.sort_by(|a, b| b.cmp(a));
    let mut keys: Vec<String> = ranked.into_iter().take(most).map(|(_, k)| k).collect();
    keys.extend(
        registry
            .institutions()
            .iter()
            .step_by(registry.institutions().len() / most + 1)
            .take(most)
            .map(|i| i.key().as_str().to_owned()),
    );
    keys.sort();
    keys.dedup();
    keys
}

/// The events possibly in the window, with their date and end as text.
pub fn timeline_with_dates(registry: &Registry, from: &str, to: &str) -> Vec<String> {
    window_rows(registry, from, to, |h| {
        let e = h.event();
        let end = e.end().map(ToString::to_string).unwrap_or_default();
        format!(
            "{},{},{},{},{end}",
            e.kind().as_str(),
            e.key(),
            h.is_certain(),
            e.date()
        )
    })
}

/// The next meeting of `thread` after `on`, as `key,certain` (none: no row).
pub fn next_meeting(registry: &Registry, thread: &str, on: &str) -> Vec<String> {
    meeting_row(registry.next_meeting(thread, day(on)))
}

/// The previous meeting of `thread` before `on`, as `key,certain`.
pub fn previous_meeting(registry: &Registry, thread: &str, on: &str) -> Vec<String> {
    meeting_row(registry.previous_meeting(thread, day(on)))
}

/// A meeting found (or not) for a known thread, as `key,certain`.
fn meeting_row(found: Result<Option<Hit<'_>>, pactum::QueryError>) -> Vec<String> {
    let hit = found.expect("a known partnership or series");
    hit.map(|h| format!("{},{}", h.event().key(), h.is_certain()))
        .into_iter()
        .collect()
}

/// The gaps between the meetings of `thread`, as `from,to,min,max` (an
/// unknown side empty), in the library's order.
pub fn cadence(registry: &Registry, thread: &str) -> Vec<String> {
    registry
        .cadence(thread)
        .expect("a known partnership or series")
        .iter()
        .map(|g| {
            let (min, max) = g.days().map_or((String::new(), String::new()), |d| {
                (d.start().to_string(), d.end().to_string())
            });
            format!("{},{},{min},{max}", g.from().key(), g.to().key())
        })
        .collect()
}

/// Up to `most` partnerships with meetings and as many meeting series,
/// spread over the dataset.
pub fn threads(registry: &Registry, most: usize) -> Vec<String> {
    let mut partnerships = std::collections::BTreeSet::new();
    let mut series = std::collections::BTreeSet::new();
    for meeting in registry.meetings() {
        if let Some(p) = meeting.partnership() {
            partnerships.insert(p.as_str().to_owned());
        }
        if let Some(s) = meeting.series() {
            series.insert(s.as_str().to_owned());
        }
    }
    let spread = |keys: std::collections::BTreeSet<String>| {
        let step = keys.len() / most + 1;
        keys.into_iter()
            .step_by(step)
            .take(most)
            .collect::<Vec<_>>()
    };
    let mut keys = spread(partnerships);
    keys.extend(spread(series));
    keys
}

/// The days the meeting questions are asked on.
pub const MEETING_DAYS: [&str; 4] = ["2001-02-28", "2019-12-31", "2024-06-01", "2040-01-01"];

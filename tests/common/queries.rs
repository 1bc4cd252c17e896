//! The query check shared by `tests/query_scripts.rs` and the `query` fuzz
//! target: the indexed answers equal the naive linear scans of
//! `pactum::naive`, in order.

use chrono::NaiveDate;
use pactum::{naive, CommitmentState, Registry, Window};

fn day(b: &[u8], i: usize) -> NaiveDate {
    let n =
        b.get(i).copied().unwrap_or(0) as i64 * 60 + b.get(i + 1).copied().unwrap_or(0) as i64 % 60;
    NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + chrono::Days::new(n.unsigned_abs())
}

pub fn check(registry: &Registry, q: &[u8]) {
    let (a, z) = (day(q, 0), day(q, 2));
    let window = Window::new(a.min(z), a.max(z)).unwrap();
    let mut t = registry.timeline().within(window);
    let flags = q.get(4).copied().unwrap_or(0);
    if flags & 1 != 0 {
        t = t.certainly();
    }
    if flags & 2 != 0 {
        t = t.institution_or_below(&format!("i{}", flags % 6));
    }
    if flags & 4 != 0 {
        t = t.reverse();
    }
    if flags & 8 != 0 {
        t = t.limit(usize::from(flags >> 4));
    }
    let fast = t.run().map(|hits| {
        hits.map(|h| (h.event().key().to_owned(), h.event().kind(), h.is_certain()))
            .collect::<Vec<_>>()
    });
    let slow = naive::timeline(&t).map(|hits| {
        hits.into_iter()
            .map(|h| (h.event().key().to_owned(), h.event().kind(), h.is_certain()))
            .collect::<Vec<_>>()
    });
    let counted = t.run().map(Iterator::count);
    assert_eq!(
        counted.ok(),
        slow.as_ref().ok().map(Vec::len),
        "timeline count"
    );
    assert_eq!(fast.ok(), slow.ok(), "timeline");
    let f: Vec<_> = registry
        .in_force_on(a)
        .iter()
        .map(|x| (x.key().to_owned(), x.is_certain()))
        .collect();
    let s: Vec<_> = naive::in_force_on(registry, a)
        .iter()
        .map(|x| (x.key().to_owned(), x.is_certain()))
        .collect();
    assert_eq!(f, s, "in force");
    let series = format!("s{}", flags % 2);
    let f = registry
        .next_meeting(&series, a)
        .ok()
        .flatten()
        .map(|h| h.event().key().to_owned());
    let s = naive::next_meeting(registry, &series, a)
        .ok()
        .flatten()
        .map(|h| h.event().key().to_owned());
    assert_eq!(f, s, "next meeting");
    let f: Vec<_> = registry
        .commitments_as_of(CommitmentState::Overdue, a)
        .iter()
        .map(|h| h.commitment().key().to_string())
        .collect();
    let s: Vec<_> = naive::commitments_as_of(registry, CommitmentState::Overdue, a)
        .iter()
        .map(|h| h.commitment().key().to_string())
        .collect();
    assert_eq!(f, s, "overdue");
}

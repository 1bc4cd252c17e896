//! Timeline queries at the edges of vague dates: windows that touch a date's
//! first or last candidate day, month and year boundaries, Feb 29, open
//! ranges, disputed days; cursors, order and edits after a query.

use chrono::NaiveDate;
use pactum::{
    Date, EventKind, Hit, Institution, InstitutionKind, Meeting, MeetingKind, MeetingStatus,
    QueryErrorKind, Registry, Window,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

fn window(from: NaiveDate, to: NaiveDate) -> Window {
    Window::new(from, to).expect("an ordered window")
}

fn meeting(key: &str, date: &str) -> Meeting {
    Meeting::builder(
        key,
        format!("meeting {key}"),
        MeetingKind::Conference,
        Date::parse(date).expect("a date"),
        MeetingStatus::Held,
    )
    .participant("kr-msit")
    .build()
    .expect("a valid meeting")
}

/// A registry with one meeting per date, keyed `m-<n>` in the order given.
fn registry(dates: &[&str]) -> Registry {
    let mut reg = Registry::new();
    let gov = Institution::builder(
        "kr-gov",
        "Government of Korea",
        InstitutionKind::Government,
        "KR",
    )
    .build()
    .expect("valid");
    let msit = Institution::builder(
        "kr-msit",
        "Ministry of Science and ICT",
        InstitutionKind::Ministry,
        "KR",
    )
    .parent("kr-gov")
    .build()
    .expect("valid");
    reg.insert(gov).expect("inserted");
    reg.insert(msit).expect("inserted");
    for (i, date) in dates.iter().enumerate() {
        reg.insert(meeting(&format!("m-{i}"), date))
            .expect("inserted");
    }
    reg
}

/// The hits of a window query as (key, certain).
fn hits(reg: &Registry, w: Window) -> Vec<(String, bool)> {
    reg.timeline()
        .within(w)
        .run()
        .expect("a valid query")
        .map(|h| (h.event().key().to_owned(), h.is_certain()))
        .collect()
}

fn certain_keys(reg: &Registry, w: Window) -> Vec<String> {
    reg.timeline()
        .within(w)
        .certainly()
        .run()
        .expect("a valid query")
        .map(|h| h.event().key().to_owned())
        .collect()
}

#[test]
fn a_window_ending_on_the_first_day_of_a_month_date_possibly_holds_it() {
    let reg = registry(&["2023-09"]);
    assert_eq!(
        hits(&reg, window(day(2023, 8, 1), day(2023, 9, 1))),
        [("m-0".to_owned(), false)]
    );
    assert!(hits(&reg, window(day(2023, 8, 1), day(2023, 8, 31))).is_empty());
    // A window starting on the last candidate day holds it too.
    assert_eq!(
        hits(&reg, window(day(2023, 9, 30), day(2023, 10, 31))),
        [("m-0".to_owned(), false)]
    );
    assert!(hits(&reg, window(day(2023, 10, 1), day(2023, 10, 31))).is_empty());
}

#[test]
fn a_window_inside_a_month_date_holds_it_possibly_not_certainly() {
    let reg = registry(&["2023-09"]);
    let inside = window(day(2023, 9, 10), day(2023, 9, 20));
    assert_eq!(hits(&reg, inside), [("m-0".to_owned(), false)]);
    assert!(certain_keys(&reg, inside).is_empty());
    let whole = window(day(2023, 9, 1), day(2023, 9, 30));
    assert_eq!(hits(&reg, whole), [("m-0".to_owned(), true)]);
    assert_eq!(certain_keys(&reg, whole), ["m-0"]);
}

#[test]
fn open_ranges_match_every_window_on_their_open_side() {
    let reg = registry(&["[..2023-08-06]", "[2023-09-01..]"]);
    assert_eq!(
        hits(&reg, window(day(1990, 1, 1), day(1990, 12, 31))),
        [("m-0".to_owned(), false)]
    );
    assert_eq!(
        hits(&reg, window(day(2040, 1, 1), day(2040, 12, 31))),
        [("m-1".to_owned(), false)]
    );
    assert!(hits(&reg, window(day(2023, 8, 7), day(2023, 8, 31))).is_empty());
    assert_eq!(certain_keys(&reg, Window::until(day(2023, 8, 6))), ["m-0"]);
    assert_eq!(certain_keys(&reg, Window::since(day(2023, 9, 1))), ["m-1"]);
    assert!(certain_keys(&reg, Window::since(day(2023, 9, 2))).is_empty());
    // With no window every hit is certain: every day is in it.
    assert_eq!(
        hits(&reg, Window::all()),
        [("m-0".to_owned(), true), ("m-1".to_owned(), true)]
    );
}

#[test]
fn feb_29_is_a_day_of_leap_years_only() {
    let reg = registry(&["2024-02-29", "2024-02", "2023-02"]);
    let leap_day = Window::day(day(2024, 2, 29));
    assert_eq!(
        hits(&reg, leap_day),
        [("m-1".to_owned(), false), ("m-0".to_owned(), true)]
    );
    assert!(hits(&reg, window(day(2024, 3, 1), day(2024, 3, 31))).is_empty());
    // February 2023 ends on the 28th.
    assert!(hits(&reg, window(day(2023, 3, 1), day(2023, 3, 1))).is_empty());
    assert_eq!(
        hits(&reg, Window::day(day(2023, 2, 28))),
        [("m-2".to_owned(), false)]
    );
}

#[test]
fn year_boundaries_split_days_quarters_and_halves() {
    let reg = registry(&["2023-12-31", "2024-01-01", "2023-36", "2023-41", "2024-33"]);
    let y2024 = Window::of(&Date::of_year(2024).expect("a year"));
    assert_eq!(certain_keys(&reg, y2024), ["m-1", "m-4"]);
    let y2023 = Window::of(&Date::of_year(2023).expect("a year"));
    assert_eq!(certain_keys(&reg, y2023), ["m-3", "m-2", "m-0"]);
    let new_year = window(day(2023, 12, 31), day(2024, 1, 1));
    assert_eq!(
        hits(&reg, new_year),
        [
            ("m-3".to_owned(), false),
            ("m-2".to_owned(), false),
            ("m-0".to_owned(), true),
            ("m-1".to_owned(), true),
            ("m-4".to_owned(), false),
        ]
    );
}

#[test]
fn a_disputed_date_is_not_in_a_window_between_its_candidates() {
    let reg = registry(&["[2023-06-23,2023-06-30]"]);
    assert!(hits(&reg, window(day(2023, 6, 24), day(2023, 6, 29))).is_empty());
    assert_eq!(
        hits(&reg, window(day(2023, 6, 30), day(2023, 7, 5))),
        [("m-0".to_owned(), false)]
    );
}

#[test]
fn events_sharing_a_sort_day_order_by_latest_day_then_key() {
    let reg = registry(&["2023", "2023-01", "2023-01-01", "2023-01-01"]);
    let keys: Vec<&str> = reg.events().iter().map(|e| e.key()).collect();
    assert_eq!(keys, ["m-2", "m-3", "m-1", "m-0"]);
    let reversed: Vec<String> = reg
        .timeline()
        .reverse()
        .run()
        .expect("a valid query")
        .map(|h| h.event().key().to_owned())
        .collect();
    assert_eq!(reversed, ["m-0", "m-1", "m-3", "m-2"]);
}

#[test]
fn after_and_before_cursors_are_strict_on_the_sort_day_and_page_with_limit() {
    let reg = registry(&[
        "2023-03-01",
        "2023-03-02",
        "[..2023-03-03]",
        "2023-03",
        "2023-03-04",
    ]);
    let keys = |hits: pactum::Hits<'_>| -> Vec<String> {
        hits.map(|h| h.event().key().to_owned()).collect()
    };
    let all = keys(reg.timeline().run().expect("valid"));
    assert_eq!(all, ["m-0", "m-3", "m-1", "m-2", "m-4"]);
    let after = keys(reg.timeline().after(day(2023, 3, 1)).run().expect("valid"));
    assert_eq!(after, ["m-1", "m-2", "m-4"]);
    let before = keys(reg.timeline().before(day(2023, 3, 3)).run().expect("valid"));
    assert_eq!(before, ["m-0", "m-3", "m-1"]);
    let page = keys(
        reg.timeline()
            .after(day(2023, 3, 1))
            .limit(2)
            .run()
            .expect("valid"),
    );
    assert_eq!(page, ["m-1", "m-2"]);
    let last_two = keys(reg.timeline().reverse().limit(2).run().expect("valid"));
    assert_eq!(last_two, ["m-4", "m-2"]);
}

#[test]
fn edits_after_a_query_are_seen_by_the_next_query_and_failed_edits_change_nothing() {
    let mut reg = registry(&["2023-05-01"]);
    let may = window(day(2023, 5, 1), day(2023, 5, 31));
    assert_eq!(hits(&reg, may), [("m-0".to_owned(), true)]);

    reg.insert(meeting("m-1", "2023-05-15")).expect("inserted");
    assert_eq!(
        hits(&reg, may),
        [("m-0".to_owned(), true), ("m-1".to_owned(), true)]
    );

    // A meeting naming an unknown institution is rejected; nothing changes.
    let bad = Meeting::builder(
        "m-2",
        "meeting m-2",
        MeetingKind::Conference,
        Date::parse("2023-05-20").expect("a date"),
        MeetingStatus::Held,
    )
    .participant("kr-nope")
    .build()
    .expect("well-formed");
    assert!(reg.insert(bad).is_err());
    assert_eq!(hits(&reg, may).len(), 2);

    reg.update(meeting("m-0", "2023-06-01")).expect("updated");
    assert_eq!(hits(&reg, may), [("m-1".to_owned(), true)]);

    reg.remove::<Meeting>("m-1").expect("removed");
    assert!(hits(&reg, may).is_empty());
    assert_eq!(hits(&reg, Window::all()), [("m-0".to_owned(), true)]);
    let involving: Vec<&str> = reg.involving("kr-gov").map(|e| e.key()).collect();
    assert_eq!(involving, ["m-0"]);
}

#[test]
fn institution_filters_reach_sub_institutions_only_when_asked() {
    let reg = registry(&["2023-05-01"]);
    let direct = reg
        .timeline()
        .institution("kr-gov")
        .run()
        .expect("valid")
        .count();
    let below = reg
        .timeline()
        .institution_or_below("kr-gov")
        .run()
        .expect("valid")
        .count();
    assert_eq!((direct, below), (0, 1));
    let kr = reg
        .timeline()
        .country(pactum::Country::KR)
        .run()
        .expect("valid")
        .count();
    assert_eq!(kr, 1);
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion() {
    let reg = pactum::seed();
    let err = reg
        .timeline()
        .partnership("eu-kr-digitl")
        .run()
        .unwrap_err();
    assert_eq!(err.kind(), QueryErrorKind::Unknown);
    assert_eq!(err.suggestion(), Some("eu-kr-digital"));
    let err = reg.timeline().series("eu-kr-dcp").run().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"unknown series "eu-kr-dcp"; did you mean "eu-kr-dpc"?"#
    );
    let err = reg.timeline().area("semiconductor").run().unwrap_err();
    assert_eq!(err.suggestion(), Some("semiconductors"));
    let err = reg
        .next_meeting("zz-nothing-like-it", day(2024, 1, 1))
        .unwrap_err();
    assert_eq!(err.suggestion(), None);
    let err = "meeting_hled".parse::<EventKind>().unwrap_err();
    assert_eq!(err.suggestion(), Some("meeting_held"));
    assert_eq!(
        "mou signed".parse::<EventKind>().ok(),
        Some(EventKind::MouSigned)
    );
}

#[test]
fn hits_serialize_with_their_event_and_certainty() {
    let reg = pactum::seed();
    let hit: Hit<'_> = reg
        .timeline()
        .within(window(day(2023, 6, 1), day(2023, 6, 25)))
        .series("eu-kr-dpc")
        .run()
        .expect("valid")
        .next()
        .expect("the first council");
    let json = serde_json::to_value(hit).expect("serializable");
    assert_eq!(json["key"], "eu-kr-dpc-1");
    assert_eq!(json["kind"], "meeting_held");
    assert_eq!(json["entity"], "meeting");
    assert_eq!(json["date"], "[2023-06-23,2023-06-30]");
    assert_eq!(json["earliest"], "2023-06-23");
    assert_eq!(json["latest"], "2023-06-30");
    assert_eq!(json["partnership"], "eu-kr-digital");
    assert_eq!(json["certain"], false);
    let gaps =
        serde_json::to_value(reg.cadence("eu-kr-dpc").expect("a series")).expect("serializable");
    assert_eq!(gaps[0]["min_days"], 270);
    assert_eq!(gaps[0]["max_days"], 277);
}

#[test]
fn registries_and_query_answers_can_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Registry>();
    send_sync::<Hit<'static>>();
    send_sync::<pactum::Hits<'static>>();
    send_sync::<pactum::QueryError>();
    let reg = pactum::seed();
    let counts: Vec<usize> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2).map(|_| s.spawn(|| reg.events().len())).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    assert_eq!(counts[0], counts[1]);
    assert!(counts[0] > 0);
}

#[test]
fn paging_by_event_visits_every_event_once_even_when_many_share_a_day() {
    let reg = registry(&[
        "2023-05-01",
        "2023-05-01",
        "2023-05-01",
        "2023-05",
        "2023-05-01",
        "2023",
    ]);
    let everything: Vec<String> = reg.events().iter().map(|e| e.key().to_owned()).collect();
    for reverse in [false, true] {
        let mut seen: Vec<String> = Vec::new();
        let mut cursor: Option<pactum::Event<'_>> = None;
        loop {
            let mut q = reg.timeline().limit(2);
            if reverse {
                q = q.reverse();
            }
            if let Some(e) = &cursor {
                q = if reverse {
                    q.before_event(e)
                } else {
                    q.after_event(e)
                };
            }
            let page: Vec<pactum::Event<'_>> = q.run().expect("valid").map(|h| h.event()).collect();
            let Some(last) = page.last().copied() else {
                break;
            };
            seen.extend(page.iter().map(|e| e.key().to_owned()));
            cursor = Some(last);
        }
        if reverse {
            seen.reverse();
        }
        assert_eq!(seen, everything, "reverse: {reverse}");
    }
}

#[test]
fn debug_output_of_a_query_leaves_out_the_registry() {
    let reg = pactum::seed();
    let query = reg.timeline().partnership("eu-kr-digital").limit(2);
    let text = format!("{query:?}");
    assert!(text.contains("eu-kr-digital"), "{text}");
    assert!(!text.contains("kr-msit"), "{text}");
    let hits = query.run().expect("valid");
    assert!(!format!("{hits:?}").contains("kr-msit"));
}

/// Many events over a few weeks (more events than days, so that a count
/// reads a count for each day) and the same events spread over decades
/// (searched): a count is the number of hits either way, for windows
/// before, inside, across and after the events' days, with vague, open and
/// disputed dates, and again after an edit.
#[test]
fn counts_equal_the_hits_whether_the_days_are_crowded_or_spread() {
    let vague = [
        "2023-06",
        "[..2023-06-10]",
        "[2023-06-20..]",
        "[2023-06-03,2023-06-17]",
        "2023-06-12~",
    ];
    let crowded: Vec<String> = (0..120)
        .map(|i| match i % 10 {
            0..=4 => vague[i % 5].to_owned(),
            _ => format!("2023-06-{:02}", i % 28 + 1),
        })
        .collect();
    let spread: Vec<String> = (0..40)
        .map(|i| match i % 8 {
            0..=4 => vague[i % 5].replace("2023", &(1990 + i).to_string()),
            _ => format!("{}-06-{:02}", 1990 + i, i % 28 + 1),
        })
        .collect();
    for dates in [crowded, spread] {
        let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
        let mut reg = registry(&dates);
        let windows: Vec<Window> = (0..70)
            .map(|d| Window::day(day(2023, 5, 20) + chrono::Days::new(d)))
            .chain((0..40).map(|y| window(day(1985 + y, 6, 5), day(1986 + y, 6, 15))))
            .chain([
                Window::all(),
                Window::since(day(2023, 6, 15)),
                Window::until(day(1995, 1, 1)),
            ])
            .collect();
        for pass in 0..2 {
            for &w in &windows {
                let q = reg.timeline().within(w);
                let walked = hits(&reg, w).len();
                assert_eq!(
                    q.count().expect("a valid query"),
                    walked,
                    "{w:?}, pass {pass}"
                );
                assert_eq!(q.run().expect("a valid query").count(), walked, "{w:?}");
                assert_eq!(
                    q.clone().limit(3).count().expect("a valid query"),
                    walked.min(3)
                );
            }
            // An edit drops what the counts were read from.
            reg.insert(meeting(&format!("late-{pass}"), "2023-06-15"))
                .expect("inserted");
        }
    }
}

/// A commitment is overdue from the day after the last day it may be due,
/// never on that day: one due on a day is overdue from the next, one due
/// in a month from the first day of the next month; the index of due
/// dates and the naive scan agree.
#[test]
fn a_commitment_is_overdue_from_the_day_after_it_is_due() {
    use pactum::{Commitment, CommitmentState, CommitmentStatus, Key, Origin};
    let mut reg = registry(&["2019-05-05"]);
    for (key, due) in [("on-a-day", "2020-01-01"), ("in-a-month", "2020-02")] {
        let c = Commitment::builder(
            key,
            "Report on the joint programme",
            Origin::Meeting(Key::new("m-0").expect("a key")),
            CommitmentStatus::Open,
        )
        .owner("kr-msit")
        .due(Date::parse(due).expect("a date"))
        .build()
        .expect("valid");
        reg.insert(c).expect("inserted");
    }
    let overdue = |on: NaiveDate| -> Vec<(String, bool)> {
        reg.commitments_as_of(CommitmentState::Overdue, on)
            .iter()
            .map(|h| (h.commitment().key().to_string(), h.is_certain()))
            .collect()
    };
    assert_eq!(overdue(day(2020, 1, 1)), []);
    assert_eq!(overdue(day(2020, 1, 2)), [("on-a-day".to_owned(), true)]);
    assert_eq!(overdue(day(2020, 2, 29)), [("on-a-day".to_owned(), true)]);
    let both = overdue(day(2020, 3, 1));
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(both.iter().all(|(_, certain)| *certain), "{both:?}");
    // The naive scan, which asks each commitment's dates, draws the same
    // line.
    #[cfg(feature = "naive")]
    for on in [
        day(2020, 1, 1),
        day(2020, 1, 2),
        day(2020, 2, 29),
        day(2020, 3, 1),
    ] {
        let naive: Vec<(String, bool)> =
            pactum::naive::commitments_as_of(&reg, CommitmentState::Overdue, on)
                .iter()
                .map(|h| (h.commitment().key().to_string(), h.is_certain()))
                .collect();
        assert_eq!(naive, overdue(on), "{on}");
    }
}

/// Counts over runs of several blocks, fresh and after some hits were
/// taken, in order and latest first, for windows open at either end and
/// closed, with no filter, a
/// filter of one list and filters whose lists share events (a body and
/// the one above it, both at a third of the meetings; a country): each is
/// the number of meetings in the window, worked out from their days.
#[test]
fn counts_over_many_blocks_are_the_meetings_in_the_window() {
    use pactum::Country;
    let mut reg = registry(&[]);
    let first = day(2000, 1, 1);
    let on = |i: u64| first + chrono::Days::new(2 * i);
    for i in 0..300 {
        let mut b = Meeting::builder(
            format!("m-{i:03}"),
            format!("meeting {i}"),
            MeetingKind::Conference,
            Date::day(on(i)).expect("a day"),
            MeetingStatus::Held,
        )
        .participant("kr-msit");
        if i % 3 == 0 {
            b = b.participant("kr-gov");
        }
        reg.insert(b.build().expect("valid")).expect("inserted");
    }
    let windows = [
        (Window::all(), 0..300),
        (Window::until(on(200)), 0..201),
        (Window::since(on(77) + chrono::Days::new(1)), 78..300),
        (window(on(40), on(260)), 40..261),
        (window(on(150), on(150)), 150..151),
    ];
    let kr = Country::new("KR").expect("a code");
    for (w, meetings) in windows {
        let want = meetings.len();
        let queries = [
            ("no filter", reg.timeline().within(w)),
            (
                "a kind",
                reg.timeline().within(w).kind(EventKind::MeetingHeld),
            ),
            ("a body", reg.timeline().within(w).institution("kr-msit")),
            (
                "a body and below",
                reg.timeline().within(w).institution_or_below("kr-gov"),
            ),
            ("a country", reg.timeline().within(w).country(kr)),
            (
                "no filter, latest first",
                reg.timeline().within(w).reverse(),
            ),
            (
                "a body and below, latest first",
                reg.timeline()
                    .within(w)
                    .institution_or_below("kr-gov")
                    .reverse(),
            ),
            // Two filters: one list walked, each of its items checked
            // against the other filter as it is counted.
            (
                "a body and a kind",
                reg.timeline()
                    .within(w)
                    .institution("kr-msit")
                    .kind(EventKind::MeetingHeld),
            ),
            (
                "a body, certainly",
                reg.timeline().within(w).institution("kr-msit").certainly(),
            ),
        ];
        for (what, q) in queries {
            assert_eq!(q.count().expect("a valid query"), want, "{what}, {w:?}");
            assert_eq!(
                q.run().expect("a valid query").count(),
                want,
                "{what}, {w:?}"
            );
            for taken in [1, 3, 70, 130] {
                let mut hits = q.run().expect("a valid query");
                let got = hits.by_ref().take(taken).count();
                assert_eq!(got, taken.min(want), "{what}, {w:?}");
                assert_eq!(hits.count(), want - got, "{what}, {w:?}, {taken} taken");
            }
            let only_gov = reg.timeline().within(w).institution("kr-gov");
            let gov = meetings.clone().filter(|i| i % 3 == 0).count();
            assert_eq!(only_gov.count().expect("a valid query"), gov, "{w:?}");
        }
    }
}

/// A walk in progress debugs as what it was asked and where it stands:
/// the window, whether only certain hits, whether it has started, and how
/// many hits it may still give.
#[test]
fn hits_debug_as_the_question_and_the_walk_so_far() {
    let reg = registry(&["2023-05-01", "2023-05-02", "2023-05-03"]);
    let q = reg
        .timeline()
        .within(window(day(2023, 5, 1), day(2023, 5, 31)))
        .limit(2);
    let mut hits = q.run().expect("a valid query");
    let fresh = format!("{hits:?}");
    assert!(fresh.starts_with("Hits {"), "{fresh}");
    assert!(
        fresh.contains("window: Window(2023-05-01/2023-05-31)"),
        "{fresh}"
    );
    assert!(fresh.contains("started: false"), "{fresh}");
    assert!(fresh.contains("remaining: Some(2)"), "{fresh}");
    hits.next().expect("a hit");
    let walked = format!("{hits:?}");
    assert!(walked.contains("started: true"), "{walked}");
    // The three meetings have exact days: one list of the timeline holds
    // them, and a walk sets a cursor on that list alone.
    assert!(walked.contains("cursors: 1,"), "{walked}");
    assert!(walked.contains("remaining: Some(1)"), "{walked}");
}

/// A commitment met in a month known to the month only: overdue for sure
/// once past due and before that month, possibly overdue and possibly met
/// during it, met for sure after it; never missed or dropped. The index of
/// due dates and the naive scan agree.
#[test]
fn a_commitment_met_in_a_vague_month_is_overdue_until_then() {
    use pactum::{Commitment, CommitmentState as S, CommitmentStatus, Key, Origin};
    let mut reg = registry(&["2019-05-05"]);
    let met = Commitment::builder(
        "met-late",
        "Open the joint laboratory",
        Origin::Meeting(Key::new("m-0").expect("a key")),
        CommitmentStatus::Met,
    )
    .owner("kr-msit")
    .due(Date::parse("2020-01-01").expect("a date"))
    .status_date(Date::parse("2020-06").expect("a date"))
    .build()
    .expect("valid");
    reg.insert(met).expect("inserted");
    // `Some(certain)` when the commitment is possibly in the state.
    let state = |s: S, on: NaiveDate| -> Option<bool> {
        let hits = reg.commitments_as_of(s, on);
        #[cfg(feature = "naive")]
        {
            let naive = pactum::naive::commitments_as_of(&reg, s, on);
            let plain = |h: &[pactum::CommitmentHit<'_>]| -> Vec<(String, bool)> {
                h.iter()
                    .map(|h| (h.commitment().key().to_string(), h.is_certain()))
                    .collect()
            };
            assert_eq!(plain(&naive), plain(&hits), "{s:?} {on}");
        }
        assert!(hits.len() <= 1);
        hits.first().map(|h| h.is_certain())
    };
    let rows = [
        (day(2019, 12, 1), [Some(true), None, None, None, None]),
        (day(2020, 3, 1), [Some(true), Some(true), None, None, None]),
        (
            day(2020, 6, 15),
            [Some(false), Some(false), Some(false), None, None],
        ),
        (day(2020, 7, 1), [None, None, Some(true), None, None]),
    ];
    for (on, want) in rows {
        let got = [S::Open, S::Overdue, S::Met, S::Missed, S::Dropped].map(|s| state(s, on));
        assert_eq!(got, want, "{on}");
    }
}

/// A walk over many lists (a country of twelve bodies, each a list) debugs
/// with one queued candidate a list still walked: after the first hit,
/// its body's next meeting waits ahead of the others.
#[test]
fn a_walk_over_many_lists_debugs_its_queued_candidates() {
    let mut reg = registry(&[]);
    for i in 0..12u32 {
        let key = format!("kr-body-{i:02}");
        let body = Institution::builder(&key, format!("Body {i}"), InstitutionKind::Agency, "KR")
            .build()
            .expect("valid");
        reg.insert(body).expect("inserted");
        let days: &[u32] = if i == 0 { &[1, 2] } else { &[10] };
        for d in days {
            let m = Meeting::builder(
                format!("m-{i:02}-{d}"),
                format!("meeting of body {i}"),
                MeetingKind::Conference,
                Date::day(day(2023, 6, *d + i)).expect("a day"),
                MeetingStatus::Held,
            )
            .participant(&key)
            .build()
            .expect("valid");
            reg.insert(m).expect("inserted");
        }
    }
    let q = reg.timeline().country(pactum::Country::KR);
    let mut hits = q.run().expect("a valid query");
    assert_eq!(
        hits.next().map(|h| h.event().key().to_owned()).as_deref(),
        Some("m-00-1")
    );
    let walked = format!("{hits:?}");
    assert!(walked.contains("queued: 12,"), "{walked}");
    assert_eq!(hits.count(), 12);
}

/// The cadence of a series: the days from one session's start to the
/// next's, as a range when a start is known only to the month.
#[test]
fn a_series_cadence_counts_the_days_between_starts() {
    let mut reg = registry(&[]);
    for (key, n, date) in [
        ("s1", 1, "2023-03-01"),
        ("s2", 2, "2023-03-31"),
        ("s3", 3, "2023-06"),
    ] {
        let m = Meeting::builder(
            key,
            format!("session {n}"),
            MeetingKind::Council,
            Date::parse(date).expect("a date"),
            MeetingStatus::Held,
        )
        .participant("kr-msit")
        .session("council", n)
        .build()
        .expect("valid");
        reg.insert(m).expect("inserted");
    }
    let gaps: Vec<(String, String, Option<std::ops::RangeInclusive<i64>>)> = reg
        .cadence("council")
        .expect("a series")
        .iter()
        .map(|g| {
            (
                g.from().key().to_string(),
                g.to().key().to_string(),
                g.days(),
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [
            ("s1".to_owned(), "s2".to_owned(), Some(30..=30)),
            ("s2".to_owned(), "s3".to_owned(), Some(62..=91)),
        ]
    );
}

/// A query by a known area runs; by an unknown one it fails, naming it.
#[test]
fn an_area_filter_needs_a_known_area() {
    let reg = registry(&["2023-05-01"]);
    let known = reg.timeline().area_or_below("semiconductors").run();
    assert_eq!(known.map(Iterator::count).ok(), Some(0));
    let err = reg
        .timeline()
        .area("semiconductor")
        .run()
        .map(|_| ())
        .unwrap_err();
    assert!(err.to_string().contains("semiconductor"), "{err}");
}

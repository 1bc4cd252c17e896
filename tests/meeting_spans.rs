//! Meetings of several days: an `end` (the last day, inclusive) that
//! validation keeps from certainly preceding the date, is saved only when
//! present, and makes the meeting's event overlap a window rather than
//! fall on one day of it.

use chrono::NaiveDate;
use pactum::export::ics;
use pactum::{
    Date, EventKind, Institution, InstitutionKind, Meeting, MeetingKind, MeetingStatus, Registry,
    Rule, Window,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

fn days(from: NaiveDate, to: NaiveDate) -> Window {
    Window::new(from, to).expect("ordered")
}

/// A meeting of `kr-msit` from `start` to `end`.
fn meeting(key: &str, start: &str, end: Option<&str>, status: MeetingStatus) -> Meeting {
    let mut b = Meeting::builder(
        key,
        "A ministerial",
        MeetingKind::Summit,
        date(start),
        status,
    )
    .participant("kr-msit");
    if let Some(end) = end {
        b = b.end(date(end));
    }
    b.build().expect("a valid meeting")
}

fn registry(meetings: impl IntoIterator<Item = Meeting>) -> Registry {
    let mut reg = Registry::new();
    let msit = Institution::builder("kr-msit", "Ministry", InstitutionKind::Ministry, "KR")
        .build()
        .expect("valid");
    reg.insert(msit).expect("inserted");
    for m in meetings {
        reg.insert(m).expect("inserted");
    }
    reg
}

/// The hits of a window as (key, certain), from the whole timeline, from
/// the posting lists of a kind and of an institution, and the counts.
fn hits(reg: &Registry, window: Window) -> Vec<(String, bool)> {
    let run = |q: pactum::Timeline<'_>| -> Vec<(String, bool)> {
        let got: Vec<(String, bool)> = q
            .run()
            .expect("a valid query")
            .map(|h| (h.event().key().to_owned(), h.is_certain()))
            .collect();
        assert_eq!(q.count().expect("a count"), got.len(), "{q:?}");
        let certain: Vec<(String, bool)> = got.iter().filter(|h| h.1).cloned().collect();
        let certainly = q.clone().certainly();
        let only_certain: Vec<(String, bool)> = certainly
            .run()
            .expect("a valid query")
            .map(|h| (h.event().key().to_owned(), h.is_certain()))
            .collect();
        assert_eq!(only_certain, certain, "{q:?}");
        assert_eq!(certainly.count().expect("a count"), certain.len());
        got
    };
    let all = run(reg.timeline().within(window));
    assert_eq!(
        run(reg.timeline().within(window).kind(EventKind::MeetingHeld)),
        all
    );
    assert_eq!(
        run(reg.timeline().within(window).institution("kr-msit")),
        all
    );
    all
}

fn held(key: &str, start: &str, end: &str) -> Meeting {
    meeting(key, start, Some(end), MeetingStatus::Held)
}

#[test]
fn a_meeting_held_on_15_and_16_may_is_certainly_in_a_window_of_16_may_alone() {
    let reg = registry([held("ministerial", "2023-05-15", "2023-05-16")]);
    let want = vec![("ministerial".to_owned(), true)];
    assert_eq!(hits(&reg, Window::day(day(2023, 5, 16))), want);
    assert_eq!(hits(&reg, Window::day(day(2023, 5, 15))), want);
    assert_eq!(hits(&reg, days(day(2023, 5, 1), day(2023, 5, 15))), want);
    assert_eq!(hits(&reg, days(day(2023, 5, 16), day(2023, 6, 30))), want);
    // A meeting of one day on the 15th is not in a window of the 16th.
    let one_day = registry([meeting("one-day", "2023-05-15", None, MeetingStatus::Held)]);
    assert!(hits(&one_day, Window::day(day(2023, 5, 16))).is_empty());
}

#[test]
fn a_window_that_only_touches_a_vague_end_holds_the_meeting_possibly_not_certainly() {
    // It ended on the 16th, 17th or 18th.
    let reg = registry([held(
        "ministerial",
        "2023-05-15",
        "[2023-05-16..2023-05-18]",
    )]);
    let touching = days(day(2023, 5, 17), day(2023, 5, 20));
    assert_eq!(hits(&reg, touching), [("ministerial".to_owned(), false)]);
    // Every reading holds the 16th.
    assert_eq!(
        hits(&reg, Window::day(day(2023, 5, 16))),
        [("ministerial".to_owned(), true)]
    );
    // A vague start: it began on some day of May and ended on the 10th, so
    // every reading holds the 10th, though the start may read as later.
    let vague = registry([held("in-may", "2023-05", "2023-05-10")]);
    assert_eq!(
        hits(&vague, Window::day(day(2023, 5, 10))),
        [("in-may".to_owned(), true)]
    );
    assert!(hits(&vague, Window::day(day(2023, 5, 11))).is_empty());
}

#[test]
fn a_meeting_is_not_in_a_window_after_its_end_or_before_its_date() {
    let reg = registry([held("ministerial", "2023-05-15", "2023-05-16")]);
    assert!(hits(&reg, Window::since(day(2023, 5, 17))).is_empty());
    assert!(hits(&reg, Window::until(day(2023, 5, 14))).is_empty());
    // An open end reaches every later window, possibly.
    let open = registry([held("open", "2023-05-15", "[2023-05-16..]")]);
    assert_eq!(
        hits(&open, Window::day(day(2030, 1, 1))),
        [("open".to_owned(), false)]
    );
}

#[test]
fn an_end_that_certainly_precedes_the_date_is_rejected_with_its_path() {
    let built = Meeting::builder(
        "backwards",
        "A ministerial",
        MeetingKind::Summit,
        date("2023-05-15"),
        MeetingStatus::Held,
    )
    .end(date("2023-05-14"))
    .build()
    .expect_err("the end comes first");
    let [d] = built.diagnostics() else {
        panic!("one problem: {built}");
    };
    assert_eq!((d.rule(), d.path()), (Rule::LifecycleOrder, "end"));
    assert_eq!(
        d.message(),
        "end 2023-05-14 certainly precedes date 2023-05-15"
    );
    // An end that may come first, but need not, is kept.
    assert!(Meeting::builder(
        "maybe",
        "A ministerial",
        MeetingKind::Summit,
        date("2023-05"),
        MeetingStatus::Held,
    )
    .end(date("2023-05-10"))
    .build()
    .is_ok());
    let text = r#"{"pactum": 1, "meetings": [{"key": "backwards", "name": "A ministerial",
        "kind": "summit", "date": "2023-05-15", "end": "2023-04", "status": "held"}]}"#;
    let err = Registry::from_json_str(text).expect_err("the end comes first");
    let diagnostics = err.diagnostics();
    let [d] = diagnostics.as_slice() else {
        panic!("one problem: {err}");
    };
    assert_eq!(d.rule(), Rule::LifecycleOrder);
    assert_eq!(
        d.to_string(),
        r#"meeting "backwards": meetings[0].end: end 2023-04 certainly precedes date 2023-05-15"#
    );
}

#[test]
fn an_end_is_saved_only_when_present_and_loads_back_the_same() {
    let reg = registry([
        held("ministerial", "2023-05-15", "[2023-05-16..2023-05-18]"),
        meeting("one-day", "2023-06-01", None, MeetingStatus::Held),
    ]);
    let json = reg.to_json_string();
    assert!(
        json.contains("\"date\": \"2023-05-15\",\n      \"end\": \"[2023-05-16..2023-05-18]\","),
        "{json}"
    );
    assert_eq!(json.matches("\"end\"").count(), 1, "{json}");
    let loaded = Registry::from_json_str(&json).expect("a saved registry loads");
    assert_eq!(loaded.to_json_string(), json);
    assert_eq!(
        loaded.meeting("ministerial").and_then(Meeting::end),
        Some(&date("[2023-05-16..2023-05-18]"))
    );
    assert_eq!(loaded.meeting("one-day").and_then(Meeting::end), None);
    // `null` reads as absent.
    let text = r#"{"pactum": 1, "meetings": [{"key": "m", "name": "M", "kind": "summit",
        "date": "2023-05-15", "end": null, "status": "held"}]}"#;
    let reg = Registry::from_json_str(text).expect("valid");
    assert_eq!(reg.meeting("m").and_then(Meeting::end), None);
}

#[test]
fn an_event_of_several_days_shows_and_serializes_its_end() {
    let reg = registry([held("ministerial", "2023-05-15", "2023-05-16")]);
    let event = reg.events()[0];
    assert_eq!(event.end(), Some(&date("2023-05-16")));
    assert_eq!(
        event.to_string(),
        "2023-05-15 to 2023-05-16 meeting held ministerial (A ministerial)"
    );
    let json = serde_json::to_value(event).expect("serializable");
    assert_eq!(json["date"], "2023-05-15");
    assert_eq!(json["end"], "2023-05-16");
    let one_day = registry([meeting("one-day", "2023-06-01", None, MeetingStatus::Held)]);
    let json = serde_json::to_value(one_day.events()[0]).expect("serializable");
    assert!(json.get("end").is_none(), "{json}");
}

#[test]
fn the_calendar_spans_a_meeting_from_its_date_to_the_day_after_its_end() {
    let reg = registry([
        held("ministerial", "2023-05-15", "2023-05-16"),
        held("vague", "2023-06-01", "2023-06~"),
    ]);
    let text = ics::calendar(reg.meetings(), [], day(2024, 6, 1));
    assert!(
        text.contains("DTSTART;VALUE=DATE:20230515\r\nDTEND;VALUE=DATE:20230517\r\n"),
        "{text}"
    );
    assert!(
        text.contains("DESCRIPTION:date: 2023-05-15\\nend: 2023-05-16\r\n"),
        "{text}"
    );
    // A vague end reaches its last candidate day, and marks the summary.
    assert!(
        text.contains("DTSTART;VALUE=DATE:20230601\r\nDTEND;VALUE=DATE:20230701\r\n"),
        "{text}"
    );
    assert!(
        text.contains("SUMMARY:A ministerial (approximate)\r\n"),
        "{text}"
    );
}

/// Session `number` of series `s`, from `start` to `end`.
fn session(key: &str, number: u32, start: &str, end: &str) -> Meeting {
    Meeting::builder(
        key,
        "A council",
        MeetingKind::Council,
        date(start),
        MeetingStatus::Held,
    )
    .session("s", number)
    .end(date(end))
    .build()
    .expect("a valid meeting")
}

#[test]
fn next_and_previous_meetings_count_from_the_start() {
    let reg = registry([
        session("first", 1, "2023-05-15", "2023-05-16"),
        session("second", 2, "2023-09-01", "2023-09-03"),
        // Some day of October, over by 2 October: it began on the 1st or 2nd.
        session("third", 3, "2023-10", "2023-10-02"),
    ]);
    let next = |d| {
        reg.next_meeting("s", d)
            .expect("a series")
            .map(|h| (h.event().key().to_owned(), h.is_certain()))
    };
    let previous = |d| {
        reg.previous_meeting("s", d)
            .expect("a series")
            .map(|h| (h.event().key().to_owned(), h.is_certain()))
    };
    // Under way on the 15th: the next one is the one after.
    assert_eq!(next(day(2023, 5, 15)), Some(("second".to_owned(), true)));
    assert_eq!(next(day(2023, 5, 14)), Some(("first".to_owned(), true)));
    assert_eq!(previous(day(2023, 5, 16)), Some(("first".to_owned(), true)));
    assert_eq!(previous(day(2023, 5, 15)), None);
    // The third began by 2 October, whatever its date says of later days.
    assert_eq!(next(day(2023, 10, 1)), Some(("third".to_owned(), false)));
    assert_eq!(next(day(2023, 10, 2)), None);
    assert_eq!(previous(day(2023, 10, 3)), Some(("third".to_owned(), true)));
    assert_eq!(
        previous(day(2023, 10, 2)),
        Some(("third".to_owned(), false))
    );
    // Cadence measures start to start.
    let gaps = reg.cadence("s").expect("a series");
    assert_eq!(gaps[0].days(), Some(109..=109));
}

#[test]
fn a_scheduled_meeting_is_stale_only_once_its_end_has_passed() {
    let reg = registry([meeting(
        "planned",
        "2023-05-15",
        Some("2023-05"),
        MeetingStatus::Scheduled,
    )]);
    let stale = |d| -> Vec<String> {
        reg.stale_meetings(d)
            .map(|m| m.key().as_str().to_owned())
            .collect()
    };
    assert!(stale(day(2023, 5, 20)).is_empty());
    assert!(stale(day(2023, 5, 31)).is_empty());
    assert_eq!(stale(day(2023, 6, 1)), ["planned"]);
    let lints = |d| -> Vec<String> {
        reg.lint(d)
            .iter()
            .filter(|l| l.rule() == Rule::StaleScheduled)
            .map(|l| l.to_string())
            .collect()
    };
    assert!(lints(day(2023, 5, 31)).is_empty());
    assert_eq!(
        lints(day(2023, 6, 1)),
        [
            r#"meeting "planned": meetings[0].status: still scheduled although its end 2023-05 certainly passed before 2023-06-01: expected held, postponed or cancelled"#
        ]
    );
}

/// Many meetings of one or several days, exact and vague, and windows over
/// them: a count answers as the walk does, in each of the ways a count is
/// made (from start and end days, by posting list, by walking).
#[test]
fn a_count_of_a_window_is_the_number_of_hits_walked_when_meetings_last_several_days() {
    let starts = [
        "2023-05-15",
        "2023-05",
        "[2023-05-10,2023-05-20]",
        "2023-XX-15",
        "[..2023-05-20]",
    ];
    let ends = [
        None,
        Some("2023-05-16"),
        Some("[2023-05-20..2023-05-25]"),
        Some("2023-06"),
        Some("[2023-05-28..]"),
        Some("[2023-05-21,2023-06-02]"),
    ];
    let mut meetings = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        for (j, end) in ends.iter().enumerate() {
            let b = Meeting::builder(
                format!("m-{i}-{j}"),
                "A meeting",
                MeetingKind::Council,
                date(start),
                MeetingStatus::Held,
            )
            .participant("kr-msit");
            let b = match end {
                Some(end) => b.end(date(end)),
                None => b,
            };
            if let Ok(m) = b.build() {
                meetings.push(m);
            }
        }
    }
    assert!(meetings.len() > 25, "{} meetings", meetings.len());
    let reg = registry(meetings);
    let mut possibly = 0;
    let mut certainly = 0;
    for from in (0..50).map(|d| day(2023, 4, 20) + chrono::Duration::days(d)) {
        for len in [0, 1, 3, 10, 40] {
            let window = days(from, from + chrono::Duration::days(len));
            let found = hits(&reg, window);
            possibly += found.len();
            certainly += found.iter().filter(|h| h.1).count();
        }
    }
    // The windows found both kinds of hit.
    assert!(
        possibly > certainly && certainly > 0,
        "{possibly} {certainly}"
    );
}

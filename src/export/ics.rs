//! iCalendar (RFC 5545) export of meetings and commitment deadlines.
//!
//! Every date becomes an all-day event (`VALUE=DATE`): a single day when the
//! date is known to the day, a span from its first to its last candidate day
//! otherwise (a month, a quarter, the days sources disagree between). The
//! EDTF text is kept in the description, so a reader of the calendar sees
//! that a month-long entry means "some day in this month". A meeting of
//! several days spans from the first candidate of its date to the last of
//! its end (15–16 May is `DTSTART` 15 May, `DTEND` 17 May, as an all-day
//! event ends the day after its last). Dates open on one side
//! (`[..2023-08-06]`) cannot be placed and are left out.
//!
//! Meetings carry a status (`CONFIRMED` when held, `TENTATIVE` when scheduled
//! or postponed, `CANCELLED`); deadlines are `TENTATIVE` while open.
//! Every event has a stable `UID` (the entity id), so importing a newer
//! export updates events instead of duplicating them.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::date::Date;
use crate::model::commitment::{Commitment, CommitmentStatus};
use crate::model::id::Entity;
use crate::model::meeting::{Meeting, MeetingStatus};

/// The longest line, in octets, before it is folded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// An iCalendar file of the given meetings and commitment deadlines, with
/// CRLF line ends, folded lines and escaped text.
///
/// `stamp` is the day written as every event's `DTSTAMP` (when the
/// calendar was made); pactum has no implicit today, and a fixed stamp keeps
/// the file the same from run to run.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
///
/// let registry = pactum::seed();
/// let stamp = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
/// let council = registry.meeting("eu-kr-dpc-2").unwrap();
/// let text = pactum::export::ics::calendar([council], [], stamp);
/// assert!(text.contains("DTSTART;VALUE=DATE:20240326\r\nDTEND;VALUE=DATE:20240327\r\n"));
/// assert!(text.contains("LOCATION:Brussels\r\n"));
/// ```
pub fn calendar<'r>(
    meetings: impl IntoIterator<Item = &'r Meeting>,
    commitments: impl IntoIterator<Item = &'r Commitment>,
    stamp: NaiveDate,
) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        concat!(
            "PRODID:-//pactum//pactum ",
            env!("CARGO_PKG_VERSION"),
            "//EN"
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    let stamp = format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d"));
    for m in meetings {
        let status = match m.status() {
            MeetingStatus::Held => "CONFIRMED",
            MeetingStatus::Cancelled => "CANCELLED",
            _ => "TENTATIVE",
        };
        let mut description = format!("date: {}", m.date());
        if let Some(end) = m.end() {
            let _ = write!(description, "\nend: {end}");
        }
        if let Some(session) = m.session() {
            let _ = write!(description, "\nsession: {session}");
        }
        if let Some(p) = m.partnership() {
            let _ = write!(description, "\npartnership: {p}");
        }
        for outcome in m.outcomes() {
            let _ = write!(description, "\noutcome: {outcome}");
        }
        let event = Vevent {
            uid: m.id().to_string(),
            date: m.date(),
            end: m.end(),
            summary: m.name(),
            location: m.place(),
            description,
            status,
            category: "MEETING",
        };
        event.write(&mut out, &stamp);
    }
    for c in commitments {
        let Some(due) = c.due() else { continue };
        let status = match c.status() {
            CommitmentStatus::Met => "CONFIRMED",
            CommitmentStatus::Open => "TENTATIVE",
            _ => "CANCELLED",
        };
        let owners: Vec<&str> = c.owners().iter().map(|k| k.as_str()).collect();
        let summary = format!("due: {}", c.description());
        let event = Vevent {
            uid: c.id().to_string(),
            date: due,
            end: None,
            summary: &summary,
            location: None,
            description: format!("due: {due}\nowners: {}", owners.join(", ")),
            status,
            category: "DEADLINE",
        };
        event.write(&mut out, &stamp);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

struct Vevent<'a> {
    uid: String,
    date: &'a Date,
    /// The last day of an event of several days.
    end: Option<&'a Date>,
    summary: &'a str,
    location: Option<&'a str>,
    description: String,
    status: &'static str,
    category: &'static str,
}

impl Vevent<'_> {
    fn write(&self, out: &mut String, stamp: &str) {
        let last_day = self.end.unwrap_or(self.date);
        let (Some(first), Some(last)) = (self.date.earliest(), last_day.latest()) else {
            return;
        };
        // DTEND of an all-day event is the day after the last one.
        let Some(end) = last.succ_opt() else { return };
        line(out, "BEGIN:VEVENT");
        line(out, &format!("UID:{}@pactum", self.uid));
        line(out, stamp);
        line(
            out,
            &format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d")),
        );
        line(out, &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
        let mut summary = self.summary.to_owned();
        let qualifiers = || {
            [Some(self.date), self.end]
                .into_iter()
                .flatten()
                .filter_map(Date::qualifier)
        };
        if qualifiers().any(|q| q.is_uncertain()) {
            summary.push_str(" (uncertain)");
        } else if qualifiers().any(|q| q.is_approximate()) {
            summary.push_str(" (approximate)");
        }
        line(out, &format!("SUMMARY:{}", escape(&summary)));
        if let Some(place) = self.location {
            line(out, &format!("LOCATION:{}", escape(place)));
        }
        line(out, &format!("DESCRIPTION:{}", escape(&self.description)));
        line(out, &format!("STATUS:{}", self.status));
        line(out, &format!("CATEGORIES:{}", self.category));
        line(out, "TRANSP:TRANSPARENT");
        line(out, "END:VEVENT");
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets without splitting a
/// character, and its CRLF.
fn line(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            // The leading space of a continuation line counts.
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_folded_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "é".repeat(100));
        line(&mut out, &text);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{text}\r\n"));
    }

    #[test]
    fn text_escapes_backslashes_semicolons_commas_and_newlines() {
        assert_eq!(escape("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
    }
}

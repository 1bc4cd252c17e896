//! Meetings: dated gatherings, from council sessions to signing ceremonies.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::check::{Checker, DateInput, KeyList};
use crate::model::diagnostic::{Rule, ValidationError};
use crate::model::id::{entity, raw_text, Key, SeriesKey};
use crate::model::institution::Institution;
use crate::model::official::{Official, RawOfficial};
use crate::model::partnership::Partnership;
use crate::model::source::{provenance_builder, Provenance, RawCitation, RawClaim};
use crate::model::taxonomy::TechArea;

/// What kind of gathering a meeting is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MeetingKind {
    /// A session of a partnership's governing council.
    Council,
    /// A review of progress (of MOUs, of a programme).
    Review,
    /// A conference.
    Conference,
    /// A forum.
    Forum,
    /// The kickoff of a task force or project.
    Kickoff,
    /// A state visit.
    StateVisit,
    /// A ceremony at which agreements are signed.
    SigningCeremony,
    /// A summit of leaders.
    Summit,
    /// A working group or expert meeting.
    WorkingGroup,
    /// Anything else.
    Other,
}

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MeetingStatus {
    /// Announced, not (yet known to be) held.
    Scheduled,
    /// Held.
    Held,
    /// Postponed to an unknown or later date.
    Postponed,
    /// Cancelled.
    Cancelled,
}

/// A dated gathering: a council session numbered in its series, a progress
/// review, a conference, a task-force kickoff, a state visit at which
/// agreements were signed.
///
/// A meeting of several days has an [`end`](Meeting::end), its last day:
/// it is then in a window when it overlaps it (see
/// [`Hit::is_certain`](crate::Hit::is_certain)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    key: Key<Meeting>,
    name: Box<str>,
    kind: MeetingKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    partnership: Option<Key<Partnership>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<SeriesKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session: Option<u32>,
    date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Date>,
    status: MeetingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<Box<str>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    organizers: Box<[Key<Institution>]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    chairs: Box<[Official]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    attendees: Box<[Official]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    participants: Box<[Key<Institution>]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tech_areas: Box<[Key<TechArea>]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    outcomes: Box<[Box<str>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agreements_signed: Option<u32>,
    #[serde(flatten)]
    provenance: Provenance,
}

entity!(Meeting, Meeting);

impl Meeting {
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "name",
        "kind",
        "partnership",
        "series",
        "session",
        "date",
        "end",
        "status",
        "place",
        "organizers",
        "chairs",
        "attendees",
        "participants",
        "tech_areas",
        "outcomes",
        "agreements_signed",
    ];

    /// Starts building a meeting with its key, name, kind, date and status.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Date, Meeting, MeetingKind, MeetingStatus};
    ///
    /// let council = Meeting::builder(
    ///     "eu-kr-dpc-2",
    ///     "2nd EU–Korea Digital Partnership Council",
    ///     MeetingKind::Council,
    ///     Date::parse("2024-03-26")?,
    ///     MeetingStatus::Held,
    /// )
    /// .partnership("eu-kr-digital")
    /// .session("eu-kr-dpc", 2)
    /// .place("Brussels")
    /// .build()?;
    /// assert_eq!(council.session(), Some(2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(
        key: impl Into<String>,
        name: impl Into<String>,
        kind: MeetingKind,
        date: Date,
        status: MeetingStatus,
    ) -> MeetingBuilder {
        MeetingBuilder {
            raw: RawMeeting {
                key: raw_text(key),
                name: name.into(),
                kind,
                partnership: None,
                series: None,
                session: None,
                date: DateInput::Date(date),
                end: None,
                status,
                place: None,
                organizers: KeyList::default(),
                chairs: Vec::new(),
                attendees: Vec::new(),
                participants: KeyList::default(),
                tech_areas: KeyList::default(),
                outcomes: Vec::new(),
                agreements_signed: None,
                sources: Vec::new(),
                claims: Vec::new(),
            },
        }
    }

    /// The meeting's key.
    pub fn key(&self) -> &Key<Meeting> {
        &self.key
    }
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// What kind of gathering it is.
    pub fn kind(&self) -> MeetingKind {
        self.kind
    }
    /// The partnership it belongs to.
    pub fn partnership(&self) -> Option<&Key<Partnership>> {
        self.partnership.as_ref()
    }
    /// The series it is numbered in (`eu-kr-dpc`).
    pub fn series(&self) -> Option<&SeriesKey> {
        self.series.as_ref()
    }
    /// Its number in the series.
    pub fn session(&self) -> Option<u32> {
        self.session
    }
    /// When it was or will be held: its first day, for a meeting of
    /// several days.
    pub fn date(&self) -> &Date {
        &self.date
    }
    /// Its last day, inclusive, for a meeting of several days: a
    /// ministerial held on 15–16 May has the date `2023-05-15` and the end
    /// `2023-05-16`. `None` for a meeting of one day.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Date, Meeting, MeetingKind, MeetingStatus};
    ///
    /// let ministerial = Meeting::builder(
    ///     "ministerial",
    ///     "Ministerial meeting",
    ///     MeetingKind::Summit,
    ///     Date::parse("2023-05-15")?,
    ///     MeetingStatus::Held,
    /// )
    /// .end(Date::parse("2023-05-16")?)
    /// .build()?;
    /// assert_eq!(ministerial.end().map(|d| d.to_string()).as_deref(), Some("2023-05-16"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end(&self) -> Option<&Date> {
        self.end.as_ref()
    }
    /// Whether it was held, is scheduled, postponed or cancelled.
    pub fn status(&self) -> MeetingStatus {
        self.status
    }
    /// Where.
    pub fn place(&self) -> Option<&str> {
        self.place.as_deref()
    }
    /// Who convened it.
    pub fn organizers(&self) -> &[Key<Institution>] {
        &self.organizers
    }
    /// Chairs and co-chairs.
    pub fn chairs(&self) -> &[Official] {
        &self.chairs
    }
    /// Other named attendees.
    pub fn attendees(&self) -> &[Official] {
        &self.attendees
    }
    /// Institutions that took part.
    pub fn participants(&self) -> &[Key<Institution>] {
        &self.participants
    }
    /// The technology areas it covered.
    pub fn tech_areas(&self) -> &[Key<TechArea>] {
        &self.tech_areas
    }
    /// What was decided, launched or presented.
    pub fn outcomes(&self) -> impl ExactSizeIterator<Item = &str> {
        self.outcomes.iter().map(|o| &**o)
    }
    /// The number of agreements the sources say were signed at it, whether or
    /// not the dataset lists them.
    pub fn agreements_signed(&self) -> Option<u32> {
        self.agreements_signed
    }
    /// Its citations and claims.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }
    /// Every institution the meeting names: organizers, participants, and the
    /// institutions of chairs and attendees, without repeats.
    pub fn institutions(&self) -> Vec<&Key<Institution>> {
        let mut all: Vec<&Key<Institution>> = Vec::new();
        let officials = self.chairs.iter().chain(&self.attendees);
        let keys = self
            .organizers
            .iter()
            .chain(&self.participants)
            .chain(officials.filter_map(Official::institution));
        for k in keys {
            if !all.contains(&k) {
                all.push(k);
            }
        }
        all
    }

    pub(crate) fn from_raw(raw: RawMeeting, ck: &mut Checker<'_>) -> Option<Meeting> {
        let key = ck.entity_key(raw.key);
        let name = ck.text("name", raw.name);
        let partnership = ck.opt_key("partnership", raw.partnership);
        let series = ck.opt_key("series", raw.series);
        match raw.session {
            Some(0) => ck.report(
                Rule::InvalidValue,
                "session",
                "expected a session number of 1 or more, got 0",
            ),
            Some(n) if matches!(series, Some(None)) => ck.report(
                Rule::SeriesMismatch,
                "session",
                format!("session {n} needs a series to be numbered in"),
            ),
            _ => {}
        }
        let date = ck.date("date", raw.date);
        let end = ck.opt_date("end", raw.end);
        if let (Some(start), Some(Some(end))) = (&date, &end) {
            if end.latest_day_number() < start.earliest_day_number() {
                ck.report(
                    Rule::LifecycleOrder,
                    "end",
                    format!("end {end} certainly precedes date {start}"),
                );
            }
        }
        let place = ck.opt_text("place", raw.place);
        let organizers = ck.key_list("organizers", raw.organizers);
        let chairs = ck.officials("chairs", raw.chairs);
        let attendees = ck.officials("attendees", raw.attendees);
        let participants = ck.key_list("participants", raw.participants);
        let tech_areas = ck.key_list("tech_areas", raw.tech_areas);
        let outcomes = ck.texts("outcomes", raw.outcomes);
        let provenance = ck.provenance(
            raw.sources,
            raw.claims,
            Self::FIELDS,
            &[
                ("date", date.as_ref()),
                ("end", end.as_ref().and_then(Option::as_ref)),
            ],
        );
        if ck.failed() {
            return None;
        }
        Some(Meeting {
            key: key?,
            name: name?,
            kind: raw.kind,
            partnership: partnership?,
            series: series?,
            session: raw.session,
            date: date?,
            end: end?,
            status: raw.status,
            place: place?,
            organizers: organizers.into(),
            chairs: chairs.into(),
            attendees: attendees.into(),
            participants: participants.into(),
            tech_areas: tech_areas.into(),
            outcomes: outcomes.into(),
            agreements_signed: raw.agreements_signed,
            provenance,
        })
    }
}

/// Builds a [`Meeting`]; see [`Meeting::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct MeetingBuilder {
    raw: RawMeeting,
}

impl MeetingBuilder {
    /// Sets the partnership it belongs to (a key).
    pub fn partnership(mut self, key: impl Into<String>) -> Self {
        self.raw.partnership = Some(raw_text(key));
        self
    }
    /// Numbers it in a series: `session("eu-kr-dpc", 2)`.
    pub fn session(mut self, series: impl Into<String>, number: u32) -> Self {
        self.raw.series = Some(raw_text(series));
        self.raw.session = Some(number);
        self
    }
    /// Puts it in a series without a number.
    pub fn series(mut self, series: impl Into<String>) -> Self {
        self.raw.series = Some(raw_text(series));
        self
    }
    /// Sets its last day, for a meeting of several days (see
    /// [`Meeting::end`]).
    pub fn end(mut self, end: Date) -> Self {
        self.raw.end = Some(DateInput::Date(end));
        self
    }
    /// Sets where it was held.
    pub fn place(mut self, place: impl Into<String>) -> Self {
        self.raw.place = Some(place.into());
        self
    }
    /// Adds an organizer (an institution key).
    pub fn organizer(mut self, key: impl Into<String>) -> Self {
        self.raw.organizers.push(raw_text(key));
        self
    }
    /// Adds a chair.
    pub fn chair(mut self, official: Official) -> Self {
        self.raw.chairs.push(official.into());
        self
    }
    /// Adds a named attendee.
    pub fn attendee(mut self, official: Official) -> Self {
        self.raw.attendees.push(official.into());
        self
    }
    /// Adds a participating institution (a key).
    pub fn participant(mut self, key: impl Into<String>) -> Self {
        self.raw.participants.push(raw_text(key));
        self
    }
    /// Adds a technology area (a key).
    pub fn tech_area(mut self, key: impl Into<String>) -> Self {
        self.raw.tech_areas.push(raw_text(key));
        self
    }
    /// Adds an outcome.
    pub fn outcome(mut self, outcome: impl Into<String>) -> Self {
        self.raw.outcomes.push(outcome.into());
        self
    }
    /// Sets the declared number of agreements signed at it.
    pub fn agreements_signed(mut self, count: u32) -> Self {
        self.raw.agreements_signed = Some(count);
        self
    }
    provenance_builder!();
    /// Checks everything and builds the meeting.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem: malformed keys, blank
    /// texts, session 0, a session without a series, an end that certainly
    /// precedes the date, a key listed twice, a claimed date that
    /// contradicts the recorded one.
    pub fn build(self) -> Result<Meeting, ValidationError> {
        crate::model::check::build(self.raw, Meeting::from_raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMeeting {
    key: CompactString,
    name: String,
    kind: MeetingKind,
    #[serde(default)]
    partnership: Option<CompactString>,
    #[serde(default)]
    series: Option<CompactString>,
    #[serde(default)]
    session: Option<u32>,
    date: DateInput,
    #[serde(default)]
    end: Option<DateInput>,
    status: MeetingStatus,
    #[serde(default)]
    place: Option<String>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_no_keys")]
    organizers: KeyList<Institution>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    chairs: Vec<RawOfficial>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    attendees: Vec<RawOfficial>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_no_keys")]
    participants: KeyList<Institution>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_no_keys")]
    tech_areas: KeyList<TechArea>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    outcomes: Vec<String>,
    #[serde(default)]
    agreements_signed: Option<u32>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    sources: Vec<RawCitation>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    claims: Vec<RawClaim>,
}

crate::model::check::raw_entity!(RawMeeting, Meeting);

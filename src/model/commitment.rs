//! Commitments: action items with owners, a deadline and a status.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::check::{Checker, DateInput, KeyList};
use crate::model::diagnostic::{Rule, ValidationError};
use crate::model::id::{entity, raw_text, Key};
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::source::{provenance_builder, Provenance, RawCitation, RawClaim};
use crate::model::taxonomy::TechArea;

/// Where a commitment was made.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// At a meeting.
    Meeting(Key<Meeting>),
    /// In an MOU.
    Mou(Key<Mou>),
}

/// Where a commitment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CommitmentStatus {
    /// No outcome on record: no source reports it met, missed or dropped.
    /// Past its due date it is "past due, no outcome on record", which says
    /// nothing of whether it was kept.
    Open,
    /// Done.
    Met,
    /// Its deadline passed without it being done.
    Missed,
    /// Abandoned.
    Dropped,
}

/// An action item: "pass the bill by the end of the year", "hold the next
/// council in Seoul in 2025". It has owners, an origin, a deadline (a
/// [`Date`], often vague) and a status.
///
/// A commitment is **overdue** as of a day when it is open (no outcome on
/// record) and its due date certainly precedes that day: past due, no
/// outcome on record, which is not the same as missed; see
/// [`is_overdue`](Commitment::is_overdue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    key: Key<Commitment>,
    description: Box<str>,
    owners: Box<[Key<Institution>]>,
    origin: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<Date>,
    status: CommitmentStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_date: Option<Date>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tech_areas: Box<[Key<TechArea>]>,
    #[serde(flatten)]
    provenance: Provenance,
}

entity!(Commitment, Commitment);

impl Commitment {
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "description",
        "owners",
        "origin",
        "due",
        "status",
        "status_date",
        "tech_areas",
    ];

    /// Starts building a commitment.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::{Commitment, CommitmentStatus, Date, Origin};
    ///
    /// let bill = Commitment::builder(
    ///     "kr-digital-growth-act-bill",
    ///     "Pass the Digital Growth Promotion Act by the end of 2020",
    ///     Origin::Meeting("kr-motie-digital-growth-act-tf-kickoff".parse()?),
    ///     CommitmentStatus::Open,
    /// )
    /// .owner("kr-motie")
    /// .due(Date::parse("2020-12-31")?)
    /// .build()?;
    /// let new_year = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    /// assert!(bill.is_overdue(new_year));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(
        key: impl Into<String>,
        description: impl Into<String>,
        origin: Origin,
        status: CommitmentStatus,
    ) -> CommitmentBuilder {
        CommitmentBuilder {
            raw: RawCommitment {
                key: raw_text(key),
                description: description.into(),
                owners: KeyList::default(),
                origin: RawOrigin::from(origin),
                due: None,
                status,
                status_date: None,
                tech_areas: KeyList::default(),
                sources: Vec::new(),
                claims: Vec::new(),
            },
        }
    }

    /// The commitment's key.
    pub fn key(&self) -> &Key<Commitment> {
        &self.key
    }
    /// What was promised.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// Who owns it: at least one institution.
    pub fn owners(&self) -> &[Key<Institution>] {
        &self.owners
    }
    /// Where it was made.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }
    /// Its deadline.
    pub fn due(&self) -> Option<&Date> {
        self.due.as_ref()
    }
    /// Where it stands.
    pub fn status(&self) -> CommitmentStatus {
        self.status
    }
    /// When it was met, missed or dropped.
    pub fn status_date(&self) -> Option<&Date> {
        self.status_date.as_ref()
    }
    /// The technology areas it concerns.
    pub fn tech_areas(&self) -> &[Key<TechArea>] {
        &self.tech_areas
    }
    /// Its citations and claims.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }
    /// Whether it is open (no outcome on record) and its due date certainly
    /// precedes `day`: past due, no outcome on record.
    pub fn is_overdue(&self, day: chrono::NaiveDate) -> bool {
        self.status == CommitmentStatus::Open
            && self.due.as_ref().is_some_and(|d| d.certainly_before(day))
    }

    pub(crate) fn from_raw(raw: RawCommitment, ck: &mut Checker<'_>) -> Option<Commitment> {
        let key = ck.entity_key(raw.key);
        let description = ck.text("description", raw.description);
        if raw.owners.is_empty() {
            ck.report(
                Rule::TooFewParties,
                "owners",
                "need at least 1 owner, got 0",
            );
        }
        let owners = ck.key_list("owners", raw.owners);
        let origin = match raw.origin {
            RawOrigin::Meeting(k) => ck.owned_key("origin.meeting", k).map(Origin::Meeting),
            RawOrigin::Mou(k) => ck.owned_key("origin.mou", k).map(Origin::Mou),
        };
        let due = ck.opt_date("due", raw.due);
        let status_date = ck.opt_date("status_date", raw.status_date);
        if raw.status == CommitmentStatus::Open && matches!(status_date, Some(Some(_))) {
            ck.report(
                Rule::StatusDate,
                "status_date",
                "an open commitment has no status date: set status to met, missed or dropped, or remove status_date",
            );
        }
        let tech_areas = ck.key_list("tech_areas", raw.tech_areas);
        let dates = [
            ("due", due.as_ref().and_then(Option::as_ref)),
            ("status_date", status_date.as_ref().and_then(Option::as_ref)),
        ];
        let provenance = ck.provenance(raw.sources, raw.claims, Self::FIELDS, &dates);
        if ck.failed() {
            return None;
        }
        Some(Commitment {
            key: key?,
            description: description?,
            owners: owners.into(),
            origin: origin?,
            due: due?,
            status: raw.status,
            status_date: status_date?,
            tech_areas: tech_areas.into(),
            provenance,
        })
    }
}

/// Builds a [`Commitment`]; see [`Commitment::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct CommitmentBuilder {
    raw: RawCommitment,
}

impl CommitmentBuilder {
    /// Adds an owner (an institution key).
    pub fn owner(mut self, key: impl Into<String>) -> Self {
        self.raw.owners.push(raw_text(key));
        self
    }
    /// Sets the deadline.
    pub fn due(mut self, date: Date) -> Self {
        self.raw.due = Some(DateInput::Date(date));
        self
    }
    /// Sets when it was met, missed or dropped.
    pub fn status_date(mut self, date: Date) -> Self {
        self.raw.status_date = Some(DateInput::Date(date));
        self
    }
    /// Adds a technology area (a key).
    pub fn tech_area(mut self, key: impl Into<String>) -> Self {
        self.raw.tech_areas.push(raw_text(key));
        self
    }
    provenance_builder!();
    /// Checks everything and builds the commitment.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem: no owner, malformed keys,
    /// a blank description, a status date on an open commitment.
    pub fn build(self) -> Result<Commitment, ValidationError> {
        crate::model::check::build(self.raw, Commitment::from_raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum RawOrigin {
    Meeting(CompactString),
    Mou(CompactString),
}

impl From<Origin> for RawOrigin {
    fn from(o: Origin) -> RawOrigin {
        match o {
            Origin::Meeting(k) => RawOrigin::Meeting(CompactString::new(k.as_str())),
            Origin::Mou(k) => RawOrigin::Mou(CompactString::new(k.as_str())),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCommitment {
    key: CompactString,
    description: String,
    owners: KeyList<Institution>,
    origin: RawOrigin,
    #[serde(default)]
    due: Option<DateInput>,
    status: CommitmentStatus,
    #[serde(default)]
    status_date: Option<DateInput>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_no_keys")]
    tech_areas: KeyList<TechArea>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    sources: Vec<RawCitation>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    claims: Vec<RawClaim>,
}

crate::model::check::raw_entity!(RawCommitment, Commitment);

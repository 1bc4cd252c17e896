//! Partnerships: standing cooperation frameworks between two or more parties.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::check::{Checker, DateInput, KeyList};
use crate::model::diagnostic::{Rule, ValidationError};
use crate::model::id::{entity, raw_text, Key};
use crate::model::institution::Institution;
use crate::model::party::{Party, PartyAction, RawParty};
use crate::model::source::{provenance_builder, Provenance, RawCitation, RawClaim};
use crate::model::taxonomy::TechArea;

/// What kind of framework a partnership is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PartnershipKind {
    /// A digital partnership with a governing council (the EU's model).
    DigitalPartnership,
    /// A comprehensive strategic partnership between states.
    ComprehensiveStrategicPartnership,
    /// A strategic partnership between states.
    StrategicPartnership,
    /// Cooperation in technology or industry between governments or bodies.
    TechnologyCooperation,
    /// Anything else.
    Other,
}

/// A partnership's parties in their order, and those of them whose actions
/// are recorded (boxed once more: most partnerships have none).
#[allow(clippy::box_collection)]
type Parties = (Box<[Key<Institution>]>, Option<Box<Vec<Party>>>);

/// A standing cooperation framework between two or more parties: the
/// EU–Republic of Korea Digital Partnership, the Viet Nam–Korea comprehensive
/// strategic partnership.
///
/// It is in force from [`established`](Partnership::established) until
/// [`ended`](Partnership::ended) (no longer in force on that day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partnership {
    key: Key<Partnership>,
    name: Box<str>,
    kind: PartnershipKind,
    #[serde(serialize_with = "parties_as_written")]
    parties: Parties,
    #[serde(skip_serializing_if = "Option::is_none")]
    established: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ended: Option<Date>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tech_areas: Box<[Key<TechArea>]>,
    #[serde(flatten)]
    provenance: Provenance,
}

entity!(Partnership, Partnership);

impl Partnership {
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "name",
        "kind",
        "parties",
        "established",
        "ended",
        "tech_areas",
    ];

    /// Starts building a partnership.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Date, Partnership, PartnershipKind};
    ///
    /// let p = Partnership::builder("eu-kr-digital", "EU–Republic of Korea Digital Partnership", PartnershipKind::DigitalPartnership)
    ///     .party("eu")
    ///     .party("kr-gov")
    ///     .established(Date::parse("2022-11-28")?)
    ///     .build()?;
    /// assert_eq!(p.parties().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(
        key: impl Into<String>,
        name: impl Into<String>,
        kind: PartnershipKind,
    ) -> PartnershipBuilder {
        PartnershipBuilder {
            raw: RawPartnership {
                key: raw_text(key),
                name: name.into(),
                kind,
                parties: Vec::new(),
                established: None,
                ended: None,
                tech_areas: KeyList::default(),
                sources: Vec::new(),
                claims: Vec::new(),
            },
        }
    }

    /// The partnership's key.
    pub fn key(&self) -> &Key<Partnership> {
        &self.key
    }
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// What kind of framework it is.
    pub fn kind(&self) -> PartnershipKind {
        self.kind
    }
    /// The parties: at least two distinct institutions.
    pub fn parties(&self) -> &[Key<Institution>] {
        &self.parties.0
    }
    /// The parties whose joining or leaving is recorded, each with its
    /// actions, in the order of [`parties`](Partnership::parties). A party
    /// without actions is a party for as long as the partnership lasts.
    pub fn party_records(&self) -> &[Party] {
        self.parties.1.as_deref().map_or(&[], Vec::as_slice)
    }
    /// The actions of the party with key `institution`, when recorded.
    pub fn party_record(&self, institution: &str) -> Option<&Party> {
        self.party_records()
            .iter()
            .find(|p| p.institution().as_str() == institution)
    }
    /// When it was signed or launched.
    pub fn established(&self) -> Option<&Date> {
        self.established.as_ref()
    }
    /// When it ended.
    pub fn ended(&self) -> Option<&Date> {
        self.ended.as_ref()
    }
    /// The technology areas it covers.
    pub fn tech_areas(&self) -> &[Key<TechArea>] {
        &self.tech_areas
    }
    /// Its citations and claims.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    pub(crate) fn from_raw(raw: RawPartnership, ck: &mut Checker<'_>) -> Option<Partnership> {
        let key = ck.entity_key(raw.key);
        let name = ck.text("name", raw.name);
        let (texts, records) = split_parties(raw.parties);
        ck.at_least_two("parties", &texts);
        let parties = ck.keys::<Institution>("parties", texts);
        let records = ck.parties("parties", records.into_iter());
        let established = ck.opt_date("established", raw.established);
        let ended = ck.opt_date("ended", raw.ended);
        if let (Some(Some(start)), Some(Some(end))) = (&established, &ended) {
            if end.latest_day_number() < start.earliest_day_number() {
                ck.report(
                    Rule::LifecycleOrder,
                    "ended",
                    format!("ended {end} certainly precedes established {start}"),
                );
            }
        }
        let tech_areas = ck.key_list("tech_areas", raw.tech_areas);
        let dates = [
            ("established", established.as_ref().and_then(Option::as_ref)),
            ("ended", ended.as_ref().and_then(Option::as_ref)),
        ];
        let provenance = ck.provenance(raw.sources, raw.claims, Self::FIELDS, &dates);
        if ck.failed() {
            return None;
        }
        Some(Partnership {
            key: key?,
            name: name?,
            kind: raw.kind,
            parties: (
                parties.into(),
                (!records.is_empty()).then(|| Box::new(records)),
            ),
            established: established?,
            ended: ended?,
            tech_areas: tech_areas.into(),
            provenance,
        })
    }
}

/// Builds a [`Partnership`]; see [`Partnership::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct PartnershipBuilder {
    raw: RawPartnership,
}

impl PartnershipBuilder {
    /// Adds a party (an institution key).
    pub fn party(mut self, key: impl Into<String>) -> Self {
        self.raw
            .parties
            .push(RawPartnershipParty::Key(raw_text(key)));
        self
    }
    /// Adds a party (an institution key) with the actions by which it
    /// joined or left, in the order they happened.
    pub fn party_with_actions(
        mut self,
        key: impl Into<String>,
        actions: impl IntoIterator<Item = PartyAction>,
    ) -> Self {
        self.raw
            .parties
            .push(RawPartnershipParty::Full(Box::new(RawParty::new(
                key,
                actions.into_iter().collect(),
            ))));
        self
    }
    /// Sets when it was signed or launched.
    pub fn established(mut self, date: Date) -> Self {
        self.raw.established = Some(DateInput::Date(date));
        self
    }
    /// Sets when it ended.
    pub fn ended(mut self, date: Date) -> Self {
        self.raw.ended = Some(DateInput::Date(date));
        self
    }
    /// Adds a technology area (a key).
    pub fn tech_area(mut self, key: impl Into<String>) -> Self {
        self.raw.tech_areas.push(raw_text(key));
        self
    }
    provenance_builder!();
    /// Checks everything and builds the partnership.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem: fewer than two distinct
    /// parties, malformed keys, a blank name, an end that certainly precedes
    /// the start.
    pub fn build(self) -> Result<Partnership, ValidationError> {
        crate::model::check::build(self.raw, Partnership::from_raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPartnership {
    key: CompactString,
    name: String,
    kind: PartnershipKind,
    parties: Vec<RawPartnershipParty>,
    #[serde(default)]
    established: Option<DateInput>,
    #[serde(default)]
    ended: Option<DateInput>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_no_keys")]
    tech_areas: KeyList<TechArea>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    sources: Vec<RawCitation>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    claims: Vec<RawClaim>,
}

crate::model::check::raw_entity!(RawPartnership, Partnership);

/// A party of a partnership as written: a key, or an object with actions.
#[derive(Debug, Clone)]
pub(crate) enum RawPartnershipParty {
    Key(CompactString),
    Full(Box<RawParty>),
}

impl<'de> Deserialize<'de> for RawPartnershipParty {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// A string is a key; an object is a party with its actions.
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawPartnershipParty;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an institution key or an object with institution and actions")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(RawPartnershipParty::Key(CompactString::new(text)))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                RawParty::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|p| RawPartnershipParty::Full(Box::new(p)))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The institution texts of the parties in order, and the parties written
/// as objects with their position; an object without actions is only its
/// key.
fn split_parties(raws: Vec<RawPartnershipParty>) -> (Vec<CompactString>, Vec<(usize, RawParty)>) {
    let mut texts = Vec::with_capacity(raws.len());
    let mut records = Vec::new();
    for (i, raw) in raws.into_iter().enumerate() {
        match raw {
            RawPartnershipParty::Key(text) => texts.push(text),
            RawPartnershipParty::Full(party) => {
                texts.push(party.institution.clone());
                if !party.actions.is_empty() {
                    records.push((i, *party));
                }
            }
        }
    }
    (texts, records)
}

/// Writes each party as its key, or as an object when it has actions.
fn parties_as_written<S: serde::Serializer>(
    parties: &Parties,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let (keys, records) = parties;
    let records = records.as_deref().map_or(&[][..], Vec::as_slice);
    let mut seq = serializer.serialize_seq(Some(keys.len()))?;
    for key in keys.iter() {
        match records.iter().find(|p| p.institution() == key) {
            Some(party) => seq.serialize_element(party)?,
            None => seq.serialize_element(key)?,
        }
    }
    seq.end()
}

//! MOUs: signed instruments between institutions, with a lifecycle.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::check::{Checker, DateInput, KeyList};
use crate::model::diagnostic::{Rule, ValidationError};
use crate::model::id::{entity, raw_text, Key};
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::official::{Official, RawOfficial};
use crate::model::partnership::Partnership;
use crate::model::party::{Party, PartyAction, RawParty};
use crate::model::source::{provenance_builder, Provenance, RawCitation, RawClaim};
use crate::model::taxonomy::TechArea;

/// How an MOU relates to an earlier agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RelationKind {
    /// Changes some terms of the other agreement.
    Amends,
    /// Prolongs the other agreement.
    Extends,
    /// Replaces the other agreement.
    Supersedes,
}

/// What kind of instrument an agreement is, as its sources call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InstrumentKind {
    /// A treaty.
    Treaty,
    /// A convention.
    Convention,
    /// A protocol (often to another agreement).
    Protocol,
    /// An agreement.
    Agreement,
    /// An exchange of notes (or of letters).
    ExchangeOfNotes,
    /// A memorandum of understanding.
    Mou,
    /// A joint statement or declaration.
    JointStatement,
    /// A letter of intent.
    LetterOfIntent,
    /// Anything else.
    Other,
}

impl InstrumentKind {
    /// Every kind, in the order of the data format's documentation.
    pub const ALL: [InstrumentKind; 9] = [
        InstrumentKind::Treaty,
        InstrumentKind::Convention,
        InstrumentKind::Protocol,
        InstrumentKind::Agreement,
        InstrumentKind::ExchangeOfNotes,
        InstrumentKind::Mou,
        InstrumentKind::JointStatement,
        InstrumentKind::LetterOfIntent,
        InstrumentKind::Other,
    ];

    /// The name used in data: `exchange_of_notes`.
    pub fn as_str(self) -> &'static str {
        match self {
            InstrumentKind::Treaty => "treaty",
            InstrumentKind::Convention => "convention",
            InstrumentKind::Protocol => "protocol",
            InstrumentKind::Agreement => "agreement",
            InstrumentKind::ExchangeOfNotes => "exchange_of_notes",
            InstrumentKind::Mou => "mou",
            InstrumentKind::JointStatement => "joint_statement",
            InstrumentKind::LetterOfIntent => "letter_of_intent",
            InstrumentKind::Other => "other",
        }
    }
}

/// A relation from an MOU to another MOU.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Relation {
    kind: RelationKind,
    mou: Key<Mou>,
}

impl Relation {
    /// How the MOU relates to the other.
    pub fn kind(&self) -> RelationKind {
        self.kind
    }
    /// The other MOU.
    pub fn mou(&self) -> &Key<Mou> {
        &self.mou
    }
}

/// A memorandum of understanding or similar signed instrument between two or
/// more institutions: a bilateral MOU, or a multilateral treaty whose
/// [`parties`](Mou::parties) each act on days of their own.
///
/// It is in force from its entry into force (or, when none is recorded, from
/// its signature) through its expiry day; a termination takes effect on its
/// day. An agreement whose parties record consent actions (ratification,
/// accession, …) but no entry into force is not in force on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mou {
    key: Key<Mou>,
    title: Box<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<InstrumentKind>,
    signatories: Box<[Key<Institution>]>,
    signed: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    entry_into_force: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiry: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    termination: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partnership: Option<Key<Partnership>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting: Option<Key<Meeting>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    signed_by: Box<[Official]>,
    /// Boxed once more, so that the many agreements without parties pay a
    /// pointer for them, not a slice.
    #[allow(clippy::box_collection)]
    #[serde(skip_serializing_if = "Option::is_none")]
    parties: Option<Box<Vec<Party>>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    relations: Box<[Relation]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tech_areas: Box<[Key<TechArea>]>,
    #[serde(flatten)]
    provenance: Provenance,
}

entity!(Mou, Mou);

impl Mou {
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "title",
        "kind",
        "signatories",
        "signed",
        "entry_into_force",
        "expiry",
        "termination",
        "partnership",
        "meeting",
        "signed_by",
        "parties",
        "relations",
        "tech_areas",
    ];

    /// Starts building an MOU with its key, title and signature date.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Date, Mou};
    ///
    /// let mou = Mou::builder("kr-mnd-msit-2021", "MND–MSIT MOU on smart defence", Date::parse("2021-08-17")?)
    ///     .signatory("kr-mnd")
    ///     .signatory("kr-msit")
    ///     .build()?;
    /// assert_eq!(mou.signatories().len(), 2);
    ///
    /// let err = Mou::builder("one-sided", "A", Date::parse("2021")?)
    ///     .signatory("kr-mnd")
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"mou "one-sided": signatories: need at least 2 distinct institutions, got 1"#
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(key: impl Into<String>, title: impl Into<String>, signed: Date) -> MouBuilder {
        MouBuilder {
            raw: RawMou {
                key: raw_text(key),
                title: title.into(),
                kind: None,
                signatories: KeyList::default(),
                signed: DateInput::Date(signed),
                entry_into_force: None,
                expiry: None,
                termination: None,
                partnership: None,
                meeting: None,
                signed_by: Vec::new(),
                parties: None,
                relations: Vec::new(),
                tech_areas: KeyList::default(),
                sources: Vec::new(),
                claims: Vec::new(),
            },
        }
    }

    /// The MOU's key.
    pub fn key(&self) -> &Key<Mou> {
        &self.key
    }
    /// Its title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// What kind of instrument it is, when recorded.
    pub fn kind(&self) -> Option<InstrumentKind> {
        self.kind
    }
    /// The signatories: at least two distinct institutions.
    pub fn signatories(&self) -> &[Key<Institution>] {
        &self.signatories
    }
    /// When it was signed.
    pub fn signed(&self) -> &Date {
        &self.signed
    }
    /// When it entered into force, if recorded separately from the signature.
    pub fn entry_into_force(&self) -> Option<&Date> {
        self.entry_into_force.as_ref()
    }
    /// Its last day in force.
    pub fn expiry(&self) -> Option<&Date> {
        self.expiry.as_ref()
    }
    /// When it was terminated (no longer in force from that day).
    pub fn termination(&self) -> Option<&Date> {
        self.termination.as_ref()
    }
    /// The date it starts to apply: its entry into force, or its signature.
    pub fn start(&self) -> &Date {
        self.entry_into_force.as_ref().unwrap_or(&self.signed)
    }
    /// The partnership it belongs to.
    pub fn partnership(&self) -> Option<&Key<Partnership>> {
        self.partnership.as_ref()
    }
    /// The meeting or ceremony at which it was signed.
    pub fn meeting(&self) -> Option<&Key<Meeting>> {
        self.meeting.as_ref()
    }
    /// The officials who signed it.
    pub fn signed_by(&self) -> &[Official] {
        &self.signed_by
    }
    /// Its parties, each with its actions, when the agreement records them.
    /// When it lists none, every signatory is bound by its signature.
    pub fn parties(&self) -> &[Party] {
        self.parties.as_deref().map_or(&[], Vec::as_slice)
    }
    /// The party entry of the institution with key `institution`.
    pub fn party(&self, institution: &str) -> Option<&Party> {
        self.parties()
            .iter()
            .find(|p| p.institution().as_str() == institution)
    }
    /// Whether some party records a consent to be bound (a ratification,
    /// accession, …).
    pub fn has_consent_actions(&self) -> bool {
        self.parties().iter().any(Party::has_consent)
    }
    /// Whether the agreement can be in force on some day on record: not
    /// when its parties record consent actions but it has no entry into
    /// force (it is then not in force rather than in force from its
    /// signature).
    pub fn in_force_on_record(&self) -> bool {
        self.entry_into_force.is_some() || !self.has_consent_actions()
    }
    /// Its relations to other agreements.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }
    /// The technology areas it covers.
    pub fn tech_areas(&self) -> &[Key<TechArea>] {
        &self.tech_areas
    }
    /// Its citations and claims.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    pub(crate) fn from_raw(raw: RawMou, ck: &mut Checker<'_>) -> Option<Mou> {
        let key = ck.entity_key::<Mou>(raw.key);
        let title = ck.text("title", raw.title);
        ck.at_least_two("signatories", raw.signatories.texts());
        let signatories = ck.key_list("signatories", raw.signatories);
        let signed = ck.date("signed", raw.signed);
        let entry = ck.opt_date("entry_into_force", raw.entry_into_force);
        let expiry = ck.opt_date("expiry", raw.expiry);
        let termination = ck.opt_date("termination", raw.termination);
        // An end before the signature is a retroactive term (a lint); an
        // end before the entry into force leaves no day in force.
        let ends = [
            ("expiry", expiry.as_ref().and_then(Option::as_ref)),
            ("termination", termination.as_ref().and_then(Option::as_ref)),
        ];
        for (end_name, end) in ends {
            if let (Some(end), Some(Some(start))) = (end, &entry) {
                if end.latest_day_number() < start.earliest_day_number() {
                    ck.report(
                        Rule::LifecycleOrder,
                        end_name,
                        format!("{end_name} {end} certainly precedes entry_into_force {start}"),
                    );
                }
            }
        }
        let partnership = ck.opt_key("partnership", raw.partnership);
        let meeting = ck.opt_key("meeting", raw.meeting);
        let signed_by = ck.officials("signed_by", raw.signed_by);
        let parties = match raw.parties {
            Some(raws) => ck.parties("parties", raws.into_iter().enumerate()),
            None => Vec::new(),
        };
        let mut relations: Vec<Relation> = Vec::with_capacity(raw.relations.len());
        for (i, r) in raw.relations.into_iter().enumerate() {
            let path = crate::model::check::RefPath::item("relations", i).sub("mou");
            if let Some(other) = ck.key::<Mou>(path, &r.mou) {
                if key.as_ref() == Some(&other) {
                    ck.report(Rule::Cycle, path, "an mou cannot relate to itself");
                } else if relations.iter().any(|x| x.mou == other && x.kind == r.kind) {
                    ck.report(
                        Rule::DuplicateReference,
                        path,
                        format!("{:?} is listed twice", r.mou),
                    );
                } else {
                    relations.push(Relation {
                        kind: r.kind,
                        mou: other,
                    });
                }
            }
        }
        let tech_areas = ck.key_list("tech_areas", raw.tech_areas);
        let dates = [
            ("signed", signed.as_ref()),
            ("entry_into_force", entry.as_ref().and_then(Option::as_ref)),
            ("expiry", expiry.as_ref().and_then(Option::as_ref)),
            ("termination", termination.as_ref().and_then(Option::as_ref)),
        ];
        let provenance = ck.provenance(raw.sources, raw.claims, Self::FIELDS, &dates);
        if ck.failed() {
            return None;
        }
        Some(Mou {
            key: key?,
            title: title?,
            kind: raw.kind,
            signatories: signatories.into(),
            signed: signed?,
            entry_into_force: entry?,
            expiry: expiry?,
            termination: termination?,
            partnership: partnership?,
            meeting: meeting?,
            signed_by: signed_by.into(),
            parties: (!parties.is_empty()).then(|| Box::new(parties)),
            relations: relations.into(),
            tech_areas: tech_areas.into(),
            provenance,
        })
    }
}

/// Builds a [`Mou`]; see [`Mou::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct MouBuilder {
    raw: RawMou,
}

impl MouBuilder {
    /// Sets what kind of instrument it is.
    pub fn kind(mut self, kind: InstrumentKind) -> Self {
        self.raw.kind = Some(kind);
        self
    }
    /// Adds a party (an institution key) with its actions, in the order
    /// they happened.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{ActionKind, Date, InstrumentKind, Mou, PartyAction};
    ///
    /// let action = |kind, date| -> Result<PartyAction, Box<dyn std::error::Error>> {
    ///     Ok(PartyAction::builder(kind, Date::parse(date)?).build()?)
    /// };
    /// let convention = Mou::builder("data-convention", "Convention on Research Data", Date::parse("1985-03-12")?)
    ///     .kind(InstrumentKind::Convention)
    ///     .entry_into_force(Date::parse("1987-01-01")?)
    ///     .signatory("aa-gov")
    ///     .signatory("bb-gov")
    ///     .party("bb-gov", [
    ///         action(ActionKind::Signature, "1985-03-12")?,
    ///         action(ActionKind::Ratification, "1986-05-20")?,
    ///     ])
    ///     .build()?;
    /// assert_eq!(convention.parties()[0].actions().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn party(
        mut self,
        institution: impl Into<String>,
        actions: impl IntoIterator<Item = PartyAction>,
    ) -> Self {
        self.raw
            .parties
            .get_or_insert_with(Box::default)
            .push(RawParty::new(institution, actions.into_iter().collect()));
        self
    }
    /// Adds a signatory (an institution key).
    pub fn signatory(mut self, key: impl Into<String>) -> Self {
        self.raw.signatories.push(raw_text(key));
        self
    }
    /// Sets when it entered into force.
    pub fn entry_into_force(mut self, date: Date) -> Self {
        self.raw.entry_into_force = Some(DateInput::Date(date));
        self
    }
    /// Sets its last day in force.
    pub fn expiry(mut self, date: Date) -> Self {
        self.raw.expiry = Some(DateInput::Date(date));
        self
    }
    /// Sets when it was terminated.
    pub fn termination(mut self, date: Date) -> Self {
        self.raw.termination = Some(DateInput::Date(date));
        self
    }
    /// Sets the partnership it belongs to (a key).
    pub fn partnership(mut self, key: impl Into<String>) -> Self {
        self.raw.partnership = Some(raw_text(key));
        self
    }
    /// Sets the meeting at which it was signed (a key).
    pub fn meeting(mut self, key: impl Into<String>) -> Self {
        self.raw.meeting = Some(raw_text(key));
        self
    }
    /// Adds an official who signed it.
    pub fn signed_by(mut self, official: Official) -> Self {
        self.raw.signed_by.push(official.into());
        self
    }
    /// Adds a relation to another MOU (a key).
    pub fn relation(mut self, kind: RelationKind, mou: impl Into<String>) -> Self {
        self.raw.relations.push(RawRelation {
            kind,
            mou: raw_text(mou),
        });
        self
    }
    /// Adds a technology area (a key).
    pub fn tech_area(mut self, key: impl Into<String>) -> Self {
        self.raw.tech_areas.push(raw_text(key));
        self
    }
    provenance_builder!();
    /// Checks everything and builds the MOU.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem: fewer than two distinct
    /// signatories, malformed keys, a blank title, an expiry or termination
    /// that certainly precedes the entry into force, a relation to itself,
    /// a party listed twice or whose actions break the rules of their
    /// kinds and order.
    pub fn build(self) -> Result<Mou, ValidationError> {
        crate::model::check::build(self.raw, Mou::from_raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRelation {
    kind: RelationKind,
    mou: CompactString,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMou {
    key: CompactString,
    title: String,
    #[serde(default)]
    kind: Option<InstrumentKind>,
    signatories: KeyList<Institution>,
    signed: DateInput,
    #[serde(default)]
    entry_into_force: Option<DateInput>,
    #[serde(default)]
    expiry: Option<DateInput>,
    #[serde(default)]
    termination: Option<DateInput>,
    #[serde(default)]
    partnership: Option<CompactString>,
    #[serde(default)]
    meeting: Option<CompactString>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    signed_by: Vec<RawOfficial>,
    /// Boxed as on [`Mou`]: most agreements have none.
    #[allow(clippy::box_collection)]
    #[serde(default, deserialize_with = "crate::model::party::boxed_parties")]
    parties: Option<Box<Vec<RawParty>>>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    relations: Vec<RawRelation>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_no_keys")]
    tech_areas: KeyList<TechArea>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    sources: Vec<RawCitation>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    claims: Vec<RawClaim>,
}

crate::model::check::raw_entity!(RawMou, Mou);

//! Institutions: the bodies that act.

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::check::{Checker, DateInput, RefPath};
use crate::model::country::Country;
use crate::model::diagnostic::ValidationError;
use crate::model::id::{entity, raw_text, Key};
use crate::model::source::{provenance_builder, Provenance, RawCitation, RawClaim};

/// What kind of body an institution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InstitutionKind {
    /// A national government as a whole (`kr-gov`).
    Government,
    /// A ministry or department of a national government.
    Ministry,
    /// A government agency, institute or office under a ministry.
    Agency,
    /// A research institute or laboratory, public or private.
    ResearchInstitute,
    /// A university.
    University,
    /// An industry association, standards body or professional society.
    IndustryAssociation,
    /// A company.
    Company,
    /// A parliament or assembly.
    Legislature,
    /// Armed forces or one of their branches.
    ArmedForces,
    /// An embassy, consulate or other diplomatic mission.
    DiplomaticMission,
    /// A city, province or other sub-national government or its department.
    LocalGovernment,
    /// A supranational body: the European Union and its institutions.
    /// Recorded without a country, it is a side of its own, like an
    /// intergovernmental organisation.
    SupranationalBody,
    /// An intergovernmental organisation (a UN agency, the IAEA, the OECD,
    /// Euratom) or one of its organs. Recorded without a country, it is a
    /// side of its own: an agreement of Korea with it is bilateral.
    IntergovernmentalOrganization,
    /// Anything else.
    Other,
}

impl InstitutionKind {
    /// Whether an institution of this kind recorded without a country is a
    /// side of its own: true for intergovernmental organisations and
    /// supranational bodies. Any other institution without a country has a
    /// country that is not recorded.
    pub fn has_own_side(self) -> bool {
        matches!(
            self,
            InstitutionKind::IntergovernmentalOrganization | InstitutionKind::SupranationalBody
        )
    }
}

/// A body that acts: a government, ministry, agency, research institute,
/// university, association, company, legislature, supranational body or
/// intergovernmental organisation.
///
/// Institutions form a hierarchy through [`parent`](Institution::parent): an
/// agency sits under its ministry, a ministry under its government.
///
/// Its [`country`](Institution::country) is optional. An intergovernmental
/// organisation or supranational body without one is a side of its own
/// (see [`InstitutionKind::has_own_side`]); any other institution without
/// one has a country that is not recorded, and the sides and scope of its
/// agreements say so ([`AgreementScope::Unknown`](crate::AgreementScope::Unknown)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Institution {
    key: Key<Institution>,
    name: Box<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acronym: Option<Box<str>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: Box<[Box<str>]>,
    kind: InstitutionKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<Country>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<Key<Institution>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    former_names: Box<[FormerName]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    predecessors: Box<[Succession]>,
    #[serde(flatten)]
    provenance: Provenance,
}

entity!(Institution, Institution);

impl Institution {
    /// The field names a citation or claim can name.
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "name",
        "acronym",
        "aliases",
        "kind",
        "country",
        "parent",
        "former_names",
        "predecessors",
    ];

    /// Starts building an institution.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Country, Institution, InstitutionKind};
    ///
    /// let msit = Institution::builder("kr-msit", "Ministry of Science and ICT", InstitutionKind::Ministry, "KR")
    ///     .acronym("MSIT")
    ///     .parent("kr-gov")
    ///     .build()?;
    /// assert_eq!(msit.country(), Some(Country::KR));
    /// # Ok::<(), pactum::ValidationError>(())
    /// ```
    pub fn builder(
        key: impl Into<String>,
        name: impl Into<String>,
        kind: InstitutionKind,
        country: impl Into<String>,
    ) -> InstitutionBuilder {
        Institution::builder_with(key, name, kind, Some(country.into()))
    }

    /// Starts building an institution recorded without a country: an
    /// international organisation, which is a side of its own, or a body
    /// whose country the sources do not give.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Institution, InstitutionKind};
    ///
    /// let iaea = Institution::builder_without_country(
    ///     "iaea",
    ///     "International Atomic Energy Agency",
    ///     InstitutionKind::IntergovernmentalOrganization,
    /// )
    /// .acronym("IAEA")
    /// .build()?;
    /// assert_eq!(iaea.country(), None);
    /// assert!(iaea.kind().has_own_side());
    /// # Ok::<(), pactum::ValidationError>(())
    /// ```
    pub fn builder_without_country(
        key: impl Into<String>,
        name: impl Into<String>,
        kind: InstitutionKind,
    ) -> InstitutionBuilder {
        Institution::builder_with(key, name, kind, None)
    }

    fn builder_with(
        key: impl Into<String>,
        name: impl Into<String>,
        kind: InstitutionKind,
        country: Option<String>,
    ) -> InstitutionBuilder {
        InstitutionBuilder {
            raw: RawInstitution {
                key: raw_text(key),
                name: name.into(),
                acronym: None,
                aliases: Vec::new(),
                kind,
                country,
                parent: None,
                former_names: Vec::new(),
                predecessors: Vec::new(),
                sources: Vec::new(),
                claims: Vec::new(),
            },
        }
    }

    /// The institution's key.
    pub fn key(&self) -> &Key<Institution> {
        &self.key
    }
    /// Its official name in English.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Its acronym (`MSIT`).
    pub fn acronym(&self) -> Option<&str> {
        self.acronym.as_deref()
    }
    /// Other names, including garbled spellings found in sources.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &str> {
        self.aliases.iter().map(|a| &**a)
    }
    /// What kind of body it is.
    pub fn kind(&self) -> InstitutionKind {
        self.kind
    }
    /// The country or bloc it belongs to; `None` when it is recorded
    /// without one (an international organisation, or a country the
    /// sources do not give).
    pub fn country(&self) -> Option<Country> {
        self.country
    }
    /// The body it sits under.
    pub fn parent(&self) -> Option<&Key<Institution>> {
        self.parent.as_ref()
    }
    /// The names it was known by before it was renamed, as recorded (see [`FormerName`]).
    pub fn former_names(&self) -> &[FormerName] {
        &self.former_names
    }
    /// The institutions it took over, each with the day it took over (see [`Succession`]).
    pub fn predecessors(&self) -> &[Succession] {
        &self.predecessors
    }
    /// Its citations and claims.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }
    /// Whether `name` is its name, acronym or one of its aliases (exact
    /// match; [`Registry::lookup_institution`](crate::Registry::lookup_institution)
    /// forgives case, punctuation and diacritics).
    pub fn is_called(&self, name: &str) -> bool {
        &*self.name == name
            || self.acronym.as_deref() == Some(name)
            || self.aliases.iter().any(|a| &**a == name)
    }

    pub(crate) fn from_raw(raw: RawInstitution, ck: &mut Checker<'_>) -> Option<Institution> {
        let key = ck.entity_key(raw.key);
        let name = ck.text("name", raw.name);
        let acronym = ck.opt_text("acronym", raw.acronym);
        let aliases = ck.texts("aliases", raw.aliases);
        let country = match raw.country {
            Some(text) => ck.country("country", &text).map(Some),
            None => Some(None),
        };
        let parent = ck.opt_key("parent", raw.parent);
        if let (Some(k), Some(Some(p))) = (&key, &parent) {
            if k == p {
                ck.report(
                    crate::model::diagnostic::Rule::Cycle,
                    "parent",
                    "an institution cannot be its own parent",
                );
            }
        }
        let former_names = crate::model::institution::former_names(ck, raw.former_names);
        let predecessors =
            crate::model::institution::successions(ck, key.as_ref(), raw.predecessors);
        let provenance = ck.provenance(raw.sources, raw.claims, Self::FIELDS, &[]);
        if ck.failed() {
            return None;
        }
        Some(Institution {
            key: key?,
            name: name?,
            acronym: acronym?,
            aliases: aliases.into(),
            kind: raw.kind,
            country: country?,
            parent: parent?,
            former_names: former_names.into(),
            predecessors: predecessors.into(),
            provenance,
        })
    }
}

/// Builds an [`Institution`]; see [`Institution::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct InstitutionBuilder {
    raw: RawInstitution,
}

impl InstitutionBuilder {
    /// Sets the acronym.
    pub fn acronym(mut self, acronym: impl Into<String>) -> Self {
        self.raw.acronym = Some(acronym.into());
        self
    }
    /// Adds another name.
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.raw.aliases.push(alias.into());
        self
    }
    /// Sets the body it sits under (a key).
    pub fn parent(mut self, key: impl Into<String>) -> Self {
        self.raw.parent = Some(raw_text(key));
        self
    }
    /// Records a name it used before a rename, with the acronym of that time
    /// and the day the next name took effect.
    pub fn former_name(
        mut self,
        name: impl Into<String>,
        acronym: Option<&str>,
        renamed: Date,
    ) -> Self {
        self.raw.former_names.push(RawFormerName {
            name: name.into(),
            acronym: acronym.map(str::to_owned),
            renamed: crate::model::check::DateInput::Date(renamed),
        });
        self
    }
    /// Records an institution it took over (a key), with the day it took
    /// over.
    pub fn predecessor(mut self, key: impl Into<String>, date: Date) -> Self {
        self.raw.predecessors.push(RawSuccession {
            institution: raw_text(key),
            date: crate::model::check::DateInput::Date(date),
        });
        self
    }
    provenance_builder!();
    /// Checks everything and builds the institution.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem: malformed keys, blank
    /// names, an unknown country code, an institution that is its own parent
    /// or its own predecessor, a predecessor listed twice.
    pub fn build(self) -> Result<Institution, ValidationError> {
        crate::model::check::build(self.raw, Institution::from_raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawInstitution {
    key: CompactString,
    name: String,
    #[serde(default)]
    acronym: Option<String>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    aliases: Vec<String>,
    kind: InstitutionKind,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    parent: Option<CompactString>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    former_names: Vec<RawFormerName>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    predecessors: Vec<RawSuccession>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    sources: Vec<RawCitation>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    claims: Vec<RawClaim>,
}

crate::model::check::raw_entity!(RawInstitution, Institution);

/// A name an institution used before a rename, with the day the next name
/// took effect.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FormerName {
    name: Box<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acronym: Option<Box<str>>,
    pub(crate) renamed: Date,
}

impl FormerName {
    /// The former name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The acronym used with the former name (`KOTEF`).
    pub fn acronym(&self) -> Option<&str> {
        self.acronym.as_deref()
    }
    /// The day the institution was renamed: the former name was in use
    /// before it, the next name from it.
    pub fn renamed(&self) -> &Date {
        &self.renamed
    }
}

/// The taking over of one institution by another: recorded on the
/// successor, naming the predecessor and the day it took over.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Succession {
    pub(crate) institution: Key<Institution>,
    pub(crate) date: Date,
}

impl Succession {
    /// The predecessor: the institution that was taken over.
    pub fn institution(&self) -> &Key<Institution> {
        &self.institution
    }
    /// The day the successor took over: the predecessor no longer acts from
    /// that day.
    pub fn date(&self) -> &Date {
        &self.date
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFormerName {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) acronym: Option<String>,
    pub(crate) renamed: DateInput,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSuccession {
    pub(crate) institution: CompactString,
    pub(crate) date: DateInput,
}

/// Converts the former names of an institution, reporting every problem.
pub(crate) fn former_names(ck: &mut Checker<'_>, raws: Vec<RawFormerName>) -> Vec<FormerName> {
    let mut out = Vec::with_capacity(raws.len());
    for (i, raw) in raws.into_iter().enumerate() {
        let at = RefPath::item("former_names", i);
        let name = ck.text(at.sub("name"), raw.name);
        let acronym = ck.opt_text(at.sub("acronym"), raw.acronym);
        let renamed = ck.date(at.sub("renamed"), raw.renamed);
        if let (Some(name), Some(acronym), Some(renamed)) = (name, acronym, renamed) {
            out.push(FormerName {
                name,
                acronym,
                renamed,
            });
        }
    }
    out
}

/// Converts the predecessors of an institution, reporting every problem.
pub(crate) fn successions(
    ck: &mut Checker<'_>,
    own: Option<&Key<Institution>>,
    raws: Vec<RawSuccession>,
) -> Vec<Succession> {
    let mut out: Vec<Succession> = Vec::with_capacity(raws.len());
    for (i, raw) in raws.into_iter().enumerate() {
        let at = RefPath::item("predecessors", i);
        let key = ck.owned_key::<Institution>(at.sub("institution"), raw.institution);
        let date = ck.date(at.sub("date"), raw.date);
        let (Some(key), Some(date)) = (key, date) else {
            continue;
        };
        if own == Some(&key) {
            ck.report(
                crate::model::diagnostic::Rule::Cycle,
                at.sub("institution"),
                "an institution cannot be its own predecessor",
            );
        } else if out.iter().any(|s| s.institution == key) {
            ck.report(
                crate::model::diagnostic::Rule::DuplicateReference,
                at.sub("institution"),
                format!("{:?} is listed twice", key.as_str()),
            );
        } else {
            out.push(Succession {
                institution: key,
                date,
            });
        }
    }
    out
}

impl Institution {
    /// The names possibly in use on `day`: a former name until its rename
    /// certainly took effect, the current name once a rename possibly did.
    /// A vague rename date makes both names possible on the days it covers.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::{Date, Institution, InstitutionKind};
    ///
    /// let agency = Institution::builder("xx-agency", "Agency for Digital Affairs", InstitutionKind::Agency, "KR")
    ///     .former_name("Office for Computing", Some("OFC"), Date::parse("2015-03-01")?)
    ///     .build()?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(agency.names_on(day(2014, 1, 1)), ["Office for Computing"]);
    /// assert_eq!(agency.names_on(day(2015, 3, 1)), ["Agency for Digital Affairs"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn names_on(&self, day: NaiveDate) -> Vec<&str> {
        let mut former: Vec<&FormerName> = self.former_names().iter().collect();
        former.sort_by(|a, b| a.renamed.cmp(&b.renamed));
        let mut out = Vec::new();
        let mut previous: Option<&Date> = None;
        for f in &former {
            // In use from the previous rename (if any) until this one.
            let started = previous.map_or(true, |p| !p.certainly_after(day));
            if started && f.renamed.possibly_after(day) {
                out.push(f.name());
            }
            previous = Some(&f.renamed);
        }
        if previous.map_or(true, |p| !p.certainly_after(day)) {
            out.push(self.name());
        }
        out
    }
}

//! Ready-made analyses of a dataset: counts by year, country, technology area
//! and institution kind; partnership × area coverage; the network of
//! institutions that sign together; how commitments are kept; how regularly
//! councils meet; how long parties take from signature to ratification.
//!
//! Every analysis returns plain data (structs with public fields that
//! implement [`Serialize`]) and prints nothing. Each takes what it looks at as
//! an iterator, so a user can narrow first: one partnership's events, one
//! window, one area.
//!
//! ```
//! use pactum::analysis;
//!
//! let registry = pactum::seed();
//! let events = registry.events();
//! let meetings = analysis::count_by_year(
//!     events.iter().filter(|e| e.kind().is_meeting()).map(|e| e.date()),
//! );
//! let y2023 = meetings.year(2023).expect("meetings in 2023");
//! assert_eq!((y2023.possibly, y2023.certainly), (5, 4));
//! ```
//!
//! ## Vague dates, counted honestly
//!
//! A date known only roughly is counted *possibly* in every year its
//! candidates reach and *certainly* only in the year that holds all of them.
//! Adding up the `certainly` column never counts a fact twice; adding up the
//! `possibly` column may. A date open on one side (`[..2023-08-06]`) is
//! possibly in every year of the table up to its bound, and is also counted in
//! [`YearCounts::open`].

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::date::{Date, Window};
use crate::model::commitment::{Commitment, CommitmentStatus, Origin};
use crate::model::id::{EntityKind, Key};
use crate::model::institution::Institution;
use crate::model::meeting::{Meeting, MeetingStatus};
use crate::model::party::ActionKind;
use crate::query::{Agreement, EventKind, Subject};
use crate::registry::Registry;

// ---------------------------------------------------------------------------
// Counts by year

/// How many dates possibly and certainly fall in one calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// The calendar year.
    pub year: i32,
    /// Dates with at least one candidate day in the year.
    pub possibly: usize,
    /// Dates whose candidate days all lie in the year.
    pub certainly: usize,
}

/// Dates counted by calendar year, with vague dates counted honestly (see the
/// [module docs](self)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct YearCounts {
    /// One row per year from the first to the last year any date names, in
    /// order, including years with no date.
    pub years: Vec<YearCount>,
    /// Dates open on one side (`[..X]`, `[X..]`).
    pub open: usize,
    /// Every date counted.
    pub total: usize,
}

impl YearCounts {
    /// The row of `year`, if the table reaches it.
    pub fn year(&self, year: i32) -> Option<&YearCount> {
        self.years.iter().find(|y| y.year == year)
    }
}

fn year_window(year: i32) -> Option<Window> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31)?;
    Window::new(from, to).ok()
}

/// Counts dates by calendar year: for each year, how many possibly and how
/// many certainly fall in it.
///
/// # Example
///
/// ```
/// use pactum::{analysis, Date};
///
/// let dates = [Date::parse("2023-04-25")?, Date::parse("2022-41")?, Date::parse("[2022-12..2023-01]")?];
/// let counts = analysis::count_by_year(&dates);
/// let y2022 = counts.year(2022).unwrap();
/// assert_eq!((y2022.possibly, y2022.certainly), (2, 1));
/// let y2023 = counts.year(2023).unwrap();
/// assert_eq!((y2023.possibly, y2023.certainly), (2, 1));
/// # Ok::<(), pactum::DateError>(())
/// ```
pub fn count_by_year<'d>(dates: impl IntoIterator<Item = &'d Date>) -> YearCounts {
    let dates: Vec<&Date> = dates.into_iter().collect();
    let bounds = dates
        .iter()
        .flat_map(|d| [d.earliest(), d.latest()])
        .flatten()
        .map(|d| d.year());
    let (Some(first), Some(last)) = (bounds.clone().min(), bounds.max()) else {
        return YearCounts {
            years: Vec::new(),
            open: dates.len(),
            total: dates.len(),
        };
    };
    let mut years: Vec<YearCount> = (first..=last)
        .map(|year| YearCount {
            year,
            possibly: 0,
            certainly: 0,
        })
        .collect();
    for date in &dates {
        let from = date.earliest().map_or(first, |d| d.year());
        let to = date.latest().map_or(last, |d| d.year());
        for row in years.iter_mut().filter(|r| (from..=to).contains(&r.year)) {
            let Some(window) = year_window(row.year) else {
                continue;
            };
            if date.possibly_within(&window) {
                row.possibly += 1;
                if date.certainly_within(&window) {
                    row.certainly += 1;
                }
            }
        }
    }
    YearCounts {
        years,
        open: dates.iter().filter(|d| d.is_open()).count(),
        total: dates.len(),
    }
}

/// Agreements, meetings and commitments counted by year: the three most asked
/// counts of a timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ActivityByYear {
    /// Partnerships established and MOUs signed.
    pub agreements: YearCounts,
    /// Meetings held or scheduled (any status but cancelled).
    pub meetings: YearCounts,
    /// Commitments falling due.
    pub commitments: YearCounts,
}

/// Counts agreements (established or signed), meetings (not cancelled) and
/// commitments (by due date) by year, from a timeline the caller may have
/// narrowed.
///
/// # Example
///
/// ```
/// let registry = pactum::seed();
/// let activity = pactum::analysis::activity_by_year(registry.events());
/// let y2022 = activity.agreements.year(2022).unwrap();
/// assert_eq!((y2022.possibly, y2022.certainly), (3, 3));
/// ```
pub fn activity_by_year<'r>(
    events: impl IntoIterator<Item = crate::query::Event<'r>>,
) -> ActivityByYear {
    let mut agreements = Vec::new();
    let mut meetings = Vec::new();
    let mut commitments = Vec::new();
    for e in events {
        match (e.kind(), e.subject()) {
            (EventKind::PartnershipEstablished | EventKind::MouSigned, _) => {
                agreements.push(e.date())
            }
            (kind, Subject::Meeting(m))
                if kind.is_meeting() && m.status() != MeetingStatus::Cancelled =>
            {
                meetings.push(e.date())
            }
            (EventKind::CommitmentDue, _) => commitments.push(e.date()),
            _ => {}
        }
    }
    ActivityByYear {
        agreements: count_by_year(agreements),
        meetings: count_by_year(meetings),
        commitments: count_by_year(commitments),
    }
}

// ---------------------------------------------------------------------------
// Counts by category

/// How many agreements, meetings and commitments fall in one category (a
/// country, an area, an institution kind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// The category: a country code, an area key, an institution kind.
    pub category: String,
    /// Partnerships and MOUs.
    pub agreements: usize,
    /// Meetings.
    pub meetings: usize,
    /// Commitments.
    pub commitments: usize,
}

impl Tally {
    /// Agreements, meetings and commitments together.
    pub fn total(&self) -> usize {
        self.agreements + self.meetings + self.commitments
    }
}

/// Every partnership, meeting, MOU and commitment of the registry, as the
/// subjects the category counts take; narrow it with `filter` first.
pub fn subjects(registry: &Registry) -> impl Iterator<Item = Subject<'_>> {
    let p = registry.partnerships().iter().map(Subject::Partnership);
    let m = registry.meetings().iter().map(Subject::Meeting);
    let u = registry.mous().iter().map(Subject::Mou);
    let c = registry.commitments().iter().map(Subject::Commitment);
    p.chain(m).chain(u).chain(c)
}

/// The institutions a subject names: partnership parties, meeting organizers,
/// participants and the institutions of chairs and attendees, MOU signatories
/// and the institutions of signers, commitment owners.
fn institutions_of<'r>(subject: &Subject<'r>) -> Vec<&'r Key<Institution>> {
    let mut keys: Vec<&Key<Institution>> = match subject {
        Subject::Partnership(p) => p.parties().iter().collect(),
        Subject::Meeting(m) => m.institutions(),
        Subject::Mou(m) => m
            .signatories()
            .iter()
            .chain(m.signed_by().iter().filter_map(|o| o.institution()))
            .collect(),
        Subject::Commitment(c) => c.owners().iter().collect(),
        Subject::PartyAction(a) => vec![a.institution()],
    };
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn tally<'r, F>(subjects: impl IntoIterator<Item = Subject<'r>>, mut categories: F) -> Vec<Tally>
where
    F: FnMut(&Subject<'r>) -> BTreeSet<String>,
{
    let mut seen: BTreeSet<(EntityKind, &str)> = BTreeSet::new();
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for s in subjects {
        // A party action counts as its agreement.
        let s = s.entity();
        // A subject may come several times (one per event); count it once.
        if !seen.insert((s.kind(), s.key())) {
            continue;
        }
        for category in categories(&s) {
            let row = out.entry(category.clone()).or_insert(Tally {
                category,
                agreements: 0,
                meetings: 0,
                commitments: 0,
            });
            match s {
                Subject::Partnership(_) | Subject::Mou(_) | Subject::PartyAction(_) => {
                    row.agreements += 1
                }
                Subject::Meeting(_) => row.meetings += 1,
                Subject::Commitment(_) => row.commitments += 1,
            }
        }
    }
    out.into_values().collect()
}

/// The category of [`count_by_country`] for institutions recorded without a
/// country (international organisations, and bodies whose country is not
/// recorded): lower case, so it never clashes with a code and sorts after
/// them.
pub const NO_COUNTRY: &str = "none";

/// Counts subjects by the countries or blocs of the institutions they name
/// (see [`subjects`]); a subject naming institutions of two countries counts
/// for both. Institutions recorded without a country count under
/// [`NO_COUNTRY`]. Rows are in code order, [`NO_COUNTRY`] last.
///
/// Subjects may repeat (the subjects of a timeline's events); each counts
/// once.
///
/// # Example
///
/// ```
/// use pactum::analysis;
///
/// let registry = pactum::seed();
/// let by_country = analysis::count_by_country(&registry, analysis::subjects(&registry));
/// let eu = by_country.iter().find(|t| t.category == "EU").unwrap();
/// assert_eq!((eu.agreements, eu.meetings, eu.commitments), (3, 2, 1));
/// ```
pub fn count_by_country<'r>(
    registry: &'r Registry,
    subjects: impl IntoIterator<Item = Subject<'r>>,
) -> Vec<Tally> {
    tally(subjects, |s| {
        institutions_of(s)
            .into_iter()
            .filter_map(|k| registry.institution(k.as_str()))
            .map(|i| i.country().map_or(NO_COUNTRY, |c| c.code()).to_owned())
            .collect()
    })
}

/// Counts subjects by the institution kinds (`ministry`, `agency`, …) of the
/// institutions they name. Rows are in kind name order.
///
/// # Example
///
/// ```
/// use pactum::analysis;
///
/// let registry = pactum::seed();
/// let kinds = analysis::count_by_institution_kind(&registry, analysis::subjects(&registry));
/// let ministries = kinds.iter().find(|t| t.category == "ministry").unwrap();
/// assert_eq!((ministries.agreements, ministries.meetings, ministries.commitments), (2, 5, 11));
/// ```
pub fn count_by_institution_kind<'r>(
    registry: &'r Registry,
    subjects: impl IntoIterator<Item = Subject<'r>>,
) -> Vec<Tally> {
    tally(subjects, |s| {
        institutions_of(s)
            .into_iter()
            .filter_map(|k| registry.institution(k.as_str()))
            .map(|i| snake_name(&i.kind()))
            .collect()
    })
}

/// Counts subjects by the technology areas they are tagged with (as tagged:
/// an area's broader areas are not added). Rows are in area key order.
///
/// # Example
///
/// ```
/// use pactum::analysis;
///
/// let registry = pactum::seed();
/// let areas = analysis::count_by_tech_area(analysis::subjects(&registry));
/// let robotics = areas.iter().find(|t| t.category == "robotics").unwrap();
/// assert_eq!((robotics.agreements, robotics.meetings), (2, 2));
/// ```
pub fn count_by_tech_area<'r>(subjects: impl IntoIterator<Item = Subject<'r>>) -> Vec<Tally> {
    tally(subjects, |s| {
        areas_of(s).iter().map(|k| k.as_str().to_owned()).collect()
    })
}

fn areas_of<'r>(subject: &Subject<'r>) -> &'r [Key<crate::model::taxonomy::TechArea>] {
    match subject {
        Subject::Partnership(p) => p.tech_areas(),
        Subject::Meeting(m) => m.tech_areas(),
        Subject::Mou(m) => m.tech_areas(),
        Subject::Commitment(c) => c.tech_areas(),
        Subject::PartyAction(a) => match a.agreement() {
            Agreement::Mou(m) => m.tech_areas(),
            Agreement::Partnership(p) => p.tech_areas(),
        },
    }
}

/// The `snake_case` name a value has in the data file.
pub(crate) fn snake_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The partnership a subject belongs to: a partnership itself, the
/// partnership of a meeting or an MOU, or for a commitment the partnership of
/// the meeting or MOU it comes from. `None` when there is none.
///
/// # Example
///
/// ```
/// let registry = pactum::seed();
/// let commitment = registry.commitment("eu-kr-dpc-3-in-seoul").unwrap();
/// let subject = pactum::Subject::Commitment(commitment);
/// assert_eq!(pactum::analysis::partnership_of(&registry, &subject), Some("eu-kr-digital"));
/// ```
pub fn partnership_of<'r>(registry: &'r Registry, subject: &Subject<'r>) -> Option<&'r str> {
    match subject {
        Subject::Partnership(p) => Some(p.key().as_str()),
        Subject::Meeting(m) => m.partnership().map(Key::as_str),
        Subject::Mou(m) => m.partnership().map(Key::as_str),
        Subject::Commitment(c) => match c.origin() {
            Origin::Meeting(k) => registry.meeting(k.as_str())?.partnership(),
            Origin::Mou(k) => registry.mou(k.as_str())?.partnership(),
        }
        .map(Key::as_str),
        Subject::PartyAction(a) => match a.agreement() {
            Agreement::Mou(m) => m.partnership().map(Key::as_str),
            Agreement::Partnership(p) => Some(p.key().as_str()),
        },
    }
}

// ---------------------------------------------------------------------------
// Coverage

/// Which technology areas each partnership covers, and how strongly: a
/// partnerships × areas matrix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The rows: partnership keys, in key order.
    pub partnerships: Vec<String>,
    /// The columns: keys of the areas at least one partnership covers, in key
    /// order.
    pub areas: Vec<String>,
    /// `cells[row][column]`: how many of the partnership's entities (itself,
    /// its meetings, its MOUs, the commitments that come from those) are
    /// tagged with the area.
    pub cells: Vec<Vec<u32>>,
    /// Areas of the registry's taxonomy that no partnership covers: the gaps.
    pub gaps: Vec<String>,
}

impl Coverage {
    /// The cell of a partnership and an area, 0 when either is not in the
    /// matrix.
    pub fn cell(&self, partnership: &str, area: &str) -> u32 {
        let row = self.partnerships.iter().position(|p| p == partnership);
        let col = self.areas.iter().position(|a| a == area);
        match (row, col) {
            (Some(r), Some(c)) => self
                .cells
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(0),
            _ => 0,
        }
    }
}

/// The partnership × technology-area coverage of the given partnerships, with
/// the areas of the registry's taxonomy nobody covers.
///
/// # Example
///
/// ```
/// let registry = pactum::seed();
/// let coverage = pactum::analysis::coverage(&registry, registry.partnerships());
/// assert_eq!(coverage.cell("kr-us-tech", "semiconductors"), 4);
/// assert!(coverage.gaps.iter().any(|a| a == "software"));
/// ```
pub fn coverage<'r>(
    registry: &'r Registry,
    partnerships: impl IntoIterator<Item = &'r crate::model::partnership::Partnership>,
) -> Coverage {
    let mut rows: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
    for p in partnerships {
        rows.entry(p.key().as_str()).or_default();
    }
    let mut add = |partnership: &str, areas: &'r [Key<crate::model::taxonomy::TechArea>]| {
        if let Some(row) = rows.get_mut(partnership) {
            for a in areas {
                *row.entry(a.as_str()).or_insert(0) += 1;
            }
        }
    };
    let mut meeting_partnership: HashMap<&str, &str> = HashMap::new();
    let mut mou_partnership: HashMap<&str, &str> = HashMap::new();
    for p in registry.partnerships() {
        add(p.key().as_str(), p.tech_areas());
    }
    for m in registry.meetings() {
        if let Some(p) = m.partnership() {
            meeting_partnership.insert(m.key().as_str(), p.as_str());
            add(p.as_str(), m.tech_areas());
        }
    }
    for m in registry.mous() {
        if let Some(p) = m.partnership() {
            mou_partnership.insert(m.key().as_str(), p.as_str());
            add(p.as_str(), m.tech_areas());
        }
    }
    for c in registry.commitments() {
        let p = match c.origin() {
            Origin::Meeting(k) => meeting_partnership.get(k.as_str()),
            Origin::Mou(k) => mou_partnership.get(k.as_str()),
        };
        if let Some(p) = p {
            add(p, c.tech_areas());
        }
    }
    let areas: BTreeSet<&str> = rows.values().flat_map(|r| r.keys().copied()).collect();
    let areas: Vec<&str> = areas.into_iter().collect();
    let cells = rows
        .values()
        .map(|r| {
            areas
                .iter()
                .map(|a| r.get(a).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    let mut gaps: Vec<String> = registry
        .tech_areas()
        .iter()
        .map(|a| a.key().as_str())
        .filter(|a| areas.binary_search(a).is_err())
        .map(str::to_owned)
        .collect();
    gaps.sort_unstable();
    Coverage {
        partnerships: rows.keys().map(|k| (*k).to_owned()).collect(),
        areas: areas.into_iter().map(str::to_owned).collect(),
        cells,
        gaps,
    }
}

// ---------------------------------------------------------------------------
// Network

/// An institution of the signing network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The institution's key.
    pub key: String,
    /// Its name (the key when the registry does not know it).
    pub name: String,
    /// Its country or bloc code (empty when it has none or is unknown).
    pub country: String,
    /// How many other institutions it signs with.
    pub degree: usize,
    /// The index of its connected component in [`Network::components`].
    pub component: usize,
}

/// Two institutions that are parties to the same agreements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// One institution's key (the smaller).
    pub a: String,
    /// The other institution's key.
    pub b: String,
    /// The keys of the partnerships and MOUs they share, in key order.
    pub agreements: Vec<String>,
}

/// Who signs with whom: institutions linked when they are parties of the same
/// partnership or signatories of the same MOU.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Network {
    /// The institutions, in key order.
    pub nodes: Vec<Node>,
    /// The links, ordered by their two keys.
    pub links: Vec<Link>,
    /// Groups of institutions connected through links, largest first (then by
    /// first key); each in key order.
    pub components: Vec<Vec<String>>,
}

impl Network {
    /// The `n` institutions with the highest degree, highest first, ties in
    /// key order.
    pub fn most_central(&self, n: usize) -> Vec<&Node> {
        let mut nodes: Vec<&Node> = self.nodes.iter().collect();
        nodes.sort_by(|a, b| b.degree.cmp(&a.degree).then_with(|| a.key.cmp(&b.key)));
        nodes.truncate(n);
        nodes
    }

    /// The node of an institution.
    pub fn node(&self, key: &str) -> Option<&Node> {
        self.nodes
            .binary_search_by(|n| n.key.as_str().cmp(key))
            .ok()
            .and_then(|i| self.nodes.get(i))
    }
}

/// Every partnership and MOU of the registry, as the agreements
/// [`network`] takes; narrow it with `filter` first.
pub fn agreements(registry: &Registry) -> impl Iterator<Item = Agreement<'_>> {
    let p = registry.partnerships().iter().map(Agreement::Partnership);
    p.chain(registry.mous().iter().map(Agreement::Mou))
}

/// The MOU or partnership with `key`, or `None`.
pub fn agreement<'r>(registry: &'r Registry, key: &str) -> Option<Agreement<'r>> {
    registry
        .mou(key)
        .map(Agreement::Mou)
        .or_else(|| registry.partnership(key).map(Agreement::Partnership))
}

/// The agreement with the most parties (its party records, or its
/// signatories or partners when it has more of those), an MOU before a
/// partnership of as many, then the first key: the agreement a parties
/// chart of a whole dataset shows. `None` for a registry without
/// agreements.
pub fn most_parties(registry: &Registry) -> Option<Agreement<'_>> {
    let rank = |a: &Agreement<'_>| {
        let parties = a.party_records().len().max(a.parties().len());
        (parties, matches!(a, Agreement::Mou(_)))
    };
    agreements(registry).max_by(|a, b| rank(a).cmp(&rank(b)).then(b.key().cmp(a.key())))
}

/// The signing network of the given agreements (see [`agreements`]): degrees,
/// connected components and the agreements behind each link.
///
/// # Example
///
/// ```
/// use pactum::analysis;
///
/// let registry = pactum::seed();
/// let network = analysis::network(&registry, analysis::agreements(&registry));
/// assert_eq!(network.most_central(1)[0].key, "eu");
/// assert_eq!(network.components.len(), 3);
/// ```
pub fn network<'r>(
    registry: &'r Registry,
    agreements: impl IntoIterator<Item = Agreement<'r>>,
) -> Network {
    let mut links: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    let mut keys: BTreeSet<&str> = BTreeSet::new();
    for agreement in agreements {
        let mut parties: Vec<&str> = agreement.parties().iter().map(Key::as_str).collect();
        parties.sort_unstable();
        parties.dedup();
        keys.extend(parties.iter().copied());
        for (i, a) in parties.iter().enumerate() {
            for b in parties.iter().skip(i + 1) {
                links.entry((a, b)).or_default().insert(agreement.key());
            }
        }
    }
    let keys: Vec<&str> = keys.into_iter().collect();
    let index = |k: &str| keys.binary_search(&k).ok();
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    for (a, b) in links.keys() {
        if let (Some(i), Some(j)) = (index(a), index(b)) {
            adjacent[i].push(j);
            adjacent[j].push(i);
        }
    }
    // Components by breadth-first search from each unvisited institution.
    let mut component = vec![usize::MAX; keys.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for start in 0..keys.len() {
        if component[start] != usize::MAX {
            continue;
        }
        let id = groups.len();
        component[start] = id;
        let mut group = vec![start];
        let mut queue = VecDeque::from([start]);
        while let Some(i) = queue.pop_front() {
            for &j in &adjacent[i] {
                if component[j] == usize::MAX {
                    component[j] = id;
                    group.push(j);
                    queue.push_back(j);
                }
            }
        }
        group.sort_unstable();
        groups.push(group);
    }
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| groups[b].len().cmp(&groups[a].len()).then(a.cmp(&b)));
    let mut renumber = vec![0; groups.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old] = new;
    }
    let nodes = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let inst = registry.institution(k);
            Node {
                key: (*k).to_owned(),
                name: inst.map_or_else(|| (*k).to_owned(), |i| i.name().to_owned()),
                country: inst
                    .and_then(Institution::country)
                    .map_or_else(String::new, |c| c.code().to_owned()),
                degree: adjacent[i].len(),
                component: renumber[component[i]],
            }
        })
        .collect();
    let components = order
        .iter()
        .map(|&g| groups[g].iter().map(|&i| keys[i].to_owned()).collect())
        .collect();
    let links = links
        .into_iter()
        .map(|((a, b), agreements)| Link {
            a: a.to_owned(),
            b: b.to_owned(),
            agreements: agreements.into_iter().map(str::to_owned).collect(),
        })
        .collect();
    Network {
        nodes,
        links,
        components,
    }
}

// ---------------------------------------------------------------------------
// Commitments

/// A commitment past due, no outcome on record: open, and its due date has
/// certainly passed. That no source reports an outcome does not mean it was
/// not met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdue {
    /// The commitment's key.
    pub key: String,
    /// What was committed.
    pub description: String,
    /// The due date, as EDTF text.
    pub due: String,
    /// Days past the last candidate due day: overdue by at least this much.
    pub days_overdue_min: i64,
    /// Days past the first candidate due day: overdue by at most this much.
    pub days_overdue_max: i64,
}

/// How many overdue commitments have been overdue for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeBand {
    /// The band: `up to 30 days`, `31-90 days`, `91-365 days`, `over a year`.
    pub label: &'static str,
    /// Overdue commitments whose shortest possible delay falls in the band.
    pub count: usize,
}

/// How commitments are kept, as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitmentReport {
    /// The day the report judges by.
    pub as_of: NaiveDate,
    /// Every commitment looked at.
    pub total: usize,
    /// Met.
    pub met: usize,
    /// Missed.
    pub missed: usize,
    /// Dropped.
    pub dropped: usize,
    /// Open: no outcome on record (past due or not).
    pub open: usize,
    /// Met, as a share of the commitments that are settled (met, missed,
    /// dropped) or certainly past due with no outcome on record; `None`
    /// when there are none. A lower bound: an outcome nobody reported may
    /// have been met.
    pub fulfilment_rate: Option<f64>,
    /// Commitments past due, no outcome on record, longest first (then by
    /// key).
    pub overdue: Vec<Overdue>,
    /// The overdue commitments by how long they have been overdue.
    pub ageing: Vec<AgeBand>,
}

/// How the given commitments are kept as of `day`: counts by status, the
/// fulfilment rate, the overdue list and its ageing.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
///
/// let registry = pactum::seed();
/// let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
/// let report = pactum::analysis::commitments(registry.commitments(), day);
/// assert_eq!(report.overdue.len(), 3);
/// assert_eq!(report.overdue[0].key, "kr-digital-growth-act-bill");
/// assert_eq!(report.fulfilment_rate, Some(0.0));
/// ```
pub fn commitments<'r>(
    commitments: impl IntoIterator<Item = &'r Commitment>,
    day: NaiveDate,
) -> CommitmentReport {
    let (mut total, mut met, mut missed, mut dropped, mut open) = (0, 0, 0, 0, 0);
    let mut overdue = Vec::new();
    for c in commitments {
        total += 1;
        match c.status() {
            CommitmentStatus::Met => met += 1,
            CommitmentStatus::Missed => missed += 1,
            CommitmentStatus::Dropped => dropped += 1,
            _ => open += 1,
        }
        if !c.is_overdue(day) {
            continue;
        }
        let Some(due) = c.due() else { continue };
        let Some(latest) = due.latest() else { continue };
        let min = (day - latest).num_days();
        let max = due.earliest().map_or(i64::MAX, |e| (day - e).num_days());
        overdue.push(Overdue {
            key: c.key().as_str().to_owned(),
            description: c.description().to_owned(),
            due: due.to_string(),
            days_overdue_min: min,
            days_overdue_max: max,
        });
    }
    overdue.sort_by(|a, b| {
        b.days_overdue_min
            .cmp(&a.days_overdue_min)
            .then_with(|| a.key.cmp(&b.key))
    });
    let bands: [(&'static str, i64); 4] = [
        ("up to 30 days", 30),
        ("31-90 days", 90),
        ("91-365 days", 365),
        ("over a year", i64::MAX),
    ];
    let mut ageing: Vec<AgeBand> = bands
        .iter()
        .map(|(label, _)| AgeBand { label, count: 0 })
        .collect();
    for o in &overdue {
        if let Some(i) = bands
            .iter()
            .position(|(_, upto)| o.days_overdue_min <= *upto)
        {
            if let Some(band) = ageing.get_mut(i) {
                band.count += 1;
            }
        }
    }
    let judged = met + missed + dropped + overdue.len();
    CommitmentReport {
        as_of: day,
        total,
        met,
        missed,
        dropped,
        open,
        fulfilment_rate: (judged > 0).then(|| met as f64 / judged as f64),
        overdue,
        ageing,
    }
}

// ---------------------------------------------------------------------------
// Ratification lag

/// How long a party took from signing an agreement to consenting to be
/// bound by it (ratifying, accepting, approving, or for an organisation
/// formally confirming), in days.
///
/// With vague dates the lag is given by certain bounds: it is at least
/// `min_days` and at most `max_days` in every reading of the two dates in
/// which the consent does not come before the signature (the order of the
/// record). It is exact when the two are equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RatificationLag {
    /// The agreement: `mou` or `partnership`.
    pub agreement_kind: EntityKind,
    /// The agreement's key.
    pub agreement: String,
    /// The party's institution.
    pub institution: String,
    /// How it consented.
    pub consent: ActionKind,
    /// The place of the signature among the party's actions (from 0).
    pub signature_position: usize,
    /// The place of the consent among the party's actions (from 0).
    pub consent_position: usize,
    /// The shortest lag, in days: 0 when the dates may fall on one day.
    pub min_days: i64,
    /// The longest lag, in days; `None` when a date is open on the side
    /// that makes it unbounded (`[..1990]` signed, `[1991..]` ratified).
    pub max_days: Option<i64>,
}

impl RatificationLag {
    /// Whether the lag is known to the day.
    pub fn is_exact(&self) -> bool {
        self.max_days == Some(self.min_days)
    }
}

/// The ratification lag of every party of the given agreements (see
/// [`agreements`]) that signed and later consented, in the order of the
/// agreements, their parties and their actions: one a consent that follows
/// a signature with no withdrawal between (a party that withdrew, signed
/// again and ratified again has two).
///
/// An accession, a succession and a definitive signature follow no
/// signature and have no lag; a signature never followed by a consent has
/// none either.
///
/// # Example
///
/// ```
/// use pactum::analysis;
///
/// let registry = pactum::seed();
/// let lags = analysis::ratification_lags(analysis::agreements(&registry));
/// assert!(lags.iter().all(|l| l.max_days.map_or(true, |max| l.min_days <= max)));
/// ```
pub fn ratification_lags<'r>(
    agreements: impl IntoIterator<Item = Agreement<'r>>,
) -> Vec<RatificationLag> {
    let mut out = Vec::new();
    for agreement in agreements {
        for party in agreement.party_records() {
            let mut signed: Option<(usize, &Date)> = None;
            for (i, action) in party.actions().iter().enumerate() {
                match action.kind() {
                    ActionKind::Signature => signed = Some((i, action.date())),
                    ActionKind::Withdrawal => signed = None,
                    ActionKind::Ratification
                    | ActionKind::Acceptance
                    | ActionKind::Approval
                    | ActionKind::FormalConfirmation => {
                        if let Some((at, date)) = signed.take() {
                            let (min_days, max_days) = lag_bounds(date, action.date());
                            out.push(RatificationLag {
                                agreement_kind: agreement.entity(),
                                agreement: agreement.key().to_owned(),
                                institution: party.institution().as_str().to_owned(),
                                consent: action.kind(),
                                signature_position: at,
                                consent_position: i,
                                min_days,
                                max_days,
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// Certain bounds of the days from a day of `signed` to a day of
/// `consented` no earlier: the shortest from the latest signature to the
/// earliest consent (0 when they may meet), the longest from the earliest
/// signature to the latest consent (none for an open end).
fn lag_bounds(signed: &Date, consented: &Date) -> (i64, Option<i64>) {
    let (s_first, s_last) = (signed.earliest_day_number(), signed.latest_day_number());
    let (c_first, c_last) = (
        consented.earliest_day_number(),
        consented.latest_day_number(),
    );
    let min = (i64::from(c_first) - i64::from(s_last)).max(0);
    let open = s_first == i32::MIN || c_last == i32::MAX;
    let max = (!open).then(|| (i64::from(c_last) - i64::from(s_first)).max(min));
    (min, max)
}

// ---------------------------------------------------------------------------
// Councils

/// The gap between two consecutive sessions of a series, as a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionGap {
    /// The earlier meeting's key.
    pub from: String,
    /// The later meeting's key.
    pub to: String,
    /// The shortest possible gap in days.
    pub min_days: i64,
    /// The longest possible gap in days.
    pub max_days: i64,
}

/// How regularly a council series meets, as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cadence {
    /// The series key.
    pub series: String,
    /// The partnership of the series' first meeting, if any.
    pub partnership: Option<String>,
    /// Sessions held.
    pub held: usize,
    /// Gaps between consecutive held sessions (skipped where a date is open
    /// on the side that matters).
    pub gaps: Vec<SessionGap>,
    /// The usual gap: the median of the longest possible gaps (the lower
    /// middle one for an even count); `None` with fewer than two held
    /// sessions.
    pub usual_gap_days: Option<i64>,
    /// The last held session's key.
    pub last_held: Option<String>,
    /// The first session still scheduled or postponed, if any.
    pub next_scheduled: Option<String>,
    /// Whether the series went quiet: its last held session certainly lies
    /// more than the usual gap before the day. `None` when there is no usual
    /// gap to judge by.
    pub quiet: Option<bool>,
}

/// Cadence statistics of every council series among the given meetings, in
/// series key order, as of `day`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
///
/// let registry = pactum::seed();
/// let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
/// let cadence = pactum::analysis::cadence(registry.meetings(), day);
/// assert_eq!(cadence[0].series, "eu-kr-dpc");
/// assert_eq!(cadence[0].usual_gap_days, Some(277));
/// assert_eq!(cadence[0].quiet, Some(true));
/// ```
pub fn cadence<'r>(
    meetings: impl IntoIterator<Item = &'r Meeting>,
    day: NaiveDate,
) -> Vec<Cadence> {
    let mut series: BTreeMap<&str, Vec<&Meeting>> = BTreeMap::new();
    for m in meetings {
        if let Some(s) = m.series() {
            series.entry(s.as_str()).or_default().push(m);
        }
    }
    series
        .into_iter()
        .map(|(key, mut meetings)| {
            meetings.sort_by(|a, b| {
                let session = |m: &Meeting| m.session().map_or(u64::MAX, u64::from);
                session(a)
                    .cmp(&session(b))
                    .then_with(|| a.date().cmp(b.date()))
                    .then_with(|| a.key().cmp(b.key()))
            });
            series_cadence(key, &meetings, day)
        })
        .collect()
}

fn series_cadence(key: &str, meetings: &[&Meeting], day: NaiveDate) -> Cadence {
    let held: Vec<&Meeting> = meetings
        .iter()
        .copied()
        .filter(|m| m.status() == MeetingStatus::Held)
        .collect();
    let gaps: Vec<SessionGap> = held
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => a.date().days_until(b.date()).map(|r| SessionGap {
                from: a.key().as_str().to_owned(),
                to: b.key().as_str().to_owned(),
                min_days: *r.start(),
                max_days: *r.end(),
            }),
            _ => None,
        })
        .collect();
    let mut longest: Vec<i64> = gaps.iter().map(|g| g.max_days).collect();
    longest.sort_unstable();
    let usual = longest
        .get(longest.len().saturating_sub(1) / 2)
        .copied()
        .filter(|_| !longest.is_empty());
    let last = held.last();
    let quiet = match (usual, last.and_then(|m| m.date().latest())) {
        (Some(usual), Some(latest)) => Some((day - latest).num_days() > usual),
        _ => None,
    };
    Cadence {
        series: key.to_owned(),
        partnership: meetings
            .iter()
            .find_map(|m| m.partnership())
            .map(|p| p.as_str().to_owned()),
        held: held.len(),
        gaps,
        usual_gap_days: usual,
        last_held: last.map(|m| m.key().as_str().to_owned()),
        next_scheduled: meetings
            .iter()
            .find(|m| {
                matches!(
                    m.status(),
                    MeetingStatus::Scheduled | MeetingStatus::Postponed
                )
            })
            .map(|m| m.key().as_str().to_owned()),
        quiet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_open_date_is_possibly_in_every_year_up_to_its_bound_and_certainly_in_none() {
        let dates = [
            Date::parse("2021-03-01").unwrap(),
            Date::parse("[..2023-08-06]").unwrap(),
        ];
        let counts = count_by_year(&dates);
        let rows: Vec<(i32, usize, usize)> = counts
            .years
            .iter()
            .map(|y| (y.year, y.possibly, y.certainly))
            .collect();
        assert_eq!(rows, [(2021, 2, 1), (2022, 1, 0), (2023, 1, 0)]);
        assert_eq!((counts.open, counts.total), (1, 2));
    }

    #[test]
    fn a_list_of_days_in_two_years_is_possibly_in_both_and_certainly_in_neither() {
        let dates = [Date::parse("[2021-12-31,2022-01-01]").unwrap()];
        let counts = count_by_year(&dates);
        let rows: Vec<(i32, usize, usize)> = counts
            .years
            .iter()
            .map(|y| (y.year, y.possibly, y.certainly))
            .collect();
        assert_eq!(rows, [(2021, 1, 0), (2022, 1, 0)]);
    }

    #[test]
    fn no_dates_give_an_empty_table() {
        assert_eq!(count_by_year(std::iter::empty()), YearCounts::default());
    }

    #[test]
    fn a_commitment_overdue_by_a_few_days_is_in_the_first_age_band() {
        let registry = crate::seed();
        let report = commitments(registry.commitments(), day(2024, 1, 10));
        let kr_us = report
            .overdue
            .iter()
            .find(|o| o.key == "kr-us-cooperation-demand-2023")
            .unwrap();
        assert_eq!((kr_us.days_overdue_min, kr_us.days_overdue_max), (10, 10));
        assert_eq!(report.ageing[0].count, 1);
    }
}

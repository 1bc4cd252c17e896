//! The tables of a dataset, shared by the CSV and Arrow exports: one per
//! entity kind plus the event table, every date as its EDTF text beside its
//! first and last candidate days.

use super::links;
use super::row::{sorted, Row, Table};
use crate::model::commitment::{Commitment, Origin};
use crate::model::id::{Entity, Key};
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::source::Source;
use crate::model::taxonomy::TechArea;
use crate::query::Event;
use crate::registry::Registry;

/// The tables of a registry, by file stem, in a fixed order: entities in key
/// order, events in chronological order.
pub(crate) fn all(registry: &Registry) -> Vec<(&'static str, Table)> {
    NAMES
        .iter()
        .filter_map(|name| Some((*name, one(registry, name)?)))
        .collect()
}

/// The names of the tables, in the order [`all`] gives them: the entity
/// tables, the event table, then the tables of the lists an entity holds,
/// one row per item.
pub(crate) const NAMES: [&str; 16] = [
    "sources",
    "tech_areas",
    "institutions",
    "partnerships",
    "meetings",
    "mous",
    "commitments",
    "events",
    "party_actions",
    "mou_parties",
    "officials",
    "former_names",
    "predecessors",
    "relations",
    "citations",
    "claims",
];

/// The table called `name` (one of [`NAMES`]), or `None` for another name.
pub(crate) fn one(registry: &Registry, name: &str) -> Option<Table> {
    let table = match name {
        "sources" => sources(sorted(registry.sources())),
        "tech_areas" => tech_areas(sorted(registry.tech_areas())),
        "institutions" => institutions(sorted(registry.institutions())),
        "partnerships" => partnerships(sorted(registry.partnerships())),
        "meetings" => meetings(sorted(registry.meetings())),
        "mous" => mous(sorted(registry.mous())),
        "commitments" => commitments(sorted(registry.commitments())),
        "events" => events(registry, registry.events()),
        "party_actions" => party_actions(registry),
        "mou_parties" => links::mou_parties(registry),
        "officials" => links::officials(registry),
        "former_names" => links::former_names(registry),
        "predecessors" => links::predecessors(registry),
        "relations" => links::relations(registry),
        "citations" => links::citations(registry),
        "claims" => links::claims(registry),
        _ => return None,
    };
    Some(table)
}

/// The sources table: `key,id,title,publisher,authors,url,published,
/// published_earliest,published_latest,language,note`.
pub(crate) fn sources<'r>(sources: impl IntoIterator<Item = &'r Source>) -> Table {
    let columns = [
        "key",
        "id",
        "title",
        "publisher",
        "authors",
        "url",
        "published",
        "language",
        "note",
    ];
    let rows = sources.into_iter().map(|s| {
        Row::default()
            .text(s.key().as_str())
            .text(&s.id().to_string())
            .text(s.title())
            .opt(s.publisher())
            .texts(s.authors())
            .opt(s.url())
            .date(s.published())
            .opt(s.language().map(|l| l.as_str()))
            .opt(s.note())
    });
    Table::new(&columns, &["published"], rows)
}

/// The technology areas table (built-in and the dataset's own):
/// `key,id,name,parents,aliases,definition`.
pub(crate) fn tech_areas<'r>(areas: impl IntoIterator<Item = &'r TechArea>) -> Table {
    let columns = ["key", "id", "name", "parents", "aliases", "definition"];
    let rows = areas.into_iter().map(|a| {
        Row::default()
            .text(a.key().as_str())
            .text(&a.id().to_string())
            .text(a.name())
            .keys(a.parents())
            .texts(a.aliases())
            .opt(a.definition())
    });
    Table::new(&columns, &[], rows)
}

/// The institutions table: `key,id,name,acronym,kind,country,parent,
/// aliases`.
pub(crate) fn institutions<'r>(institutions: impl IntoIterator<Item = &'r Institution>) -> Table {
    let columns = [
        "key", "id", "name", "acronym", "kind", "country", "parent", "aliases",
    ];
    let rows = institutions.into_iter().map(|i| {
        Row::default()
            .text(i.key().as_str())
            .text(&i.id().to_string())
            .text(i.name())
            .opt(i.acronym())
            .text(&crate::analysis::snake_name(&i.kind()))
            .opt(i.country().map(|c| c.code()))
            .opt(i.parent().map(Key::as_str))
            .texts(i.aliases())
    });
    Table::new(&columns, &[], rows)
}

/// The partnerships table: `key,id,name,kind,parties,established`
/// (three columns), `ended` (three columns), `tech_areas`.
pub(crate) fn partnerships<'r>(partnerships: impl IntoIterator<Item = &'r Partnership>) -> Table {
    let columns = [
        "key",
        "id",
        "name",
        "kind",
        "parties",
        "established",
        "ended",
        "tech_areas",
    ];
    let rows = partnerships.into_iter().map(|p| {
        Row::default()
            .text(p.key().as_str())
            .text(&p.id().to_string())
            .text(p.name())
            .text(&crate::analysis::snake_name(&p.kind()))
            .keys(p.parties())
            .date(p.established())
            .date(p.ended())
            .keys(p.tech_areas())
    });
    Table::new(&columns, &["established", "ended"], rows)
}

/// The meetings table: `key,id,name,kind,partnership,series,session,
/// date` (three columns), `end` (three columns; the last day of a meeting
/// of several days), `status,place,organizers,participants,tech_areas,
/// agreements_signed,outcomes`.
pub(crate) fn meetings<'r>(meetings: impl IntoIterator<Item = &'r Meeting>) -> Table {
    let columns = [
        "key",
        "id",
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
        "participants",
        "tech_areas",
        "agreements_signed",
        "outcomes",
    ];
    let rows = meetings.into_iter().map(|m| {
        Row::default()
            .text(m.key().as_str())
            .text(&m.id().to_string())
            .text(m.name())
            .text(&crate::analysis::snake_name(&m.kind()))
            .opt(m.partnership().map(Key::as_str))
            .opt(m.series().map(Key::as_str))
            .text(&m.session().map(|s| s.to_string()).unwrap_or_default())
            .date(Some(m.date()))
            .date(m.end())
            .text(&crate::analysis::snake_name(&m.status()))
            .opt(m.place())
            .keys(m.organizers())
            .keys(m.participants())
            .keys(m.tech_areas())
            .text(
                &m.agreements_signed()
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            )
            .texts(m.outcomes())
    });
    Table::new(&columns, &["date", "end"], rows)
}

/// The MOUs table: `key,id,title,signatories`, then `signed`,
/// `entry_into_force`, `start`, `expiry` and `termination` (three columns
/// each; `start` is the entry into force, or the signature when none is
/// recorded), then `partnership,meeting,tech_areas,kind` (`kind` the kind of
/// instrument).
pub(crate) fn mous<'r>(mous: impl IntoIterator<Item = &'r Mou>) -> Table {
    let columns = [
        "key",
        "id",
        "title",
        "signatories",
        "signed",
        "entry_into_force",
        "start",
        "expiry",
        "termination",
        "partnership",
        "meeting",
        "tech_areas",
        "kind",
    ];
    let dates = [
        "signed",
        "entry_into_force",
        "start",
        "expiry",
        "termination",
    ];
    let rows = mous.into_iter().map(|m| {
        Row::default()
            .text(m.key().as_str())
            .text(&m.id().to_string())
            .text(m.title())
            .keys(m.signatories())
            .date(Some(m.signed()))
            .date(m.entry_into_force())
            .date(Some(m.start()))
            .date(m.expiry())
            .date(m.termination())
            .opt(m.partnership().map(Key::as_str))
            .opt(m.meeting().map(Key::as_str))
            .keys(m.tech_areas())
            .opt(m.kind().map(|k| k.as_str()))
    });
    Table::new(&columns, &dates, rows)
}

/// The commitments table: `key,id,description,owners,origin_kind,
/// origin,due` (three columns), `status,status_date` (three columns),
/// `tech_areas`.
pub(crate) fn commitments<'r>(commitments: impl IntoIterator<Item = &'r Commitment>) -> Table {
    let columns = [
        "key",
        "id",
        "description",
        "owners",
        "origin_kind",
        "origin",
        "due",
        "status",
        "status_date",
        "tech_areas",
    ];
    let rows = commitments.into_iter().map(|c| {
        let (kind, origin) = match c.origin() {
            Origin::Meeting(k) => ("meeting", k.as_str()),
            Origin::Mou(k) => ("mou", k.as_str()),
        };
        Row::default()
            .text(c.key().as_str())
            .text(&c.id().to_string())
            .text(c.description())
            .keys(c.owners())
            .text(kind)
            .text(origin)
            .date(c.due())
            .text(&crate::analysis::snake_name(&c.status()))
            .date(c.status_date())
            .keys(c.tech_areas())
    });
    Table::new(&columns, &["due", "status_date"], rows)
}

/// The snake_case name of an event kind: `mou_signed`.
pub(crate) fn event_kind_name(kind: crate::EventKind) -> String {
    kind.label().replace(' ', "_")
}

/// The event table, one row per event in the order given:
/// `kind,entity_kind,key,partnership,label,date` (three columns), `end`
/// (three columns; the last day of an event of several days),
/// `qualifier`.
///
/// `partnership` is the partnership the event belongs to (for a commitment,
/// the partnership of the meeting or MOU it comes from), looked up in
/// `registry`.
pub(crate) fn events<'r>(
    registry: &'r Registry,
    events: impl IntoIterator<Item = Event<'r>>,
) -> Table {
    let columns = [
        "kind",
        "entity_kind",
        "key",
        "partnership",
        "label",
        "date",
        "end",
        "qualifier",
    ];
    let rows = events.into_iter().map(|e| {
        let subject = e.subject();
        let qualifier = e.date().qualifier().map(|q| q.symbol().to_string());
        Row::default()
            .text(&event_kind_name(e.kind()))
            .text(subject.kind().as_str())
            .text(e.key())
            .opt(crate::analysis::partnership_of(registry, &subject))
            .text(subject.label())
            .date(Some(e.date()))
            .date(e.end())
            .opt(qualifier.as_deref())
    });
    Table::new(&columns, &["date", "end"], rows)
}

/// The party actions table, one row per action of a party of a
/// partnership or MOU (partnerships first, each kind in key order, then the
/// parties and their actions in the order recorded):
/// `agreement_kind,agreement,institution,position,kind`, `date`,
/// `effective` and `end` (three columns each), `text,note`. With the
/// agreements tables, it answers "in force for a party" in SQL.
pub(crate) fn party_actions(registry: &Registry) -> Table {
    let columns = [
        "agreement_kind",
        "agreement",
        "institution",
        "position",
        "kind",
        "date",
        "effective",
        "end",
        "text",
        "note",
    ];
    let partnerships = sorted(registry.partnerships()).into_iter().flat_map(|p| {
        p.party_records()
            .iter()
            .map(move |r| ("partnership", p.key().as_str(), r))
    });
    let mous = sorted(registry.mous()).into_iter().flat_map(|m| {
        m.parties()
            .iter()
            .map(move |r| ("mou", m.key().as_str(), r))
    });
    let rows = partnerships.chain(mous).flat_map(|(kind, key, party)| {
        party.actions().iter().enumerate().map(move |(i, a)| {
            Row::default()
                .text(kind)
                .text(key)
                .text(party.institution().as_str())
                .text(&i.to_string())
                .text(a.kind().as_str())
                .date(Some(a.date()))
                .date(a.effective())
                .date(a.end())
                .opt(a.text())
                .opt(a.note())
        })
    });
    Table::new(&columns, &["date", "effective", "end"], rows)
}

//! The tables of the lists an entity holds (its parties, officials, former
//! names, predecessors, relations, citations and claims), one row per
//! item: the owner's key, the item's position in its list (from 0), then
//! the item's fields. With the entity tables they hold every field of a
//! dataset, so the tables can be read back (`pactum::import`).

use super::row::{sorted, Row, Table};
use crate::model::id::Key;
use crate::model::official::Official;
use crate::model::party::Party;
use crate::model::source::Provenance;
use crate::registry::Registry;

/// The parties of each MOU that lists them, in the order listed:
/// `mou,position,institution`. A party's actions are in `party_actions`.
pub(crate) fn mou_parties(registry: &Registry) -> Table {
    let rows = sorted(registry.mous()).into_iter().flat_map(|m| {
        m.parties().iter().enumerate().map(move |(i, p)| {
            Row::default()
                .text(m.key().as_str())
                .text(&i.to_string())
                .text(p.institution().as_str())
        })
    });
    Table::new(&["mou", "position", "institution"], &[], rows)
}

/// The officials named by meetings (`chairs`, `attendees`) and MOUs
/// (`signed_by`): `owner_kind,owner,list,position,name,title,institution,
/// country`.
pub(crate) fn officials(registry: &Registry) -> Table {
    let columns = [
        "owner_kind",
        "owner",
        "list",
        "position",
        "name",
        "title",
        "institution",
        "country",
    ];
    let meetings = sorted(registry.meetings()).into_iter().flat_map(|m| {
        let key = m.key().as_str();
        [("chairs", m.chairs()), ("attendees", m.attendees())]
            .into_iter()
            .flat_map(move |(list, people)| official_rows("meeting", key, list, people))
    });
    let mous = sorted(registry.mous())
        .into_iter()
        .flat_map(|m| official_rows("mou", m.key().as_str(), "signed_by", m.signed_by()));
    Table::new(&columns, &[], meetings.chain(mous))
}

fn official_rows<'a>(
    owner_kind: &'a str,
    owner: &'a str,
    list: &'a str,
    people: &'a [Official],
) -> impl Iterator<Item = Row> + 'a {
    people.iter().enumerate().map(move |(i, o)| {
        Row::default()
            .text(owner_kind)
            .text(owner)
            .text(list)
            .text(&i.to_string())
            .text(o.name())
            .opt(o.title())
            .opt(o.institution().map(Key::as_str))
            .opt(o.country().map(|c| c.code()))
    })
}

/// The former names of institutions: `institution,position,name,acronym,
/// renamed` (three columns).
pub(crate) fn former_names(registry: &Registry) -> Table {
    let rows = sorted(registry.institutions())
        .into_iter()
        .flat_map(|inst| {
            inst.former_names().iter().enumerate().map(move |(i, f)| {
                Row::default()
                    .text(inst.key().as_str())
                    .text(&i.to_string())
                    .text(f.name())
                    .opt(f.acronym())
                    .date(Some(f.renamed()))
            })
        });
    let columns = ["institution", "position", "name", "acronym", "renamed"];
    Table::new(&columns, &["renamed"], rows)
}

/// The institutions each institution took over: `institution,position,
/// predecessor,date` (three columns).
pub(crate) fn predecessors(registry: &Registry) -> Table {
    let rows = sorted(registry.institutions())
        .into_iter()
        .flat_map(|inst| {
            inst.predecessors().iter().enumerate().map(move |(i, s)| {
                Row::default()
                    .text(inst.key().as_str())
                    .text(&i.to_string())
                    .text(s.institution().as_str())
                    .date(Some(s.date()))
            })
        });
    let columns = ["institution", "position", "predecessor", "date"];
    Table::new(&columns, &["date"], rows)
}

/// The relations of MOUs to earlier ones: `mou,position,kind,related`
/// (`kind` is `amends`, `extends` or `supersedes`; `related` the earlier
/// MOU).
pub(crate) fn relations(registry: &Registry) -> Table {
    let rows = sorted(registry.mous()).into_iter().flat_map(|m| {
        m.relations().iter().enumerate().map(move |(i, r)| {
            Row::default()
                .text(m.key().as_str())
                .text(&i.to_string())
                .text(&crate::analysis::snake_name(&r.kind()))
                .text(r.mou().as_str())
        })
    });
    Table::new(&["mou", "position", "kind", "related"], &[], rows)
}

/// Whose provenance it is: an entity, or an action of one of its parties.
struct Owner<'r> {
    kind: &'static str,
    key: &'r str,
    /// The party's institution and the action's position, for an action.
    action: Option<(&'r str, usize)>,
    provenance: &'r Provenance,
}

impl Owner<'_> {
    /// The first columns of a row: `owner_kind,owner,party,action`.
    fn row(&self) -> Row {
        let (party, action) = match self.action {
            Some((party, i)) => (party, i.to_string()),
            None => ("", String::new()),
        };
        Row::default()
            .text(self.kind)
            .text(self.key)
            .text(party)
            .text(&action)
    }
}

/// Every provenance of the registry, entity kinds in table order, each
/// partnership or MOU followed by the actions of its parties.
fn owners(registry: &Registry) -> impl Iterator<Item = Owner<'_>> {
    let areas = sorted(registry.tech_areas())
        .into_iter()
        .map(|a| entity("tech_area", a.key().as_str(), a.provenance()));
    let institutions = sorted(registry.institutions())
        .into_iter()
        .map(|i| entity("institution", i.key().as_str(), i.provenance()));
    let partnerships = sorted(registry.partnerships()).into_iter().flat_map(|p| {
        let key = p.key().as_str();
        std::iter::once(entity("partnership", key, p.provenance())).chain(actions(
            "partnership",
            key,
            p.party_records(),
        ))
    });
    let meetings = sorted(registry.meetings())
        .into_iter()
        .map(|m| entity("meeting", m.key().as_str(), m.provenance()));
    let mous = sorted(registry.mous()).into_iter().flat_map(|m| {
        let key = m.key().as_str();
        std::iter::once(entity("mou", key, m.provenance())).chain(actions("mou", key, m.parties()))
    });
    let commitments = sorted(registry.commitments())
        .into_iter()
        .map(|c| entity("commitment", c.key().as_str(), c.provenance()));
    areas
        .chain(institutions)
        .chain(partnerships)
        .chain(meetings)
        .chain(mous)
        .chain(commitments)
}

fn entity<'r>(kind: &'static str, key: &'r str, provenance: &'r Provenance) -> Owner<'r> {
    Owner {
        kind,
        key,
        action: None,
        provenance,
    }
}

fn actions<'r>(
    kind: &'static str,
    key: &'r str,
    parties: &'r [Party],
) -> impl Iterator<Item = Owner<'r>> {
    parties.iter().flat_map(move |party| {
        let institution = party.institution().as_str();
        party.actions().iter().enumerate().map(move |(i, a)| Owner {
            kind,
            key,
            action: Some((institution, i)),
            provenance: a.provenance(),
        })
    })
}

/// The citations of every entity and party action: `owner_kind,owner,
/// party,action,position,source,fields,note`. `party` and `action` (the
/// party's institution and the action's position) are empty for a
/// citation of the entity itself; `fields` is a JSON array of the field
/// names the citation supports, empty when it supports the whole entity.
pub(crate) fn citations(registry: &Registry) -> Table {
    let columns = [
        "owner_kind",
        "owner",
        "party",
        "action",
        "position",
        "source",
        "fields",
        "note",
    ];
    let rows = owners(registry).flat_map(|owner| {
        let citations = owner.provenance.citations();
        citations.iter().enumerate().map(move |(i, c)| {
            owner
                .row()
                .text(&i.to_string())
                .text(c.source().as_str())
                .texts(c.fields())
                .opt(c.note())
        })
    });
    Table::new(&columns, &[], rows)
}

/// The claims of every entity and party action: `owner_kind,owner,party,
/// action,position,field,value,sources,note,kind` (`party` and `action` as
/// in `citations`; `sources` the claiming sources' keys; `kind` empty for a
/// reported claim, `inferred` for an inferred one).
pub(crate) fn claims(registry: &Registry) -> Table {
    let columns = [
        "owner_kind",
        "owner",
        "party",
        "action",
        "position",
        "field",
        "value",
        "sources",
        "note",
        "kind",
    ];
    let rows = owners(registry).flat_map(|owner| {
        let claims = owner.provenance.claims();
        claims.iter().enumerate().map(move |(i, c)| {
            owner
                .row()
                .text(&i.to_string())
                .text(c.field())
                .text(c.value())
                .keys(c.sources())
                .opt(c.note())
                .opt(c.is_inferred().then_some("inferred"))
        })
    });
    Table::new(&columns, &[], rows)
}

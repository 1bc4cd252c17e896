//! Tables back into a dataset: each row becomes the JSON object of its
//! entity (or of an item of one of its lists), the objects are put
//! together as a data file and loaded with every check of a JSON load. A
//! problem the load reports names a JSON path; it is traced back to the
//! file, row and column the value came from.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::cells::Cells;
use super::{ImportError, ImportErrorKind, ImportProblem};
use crate::export::row::{COUNTS, KEY_LISTS, TEXT_LISTS};
use crate::io::LoadError;
use crate::model::diagnostic::Rule;
use crate::registry::Registry;

/// The entity tables in the order of the data file: the table, the kind of
/// its entities as `owner_kind` columns name it, and its required columns.
const ENTITIES: [(&str, &str, &[&str]); 7] = [
    ("sources", "source", &["key", "title"]),
    ("tech_areas", "tech_area", &["key", "name"]),
    ("institutions", "institution", &["key", "name", "kind"]),
    (
        "partnerships",
        "partnership",
        &["key", "name", "kind", "parties"],
    ),
    (
        "meetings",
        "meeting",
        &["key", "name", "kind", "date", "status"],
    ),
    ("mous", "mou", &["key", "title", "signatories", "signed"]),
    (
        "commitments",
        "commitment",
        &[
            "key",
            "description",
            "owners",
            "origin_kind",
            "origin",
            "status",
        ],
    ),
];

const PARTNERSHIP: usize = 3;
const MOU: usize = 5;
const COMMITMENT: usize = 6;

/// The lists each entity kind holds in tables of their own (besides the
/// parties of partnerships and MOUs), in the order of [`ENTITIES`].
const LISTS: [&[&str]; 7] = [
    &[],
    &["sources", "claims"],
    &["former_names", "predecessors", "sources", "claims"],
    &["sources", "claims"],
    &["chairs", "attendees", "sources", "claims"],
    &["signed_by", "relations", "sources", "claims"],
    &["sources", "claims"],
];

/// A table of the items of a list: where its owner is named and which
/// columns hold the item's fields.
struct Link {
    table: &'static str,
    /// The column naming the owner's kind, or `None` when the table has one
    /// kind of owner (the first of `kinds`).
    kind_column: Option<&'static str>,
    kinds: &'static [&'static str],
    owner: &'static str,
    /// The columns naming a party's institution and an action's position,
    /// for items of a party or of one of its actions.
    party: Option<&'static str>,
    action: Option<&'static str>,
    /// The list the items go into, or the column naming it.
    list: Result<&'static str, &'static str>,
    /// Pairs of a column and the item's field it holds.
    fields: &'static [(&'static str, &'static str)],
    required: &'static [&'static str],
    /// The column a problem of the item as a whole is in: an item that may
    /// be written as one key.
    whole: Option<&'static str>,
}

const PROVENANCE_KINDS: &[&str] = &[
    "tech_area",
    "institution",
    "partnership",
    "meeting",
    "mou",
    "commitment",
];

const LINKS: [Link; 8] = [
    Link {
        table: "party_actions",
        kind_column: Some("agreement_kind"),
        kinds: &["partnership", "mou"],
        owner: "agreement",
        party: Some("institution"),
        action: None,
        list: Ok("actions"),
        fields: &[
            ("kind", "kind"),
            ("date", "date"),
            ("effective", "effective"),
            ("end", "end"),
            ("text", "text"),
            ("note", "note"),
        ],
        required: &[
            "agreement_kind",
            "agreement",
            "institution",
            "position",
            "kind",
            "date",
        ],
        whole: None,
    },
    Link {
        table: "mou_parties",
        kind_column: None,
        kinds: &["mou"],
        owner: "mou",
        party: None,
        action: None,
        list: Ok("parties"),
        fields: &[("institution", "institution")],
        required: &["mou", "position", "institution"],
        whole: Some("institution"),
    },
    Link {
        table: "officials",
        kind_column: Some("owner_kind"),
        kinds: &["meeting", "mou"],
        owner: "owner",
        party: None,
        action: None,
        list: Err("list"),
        fields: &[
            ("name", "name"),
            ("title", "title"),
            ("institution", "institution"),
            ("country", "country"),
        ],
        required: &["owner_kind", "owner", "list", "position", "name"],
        whole: None,
    },
    Link {
        table: "former_names",
        kind_column: None,
        kinds: &["institution"],
        owner: "institution",
        party: None,
        action: None,
        list: Ok("former_names"),
        fields: &[
            ("name", "name"),
            ("acronym", "acronym"),
            ("renamed", "renamed"),
        ],
        required: &["institution", "position", "name", "renamed"],
        whole: None,
    },
    Link {
        table: "predecessors",
        kind_column: None,
        kinds: &["institution"],
        owner: "institution",
        party: None,
        action: None,
        list: Ok("predecessors"),
        fields: &[("predecessor", "institution"), ("date", "date")],
        required: &["institution", "position", "predecessor", "date"],
        whole: None,
    },
    Link {
        table: "relations",
        kind_column: None,
        kinds: &["mou"],
        owner: "mou",
        party: None,
        action: None,
        list: Ok("relations"),
        fields: &[("kind", "kind"), ("related", "mou")],
        required: &["mou", "position", "kind", "related"],
        whole: None,
    },
    Link {
        table: "citations",
        kind_column: Some("owner_kind"),
        kinds: PROVENANCE_KINDS,
        owner: "owner",
        party: Some("party"),
        action: Some("action"),
        list: Ok("sources"),
        fields: &[("source", "source"), ("fields", "fields"), ("note", "note")],
        required: &["owner_kind", "owner", "position", "source"],
        whole: Some("source"),
    },
    Link {
        table: "claims",
        kind_column: Some("owner_kind"),
        kinds: PROVENANCE_KINDS,
        owner: "owner",
        party: Some("party"),
        action: Some("action"),
        list: Ok("claims"),
        fields: &[
            ("field", "field"),
            ("value", "value"),
            ("sources", "sources"),
            ("note", "note"),
            ("kind", "kind"),
        ],
        required: &[
            "owner_kind",
            "owner",
            "position",
            "field",
            "value",
            "sources",
        ],
        whole: None,
    },
];

/// The names of the tables an import reads: every table of the export but
/// the derived event table.
pub(crate) fn table_names() -> impl Iterator<Item = &'static str> {
    ENTITIES
        .iter()
        .map(|(name, _, _)| *name)
        .chain(LINKS.iter().map(|l| l.table))
}

/// Whose list an item belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Owner {
    kind: usize,
    key: String,
    party: Option<String>,
    action: Option<u64>,
    list: &'static str,
}

/// Where a value came from: a row of a file, and for an item of a list the
/// [`Link`] that read it.
#[derive(Debug, Clone, Copy)]
struct Loc {
    file: usize,
    row: usize,
    link: Option<usize>,
}

struct Item {
    position: u64,
    value: Value,
    loc: Loc,
}

struct Entity {
    object: Map<String, Value>,
    loc: Loc,
}

#[derive(Default)]
struct Builder {
    files: Vec<String>,
    problems: Vec<ImportProblem>,
    entities: [Vec<Entity>; 7],
    /// The entity kinds whose table could not be read: the items of their
    /// lists are not reported as orphans as well.
    unread: [bool; 7],
    pending: HashMap<Owner, Vec<Item>>,
    /// Where the value at each JSON path of the dataset came from: every
    /// entity and every item of a list.
    locator: HashMap<String, Loc>,
}

/// The registry of the tables in `dir`, each file `NAME.extension` read by
/// `read` (a missing table is empty), or every problem met reading them; a
/// directory with none of the tables is a problem too.
pub(crate) fn read_dir(
    dir: &std::path::Path,
    extension: &str,
    read: impl Fn(&str, std::fs::File) -> Result<Cells, ImportProblem>,
) -> Result<Registry, ImportError> {
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    for name in table_names() {
        let file = format!("{name}.{extension}");
        match std::fs::File::open(dir.join(&file)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => problems.push(ImportProblem::new(
                ImportErrorKind::Io,
                &file,
                format!("cannot read the file: {e}"),
            )),
            Ok(reader) => match read(&file, reader) {
                Ok(cells) => tables.push((name, cells)),
                Err(problem) => problems.push(problem),
            },
        }
    }
    if problems.is_empty() && tables.is_empty() {
        problems.push(ImportProblem::new(
            ImportErrorKind::Io,
            "",
            format!(
                "{}: no pactum tables (expected sources.{extension}, institutions.{extension}, mous.{extension}, …)",
                dir.display()
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(ImportError::new(problems));
    }
    registry(tables)
}

/// Builds the registry the tables hold, each given with its name; a table
/// not given is empty.
pub(crate) fn registry(tables: Vec<(&str, Cells)>) -> Result<Registry, ImportError> {
    let mut b = Builder::default();
    for (name, cells) in tables {
        // A table without rows is as good as missing, whatever its header
        // (a Parquet file of no rows may hold no batch to read one from).
        if cells.rows.is_empty() {
            continue;
        }
        let file = b.files.len();
        b.files.push(cells.file.clone());
        if !b.known_columns(name, file, &cells) {
            if let Some(k) = ENTITIES.iter().position(|(n, _, _)| *n == name) {
                b.unread[k] = true;
            }
            continue;
        }
        if let Some(k) = ENTITIES.iter().position(|(n, _, _)| *n == name) {
            b.entities_of(k, file, &cells);
        } else if let Some(l) = LINKS.iter().position(|l| l.table == name) {
            b.items_of(l, file, &cells);
        }
    }
    let dataset = b.assemble();
    if !b.problems.is_empty() {
        return Err(ImportError::new(b.problems));
    }
    let text = serde_json::to_string(&dataset).unwrap_or_default();
    Registry::from_json_str(&text).map_err(|e| ImportError::new(b.load_problems(e)))
}

impl Builder {
    /// Reports a problem of a file, at a row (counted from 0) and column.
    fn problem(
        &mut self,
        kind: ImportErrorKind,
        file: usize,
        at: (Option<usize>, &str),
        message: String,
    ) {
        let name = self.files.get(file).map_or("", String::as_str);
        let (row, column) = at;
        let problem = ImportProblem::new(kind, name, message).at(row.map(|r| r + 1), Some(column));
        self.problems.push(problem);
    }

    fn cell_problem(&mut self, file: usize, row: usize, column: &str, message: String) {
        self.problem(ImportErrorKind::Cell, file, (Some(row), column), message);
    }

    /// Reports every column the export of table `name` does not write: a
    /// column misspelt, or one a tool added. `true` when there is none.
    fn known_columns(&mut self, name: &str, file: usize, cells: &Cells) -> bool {
        let Some(export) = crate::export::table::one(&Registry::new(), name) else {
            return true;
        };
        let known: Vec<&str> = export.columns.iter().map(|(c, _)| c.as_str()).collect();
        let mut all_known = true;
        for column in &cells.columns {
            if !known.contains(&column.as_str()) {
                let message = format!("unknown column: expected one of {}", known.join(", "));
                self.problem(ImportErrorKind::Format, file, (None, column), message);
                all_known = false;
            }
        }
        all_known
    }

    /// Reports every required column the table lacks; `true` when it has
    /// them all.
    fn has_columns(&mut self, file: usize, cells: &Cells, required: &[&str]) -> bool {
        let mut complete = true;
        for column in required {
            if cells.column(column).is_none() {
                let message = "missing column: the table needs it".to_owned();
                self.problem(
                    ImportErrorKind::MissingColumn,
                    file,
                    (None, column),
                    message,
                );
                complete = false;
            }
        }
        complete
    }

    /// The value of a cell as its column holds it; `None` when empty or
    /// malformed (reported).
    fn value(&mut self, file: usize, cells: &Cells, row: usize, column: &str) -> Option<Value> {
        let text = cells.get(row, cells.column(column))?;
        if KEY_LISTS.contains(&column) {
            let keys = text.split(';').map(|k| Value::String(k.to_owned()));
            return Some(Value::Array(keys.collect()));
        }
        if TEXT_LISTS.contains(&column) {
            return match serde_json::from_str::<Vec<String>>(text) {
                Ok(texts) => Some(Value::Array(texts.into_iter().map(Value::String).collect())),
                Err(_) => {
                    let message = format!("expected a JSON array of strings, got {text:?}");
                    self.cell_problem(file, row, column, message);
                    None
                }
            };
        }
        if COUNTS.contains(&column) {
            return match text.trim().parse::<u64>() {
                Ok(n) => Some(Value::from(n)),
                Err(_) => {
                    let message = format!("expected a whole number, got {text:?}");
                    self.cell_problem(file, row, column, message);
                    None
                }
            };
        }
        Some(Value::String(text.to_owned()))
    }

    /// Reads the rows of an entity table.
    fn entities_of(&mut self, k: usize, file: usize, cells: &Cells) {
        let (_, _, required) = ENTITIES[k];
        if !self.has_columns(file, cells, required) {
            self.unread[k] = true;
            return;
        }
        for row in 0..cells.rows.len() {
            let key = cells.get(row, cells.column("key"));
            // Every registry has the built-in areas: the table lists them
            // beside the dataset's own, which alone are read back.
            if k == 1 && key.is_some_and(is_builtin_area) {
                continue;
            }
            let mut object = Map::new();
            for column in &cells.columns {
                if is_derived(k, column) {
                    continue;
                }
                if let Some(value) = self.value(file, cells, row, column) {
                    object.insert(column.clone(), value);
                }
            }
            if k == COMMITMENT {
                self.origin(file, row, &mut object);
            }
            let loc = Loc {
                file,
                row,
                link: None,
            };
            self.entities[k].push(Entity { object, loc });
        }
    }

    /// Joins a commitment's `origin_kind` and `origin` into its origin.
    fn origin(&mut self, file: usize, row: usize, object: &mut Map<String, Value>) {
        let kind = object.remove("origin_kind");
        let key = object.remove("origin");
        let (Some(Value::String(kind)), Some(key)) = (kind, key) else {
            return;
        };
        if kind == "meeting" || kind == "mou" {
            let mut origin = Map::new();
            origin.insert(kind, key);
            object.insert("origin".to_owned(), Value::Object(origin));
        } else {
            let message = format!("expected meeting or mou, got {kind:?}");
            self.cell_problem(file, row, "origin_kind", message);
        }
    }

    /// Reads the rows of a table of list items into the pending lists.
    fn items_of(&mut self, l: usize, file: usize, cells: &Cells) {
        let link = &LINKS[l];
        if !self.has_columns(file, cells, link.required) {
            return;
        }
        for row in 0..cells.rows.len() {
            let Some(owner) = self.owner_of(link, file, cells, row) else {
                continue;
            };
            let Some(position) = self.count(file, cells, row, "position") else {
                continue;
            };
            let mut object = Map::new();
            for (column, field) in link.fields {
                if let Some(value) = self.value(file, cells, row, column) {
                    object.insert((*field).to_owned(), value);
                }
            }
            // A citation of a whole source is written as its key.
            let value = match object.get("source") {
                Some(source) if link.whole == Some("source") && object.len() == 1 => source.clone(),
                _ => Value::Object(object),
            };
            let loc = Loc {
                file,
                row,
                link: Some(l),
            };
            self.pending.entry(owner).or_default().push(Item {
                position,
                value,
                loc,
            });
        }
    }

    /// A whole number in a required cell; `None` (reported) when it holds
    /// none.
    fn count(&mut self, file: usize, cells: &Cells, row: usize, column: &str) -> Option<u64> {
        match self.value(file, cells, row, column)? {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
        .or_else(|| {
            if cells.get(row, cells.column(column)).is_none() {
                self.cell_problem(file, row, column, "expected a whole number".to_owned());
            }
            None
        })
    }

    /// The owner a row of a list table names; `None` (reported) when it
    /// names none.
    fn owner_of(&mut self, link: &Link, file: usize, cells: &Cells, row: usize) -> Option<Owner> {
        let kind_name = match link.kind_column {
            Some(column) => cells.get(row, cells.column(column)).unwrap_or(""),
            None => link.kinds.first().copied().unwrap_or(""),
        };
        if !link.kinds.contains(&kind_name) {
            let message = format!(
                "expected one of {}, got {kind_name:?}",
                link.kinds.join(", ")
            );
            self.cell_problem(file, row, link.kind_column.unwrap_or(link.owner), message);
            return None;
        }
        let kind = ENTITIES.iter().position(|(_, k, _)| *k == kind_name)?;
        let Some(key) = cells.get(row, cells.column(link.owner)) else {
            let message = format!("expected the key of a {kind_name}");
            self.cell_problem(file, row, link.owner, message);
            return None;
        };
        let list = match link.list {
            Ok(list) => list,
            Err(column) => {
                let text = cells.get(row, cells.column(column)).unwrap_or("");
                let allowed: &[&'static str] = if kind == MOU {
                    &["signed_by"]
                } else {
                    &["chairs", "attendees"]
                };
                let Some(list) = allowed.iter().find(|l| **l == text) else {
                    let message = format!(
                        "expected {} for a {kind_name}, got {text:?}",
                        allowed.join(" or ")
                    );
                    self.cell_problem(file, row, column, message);
                    return None;
                };
                list
            }
        };
        let party = link
            .party
            .and_then(|c| cells.get(row, cells.column(c)))
            .map(str::to_owned);
        let action = match link.action {
            Some(c) if cells.get(row, cells.column(c)).is_some() => {
                Some(self.count(file, cells, row, c)?)
            }
            _ => None,
        };
        if link.action.is_some() && party.is_some() != action.is_some() {
            let message = "a party and an action go together: give both or neither".to_owned();
            self.cell_problem(file, row, link.party.unwrap_or("party"), message);
            return None;
        }
        Some(Owner {
            kind,
            key: key.to_owned(),
            party,
            action,
            list,
        })
    }
}

/// Whether a column of entity table `k` is derived from others (and so
/// not read back).
fn is_derived(k: usize, column: &str) -> bool {
    column == "id"
        || column.ends_with("_earliest")
        || column.ends_with("_latest")
        || (k == MOU && column == "start")
}

fn is_builtin_area(key: &str) -> bool {
    crate::model::taxonomy::BUILTIN_AREAS
        .iter()
        .any(|(k, ..)| *k == key)
}

impl Builder {
    /// The data file the entities and their lists make; every pending item
    /// left without an owner is reported.
    fn assemble(&mut self) -> Value {
        let mut top = Map::new();
        top.insert("pactum".to_owned(), Value::from(1));
        for (k, (plural, _, _)) in ENTITIES.iter().enumerate() {
            let entities = std::mem::take(&mut self.entities[k]);
            let mut array = Vec::with_capacity(entities.len());
            for (i, Entity { mut object, loc }) in entities.into_iter().enumerate() {
                let path = format!("{plural}[{i}]");
                self.locator.insert(path.clone(), loc);
                let key = match object.get("key") {
                    Some(Value::String(key)) => key.clone(),
                    _ => String::new(),
                };
                for list in LISTS[k] {
                    let owner = owner(k, &key, None, list);
                    self.attach(&mut object, &path, owner);
                }
                match k {
                    PARTNERSHIP => self.partnership_parties(&mut object, &path, &key),
                    MOU => self.mou_parties(&mut object, &path, &key),
                    _ => {}
                }
                array.push(Value::Object(object));
            }
            top.insert((*plural).to_owned(), Value::Array(array));
        }
        self.orphans();
        Value::Object(top)
    }

    /// The pending items of `owner`, in the order of their positions.
    fn take(&mut self, owner: &Owner) -> Vec<Item> {
        let mut items = self.pending.remove(owner).unwrap_or_default();
        items.sort_by_key(|item| item.position);
        items
    }

    /// Puts the pending items of `owner` into `object` as its list, the
    /// object being at `path`.
    fn attach(&mut self, object: &mut Map<String, Value>, path: &str, owner: Owner) {
        let items = self.take(&owner);
        if items.is_empty() {
            return;
        }
        let mut values = Vec::with_capacity(items.len());
        for (j, item) in items.into_iter().enumerate() {
            self.locator
                .insert(format!("{path}.{}[{j}]", owner.list), item.loc);
            values.push(item.value);
        }
        object.insert(owner.list.to_owned(), Value::Array(values));
    }

    /// The actions of `party` of agreement `key` (of kind `k`), each with
    /// its citations and claims; the party is at `path`.
    fn actions(&mut self, k: usize, key: &str, party: &str, path: &str) -> Vec<Value> {
        let items = self.take(&owner(k, key, Some((party, None)), "actions"));
        let mut actions = Vec::with_capacity(items.len());
        for (a, item) in items.into_iter().enumerate() {
            let action_path = format!("{path}.actions[{a}]");
            self.locator.insert(action_path.clone(), item.loc);
            let mut object = match item.value {
                Value::Object(object) => object,
                _ => Map::new(),
            };
            for list in ["sources", "claims"] {
                let owner = owner(k, key, Some((party, Some(item.position))), list);
                self.attach(&mut object, &action_path, owner);
            }
            actions.push(Value::Object(object));
        }
        actions
    }

    /// A partnership's parties: each key of its `parties` column, as an
    /// object when the party has actions.
    fn partnership_parties(&mut self, object: &mut Map<String, Value>, path: &str, key: &str) {
        let Some(Value::Array(parties)) = object.get_mut("parties") else {
            return;
        };
        let mut parties = std::mem::take(parties);
        for (p, party) in parties.iter_mut().enumerate() {
            let Value::String(institution) = party else {
                continue;
            };
            let institution = institution.clone();
            let actions = self.actions(
                PARTNERSHIP,
                key,
                &institution,
                &format!("{path}.parties[{p}]"),
            );
            if !actions.is_empty() {
                let mut full = Map::new();
                full.insert("institution".to_owned(), Value::String(institution));
                full.insert("actions".to_owned(), Value::Array(actions));
                *party = Value::Object(full);
            }
        }
        object.insert("parties".to_owned(), Value::Array(parties));
    }

    /// An MOU's parties, from the `mou_parties` table, with their actions.
    fn mou_parties(&mut self, object: &mut Map<String, Value>, path: &str, key: &str) {
        let items = self.take(&owner(MOU, key, None, "parties"));
        if items.is_empty() {
            return;
        }
        let mut parties = Vec::with_capacity(items.len());
        for (p, item) in items.into_iter().enumerate() {
            let party_path = format!("{path}.parties[{p}]");
            self.locator.insert(party_path.clone(), item.loc);
            let mut party = match item.value {
                Value::Object(party) => party,
                _ => Map::new(),
            };
            if let Some(Value::String(institution)) = party.get("institution").cloned() {
                let actions = self.actions(MOU, key, &institution, &party_path);
                if !actions.is_empty() {
                    party.insert("actions".to_owned(), Value::Array(actions));
                }
            }
            parties.push(Value::Object(party));
        }
        object.insert("parties".to_owned(), Value::Array(parties));
    }

    /// Reports every item whose owner no table holds.
    fn orphans(&mut self) {
        let mut left: Vec<(Owner, Item)> = std::mem::take(&mut self.pending)
            .into_iter()
            .flat_map(|(owner, items)| items.into_iter().map(move |i| (owner.clone(), i)))
            .collect();
        left.sort_by_key(|(_, item)| (item.loc.file, item.loc.row));
        for (owner, item) in left {
            if self.unread[owner.kind] {
                continue;
            }
            let (plural, kind, _) = ENTITIES[owner.kind];
            let link = item.loc.link.and_then(|l| LINKS.get(l));
            let (column, message) = match (&owner.party, owner.action) {
                (Some(party), Some(action)) => (
                    link.and_then(|l| l.action).unwrap_or("action"),
                    format!(
                        "{kind} {:?}: party {party:?} has no action at position {action}",
                        owner.key
                    ),
                ),
                (Some(party), None) => (
                    link.and_then(|l| l.party).unwrap_or("party"),
                    format!("{kind} {:?} has no party {party:?}", owner.key),
                ),
                _ => (
                    link.map_or("owner", |l| l.owner),
                    format!("no {kind} {:?} in the {plural} table", owner.key),
                ),
            };
            self.cell_problem(item.loc.file, item.loc.row, column, message);
        }
    }
}

fn owner(k: usize, key: &str, party: Option<(&str, Option<u64>)>, list: &'static str) -> Owner {
    Owner {
        kind: k,
        key: key.to_owned(),
        party: party.map(|(p, _)| p.to_owned()),
        action: party.and_then(|(_, a)| a),
        list,
    }
}

impl Builder {
    /// The problems of a load, each traced back to its file, row and
    /// column.
    fn load_problems(&self, error: LoadError) -> Vec<ImportProblem> {
        match error {
            LoadError::Syntax { path, message, .. } => {
                vec![self.located(&path, message, Rule::Syntax, None)]
            }
            LoadError::Invalid(e) => e
                .into_diagnostics()
                .into_iter()
                .map(|d| {
                    let entity = match (d.entity(), d.key()) {
                        (Some(kind), Some(key)) => Some(format!("{kind} {key:?}")),
                        (Some(kind), None) => Some(kind.to_string()),
                        _ => None,
                    };
                    self.located(d.path(), d.message().to_owned(), d.rule(), entity)
                })
                .collect(),
            other => vec![ImportProblem::new(
                ImportErrorKind::Invalid,
                "",
                other.to_string(),
            )],
        }
    }

    fn located(
        &self,
        path: &str,
        message: String,
        rule: Rule,
        entity: Option<String>,
    ) -> ImportProblem {
        let (file, row, column) = self.locate(path);
        let name = file
            .and_then(|f| self.files.get(f))
            .map_or("", String::as_str);
        ImportProblem::new(ImportErrorKind::Invalid, name, message)
            .at(row.map(|r| r + 1), column.as_deref())
            .with_rule(rule, entity)
    }

    /// The file, row and column the value at a JSON path came from: the
    /// longest prefix of the path that is an entity or an item, and the
    /// column of the field that follows it.
    fn locate(&self, path: &str) -> (Option<usize>, Option<usize>, Option<String>) {
        let mut prefix = path;
        loop {
            if let Some(loc) = self.locator.get(prefix) {
                let rest = path.get(prefix.len()..).unwrap_or("");
                let field = rest
                    .trim_start_matches('.')
                    .split(['.', '['])
                    .next()
                    .unwrap_or("");
                return (Some(loc.file), Some(loc.row), column(loc, field));
            }
            match prefix.rfind(['.', '[']) {
                Some(cut) => prefix = prefix.get(..cut).unwrap_or(""),
                None => return (None, None, None),
            }
        }
    }
}

/// The column of a field of the entity or item at `loc`: for an entity,
/// the field's own name, which the entity tables use.
fn column(loc: &Loc, field: &str) -> Option<String> {
    let link = loc.link.and_then(|l| LINKS.get(l));
    let column = match link {
        Some(link) if field.is_empty() => link.whole,
        Some(link) => link
            .fields
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| *c),
        None => return (!field.is_empty()).then(|| field.to_owned()),
    };
    column.map(str::to_owned)
}

//! How a timeline query is answered: its filters, where a page starts, and
//! the plan that picks the posting lists to walk and the checks to make on
//! each candidate.

use std::cmp::Ordering;
use std::collections::HashSet;

use crate::date::Window;
use crate::event::{Event, EventKind, OrderKey};
use crate::index::{Bounds, Run, Slot};
use crate::model::country::Country;
use crate::model::id::EntityKind;
use crate::registry::Registry;

/// One filter of a [`Timeline`] query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Filter {
    Institution {
        key: String,
        below: bool,
    },
    /// The institutions of a country, or with `None` those without one.
    Country(Option<Country>),
    Area {
        key: String,
        below: bool,
    },
    Partnership(String),
    Series(String),
}

/// The place of an event in the total order, kept by a paging cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(super) sort: i32,
    latest: i32,
    kind: EventKind,
    entity: EntityKind,
    key: String,
    part: u16,
}

impl Mark {
    pub(super) fn of(event: &Event<'_>) -> Mark {
        let (sort, latest, kind, entity, key, part) = event.order_key();
        Mark {
            sort,
            latest,
            kind,
            entity,
            key: key.to_owned(),
            part,
        }
    }

    /// How an event's order key compares with the mark.
    pub(crate) fn cmp_key(&self, key: &OrderKey<'_>) -> Ordering {
        (
            self.sort,
            self.latest,
            self.kind,
            self.entity,
            self.key.as_str(),
            self.part,
        )
            .cmp(key)
    }
}

/// What a query walks and checks, once what it names is looked up.
pub(super) struct Plan<'r> {
    pub(super) runs: Runs<'r>,
    pub(super) tests: Vec<Test<'r>>,
    pub(super) disjoint: bool,
    pub(super) plain: bool,
    pub(super) whole: bool,
    pub(super) bounds: Bounds,
}

/// The posting lists a query walks: most queries walk one, which is kept
/// with no allocation.
#[derive(Debug)]
pub(super) enum Runs<'r> {
    One(&'r Run),
    Many(Vec<&'r Run>),
}

impl Default for Runs<'_> {
    fn default() -> Self {
        Runs::Many(Vec::new())
    }
}

impl<'r> std::ops::Deref for Runs<'r> {
    type Target = [&'r Run];

    fn deref(&self) -> &[&'r Run] {
        match self {
            Runs::One(run) => std::slice::from_ref(run),
            Runs::Many(runs) => runs,
        }
    }
}

/// The number of events of `runs` possibly in `window`, from their start
/// and end days (see [`Run::count_possibly`]); a date whose candidate days
/// have gaps (a list of alternatives, or a pattern) is asked itself. An
/// event of several days is possibly in the window when its range of days
/// overlaps it, so it is counted by its start and end like any other.
pub(super) fn count_possibly(registry: &Registry, runs: &[&Run], window: &Window) -> usize {
    let (from, to) = (window.first_day_number(), window.last_day_number());
    // Asked only of a slot whose range is a hull, which is never that of an
    // event of several days (see `Shape`): its date answers.
    let possibly = |slot: &Slot| {
        slot.subject(registry.tables())
            .is_some_and(|s| Event::indexed(s, slot.kind).date().possibly_within(window))
    };
    runs.iter()
        .map(|run| run.count_possibly(from, to, possibly))
        .sum()
}

/// A filter other than the one whose posting lists a query walks, checked
/// on each candidate.
#[derive(Debug, Clone)]
pub(super) enum Test<'r> {
    Institutions(HashSet<&'r str>),
    Areas(HashSet<&'r str>),
    Partnership(&'r str),
    Series(&'r str),
    Kinds(Vec<EventKind>),
}

impl Test<'_> {
    pub(super) fn accepts(&self, event: &Event<'_>) -> bool {
        match self {
            Test::Institutions(keys) => event
                .institutions()
                .iter()
                .any(|k| keys.contains(k.as_str())),
            Test::Areas(keys) => event.tech_areas().iter().any(|k| keys.contains(k.as_str())),
            Test::Partnership(key) => event.partnership().is_some_and(|p| p == key),
            Test::Series(key) => event.series().is_some_and(|s| s == key),
            Test::Kinds(kinds) => kinds.contains(&event.kind()),
        }
    }
}

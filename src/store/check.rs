use std::collections::HashSet;

use crate::model::check::RefPath;
use crate::model::commitment::Commitment;
use crate::model::diagnostic::{Diagnostic, Rule};
use crate::model::id::{Entity, EntityKind, Key};
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::source::cited_keys;
use crate::model::taxonomy::TechArea;
use crate::spelling::{closest, did_you_mean};
use crate::store::cycles::Cycles;
use crate::store::Tables;

/// A date as it arrives: text from a file, or a value from a builder.
/// One reference from an entity to another: the field path and the target.
struct Ref<'a> {
    path: RefPath,
    kind: EntityKind,
    key: &'a str,
}

/// Calls `f` with every reference an entity holds.
fn each_ref<'a, E: Entity + Refs>(e: &'a E, mut f: impl FnMut(Ref<'a>)) {
    e.refs(&mut |path, kind, key| f(Ref { path, kind, key }));
    for (path, key) in cited_keys(e.provenance()) {
        f(Ref {
            path,
            kind: EntityKind::Source,
            key: key.as_str(),
        });
    }
}

/// The references an entity kind holds, besides its citations.
pub(crate) trait Refs {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str));
    fn provenance(&self) -> &crate::model::source::Provenance;
}

fn list<'a, T>(
    f: &mut dyn FnMut(RefPath, EntityKind, &'a str),
    field: &'static str,
    kind: EntityKind,
    keys: &'a [Key<T>],
) {
    for (i, k) in keys.iter().enumerate() {
        f(RefPath::item(field, i), kind, k.as_str());
    }
}

/// The institutions of a list of parties and the sources their actions
/// cite: `parties[i].institution`, `parties[i].actions[j].sources[k]`.
fn parties<'a>(
    f: &mut dyn FnMut(RefPath, EntityKind, &'a str),
    field: &'static str,
    parties: impl Iterator<Item = (usize, &'a crate::model::party::Party)>,
) {
    for (i, party) in parties {
        f(
            RefPath::item(field, i).sub("institution"),
            EntityKind::Institution,
            party.institution().as_str(),
        );
        for (j, action) in party.actions().iter().enumerate() {
            for (path, key) in cited_keys(action.provenance()) {
                f(
                    path.in_action(field, i, j),
                    EntityKind::Source,
                    key.as_str(),
                );
            }
        }
    }
}

fn officials<'a>(
    f: &mut dyn FnMut(RefPath, EntityKind, &'a str),
    field: &'static str,
    os: &'a [crate::model::official::Official],
) {
    for (i, o) in os.iter().enumerate() {
        if let Some(k) = o.institution() {
            f(
                RefPath::item(field, i).sub("institution"),
                EntityKind::Institution,
                k.as_str(),
            );
        }
    }
}

impl Refs for crate::model::source::Source {
    fn refs<'a>(&'a self, _: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {}
    fn provenance(&self) -> &crate::model::source::Provenance {
        static EMPTY: std::sync::OnceLock<crate::model::source::Provenance> =
            std::sync::OnceLock::new();
        EMPTY.get_or_init(Default::default)
    }
}
impl Refs for crate::model::taxonomy::TechArea {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        list(f, "parents", EntityKind::TechArea, self.parents());
    }
    fn provenance(&self) -> &crate::model::source::Provenance {
        self.provenance()
    }
}
impl Refs for crate::model::institution::Institution {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        if let Some(p) = self.parent() {
            f(
                RefPath::field("parent"),
                EntityKind::Institution,
                p.as_str(),
            );
        }
        for (i, s) in self.predecessors().iter().enumerate() {
            f(
                RefPath::item("predecessors", i).sub("institution"),
                EntityKind::Institution,
                s.institution().as_str(),
            );
        }
    }
    fn provenance(&self) -> &crate::model::source::Provenance {
        self.provenance()
    }
}
impl Refs for crate::model::partnership::Partnership {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        list(f, "parties", EntityKind::Institution, self.parties());
        // A party with actions is listed above by its key; its actions may
        // cite sources.
        let with_actions = !self.party_records().is_empty();
        for (i, key) in self.parties().iter().enumerate().filter(|_| with_actions) {
            if let Some(party) = self.party_record(key.as_str()) {
                for (j, action) in party.actions().iter().enumerate() {
                    for (path, source) in cited_keys(action.provenance()) {
                        f(
                            path.in_action("parties", i, j),
                            EntityKind::Source,
                            source.as_str(),
                        );
                    }
                }
            }
        }
        list(f, "tech_areas", EntityKind::TechArea, self.tech_areas());
    }
    fn provenance(&self) -> &crate::model::source::Provenance {
        self.provenance()
    }
}
impl Refs for Meeting {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        if let Some(p) = self.partnership() {
            f(
                RefPath::field("partnership"),
                EntityKind::Partnership,
                p.as_str(),
            );
        }
        list(f, "organizers", EntityKind::Institution, self.organizers());
        officials(f, "chairs", self.chairs());
        officials(f, "attendees", self.attendees());
        list(
            f,
            "participants",
            EntityKind::Institution,
            self.participants(),
        );
        list(f, "tech_areas", EntityKind::TechArea, self.tech_areas());
    }
    fn provenance(&self) -> &crate::model::source::Provenance {
        self.provenance()
    }
}
impl Refs for crate::model::mou::Mou {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        list(
            f,
            "signatories",
            EntityKind::Institution,
            self.signatories(),
        );
        if let Some(p) = self.partnership() {
            f(
                RefPath::field("partnership"),
                EntityKind::Partnership,
                p.as_str(),
            );
        }
        if let Some(m) = self.meeting() {
            f(RefPath::field("meeting"), EntityKind::Meeting, m.as_str());
        }
        officials(f, "signed_by", self.signed_by());
        parties(f, "parties", self.parties().iter().enumerate());
        for (i, r) in self.relations().iter().enumerate() {
            f(
                RefPath::item("relations", i).sub("mou"),
                EntityKind::Mou,
                r.mou().as_str(),
            );
        }
        list(f, "tech_areas", EntityKind::TechArea, self.tech_areas());
    }
    fn provenance(&self) -> &crate::model::source::Provenance {
        self.provenance()
    }
}
impl Refs for crate::model::commitment::Commitment {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        list(f, "owners", EntityKind::Institution, self.owners());
        match self.origin() {
            crate::model::commitment::Origin::Meeting(m) => f(
                RefPath::field("origin").sub("meeting"),
                EntityKind::Meeting,
                m.as_str(),
            ),
            crate::model::commitment::Origin::Mou(m) => f(
                RefPath::field("origin").sub("mou"),
                EntityKind::Mou,
                m.as_str(),
            ),
        }
        list(f, "tech_areas", EntityKind::TechArea, self.tech_areas());
    }
    fn provenance(&self) -> &crate::model::source::Provenance {
        self.provenance()
    }
}

fn exists(reg: &Tables, kind: EntityKind, key: &str) -> bool {
    reg.contains_kind_key(kind, key)
}

/// A key of `kind` close to `key`, for a "did you mean" hint.
fn suggest<'r>(reg: &'r Tables, kind: EntityKind, key: &str) -> Option<&'r str> {
    struct Closest<'r, 'k> {
        reg: &'r Tables,
        key: &'k str,
    }
    impl<'r> crate::store::KindVisitor for Closest<'r, '_> {
        type Output = Option<&'r str>;
        fn visit<E: crate::store::Stored>(self) -> Option<&'r str> {
            let items = self.reg.all::<E>();
            // Bounded work: a suggestion is a courtesy, not worth a scan of
            // a very large store for every dangling reference.
            if items.len() > 50_000 {
                return None;
            }
            closest(self.key, items.iter().map(|e| e.key().as_str()))
        }
    }
    kind.visit(Closest { reg, key })
}

/// Every entity that refers to the entity of `kind` with `key`: (referrer's
/// kind, referrer's key, path).
pub(crate) fn referrers(
    reg: &Tables,
    kind: EntityKind,
    key: &str,
) -> Vec<(EntityKind, String, String)> {
    fn scan<E: crate::store::Stored + Refs>(
        reg: &Tables,
        kind: EntityKind,
        key: &str,
        out: &mut Vec<(EntityKind, String, String)>,
    ) {
        for e in reg.all::<E>() {
            each_ref(e, |r| {
                if r.kind == kind && r.key == key {
                    out.push((E::KIND, e.key().as_str().to_owned(), r.path.to_string()));
                }
            });
        }
    }
    let mut out = Vec::new();
    scan::<crate::model::taxonomy::TechArea>(reg, kind, key, &mut out);
    scan::<crate::model::institution::Institution>(reg, kind, key, &mut out);
    scan::<crate::model::partnership::Partnership>(reg, kind, key, &mut out);
    scan::<Meeting>(reg, kind, key, &mut out);
    scan::<crate::model::mou::Mou>(reg, kind, key, &mut out);
    scan::<crate::model::commitment::Commitment>(reg, kind, key, &mut out);
    out
}

/// The problem of an entity whose key another entity of its kind already
/// has: one message for loads, quarantine loads and inserts.
pub(crate) fn duplicate_key(kind: EntityKind, key: &str) -> Diagnostic {
    let hint = if kind == EntityKind::TechArea {
        " (a dataset area cannot reuse a built-in key)"
    } else {
        ""
    };
    Diagnostic::new(
        Rule::DuplicateKey,
        Some(kind),
        Some(key),
        "key",
        format!("another {kind} already has this key{hint}"),
    )
}

/// A reference from one entity to another that is in `targets`.
pub(crate) struct Hit {
    pub(crate) from_kind: EntityKind,
    pub(crate) from_key: String,
    pub(crate) path: String,
    pub(crate) to_kind: EntityKind,
    pub(crate) to_key: String,
}

/// Every reference, in the whole registry, to an entity in `targets`: one
/// pass over all references, however many targets there are.
pub(crate) fn references_to(reg: &Tables, targets: &HashSet<(EntityKind, String)>) -> Vec<Hit> {
    fn scan<E: crate::store::Stored + Refs>(
        reg: &Tables,
        targets: &HashSet<(EntityKind, String)>,
        out: &mut Vec<Hit>,
    ) {
        for e in reg.all::<E>() {
            each_ref(e, |r| {
                if targets.contains(&(r.kind, r.key.to_owned())) {
                    out.push(Hit {
                        from_kind: E::KIND,
                        from_key: e.key().as_str().to_owned(),
                        path: r.path.to_string(),
                        to_kind: r.kind,
                        to_key: r.key.to_owned(),
                    });
                }
            });
        }
    }
    let mut out = Vec::new();
    if targets.is_empty() {
        return out;
    }
    scan::<crate::model::taxonomy::TechArea>(reg, targets, &mut out);
    scan::<crate::model::institution::Institution>(reg, targets, &mut out);
    scan::<crate::model::partnership::Partnership>(reg, targets, &mut out);
    scan::<Meeting>(reg, targets, &mut out);
    scan::<crate::model::mou::Mou>(reg, targets, &mut out);
    scan::<crate::model::commitment::Commitment>(reg, targets, &mut out);
    out
}

/// Where an entity sits in a file, as a path prefix (`meetings[4]`).
pub(crate) type Locate<'l> = dyn Fn(EntityKind, usize) -> String + Sync + 'l;

/// The registry-level invariants: every check that involves more than one
/// entity, limited by `scope` to what an edit can break.
pub(crate) fn check_registry(
    reg: &Tables,
    scope: Scope<'_>,
    locate: &Locate<'_>,
) -> Vec<Diagnostic> {
    check_registry_except(reg, scope, locate, &HashSet::new(), 1)
}

/// As [`check_registry`], without reporting references to `invalid` keys
/// (entities that failed their own checks during a load), resolving the
/// references of a whole registry on up to `threads` threads.
pub(crate) fn check_registry_except(
    reg: &Tables,
    scope: Scope<'_>,
    locate: &Locate<'_>,
    invalid: &HashSet<(EntityKind, String)>,
    threads: usize,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut v = RegistryChecker {
        reg,
        out: &mut out,
        locate,
        invalid,
    };
    v.run(scope, threads);
    out
}

/// What a registry check covers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'s> {
    /// Every entity (a load).
    All,
    /// The entities of one kind with these handles, and what depends on them.
    Entities(EntityKind, &'s [usize]),
}

struct RegistryChecker<'r, 'o> {
    reg: &'r Tables,
    out: &'o mut Vec<Diagnostic>,
    locate: &'o Locate<'o>,
    invalid: &'o HashSet<(EntityKind, String)>,
}

impl<'r> RegistryChecker<'r, '_> {
    fn report<E: Entity>(
        &mut self,
        entity: &E,
        handle: usize,
        rule: Rule,
        path: &str,
        message: String,
    ) {
        let prefix = (self.locate)(E::KIND, handle);
        let d = Diagnostic::new(
            rule,
            Some(E::KIND),
            Some(entity.key().as_str()),
            path,
            message,
        );
        self.out
            .push(if prefix.is_empty() { d } else { d.at(&prefix) });
    }

    fn handles(&self, scope: Scope<'_>, kind: EntityKind, n: usize) -> Vec<usize> {
        match scope {
            Scope::All => (0..n).collect(),
            Scope::Entities(k, hs) if k == kind => hs.to_vec(),
            Scope::Entities(..) => Vec::new(),
        }
    }

    /// Resolves the references of the entities in `scope`. A whole
    /// registry is resolved on `threads` threads, each taking an equal run
    /// of each kind's handles; the diagnostics come out in the order one
    /// thread would give.
    fn resolve_in_parts(&mut self, scope: Scope<'_>, threads: usize) {
        let threads = match scope {
            Scope::All => threads.max(1),
            Scope::Entities(..) => 1,
        };
        fn kind<E: crate::store::Stored + Refs>(
            c: &RegistryChecker<'_, '_>,
            scope: Scope<'_>,
            part: usize,
            parts: usize,
        ) -> Vec<Diagnostic> {
            let n = c.reg.all::<E>().len();
            let mut out = Vec::new();
            let mut checker = RegistryChecker {
                reg: c.reg,
                out: &mut out,
                locate: c.locate,
                invalid: c.invalid,
            };
            match scope {
                Scope::All => checker.resolve::<E>(n * part / parts..n * (part + 1) / parts),
                // The entities of an edit are one part.
                Scope::Entities(..) => checker.resolve::<E>(c.handles(scope, E::KIND, n)),
            }
            out
        }
        let this = &*self;
        let part = |p: usize| {
            [
                kind::<TechArea>(this, scope, p, threads),
                kind::<Institution>(this, scope, p, threads),
                kind::<Partnership>(this, scope, p, threads),
                kind::<Meeting>(this, scope, p, threads),
                kind::<Mou>(this, scope, p, threads),
                kind::<Commitment>(this, scope, p, threads),
            ]
        };
        let mut parts = crate::threads::in_parts(threads, "pactum-check", part);
        for k in 0..6 {
            for part in &mut parts {
                if let Some(out) = part.get_mut(k) {
                    self.out.append(out);
                }
            }
        }
    }

    /// Resolves the references of the entities of `E` with these handles.
    fn resolve<E: crate::store::Stored + Refs>(
        &mut self,
        handles: impl IntoIterator<Item = usize>,
    ) {
        let reg = self.reg;
        for h in handles {
            let Some(e) = reg.all::<E>().get(h) else {
                continue;
            };
            // Only unresolved references are kept (no allocation otherwise).
            let mut dangling = Vec::new();
            each_ref(e, |r| {
                if !exists(reg, r.kind, r.key) {
                    dangling.push(r);
                }
            });
            for r in dangling {
                if self.invalid.contains(&(r.kind, r.key.to_owned())) {
                    continue;
                }
                let hint = did_you_mean(suggest(reg, r.kind, r.key));
                self.report(
                    e,
                    h,
                    Rule::DanglingReference,
                    &r.path.to_string(),
                    format!("unknown {} {:?}{hint}", r.kind, r.key),
                );
            }
        }
    }

    /// Every registry-level check of `scope`, in the order the report lists them.
    fn run(&mut self, scope: Scope<'_>, threads: usize) {
        self.resolve_in_parts(scope, threads);
        self.area_cycles(scope);
        self.institution_cycles(scope);
        self.relation_cycles(scope);
        let meetings = self.meetings_to_check(scope);
        let (series, gathered) = self.meeting_starts(scope, &meetings);
        self.every_series(series, gathered.as_ref());
    }

    /// Reports areas on a cycle of parents: the taxonomy is walked up, and a walk must end.
    fn area_cycles(&mut self, scope: Scope<'_>) {
        let reg = self.reg;
        let mut areas = cycles_for(reg, scope, Tables::area_cycles);
        for h in self.handles(scope, EntityKind::TechArea, reg.all::<TechArea>().len()) {
            if let (Some(area), Some(cycle)) = (
                reg.all::<TechArea>().get(h),
                reg.area_cycle(h, areas.as_mut()),
            ) {
                self.report(
                    area,
                    h,
                    Rule::Cycle,
                    "parents",
                    format!("the taxonomy has a cycle: {cycle}"),
                );
            }
        }
    }

    /// Reports institutions on a cycle of parents or successions: walks up them must end.
    fn institution_cycles(&mut self, scope: Scope<'_>) {
        let reg = self.reg;
        let (mut hierarchy, mut successions) = (
            cycles_for(reg, scope, Tables::institution_cycles),
            cycles_for(reg, scope, Tables::succession_cycles),
        );
        for h in self.handles(
            scope,
            EntityKind::Institution,
            reg.all::<Institution>().len(),
        ) {
            let Some(inst) = reg.all::<Institution>().get(h) else {
                continue;
            };
            if let Some(cycle) = reg.institution_cycle(h, hierarchy.as_mut()) {
                self.report(
                    inst,
                    h,
                    Rule::Cycle,
                    "parent",
                    format!("the institution hierarchy has a cycle: {cycle}"),
                );
            }
            if let Some(cycle) = reg.succession_cycle(h, successions.as_mut()) {
                self.report(
                    inst,
                    h,
                    Rule::Cycle,
                    "predecessors",
                    format!("the successions between institutions have a cycle: {cycle}"),
                );
            }
        }
    }

    /// Reports MOUs on a cycle of relations: an MOU that amends itself has no first version.
    fn relation_cycles(&mut self, scope: Scope<'_>) {
        let reg = self.reg;
        let mut relations = cycles_for(reg, scope, Tables::relation_cycles);
        for h in self.handles(scope, EntityKind::Mou, reg.all::<Mou>().len()) {
            if let (Some(mou), Some(cycle)) = (
                reg.all::<Mou>().get(h),
                reg.relation_cycle(h, relations.as_mut()),
            ) {
                self.report(
                    mou,
                    h,
                    Rule::Cycle,
                    "relations",
                    format!("the relations between mous have a cycle: {cycle}"),
                );
            }
        }
    }

    /// The meetings of `scope`, and for an edit those of the partnerships it may have moved.
    fn meetings_to_check(&self, scope: Scope<'_>) -> Vec<usize> {
        let reg = self.reg;
        let mut meetings = self.handles(scope, EntityKind::Meeting, reg.all::<Meeting>().len());
        for h in self.handles(
            scope,
            EntityKind::Partnership,
            reg.all::<Partnership>().len(),
        ) {
            if let (Scope::Entities(..), Some(p)) = (scope, reg.all::<Partnership>().get(h)) {
                meetings.extend(reg.meeting_handles_of(p.key()));
            }
        }
        meetings
    }

    /// Reports meetings before their partnership, gathering their series on the same pass.
    fn meeting_starts(
        &mut self,
        scope: Scope<'_>,
        meetings: &[usize],
    ) -> (Vec<&'r str>, Option<Gathered>) {
        let reg = self.reg;
        // Series in first-seen order (for a stable report), without repeats,
        // numbered in that order.
        let mut series_seen: Vec<&str> = Vec::new();
        let mut numbers: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
        // A load checks every series: the number of each meeting's series
        // (or none) lets one pass gather the meetings of every series,
        // rather than a scan of all meetings for each.
        let mut series_of: Vec<u32> = Vec::new();
        for &h in meetings {
            let Some(m) = reg.all::<Meeting>().get(h) else {
                continue;
            };
            self.meeting_start(h, m);
            let number = m.series().map_or(NO_SERIES, |series| {
                let series = series.as_str();
                *numbers.entry(series).or_insert_with(|| {
                    series_seen.push(series);
                    u32::try_from(series_seen.len() - 1).unwrap_or(NO_SERIES)
                })
            });
            if let Scope::All = scope {
                series_of.push(number);
            }
        }
        drop(numbers);
        let gathered = (!series_of.is_empty()).then(|| Gathered::of(&series_of, series_seen.len()));
        (series_seen, gathered)
    }

    /// Reports `m` if it certainly precedes its partnership: a council cannot meet before.
    fn meeting_start(&mut self, h: usize, m: &Meeting) {
        let reg = self.reg;
        let start = m
            .partnership()
            .and_then(|p| reg.get::<Partnership>(p.as_str()))
            .and_then(|p| p.established().map(|d| (p, d)));
        if let Some((p, start)) = start {
            if m.date().latest_day_number() < start.earliest_day_number() {
                self.report(
                    m,
                    h,
                    Rule::MeetingBeforePartnership,
                    "date",
                    format!(
                        "meeting on {} certainly precedes the start of partnership {:?} on {start}",
                        m.date(),
                        p.key().as_str()
                    ),
                );
            }
        }
    }

    /// Checks each series with its meetings: gathered for a load, looked up for an edit.
    fn every_series(&mut self, series: Vec<&str>, gathered: Option<&Gathered>) {
        let reg = self.reg;
        let mut members: Vec<(usize, &Meeting)> = Vec::new();
        for (i, series) in series.into_iter().enumerate() {
            members.clear();
            let with_meeting = |h: usize| reg.all::<Meeting>().get(h).map(|m| (h, m));
            match gathered {
                Some(gathered) => members.extend(gathered.members(i).filter_map(with_meeting)),
                None => members.extend(
                    reg.meeting_handles_in_series(series)
                        .filter_map(with_meeting),
                ),
            }
            self.check_series(series, &mut members);
        }
    }

    /// Session numbers unique and ordered like dates; one partnership per
    /// series. `members` are the series' meetings with their handles, in
    /// any order (they are sorted here).
    fn check_series(&mut self, series: &str, members: &mut Vec<(usize, &Meeting)>) {
        // One partnership per series: the first meeting (by key) that names one sets it.
        let mut owner: Option<(&Key<crate::model::partnership::Partnership>, &Meeting)> = None;
        members.sort_by(|a, b| a.1.key().cmp(b.1.key()));
        for &(h, m) in members.iter() {
            if let Some(p) = m.partnership() {
                match owner {
                    None => owner = Some((p, m)),
                    Some((q, first)) if q != p => self.report(
                        m,
                        h,
                        Rule::SeriesMismatch,
                        "series",
                        format!(
                            "series {series:?} belongs to partnership {:?} (meeting {:?}), not {:?}",
                            q.as_str(),
                            first.key().as_str(),
                            p.as_str()
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
        // The numbered sessions by number, and by key within a number (the
        // sort is stable).
        members.retain(|(_, m)| m.session().is_some());
        members.sort_by_key(|(_, m)| m.session());
        // The first meeting of the current number, where the meetings of
        // that number start, and the meeting that starts latest among those
        // of lower numbers (the last of them on a tie), with its number.
        let mut first: Option<(&Meeting, u32)> = None;
        let mut run = 0;
        let mut earlier: Option<(&Meeting, u32)> = None;
        for (i, &(h, m)) in members.iter().enumerate() {
            let Some(s) = m.session() else {
                continue;
            };
            match first {
                Some((f, number)) if number == s => {
                    self.report(
                        m,
                        h,
                        Rule::DuplicateSession,
                        "session",
                        format!(
                            "session {s} of series {series:?} is already meeting {:?}",
                            f.key().as_str()
                        ),
                    );
                }
                _ => {
                    // A new number: the meetings of the last one are now of
                    // a lower number.
                    for &(_, e) in members.get(run..i).unwrap_or_default() {
                        let later = earlier.map_or(true, |(b, _)| {
                            e.date().earliest_day_number() >= b.date().earliest_day_number()
                        });
                        if let (true, Some(t)) = (later, e.session()) {
                            earlier = Some((e, t));
                        }
                    }
                    first = Some((m, s));
                    run = i;
                }
            }
            // Dates must agree with numbers: a later session cannot
            // certainly precede an earlier one. Comparing each session with
            // the latest possible start of all earlier sessions finds every
            // violation.
            if let Some((e, t)) = earlier {
                if m.date().latest_day_number() < e.date().earliest_day_number() {
                    self.report(
                        m,
                        h,
                        Rule::SessionOrder,
                        "session",
                        format!(
                            "session {s} on {} certainly precedes session {t} ({:?}) on {}",
                            m.date(),
                            e.key().as_str(),
                            e.date()
                        ),
                    );
                }
            }
        }
    }
}

/// The entities on a cycle, found for all at once by a load, which names
/// one cycle a component (see `Cycles`): a search from every entity would
/// take time in the square of the length of a long chain or cycle. An edit
/// gets none, and searches from each entity it touches.
fn cycles_for(reg: &Tables, scope: Scope<'_>, cycles: fn(&Tables) -> Cycles) -> Option<Cycles> {
    match scope {
        Scope::All => Some(cycles(reg)),
        Scope::Entities(..) => None,
    }
}

/// The number a meeting with no series has in a gathering by series.
const NO_SERIES: u32 = u32::MAX;

/// The handles of the meetings of each series, gathered in one pass: those
/// of series `i` are `handles[starts[i]..starts[i + 1]]`, in handle order.
struct Gathered {
    handles: Vec<u32>,
    starts: Vec<u32>,
}

impl Gathered {
    /// Gathers the meetings by `series_of[h]`, the number of the series of
    /// the meeting at handle `h` (below `count`, or [`NO_SERIES`]).
    fn of(series_of: &[u32], count: usize) -> Gathered {
        let mut starts = vec![0u32; count + 1];
        for &number in series_of {
            if let Some(n) = starts.get_mut(number as usize + 1) {
                *n += 1;
            }
        }
        let mut sum = 0;
        for start in &mut starts {
            sum += *start;
            *start = sum;
        }
        let mut next = starts.clone();
        let mut handles = vec![0u32; sum as usize];
        for (h, &number) in series_of.iter().enumerate() {
            if let Some(at) = next.get_mut(number as usize) {
                if let Some(slot) = handles.get_mut(*at as usize) {
                    *slot = u32::try_from(h).unwrap_or(u32::MAX);
                }
                *at += 1;
            }
        }
        Gathered { handles, starts }
    }

    /// The handles of the meetings of series `i`.
    fn members(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.starts.get(i).copied().unwrap_or_default() as usize;
        let to = self.starts.get(i + 1).copied().unwrap_or_default() as usize;
        self.handles
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .map(|&h| h as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scoped_registry_check_looks_only_at_entities_of_the_edited_kind() {
        use crate::model::institution::{Institution, InstitutionKind};
        let mut reg = Tables::new();
        let orphan = Institution::builder("kr-x", "X", InstitutionKind::Agency, "KR")
            .parent("kr-gone")
            .build()
            .expect("valid on its own");
        assert_eq!(reg.push(orphan).ok(), Some(0));
        let rules_in = |kind| -> Vec<Rule> {
            check_registry(&reg, Scope::Entities(kind, &[0]), &|_, _| String::new())
                .iter()
                .map(Diagnostic::rule)
                .collect()
        };
        assert_eq!(rules_in(EntityKind::Institution), [Rule::DanglingReference]);
        for other in [
            EntityKind::Meeting,
            EntityKind::Mou,
            EntityKind::Partnership,
        ] {
            assert_eq!(rules_in(other), [], "{other}");
        }
    }

    /// Institutions `kr-0` .. `kr-{n-1}`, each with the parent named by
    /// `parent(i)`, none of which need exist.
    fn institutions(n: usize, parent: impl Fn(usize) -> Option<String>) -> Tables {
        use crate::model::institution::{Institution, InstitutionKind};
        let mut reg = Tables::new();
        for i in 0..n {
            let mut b = Institution::builder(format!("kr-{i}"), "X", InstitutionKind::Agency, "KR");
            if let Some(p) = parent(i) {
                b = b.parent(&p);
            }
            assert!(reg.push(b.build().expect("valid on its own")).is_ok());
        }
        reg
    }

    #[test]
    fn every_part_of_a_registry_resolved_on_several_threads_is_checked() {
        let reg = institutions(7, |i| Some(format!("kr-gone-{i}")));
        for threads in 1..=4 {
            let keys: Vec<Option<String>> = check_registry_except(
                &reg,
                Scope::All,
                &|_, _| String::new(),
                &HashSet::new(),
                threads,
            )
            .iter()
            .map(|d| d.key().map(str::to_owned))
            .collect();
            let expected: Vec<Option<String>> = (0..7).map(|i| Some(format!("kr-{i}"))).collect();
            assert_eq!(keys, expected, "{threads} threads");
        }
    }

    #[test]
    fn references_to_a_target_are_found_with_their_paths() {
        let reg = institutions(3, |i| (i > 0).then(|| "kr-0".to_owned()));
        let targets = HashSet::from([(EntityKind::Institution, "kr-0".to_owned())]);
        let found: Vec<(String, String, String)> = references_to(&reg, &targets)
            .into_iter()
            .map(|h| (h.from_key, h.path, h.to_key))
            .collect();
        let hit = |from: &str| (from.to_owned(), "parent".to_owned(), "kr-0".to_owned());
        assert_eq!(found, [hit("kr-1"), hit("kr-2")]);
        let none = HashSet::from([(EntityKind::Institution, "kr-9".to_owned())]);
        assert!(references_to(&reg, &none).is_empty());
    }

    #[test]
    fn a_key_is_suggested_only_among_at_most_fifty_thousand() {
        let reg = institutions(50_000, |_| None);
        assert_eq!(
            suggest(&reg, EntityKind::Institution, "kr-4999x"),
            Some("kr-4999")
        );
        let reg = institutions(50_001, |_| None);
        assert_eq!(suggest(&reg, EntityKind::Institution, "kr-4999x"), None);
    }

    /// The rule, entity key and message of each error of loading a file
    /// of `members` (the JSON members after the format version).
    fn load_errors(members: &str) -> Vec<(Rule, String, String)> {
        let text = format!(r#"{{"pactum": 1, {members}}}"#);
        let err = crate::Registry::from_json_str(&text).expect_err("an invalid file");
        err.diagnostics()
            .iter()
            .map(|d| {
                let key = d.key().unwrap_or_default().to_owned();
                (d.rule(), key, d.message().to_owned())
            })
            .collect()
    }

    /// A session is compared with the session of a lower number that
    /// starts latest, not only with the one before it.
    #[test]
    fn a_session_is_named_against_the_latest_starting_earlier_session() {
        let meeting = |key: &str, date: &str, session: u32| {
            format!(
                r#"{{"key": "{key}", "name": "M", "kind": "council", "date": "{date}",
                  "status": "held", "partnership": "p1", "series": "p-council",
                  "session": {session}}}"#
            )
        };
        let members = format!(
            r#""institutions": [
                {{"key": "aa-gov", "name": "AA", "kind": "government", "country": "FR"}},
                {{"key": "bb-gov", "name": "BB", "kind": "government", "country": "DE"}}],
              "partnerships": [{{"key": "p1", "name": "P", "kind": "technology_cooperation",
                "parties": ["aa-gov", "bb-gov"]}}],
              "meetings": [{}, {}, {}]"#,
            meeting("m1", "2010-01-01", 1),
            meeting("m2", "2012-01-01", 2),
            meeting("m3", "2011-01-01", 3)
        );
        assert_eq!(
            load_errors(&members),
            [(
                Rule::SessionOrder,
                "m3".to_owned(),
                r#"session 3 on 2011-01-01 certainly precedes session 2 ("m2") on 2012-01-01"#
                    .to_owned()
            )]
        );
    }

    /// A load names one cycle of a tangle of areas: each area on it round
    /// from itself, and an area off it as reaching it and reached from it.
    #[test]
    fn a_load_names_one_cycle_of_a_tangle_and_what_reaches_it() {
        let members = r#""tech_areas": [
            {"key": "x-a", "name": "A", "parents": ["x-b"]},
            {"key": "x-b", "name": "B", "parents": ["x-a", "x-c"]},
            {"key": "x-c", "name": "C", "parents": ["x-b"]}]"#;
        let cycle = |key: &str, cycle: &str| {
            (
                Rule::Cycle,
                key.to_owned(),
                format!("the taxonomy has a cycle: {cycle}"),
            )
        };
        assert_eq!(
            load_errors(members),
            [
                cycle("x-a", "x-a -> x-b -> x-a"),
                cycle("x-b", "x-b -> x-a -> x-b"),
                cycle(
                    "x-c",
                    "x-c reaches x-a -> x-b -> x-a, which reaches it back"
                ),
            ]
        );
    }

    /// The rule and path of each error of loading a partnership between
    /// two governments whose `parties` and `sources` are written as given.
    fn partnership_errors(parties: &str, sources: &str) -> Vec<(Rule, String)> {
        let text = format!(
            r#"{{"pactum": 1,
              "institutions": [
                {{"key": "aa-gov", "name": "AA", "kind": "government", "country": "FR"}},
                {{"key": "bb-gov", "name": "BB", "kind": "government", "country": "DE"}}],
              "partnerships": [{{"key": "p1", "name": "P", "kind": "technology_cooperation",
                "parties": {parties}, "sources": {sources}}}]}}"#
        );
        let err = crate::Registry::from_json_str(&text).expect_err("a dangling source");
        err.diagnostics()
            .iter()
            .map(|d| (d.rule(), d.path().to_owned()))
            .collect()
    }

    #[test]
    fn a_source_cited_by_a_partnership_must_exist() {
        assert_eq!(
            partnership_errors(r#"["aa-gov", "bb-gov"]"#, r#"["s-gone"]"#),
            [(
                Rule::DanglingReference,
                "partnerships[0].sources[0]".to_owned()
            )]
        );
    }

    #[test]
    fn a_source_cited_by_a_partnership_party_action_must_exist() {
        let parties = r#"["aa-gov", {"institution": "bb-gov", "actions": [
            {"kind": "signature", "date": "1990", "sources": ["s-gone"]}]}]"#;
        assert_eq!(
            partnership_errors(parties, "[]"),
            [(
                Rule::DanglingReference,
                "partnerships[0].parties[1].actions[0].sources[0]".to_owned()
            )]
        );
    }
}

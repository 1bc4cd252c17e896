//! Cycles in the relations between entities of one kind: the institution
//! hierarchy, successions, the taxonomy and the relations between MOUs.

use std::collections::HashMap;

use super::Store;
use crate::model::id::Entity;
use crate::model::institution::Institution;
use crate::model::mou::Mou;
use crate::model::taxonomy::TechArea;

pub(super) fn institution_parent(e: &Institution, link: &mut dyn FnMut(&str)) {
    if let Some(p) = e.parent() {
        link(p.as_str());
    }
}

pub(super) fn predecessors(e: &Institution, link: &mut dyn FnMut(&str)) {
    for s in e.predecessors() {
        link(s.institution().as_str());
    }
}

pub(super) fn area_parents(e: &TechArea, link: &mut dyn FnMut(&str)) {
    for p in e.parents() {
        link(p.as_str());
    }
}

pub(super) fn relations(e: &Mou, link: &mut dyn FnMut(&str)) {
    for r in e.relations() {
        link(r.mou().as_str());
    }
}

/// The state of a search for strongly connected components.
struct Tarjan {
    /// The order in which each entity was reached.
    index: Vec<u32>,
    /// The least order reached from each entity while it is on the stack.
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    /// The depth-first path: each entity with the position of its next
    /// link.
    path: Vec<(u32, usize)>,
    counter: u32,
}

impl Tarjan {
    /// Reaches `v`, whose links start at `first`.
    fn visit(&mut self, v: u32, first: usize) {
        let i = v as usize;
        if let (Some(index), Some(low), Some(on)) = (
            self.index.get_mut(i),
            self.low.get_mut(i),
            self.on_stack.get_mut(i),
        ) {
            (*index, *low, *on) = (self.counter, self.counter, true);
        }
        self.counter += 1;
        self.stack.push(v);
        self.path.push((v, first));
    }

    /// Lowers the least order reached from `v` to `order`.
    fn lower(&mut self, v: u32, order: u32) {
        if let Some(low) = self.low.get_mut(v as usize) {
            *low = (*low).min(order);
        }
    }
}

/// The entities of one kind that lie on a cycle of their links, by the
/// strongly connected component they are in, and one cycle of each
/// component once it is asked for: every entity on a cycle is named with
/// one, and the whole takes time linear in the entities and links, where a
/// search from each entity of a long cycle would take its square.
#[derive(Debug, Default)]
pub(crate) struct Cycles {
    /// The component of each entity on a cycle, by handle; [`NONE`] for
    /// the others.
    component: Vec<u32>,
    /// One cycle of each component asked about, in link order.
    found: HashMap<u32, Vec<usize>>,
    /// The place of each entity on its component's found cycle, by handle;
    /// [`NONE`] off it.
    place: Vec<u32>,
}

/// No component, no place.
const NONE: u32 = u32::MAX;

impl Cycles {
    /// The component of the entity at `h`, if it lies on a cycle.
    fn component(&self, h: usize) -> Option<u32> {
        self.component.get(h).copied().filter(|&c| c != NONE)
    }

    /// The entities on a cycle of the links `links` names, with their
    /// components: an entity is on one when its strongly connected
    /// component has more than one entity, or when it links to itself.
    /// Linear in entities and links (Tarjan's algorithm, iterative so that
    /// a deep chain cannot overflow the stack); only entities with links
    /// take part, numbered apart, so that a large store with few links
    /// costs little.
    pub(super) fn of<E: Entity>(store: &Store<E>, links: Links<E>) -> Cycles {
        let n = store.items.len();
        let mut on = vec![NONE; n];
        let components = components(store, links, &mut on);
        Cycles {
            component: on,
            found: HashMap::with_capacity(components),
            place: vec![NONE; if components == 0 { 0 } else { n }],
        }
    }
}

/// Numbers, in `on`, the strongly connected components of the links that
/// hold a cycle (see [`Cycles::of`]), and returns how many there are.
fn components<E: Entity>(store: &Store<E>, links: Links<E>, on: &mut [u32]) -> usize {
    let n = store.items.len();
    let mut count = 0;
    // The entities with links, their handles, and the links among them as
    // lists of their numbers.
    let mut number = vec![NONE; n];
    let mut handles: Vec<usize> = Vec::new();
    for (h, e) in store.items.iter().enumerate() {
        let mut any = false;
        links(e, &mut |_| any = true);
        if let (true, Some(slot)) = (any, number.get_mut(h)) {
            *slot = u32::try_from(handles.len()).unwrap_or(NONE);
            handles.push(h);
        }
    }
    let mut starts: Vec<usize> = Vec::with_capacity(handles.len() + 1);
    let mut targets: Vec<u32> = Vec::new();
    for &h in &handles {
        starts.push(targets.len());
        if let Some(e) = store.items.get(h) {
            links(e, &mut |key| {
                let target = store.handle(key).and_then(|t| number.get(t).copied());
                if let Some(t) = target.filter(|&t| t != NONE) {
                    targets.push(t);
                }
            });
        }
    }
    starts.push(targets.len());
    let m = handles.len();
    let edges = |v: u32| {
        let v = v as usize;
        starts.get(v).copied().unwrap_or_default()..starts.get(v + 1).copied().unwrap_or_default()
    };
    let mut t = Tarjan {
        index: vec![NONE; m],
        low: vec![NONE; m],
        on_stack: vec![false; m],
        stack: Vec::new(),
        path: Vec::new(),
        counter: 0,
    };
    for root in 0..u32::try_from(m).unwrap_or(NONE) {
        if t.index.get(root as usize) != Some(&NONE) {
            continue;
        }
        t.visit(root, edges(root).start);
        while let Some(&mut (v, ref mut next)) = t.path.last_mut() {
            if *next < edges(v).end {
                let w = targets.get(*next).copied().unwrap_or(v);
                *next += 1;
                let seen = t.index.get(w as usize).copied().unwrap_or_default();
                if seen == NONE {
                    t.visit(w, edges(w).start);
                } else if t.on_stack.get(w as usize) == Some(&true) {
                    t.lower(v, seen);
                }
                continue;
            }
            t.path.pop();
            let low_v = t.low.get(v as usize).copied().unwrap_or_default();
            if let Some(&(u, _)) = t.path.last() {
                t.lower(u, low_v);
            }
            if Some(&low_v) == t.index.get(v as usize) {
                // `v` roots a component: it is what the stack holds from `v`.
                let from = t.stack.iter().rposition(|&x| x == v).unwrap_or_default();
                let size = t.stack.len() - from;
                let component = u32::try_from(count).unwrap_or(NONE);
                let mut cyclic = false;
                for x in t.stack.drain(from..) {
                    if let Some(s) = t.on_stack.get_mut(x as usize) {
                        *s = false;
                    }
                    let linked_to_itself = edges(x).any(|i| targets.get(i) == Some(&x));
                    if size > 1 || linked_to_itself {
                        if let Some(c) = handles.get(x as usize).and_then(|&h| on.get_mut(h)) {
                            *c = component;
                            cyclic = true;
                        }
                    }
                }
                count += usize::from(cyclic);
            }
        }
    }
    count
}

/// Calls its second argument with the key of every entity of the same kind
/// that an entity links to.
type Links<E> = fn(&E, &mut dyn FnMut(&str));

/// A cycle through the entity at `h` along the links `links` names, among
/// the entities `within` takes (unknown keys lead nowhere), as handles in
/// link order from `h`.
fn cycle_in<E: Entity>(
    store: &Store<E>,
    h: usize,
    links: Links<E>,
    within: impl Fn(usize) -> bool,
) -> Option<Vec<usize>> {
    crate::store::cycles::cycle_through(h, |i| {
        // No allocation for an entity without links.
        let mut out = Vec::new();
        if let Some(e) = store.items.get(i) {
            links(e, &mut |key| {
                out.extend(store.handle(key).filter(|&t| within(t)))
            });
        }
        out
    })
}

/// Names a cycle through the entity at `h`: `a -> b -> a`, cut short when
/// long. With `cycles` (a load), the cycle of each component is searched
/// for once, and named from each entity on it; an entity of the component
/// off that cycle is named as reaching it and reached from it. Without
/// (an edit), the search starts from `h`.
pub(super) fn cycle_named<E: Entity>(
    store: &Store<E>,
    h: usize,
    links: Links<E>,
    cycles: Option<&mut Cycles>,
) -> Option<String> {
    let key = |i: usize| key_text(store, i);
    let Some(cycles) = cycles else {
        let path = cycle_in(store, h, links, |_| true)?;
        return Some(crate::store::cycles::cycle_text(&path, 0, key));
    };
    let component = cycles.component(h)?;
    if !cycles.found.contains_key(&component) {
        let path = cycle_in(store, h, links, |i| cycles.component(i) == Some(component))?;
        for (at, &x) in path.iter().enumerate() {
            if let Some(place) = cycles.place.get_mut(x) {
                *place = u32::try_from(at).unwrap_or(NONE);
            }
        }
        cycles.found.insert(component, path);
    }
    let path = cycles.found.get(&component)?;
    match cycles.place.get(h).copied().filter(|&p| p != NONE) {
        Some(at) => Some(crate::store::cycles::cycle_text(path, at as usize, key)),
        None => Some(format!(
            "{} reaches {}, which reaches it back",
            key(h),
            crate::store::cycles::cycle_text(path, 0, key)
        )),
    }
}

fn key_text<E: Entity>(store: &Store<E>, h: usize) -> String {
    store
        .items
        .get(h)
        .map(|e| e.key().as_str().to_owned())
        .unwrap_or_default()
}

/// Finds a cycle in a parent relation, starting from `start`: `parents(h)`
/// lists the handles of the parents of `h`. Returns the cycle's handles in
/// link order, from `start`, when `start` lies on one.
pub(crate) fn cycle_through<F>(start: usize, parents: F) -> Option<Vec<usize>>
where
    F: Fn(usize) -> Vec<usize>,
{
    // Depth-first search for a path from `start` back to itself; iterative so
    // a deep hierarchy cannot overflow the stack.
    let first = parents(start);
    if first.is_empty() {
        return None;
    }
    let mut stack: Vec<(usize, Vec<usize>)> = vec![(start, first)];
    let mut visited: foldhash::HashSet<usize> = foldhash::HashSet::default();
    while let Some((_, pending)) = stack.last_mut() {
        match pending.pop() {
            None => {
                stack.pop();
            }
            Some(next) if next == start => {
                return Some(stack.iter().map(|(h, _)| *h).collect());
            }
            Some(next) => {
                if visited.insert(next) {
                    let ps = parents(next);
                    stack.push((next, ps));
                }
            }
        }
    }
    None
}

/// The cycle `path` (handles in link order) named from its entity at
/// `from` round to it again, `a -> b -> a`; past a dozen entities, the
/// first eight, how many are left out, and the last.
pub(crate) fn cycle_text(path: &[usize], from: usize, key: impl Fn(usize) -> String) -> String {
    const SHOWN: usize = 8;
    let n = path.len();
    let at = |i: usize| {
        path.get((from + i) % n.max(1))
            .map_or_else(String::new, |&h| key(h))
    };
    let mut names: Vec<String> = if n <= SHOWN + 4 {
        (0..n).map(at).collect()
    } else {
        let mut names: Vec<String> = (0..SHOWN).map(at).collect();
        names.push(format!("({} more)", n - SHOWN - 1));
        names.push(at(n - 1));
        names
    };
    names.push(at(0));
    names.join(" -> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cycle is named round from any of its entities; past a dozen, the
    /// first eight, how many are left out and the last.
    #[test]
    fn cycles_are_named_round_and_cut_short_when_long() {
        let key = |h: usize| format!("k{h}");
        assert_eq!(cycle_text(&[4], 0, key), "k4 -> k4");
        assert_eq!(cycle_text(&[1, 2, 3], 0, key), "k1 -> k2 -> k3 -> k1");
        assert_eq!(cycle_text(&[1, 2, 3], 2, key), "k3 -> k1 -> k2 -> k3");
        let twelve: Vec<usize> = (0..12).collect();
        assert_eq!(
            cycle_text(&twelve, 0, key),
            "k0 -> k1 -> k2 -> k3 -> k4 -> k5 -> k6 -> k7 -> k8 -> k9 -> k10 -> k11 -> k0"
        );
        let thirteen: Vec<usize> = (0..13).collect();
        assert_eq!(
            cycle_text(&thirteen, 5, key),
            "k5 -> k6 -> k7 -> k8 -> k9 -> k10 -> k11 -> k12 -> (4 more) -> k4 -> k5"
        );
        assert_eq!(cycle_text(&[], 0, key), "");
    }
}

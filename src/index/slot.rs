//! One event as the index sees it: a [`Slot`], the item of the index's
//! runs, and the entities slots point to.

use std::cmp::Ordering;

use super::run::{self, ranks_by_key, Interval};
use crate::date::Date;
use crate::event::{action_at, actions_of, Agreement, Event, EventKind, Subject};
use crate::model::commitment::Commitment;
use crate::model::id::EntityKind;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::store::Tables;

/// The slots of a subset of events, in the total order, with block maxima
/// (see [`run::Run`]).
pub(crate) type Run = run::Run<Slot>;

/// A walk over one list of a [`Run`] (see [`run::Cursor`]).
pub(crate) type Cursor<'i> = run::Cursor<'i, Slot>;

/// The entity kinds that have events.
pub(super) const SUBJECT_KINDS: [EntityKind; 4] = [
    EntityKind::Partnership,
    EntityKind::Meeting,
    EntityKind::Mou,
    EntityKind::Commitment,
];

/// The entity of kind `entity` at `handle`, if it has events.
#[inline]
pub(crate) fn subject_at(reg: &Tables, entity: EntityKind, handle: u32) -> Option<Subject<'_>> {
    let h = usize::try_from(handle).ok()?;
    match entity {
        EntityKind::Partnership => reg.all::<Partnership>().get(h).map(Subject::Partnership),
        EntityKind::Meeting => reg.all::<Meeting>().get(h).map(Subject::Meeting),
        EntityKind::Mou => reg.all::<Mou>().get(h).map(Subject::Mou),
        EntityKind::Commitment => reg.all::<Commitment>().get(h).map(Subject::Commitment),
        _ => None,
    }
}

/// The partnerships and MOUs of a registry, read from the tables once for a
/// whole answer: an in-force answer looks up one agreement a hit, and
/// with the two lists at hand that is a bounds check and an address.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Agreements<'r> {
    partnerships: &'r [Partnership],
    mous: &'r [Mou],
}

impl<'r> Agreements<'r> {
    /// The partnerships and MOUs of `reg`.
    #[inline]
    pub(crate) fn of(reg: &'r Tables) -> Agreements<'r> {
        Agreements {
            partnerships: reg.all::<Partnership>(),
            mous: reg.all::<Mou>(),
        }
    }

    /// The partnership or MOU of kind `entity` at `handle`.
    #[inline]
    pub(crate) fn get(self, entity: EntityKind, handle: u32) -> Option<Agreement<'r>> {
        let h = handle as usize;
        match entity {
            EntityKind::Mou => self.mous.get(h).map(Agreement::Mou),
            EntityKind::Partnership => self.partnerships.get(h).map(Agreement::Partnership),
            _ => None,
        }
    }
}

/// The four tables of the entities with events, read from the registry's
/// tables once for a whole answer: a timeline answer looks up one entity a
/// hit, and with the lists at hand that is a bounds check and an address.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subjects<'r> {
    partnerships: &'r [Partnership],
    meetings: &'r [Meeting],
    mous: &'r [Mou],
    commitments: &'r [Commitment],
}

impl<'r> Subjects<'r> {
    /// The entities with events of `reg`.
    #[inline]
    pub(crate) fn of(reg: &'r Tables) -> Subjects<'r> {
        Subjects {
            partnerships: reg.all::<Partnership>(),
            meetings: reg.all::<Meeting>(),
            mous: reg.all::<Mou>(),
            commitments: reg.all::<Commitment>(),
        }
    }

    /// The entity the event of `slot` belongs to (for a party action, its
    /// agreement). The table is picked straight from the tag's bits, not
    /// through an [`EntityKind`] decoded from them and matched again.
    #[inline]
    pub(crate) fn entity(self, slot: &Slot) -> Option<Subject<'r>> {
        const PARTNERSHIP: u8 = EntityKind::Partnership as u8;
        const MEETING: u8 = EntityKind::Meeting as u8;
        const MOU: u8 = EntityKind::Mou as u8;
        const COMMITMENT: u8 = EntityKind::Commitment as u8;
        let h = slot.handle as usize;
        match slot.tag.entity_bits() {
            PARTNERSHIP => self.partnerships.get(h).map(Subject::Partnership),
            MEETING => self.meetings.get(h).map(Subject::Meeting),
            MOU => self.mous.get(h).map(Subject::Mou),
            COMMITMENT => self.commitments.get(h).map(Subject::Commitment),
            _ => None,
        }
    }

    /// The entity the event of `slot` belongs to, or for a party action,
    /// the action.
    #[inline]
    pub(crate) fn of_slot(self, slot: &Slot) -> Option<Subject<'r>> {
        let subject = self.entity(slot)?;
        if slot.tag.action() {
            return action_of(subject, slot.part);
        }
        Some(subject)
    }
}

/// How many entities of `kind` there are (none of a kind without events).
pub(super) fn subjects(reg: &Tables, kind: EntityKind) -> usize {
    match kind {
        EntityKind::Partnership => reg.all::<Partnership>().len(),
        EntityKind::Meeting => reg.all::<Meeting>().len(),
        EntityKind::Mou => reg.all::<Mou>().len(),
        EntityKind::Commitment => reg.all::<Commitment>().len(),
        _ => 0,
    }
}

/// The position of each entity of `kind` among them in key order, by
/// handle; the keys are sorted in `parts` parts, each on a thread, and
/// merged.
pub(super) fn key_ranks(reg: &Tables, kind: EntityKind, parts: usize) -> Vec<u32> {
    ranks_by_key(subjects(reg, kind), parts, |h| {
        subject_at(reg, kind, h).map_or("", |s| s.key())
    })
}

/// One event, as the index sees it.
///
/// The entity kind and the shape share a byte, so that a party action's
/// place among its agreement's actions fits beside them in 16 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// The first day the event may cover.
    pub(crate) earliest: i32,
    /// The last day the event may cover.
    pub(crate) latest: i32,
    pub(crate) handle: u32,
    /// For a party action, its place among its agreement's actions (see
    /// [`actions_of`]); 0 for the other events.
    pub(crate) part: u16,
    pub(crate) kind: EventKind,
    tag: Tag,
}

/// A slot's entity kind, whether it is a party action's, and its shape in
/// one byte: the entity kind's discriminant (below 8) above the party
/// action bit, above the shape's two bits. The order key reads the kind
/// without a lookup, and one test of the three low bits tells a hit whose
/// range answers and whose subject is its entity itself (the most common
/// by far) from every other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tag(u8);

impl Tag {
    /// The bit of a party action's slot.
    const ACTION: u8 = 1 << 2;

    fn new(entity: EntityKind, action: bool, shape: Shape) -> Tag {
        Tag(((entity as u8) << 3) | (u8::from(action) << 2) | shape as u8)
    }

    /// The entity kind's discriminant.
    #[inline]
    fn entity_bits(self) -> u8 {
        self.0 >> 3
    }

    fn entity(self) -> EntityKind {
        match self.entity_bits() {
            3 => EntityKind::Partnership,
            4 => EntityKind::Meeting,
            5 => EntityKind::Mou,
            6 => EntityKind::Commitment,
            // Slots are made only for the kinds with events.
            _ => EntityKind::Source,
        }
    }

    /// Whether the slot is a party action's.
    #[inline]
    fn action(self) -> bool {
        self.0 & Tag::ACTION != 0
    }

    fn shape(self) -> Shape {
        match self.0 & 3 {
            0 => Shape::Plain,
            1 => Shape::Gapped,
            _ => Shape::Span,
        }
    }
}

/// What a slot's range says of its event: whether a query can decide from
/// the range alone if the event is in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Shape {
    /// A date every day of whose range is a candidate: the range answers.
    Plain,
    /// A date whose candidate days may have gaps (a list of alternatives,
    /// or a pattern of unspecified digits): the range is only their hull,
    /// and a query must ask the date.
    Gapped,
    /// An event of several days (a meeting with an end): the range, from
    /// the earliest start to the latest end, holds every day of every
    /// reading, so it answers whether the event is possibly in a window;
    /// whether certainly, as whether every reading overlaps the window,
    /// asks the dates.
    Span,
}

/// The engine reads a slot's days; a date whose candidate days have gaps
/// (a list, a pattern) is a hull, and an event of several days spans its
/// range.
impl Interval for Slot {
    #[inline]
    fn earliest(&self) -> i32 {
        self.earliest
    }

    #[inline]
    fn latest(&self) -> i32 {
        self.latest
    }

    #[inline]
    fn hull(&self) -> bool {
        self.shape() == Shape::Gapped
    }

    #[inline]
    fn spans(&self) -> bool {
        self.shape() == Shape::Span
    }
}

impl Slot {
    fn of(
        kind: EventKind,
        (date, end): (&Date, Option<&Date>),
        (entity, handle, part): (EntityKind, u32, u16),
    ) -> Slot {
        let (latest, shape) = match end {
            None if date.has_gaps() => (date.latest_day_number(), Shape::Gapped),
            None => (date.latest_day_number(), Shape::Plain),
            Some(end) => (end.latest_day_number(), Shape::Span),
        };
        Slot {
            earliest: date.earliest_day_number(),
            latest,
            handle,
            part,
            kind,
            tag: Tag::new(entity, kind.is_party_action(), shape),
        }
    }

    /// A slot of the days `earliest..=latest`, for tests.
    #[cfg(test)]
    pub(crate) fn new(
        (earliest, latest): (i32, i32),
        kind: EventKind,
        (entity, handle): (EntityKind, u32),
        shape: Shape,
    ) -> Slot {
        Slot {
            earliest,
            latest,
            handle,
            part: 0,
            kind,
            tag: Tag::new(entity, kind.is_party_action(), shape),
        }
    }

    /// The kind of entity the event belongs to (for a party action, its
    /// agreement's).
    #[inline]
    pub(crate) fn entity(&self) -> EntityKind {
        self.tag.entity()
    }

    /// What the slot's range says of its event.
    #[inline]
    pub(crate) fn shape(&self) -> Shape {
        self.tag.shape()
    }

    /// Whether the slot's range answers for its event ([`Shape::Plain`]),
    /// read from the tag's bits without decoding the shape.
    #[inline]
    pub(crate) fn is_plain(&self) -> bool {
        self.tag.0 & 3 == Shape::Plain as u8
    }

    /// Whether, besides, the event is its entity's own, not a party
    /// action's: the hit is then the entity and the slot's kind, with no
    /// action to look up. One test of the tag's three low bits.
    #[inline]
    pub(crate) fn is_plain_own(&self) -> bool {
        self.tag.0 & (Tag::ACTION | 3) == 0
    }

    /// The day that orders the event (see [`Event`]).
    pub(crate) fn sort(&self) -> i32 {
        crate::event::sort_day(self.earliest, self.latest)
    }

    /// The order key without the entity key.
    pub(crate) fn coarse(&self) -> (i32, i32, EventKind, EntityKind) {
        (self.sort(), self.latest, self.kind, self.entity())
    }

    /// The order key without the entity key, packed into one number that
    /// orders like [`Slot::coarse`]; its low 48 bits are zero.
    pub(crate) fn rank(&self) -> u128 {
        // Flipping the sign bit maps i32 order onto u32 order.
        let day = |n: i32| u128::from((n as u32) ^ 0x8000_0000);
        (day(self.sort()) << 96)
            | (day(self.latest) << 64)
            | (u128::from(self.kind as u8) << 56)
            | (u128::from(self.tag.entity_bits()) << 48)
    }

    /// The whole order key in one number, given the position of the slot's
    /// entity among the entities of its kind in key order: the key, then
    /// the place of a party action among its agreement's.
    pub(super) fn full_rank(&self, key_rank: u32) -> u128 {
        self.rank() | (u128::from(key_rank) << 16) | u128::from(self.part)
    }

    /// Whether two slots stand for the same event: the handle, which
    /// differs most often, is compared first.
    #[inline]
    pub(crate) fn same_event(&self, other: &Slot) -> bool {
        self.handle == other.handle
            && self.tag == other.tag
            && self.kind == other.kind
            && self.part == other.part
    }

    /// The entity the event belongs to, or for a party action, the action.
    ///
    /// For a look-up now and then (a tie in the order, a count's date with
    /// gaps): only the slot's own table is read. An answer that looks up
    /// every hit reads the four tables once ([`Subjects`]).
    #[inline]
    pub(crate) fn subject<'r>(&self, reg: &'r Tables) -> Option<Subject<'r>> {
        const PARTNERSHIP: u8 = EntityKind::Partnership as u8;
        const MEETING: u8 = EntityKind::Meeting as u8;
        const MOU: u8 = EntityKind::Mou as u8;
        const COMMITMENT: u8 = EntityKind::Commitment as u8;
        let h = self.handle as usize;
        let subject = match self.tag.entity_bits() {
            PARTNERSHIP => reg.all::<Partnership>().get(h).map(Subject::Partnership),
            MEETING => reg.all::<Meeting>().get(h).map(Subject::Meeting),
            MOU => reg.all::<Mou>().get(h).map(Subject::Mou),
            COMMITMENT => reg.all::<Commitment>().get(h).map(Subject::Commitment),
            _ => None,
        }?;
        if self.tag.action() {
            return action_of(subject, self.part);
        }
        Some(subject)
    }

    /// The key of the entity the event belongs to.
    pub(crate) fn key<'r>(&self, reg: &'r Tables) -> &'r str {
        self.subject(reg).map_or("", |s| s.key())
    }

    /// Whether the range `earliest..=latest` possibly and certainly lies in
    /// the window `from..=to`; exact for a [`Shape::Plain`] slot.
    pub(crate) fn within(&self, from: i32, to: i32) -> (bool, bool) {
        (
            self.earliest <= to && self.latest >= from,
            self.earliest >= from && self.latest <= to,
        )
    }
}

/// The edits of a run that know what its slots stand for.
impl Run {
    /// Removes the slot of an event, found by its order fields: its entity,
    /// which may be gone from the registry, is not read.
    pub(super) fn remove_slot(&mut self, slot: &Slot) {
        self.remove(slot, Slot::coarse, Slot::same_event);
    }

    /// Renumbers the entities of kind `entity` after the one at `h`, which
    /// left its store.
    pub(super) fn shift(&mut self, entity: EntityKind, h: u32) {
        self.edit_each(|s| {
            if s.entity() == entity && s.handle > h {
                s.handle -= 1;
            }
        });
    }
}

/// The total order of slots, which reads entity keys only to break ties.
pub(super) fn slot_order(reg: &Tables) -> impl Fn(&Slot, &Slot) -> Ordering + '_ {
    move |a, b| {
        a.rank()
            .cmp(&b.rank())
            .then_with(|| a.key(reg).cmp(b.key(reg)))
            .then_with(|| a.part.cmp(&b.part))
    }
}

/// The party action at place `part` among the actions of the agreement
/// `subject`.
pub(super) fn action_of(subject: Subject<'_>, part: u16) -> Option<Subject<'_>> {
    action_at(subject.agreement()?, part).map(Subject::PartyAction)
}

/// The slots of the events of an entity at handle `h` of its store: its
/// own, then those of the actions of its parties, each with the subject
/// it stands for.
pub(super) fn slots_of(
    subject: Subject<'_>,
    h: usize,
) -> impl Iterator<Item = (Slot, Subject<'_>)> + '_ {
    let handle = u32::try_from(h).ok();
    let entity = subject.kind();
    let actions = subject
        .agreement()
        .into_iter()
        .flat_map(actions_of)
        .map(Subject::PartyAction);
    std::iter::once(subject).chain(actions).flat_map(move |s| {
        let part = s.action_index();
        Event::dates_of(s).filter_map(move |(kind, date, end)| {
            Some((Slot::of(kind, (date, end), (entity, handle?, part)), s))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slot(earliest: i32, latest: i32, handle: u32) -> Slot {
        Slot::new(
            (earliest, latest),
            EventKind::MeetingHeld,
            (EntityKind::Meeting, handle),
            Shape::Plain,
        )
    }

    proptest! {
        #[test]
        fn shifting_handles_renumbers_only_later_entities_of_the_kind(
            handles in prop::collection::vec(0..50u32, 1..60),
            gone in 0..50u32,
        ) {
            let mut run = Run::default();
            for (i, &h) in handles.iter().enumerate() {
                run.push(slot(i32::try_from(i).unwrap(), 100, h));
            }
            run.push(Slot::new(
                (1000, 1000),
                EventKind::MeetingHeld,
                (EntityKind::Mou, 49),
                Shape::Plain,
            ));
            run.finish();
            run.shift(EntityKind::Meeting, gone);
            let got: Vec<u32> = run.items().map(|s| s.handle).collect();
            let mut want: Vec<u32> = handles
                .iter()
                .map(|&h| if h > gone { h - 1 } else { h })
                .collect();
            want.push(49);
            prop_assert_eq!(got, want);
        }

        /// The packed rank orders slots as their coarse key does, over the
        /// whole range of day numbers: days before the calendar's first
        /// year (negative) and the open ends (`i32::MIN`, `i32::MAX`).
        #[test]
        fn a_rank_orders_slots_like_their_coarse_key(
            days in prop::collection::vec(
                (prop_oneof![Just(i32::MIN), Just(i32::MAX), -3..3i32, -800_000..800_000i32, any::<i32>()],
                 prop_oneof![Just(i32::MAX), -3..3i32, -800_000..800_000i32, any::<i32>()]),
                2..12,
            ),
            // Kinds and days drawn from few values as well, so that slots
            // tie on the first parts of the key and the entity kind decides.
            kinds in prop::collection::vec(
                (prop_oneof![0..3usize, 0..EventKind::ALL.len()], 0..SUBJECT_KINDS.len()),
                12,
            ),
        ) {
            let slots: Vec<Slot> = days
                .iter()
                .zip(&kinds)
                .map(|(&(a, b), &(k, e))| {
                    let kind = EventKind::ALL.get(k).copied().unwrap_or(EventKind::MeetingHeld);
                    let entity = SUBJECT_KINDS.get(e).copied().unwrap_or(EntityKind::Meeting);
                    Slot::new((a.min(b), a.max(b)), kind, (entity, 0), Shape::Plain)
                })
                .collect();
            for a in &slots {
                for b in &slots {
                    prop_assert_eq!(a.rank().cmp(&b.rank()), a.coarse().cmp(&b.coarse()), "{:?} {:?}", a, b);
                }
            }
        }

        /// Whether a slot's range possibly and certainly lies in a window:
        /// it overlaps the window, and it lies inside it.
        #[test]
        fn within_says_whether_the_range_overlaps_and_lies_inside_the_window(
            (a, b) in (-50..50i32, -50..50i32),
            (from, to) in (-60..60i32, -60..60i32),
        ) {
            let s = slot(a.min(b), a.max(b), 0);
            let (from, to) = (from.min(to), from.max(to));
            let days = |lo: i32, hi: i32| (lo..=hi).collect::<std::collections::BTreeSet<i32>>();
            let range = days(a.min(b), a.max(b));
            let window = days(from, to);
            prop_assert_eq!(
                s.within(from, to),
                (!range.is_disjoint(&window), range.is_subset(&window))
            );
        }
    }

    /// The byte that holds a slot's entity kind and shape gives both back,
    /// for every kind with events and every shape.
    #[test]
    fn a_tag_keeps_the_entity_kind_and_the_shape() {
        for entity in SUBJECT_KINDS {
            for shape in [Shape::Plain, Shape::Gapped, Shape::Span] {
                for kind in [EventKind::PartyRatification, EventKind::MouSigned] {
                    let s = Slot::new((1, 2), kind, (entity, 7), shape);
                    assert_eq!((s.entity(), s.shape()), (entity, shape));
                    assert_eq!(s.tag.action(), kind.is_party_action());
                    assert_eq!(s.is_plain(), shape == Shape::Plain);
                    assert_eq!(
                        s.is_plain_own(),
                        shape == Shape::Plain && !kind.is_party_action()
                    );
                    assert_eq!(s.coarse().3, entity);
                }
            }
        }
    }

    /// Slots of the same days and kind rank by their entity's kind, as
    /// their coarse keys order: the entity's bits count in the rank.
    #[test]
    fn slots_that_tie_on_days_and_kind_rank_by_their_entity() {
        for a in SUBJECT_KINDS {
            for b in SUBJECT_KINDS {
                let slot =
                    |entity| Slot::new((-5, 3), EventKind::MouSigned, (entity, 0), Shape::Plain);
                let (x, y) = (slot(a), slot(b));
                assert_eq!(
                    x.rank().cmp(&y.rank()),
                    x.coarse().cmp(&y.coarse()),
                    "{a:?} {b:?}"
                );
                assert_eq!(x.rank() == y.rank(), a == b, "{a:?} {b:?}");
            }
        }
    }

    /// A slot's shape says what its range tells of the event: a date
    /// without gaps is plain (its range is its days), one with gaps (a
    /// list of alternatives, a pattern) is gapped, and an event with an
    /// end spans from its date's first day to its end's last.
    #[test]
    fn a_slot_is_plain_gapped_or_a_span_by_its_dates() {
        let date = |t: &str| Date::parse(t).expect("a date");
        let at = (EntityKind::Meeting, 0, 0);
        for (text, end, shape) in [
            ("2024-05-16", None, Shape::Plain),
            ("2024-05", None, Shape::Plain),
            ("[..2024-05-16]", None, Shape::Plain),
            ("[2024-05-16,2024-06-02]", None, Shape::Gapped),
            ("2024-XX-16", None, Shape::Gapped),
            ("2024-05-16", Some("2024-05-18"), Shape::Span),
        ] {
            let (d, e) = (date(text), end.map(date));
            let s = Slot::of(EventKind::MeetingHeld, (&d, e.as_ref()), at);
            assert_eq!(s.shape(), shape, "{text} {end:?}");
            assert_eq!(s.hull(), shape == Shape::Gapped, "{text} {end:?}");
            assert_eq!(Interval::spans(&s), shape == Shape::Span, "{text} {end:?}");
            assert_eq!(s.earliest, d.earliest_day_number(), "{text}");
            let last = e.as_ref().unwrap_or(&d).latest_day_number();
            assert_eq!(s.latest, last, "{text} {end:?}");
        }
    }

    /// Two slots are the same event exactly when their handle, place,
    /// kind and tag agree, whatever their days; changing any one of those
    /// tells them apart.
    #[test]
    fn same_event_tells_events_apart_by_every_field() {
        let a = Slot {
            part: 3,
            ..Slot::new(
                (10, 20),
                EventKind::PartyRatification,
                (EntityKind::Mou, 7),
                Shape::Plain,
            )
        };
        let moved = Slot {
            earliest: 11,
            latest: 30,
            ..a
        };
        assert!(a.same_event(&moved));
        let others = [
            Slot { handle: 8, ..a },
            Slot { part: 4, ..a },
            Slot {
                kind: EventKind::PartyAcceptance,
                ..a
            },
            Slot {
                tag: Tag::new(EntityKind::Partnership, true, Shape::Plain),
                ..a
            },
            Slot {
                tag: Tag::new(EntityKind::Mou, true, Shape::Gapped),
                ..a
            },
            Slot {
                tag: Tag::new(EntityKind::Mou, false, Shape::Plain),
                ..a
            },
        ];
        for other in others {
            assert!(!a.same_event(&other), "{other:?}");
        }
    }

    /// A slot keeps to 16 bytes with its shape: runs hold slots by value,
    /// and a hit's slot is handed back in registers.
    #[test]
    fn a_slot_is_16_bytes() {
        assert_eq!(std::mem::size_of::<Slot>(), 16);
    }

    /// A slot is removed by its order fields, among slots that tie with it
    /// but for their entity or kind.
    #[test]
    fn a_slot_is_removed_from_among_its_ties() {
        let mut run = Run::default();
        let meeting = slot(5, 9, 3);
        let mou = Slot::new(
            (5, 9),
            EventKind::MeetingHeld,
            (EntityKind::Mou, 3),
            Shape::Plain,
        );
        let scheduled = Slot {
            kind: EventKind::MeetingScheduled,
            ..meeting
        };
        let by_coarse = |a: &Slot, b: &Slot| (a.coarse(), a.handle).cmp(&(b.coarse(), b.handle));
        for s in [meeting, mou, scheduled] {
            run.insert(s, &by_coarse);
        }
        run.remove_slot(&mou);
        let left: Vec<Slot> = run.items().copied().collect();
        assert_eq!(left, [meeting, scheduled]);
    }
}

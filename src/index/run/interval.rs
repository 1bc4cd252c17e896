//! What the engine knows of an item: a range of day numbers, and from it
//! which list of a run the item goes in.

/// What the engine reads of an item: its range of day numbers.
pub(crate) trait Interval: Copy {
    /// The first day of the range; `i32::MIN` when the start is open.
    fn earliest(&self) -> i32;

    /// The last day of the range; `i32::MAX` when the end is open.
    fn latest(&self) -> i32;

    /// Whether the range is only the hull of the item's days (as for a date
    /// whose candidate days have gaps: a list of alternatives, a pattern),
    /// so that a count must ask about the item itself.
    fn hull(&self) -> bool;

    /// Whether the item lasts over its range (as an event of several days
    /// does) rather than falling on some day of it: it may then be
    /// certainly in a window that does not hold its whole range, so a walk
    /// for the items certainly in a window must not drop it for sticking
    /// out.
    fn spans(&self) -> bool;
}

/// The lists of a run, indexed from 0 in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    /// A known start and end, and the item falls on some day of its range.
    Closed,
    /// A known start and end, and the item lasts over its range (see
    /// [`Interval::spans`]).
    Spanning,
    /// A known start and an open end.
    Unbounded,
    /// An open start.
    Open,
}

/// How many lists a run has.
pub(crate) const LISTS: usize = 4;

impl List {
    /// Which list of a run holds `item`.
    pub(crate) fn of(item: &impl Interval) -> List {
        if item.earliest() == i32::MIN {
            List::Open
        } else if item.latest() == i32::MAX {
            List::Unbounded
        } else if item.spans() {
            List::Spanning
        } else {
            List::Closed
        }
    }
}

//! What is in force on a day.

use crate::event::{day_number, InForce};
use crate::index::Agreements;
use crate::registry::Registry;
use chrono::NaiveDate;

impl Registry {
    /// The MOUs and partnerships in force on `day`, possibly or certainly
    /// (see [`InForce::is_certain`]), partnerships first, each kind in key
    /// order.
    ///
    /// An MOU is in force from its entry into force (or, when none is
    /// recorded, its signature) through its expiry day; a termination takes
    /// effect on its day. A partnership is in force from its establishment
    /// until the day it ended; one with no known start is possibly in force
    /// on every day before its end. An MOU whose parties record consent
    /// actions but that has no entry into force is not in force on record.
    /// For what is in force for one party, see [`Registry::in_force_for`].
    pub fn in_force_on(&self, day: NaiveDate) -> Vec<InForce<'_>> {
        let n = day_number(day);
        // The in-force index lists agreements in the answer's order, with
        // the days each is possibly and certainly in force: the answer
        // needs neither a sort nor a read of the agreements' dates.
        let force = self.index().force(self.tables());
        force.collect_on(Agreements::of(self.tables()), n, |agreement, certain| {
            InForce { agreement, certain }
        })
    }
}

//! Commitments as of a day: open, met or overdue.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::date::Window;
use crate::event::{day_number, EventKind, Subject};
use crate::model::commitment::{Commitment, CommitmentStatus};
use crate::registry::Registry;

/// Where a commitment stands as of a day, for [`Registry::commitments`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CommitmentState {
    /// Not yet resolved that day.
    Open,
    /// Met by that day.
    Met,
    /// Missed by that day.
    Missed,
    /// Dropped by that day.
    Dropped,
    /// Open that day although its due date certainly passed before it.
    Overdue,
}

/// A commitment in a [`CommitmentState`] as of a day, possibly or certainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitmentHit<'r> {
    pub(crate) commitment: &'r Commitment,
    pub(crate) certain: bool,
}

impl<'r> CommitmentHit<'r> {
    /// The commitment.
    pub fn commitment(&self) -> &'r Commitment {
        self.commitment
    }

    /// Whether it is certainly in the state that day, not only possibly
    /// (a vague resolution date can leave it either way).
    pub fn is_certain(&self) -> bool {
        self.certain
    }
}

impl Serialize for CommitmentHit<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.commitment;
        let mut s = serializer.serialize_struct("CommitmentHit", 6)?;
        s.serialize_field("key", c.key())?;
        s.serialize_field("description", c.description())?;
        s.serialize_field("status", &c.status())?;
        s.serialize_field("due", &c.due())?;
        s.serialize_field("owners", c.owners())?;
        s.serialize_field("certain", &self.certain)?;
        s.end()
    }
}

/// Whether a commitment is possibly and certainly in `state` on day `n`.
pub(crate) fn commitment_state(c: &Commitment, state: CommitmentState, n: i32) -> (bool, bool) {
    // Resolved by day n: the status says so and the resolution came no later
    // than n (an unknown resolution date may be any day).
    let resolved = c.status() != CommitmentStatus::Open;
    let possibly_resolved = resolved
        && c.status_date()
            .map_or(true, |d| d.earliest_day_number() <= n);
    let certainly_resolved =
        resolved && c.status_date().is_some_and(|d| d.latest_day_number() <= n);
    let resolved_as = |status: CommitmentStatus| {
        if c.status() == status {
            (possibly_resolved, certainly_resolved)
        } else {
            (false, false)
        }
    };
    match state {
        CommitmentState::Open => (!certainly_resolved, !possibly_resolved),
        CommitmentState::Met => resolved_as(CommitmentStatus::Met),
        CommitmentState::Missed => resolved_as(CommitmentStatus::Missed),
        CommitmentState::Dropped => resolved_as(CommitmentStatus::Dropped),
        CommitmentState::Overdue => {
            let past_due = c.due().is_some_and(|d| d.latest_day_number() < n);
            (
                past_due && !certainly_resolved,
                past_due && !possibly_resolved,
            )
        }
    }
}

impl Registry {
    /// The commitments in `state` as of `day`, possibly or certainly (see
    /// [`CommitmentHit::is_certain`]), ordered by due date (undated last),
    /// then key.
    ///
    /// A commitment is resolved (met, missed, dropped) from its status date
    /// on; before it, it was open. Overdue means open although the due date
    /// certainly passed before `day`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::CommitmentState;
    ///
    /// let registry = pactum::seed();
    /// let day = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    /// let overdue: Vec<&str> = registry
    ///     .commitments_as_of(CommitmentState::Overdue, day)
    ///     .iter()
    ///     .map(|h| h.commitment().key().as_str())
    ///     .collect();
    /// assert_eq!(overdue, ["kr-digital-growth-act-bill"]);
    /// ```
    pub fn commitments_as_of<'r>(
        &'r self,
        state: CommitmentState,
        day: NaiveDate,
    ) -> Vec<CommitmentHit<'r>> {
        let n = day_number(day);
        let hit = |c: &'r Commitment| {
            let (possibly, certain) = commitment_state(c, state, n);
            possibly.then_some((c, certain))
        };
        let mut hits: Vec<(&Commitment, bool)> = if state == CommitmentState::Overdue {
            // Only commitments due before the day can be overdue: the due
            // dates' index finds them.
            let before = day.pred_opt().map_or(Window::all(), Window::until);
            let found = self
                .timeline()
                .kind(EventKind::CommitmentDue)
                .within(before)
                .certainly()
                .run()
                .into_iter()
                .flatten();
            found
                .filter_map(|h| match h.event().subject() {
                    Subject::Commitment(c) => hit(c),
                    _ => None,
                })
                .collect()
        } else {
            self.commitments().iter().filter_map(hit).collect()
        };
        hits.sort_by(|(a, _), (b, _)| commitment_order(a, b));
        hits.into_iter()
            .map(|(commitment, certain)| CommitmentHit {
                commitment,
                certain,
            })
            .collect()
    }

    /// Commitments whose status is open and whose due date certainly
    /// precedes `day` ([`Commitment::is_overdue`]), in timeline order. See
    /// [`Registry::commitments_as_of`] to judge by the status as of `day`.
    pub fn overdue_commitments(&self, day: NaiveDate) -> impl Iterator<Item = &Commitment> {
        self.due_before(EventKind::CommitmentDue, day)
            .filter_map(|e| match e.subject() {
                Subject::Commitment(c) if c.status() == CommitmentStatus::Open => Some(c),
                _ => None,
            })
    }
}

/// By due date, undated last, then key.
pub(crate) fn commitment_order(a: &Commitment, b: &Commitment) -> Ordering {
    match (a.due(), b.due()) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.key().cmp(b.key()))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::CommitmentState;
    use crate::date::Date;
    use crate::model::commitment::{Commitment, CommitmentStatus, Origin};
    use crate::model::id::Key;
    use crate::model::institution::{Institution, InstitutionKind};
    use crate::model::mou::Mou;
    use crate::model::party::{ActionKind, PartyAction};
    use crate::registry::Registry;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    /// Two institutions, an MOU that one signed and then ratified, and a
    /// commitment met some day of 2023.
    fn registry() -> Registry {
        let mut reg = Registry::new();
        for key in ["kr-a", "us-b"] {
            let inst = Institution::builder(key, "An institution", InstitutionKind::Ministry, "KR")
                .build()
                .expect("valid");
            reg.insert(inst).expect("inserted");
        }
        let actions = vec![
            PartyAction::builder(ActionKind::Signature, date("2021-01-05"))
                .build()
                .expect("valid"),
            PartyAction::builder(ActionKind::Ratification, date("2021-06-01"))
                .build()
                .expect("valid"),
        ];
        let mou = Mou::builder("u1", "An MOU", date("2021-01-05"))
            .signatory("kr-a")
            .signatory("us-b")
            .party("kr-a", actions)
            .build()
            .expect("valid");
        reg.insert(mou).expect("inserted");
        let origin = Origin::Mou(Key::new("u1").expect("a key"));
        let met = Commitment::builder("c1", "Do it", origin, CommitmentStatus::Met)
            .owner("kr-a")
            .status_date(date("2023"))
            .build()
            .expect("valid");
        reg.insert(met).expect("inserted");
        reg
    }

    #[test]
    fn a_commitment_met_some_day_of_a_year_is_possibly_open_during_it_and_certainly_before() {
        let reg = registry();
        let open_on = |y, m, d| -> Vec<(String, bool)> {
            let day = NaiveDate::from_ymd_opt(y, m, d).expect("a day");
            reg.commitments_as_of(CommitmentState::Open, day)
                .iter()
                .map(|h| (h.commitment().key().to_string(), h.is_certain()))
                .collect()
        };
        assert_eq!(open_on(2022, 6, 1), [("c1".to_owned(), true)]);
        assert_eq!(open_on(2023, 6, 1), [("c1".to_owned(), false)]);
        assert_eq!(open_on(2024, 6, 1), []);
    }

    #[test]
    fn a_party_history_gives_each_action_its_place_among_the_party_actions() {
        let reg = registry();
        let places: Vec<(usize, ActionKind)> = reg
            .party_history("kr-a")
            .expect("a known institution")
            .iter()
            .map(|h| (h.position(), h.action().kind()))
            .collect();
        assert_eq!(
            places,
            [(0, ActionKind::Signature), (1, ActionKind::Ratification)]
        );
    }
}

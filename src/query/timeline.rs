//! The timeline query: a builder of filters over every dated event, run
//! or counted from the indexes.

use std::collections::BinaryHeap;
use std::fmt;

use super::hits::Hits;
use super::plan::{count_possibly, Filter, Mark, Plan, Runs, Test};
use crate::date::Window;
use crate::error::QueryError;
use crate::event::{day_number, Event, EventKind};
use crate::index::{Bounds, Run, Subjects};
use crate::model::country::Country;
use crate::registry::Registry;
use crate::spelling::closest;
use chrono::NaiveDate;

/// A timeline query: which events, in which window, in which order.
///
/// Start one with [`Registry::timeline`], add filters, and call
/// [`run`](Timeline::run) for the hits, an iterator in the total order of
/// [`Event`]s (or its reverse). Every filter narrows the answer: an event is
/// a hit when it passes all of them. [`kind`](Timeline::kind) is the one
/// exception: several kinds make a set, and an event passes when it has one
/// of them.
///
/// The window is read with the semantics of [`Date`](crate::date::Date): by default an event is
/// a hit when its date is *possibly* in the window, and each [`Hit`](super::hits::Hit) says
/// whether it is also *certainly* in it; [`certainly`](Timeline::certainly)
/// keeps only those. A meeting of several days is a hit when it overlaps
/// the window (see [`Hit::is_certain`](super::hits::Hit::is_certain)).
///
/// The query runs on the registry's indexes: it walks the smallest of the
/// posting lists its filters select (or the interval index of every event),
/// so a selective filter never scans the whole timeline.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use pactum::{EventKind, Window};
///
/// let registry = pactum::seed();
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let june_2023 = Window::new(day(2023, 6, 1), day(2023, 6, 30))?;
/// let hits: Vec<(String, bool)> = registry
///     .timeline()
///     .within(june_2023)
///     .partnership("eu-kr-digital")
///     .kind(EventKind::MeetingHeld)
///     .run()?
///     .map(|h| (h.event().key().to_owned(), h.is_certain()))
///     .collect();
/// // The first council met on one of two days, both in June.
/// assert_eq!(hits, [("eu-kr-dpc-1".to_owned(), true)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
#[must_use = "a timeline query does nothing until it is run"]
pub struct Timeline<'r> {
    pub(crate) registry: &'r Registry,
    pub(crate) window: Window,
    pub(crate) certainly: bool,
    pub(crate) filters: Vec<Filter>,
    pub(crate) kinds: Vec<EventKind>,
    pub(crate) limit: Option<usize>,
    pub(crate) reverse: bool,
    pub(crate) after: Option<NaiveDate>,
    pub(crate) before: Option<NaiveDate>,
    pub(crate) after_event: Option<Mark>,
    pub(crate) before_event: Option<Mark>,
}

// The registry is left out of the debug output: it can be huge.
impl fmt::Debug for Timeline<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timeline")
            .field("window", &self.window)
            .field("certainly", &self.certainly)
            .field("filters", &self.filters)
            .field("kinds", &self.kinds)
            .field("limit", &self.limit)
            .field("reverse", &self.reverse)
            .field("after", &self.after)
            .field("before", &self.before)
            .field("after_event", &self.after_event)
            .field("before_event", &self.before_event)
            .finish_non_exhaustive()
    }
}

impl<'r> Timeline<'r> {
    /// Keeps the events whose date is possibly in `window` (by default, every
    /// day).
    pub fn within(mut self, window: Window) -> Self {
        self.window = window;
        self
    }

    /// Keeps only the events certainly in the window: every candidate day of
    /// their date is in it (for a meeting of several days, every reading
    /// of it overlaps the window).
    pub fn certainly(mut self) -> Self {
        self.certainly = true;
        self
    }

    /// Keeps the events that name the institution itself (see
    /// [`Event::institutions`]).
    pub fn institution(mut self, key: &str) -> Self {
        self.filters.push(Filter::Institution {
            key: key.to_owned(),
            below: false,
        });
        self
    }

    /// Keeps the events that name the institution or one under it.
    pub fn institution_or_below(mut self, key: &str) -> Self {
        self.filters.push(Filter::Institution {
            key: key.to_owned(),
            below: true,
        });
        self
    }

    /// Keeps the events that name an institution of the country or bloc
    /// (as recorded on the institution, not through its hierarchy).
    /// Institutions recorded without a country are never of one.
    pub fn country(mut self, country: Country) -> Self {
        self.filters.push(Filter::Country(Some(country)));
        self
    }

    /// Keeps the events that name an institution recorded without a
    /// country: an international organisation, or a body whose country is
    /// not recorded. The "no country" counterpart of
    /// [`Timeline::country`].
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let hits = registry.timeline().without_country().run()?;
    /// assert_eq!(hits.count(), 0);
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn without_country(mut self) -> Self {
        self.filters.push(Filter::Country(None));
        self
    }

    /// Keeps the events whose entity names the technology area itself.
    pub fn area(mut self, key: &str) -> Self {
        self.filters.push(Filter::Area {
            key: key.to_owned(),
            below: false,
        });
        self
    }

    /// Keeps the events whose entity names the technology area or one of
    /// its sub-areas, at any depth.
    pub fn area_or_below(mut self, key: &str) -> Self {
        self.filters.push(Filter::Area {
            key: key.to_owned(),
            below: true,
        });
        self
    }

    /// Keeps the events of a partnership (see [`Event::partnership`]).
    pub fn partnership(mut self, key: &str) -> Self {
        self.filters.push(Filter::Partnership(key.to_owned()));
        self
    }

    /// Keeps the meetings of a series.
    pub fn series(mut self, key: &str) -> Self {
        self.filters.push(Filter::Series(key.to_owned()));
        self
    }

    /// Keeps the events of this kind, or of any kind given so far.
    pub fn kind(mut self, kind: EventKind) -> Self {
        if !self.kinds.contains(&kind) {
            self.kinds.push(kind);
        }
        self
    }

    /// Stops after `n` hits.
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = Some(n);
        self
    }

    /// Yields the hits from the last to the first.
    pub fn reverse(mut self) -> Self {
        self.reverse = true;
        self
    }

    /// Keeps the events that sort after `day`: their sort day (the earliest
    /// candidate; for an open start, the latest day the event may cover)
    /// is later than `day`. With
    /// [`limit`](Timeline::limit), pages forward through the timeline.
    pub fn after(mut self, day: NaiveDate) -> Self {
        self.after = Some(day);
        self
    }

    /// Keeps the events that sort before `day`: their sort day is earlier
    /// than `day`.
    pub fn before(mut self, day: NaiveDate) -> Self {
        self.before = Some(day);
        self
    }

    /// Keeps the events that come after `event` in the total order: the
    /// cursor to page through a timeline with [`limit`](Timeline::limit),
    /// however many events share a day.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let first_page: Vec<_> = registry.timeline().limit(3).run()?.collect();
    /// let last = first_page.last().expect("a full page").event();
    /// let second_page: Vec<_> = registry.timeline().after_event(&last).limit(3).run()?.collect();
    /// let all: Vec<_> = registry.timeline().limit(6).run()?.collect();
    /// assert_eq!([first_page, second_page].concat(), all);
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn after_event(mut self, event: &Event<'_>) -> Self {
        self.after_event = Some(Mark::of(event));
        self
    }

    /// Keeps the events that come before `event` in the total order; with
    /// [`reverse`](Timeline::reverse) and [`limit`](Timeline::limit), pages
    /// backward.
    pub fn before_event(mut self, event: &Event<'_>) -> Self {
        self.before_event = Some(Mark::of(event));
        self
    }

    /// The range of sort days that the cursors allow.
    pub(crate) fn sort_range(&self) -> (i32, i32) {
        let mut from = self
            .after
            .map_or(i32::MIN, |d| day_number(d).saturating_add(1));
        let mut to = self
            .before
            .map_or(i32::MAX, |d| day_number(d).saturating_sub(1));
        if let Some(mark) = &self.after_event {
            from = from.max(mark.sort);
        }
        if let Some(mark) = &self.before_event {
            to = to.min(mark.sort);
        }
        (from, to)
    }

    /// Checks that every key the query names exists.
    pub(crate) fn check(&self) -> Result<(), QueryError> {
        let reg = self.registry;
        for filter in &self.filters {
            match filter {
                Filter::Institution { key, .. } if reg.institution(key).is_none() => {
                    return Err(QueryError::unknown(
                        "institution",
                        key,
                        closest(key, reg.institutions().iter().map(|e| e.key().as_str())),
                    ))
                }
                Filter::Area { key, .. } if reg.tech_area(key).is_none() => {
                    return Err(QueryError::unknown(
                        "tech area",
                        key,
                        closest(key, reg.tech_areas().iter().map(|e| e.key().as_str())),
                    ))
                }
                Filter::Partnership(key) if reg.partnership(key).is_none() => {
                    return Err(QueryError::unknown(
                        "partnership",
                        key,
                        closest(key, reg.partnerships().iter().map(|e| e.key().as_str())),
                    ))
                }
                Filter::Series(key)
                    if reg.index().postings(reg.tables()).of_series(key).is_none() =>
                {
                    return Err(QueryError::unknown(
                        "series",
                        key,
                        closest(key, reg.index().postings(reg.tables()).series_keys()),
                    ))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Runs the query.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when a filter names an institution, technology
    /// area, partnership or series that the registry does not have.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let last = registry.timeline().reverse().limit(1).run()?.next().unwrap();
    /// // The promise, made at the second council, to meet in Seoul in 2025.
    /// assert_eq!(last.event().key(), "eu-kr-dpc-3-in-seoul");
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn run(&self) -> Result<Hits<'r>, QueryError> {
        self.plan().map(|plan| self.hits(plan))
    }

    /// The iterator over the hits of `plan`.
    fn hits(&self, plan: Plan<'r>) -> Hits<'r> {
        let exact = plan.plain && plan.runs.iter().all(|r| r.exact());
        Hits {
            registry: self.registry,
            subjects: Subjects::of(self.registry.tables()),
            runs: plan.runs,
            bounds: plan.bounds,
            started: false,
            whole: plan.whole,
            cursors: Vec::new(),
            few: Vec::new(),
            first: None,
            heap: BinaryHeap::new(),
            tests: plan.tests,
            disjoint: plan.disjoint,
            exact,
            plain: plan.plain,
            window: self.window,
            remaining: self.limit,
            last: None,
            after_event: self.after_event.clone().map(Box::new),
            before_event: self.before_event.clone().map(Box::new),
        }
    }

    /// Counts the hits: the number [`Iterator::count`] gives on the
    /// iterator that [`run`](Timeline::run) returns, without setting up the
    /// iterator when the count needs no walk (see [`Hits`]): the events
    /// possibly in a window, with no other condition than the one filter
    /// whose posting lists are counted, are counted from the days they
    /// start and end on.
    ///
    /// # Errors
    ///
    /// As for [`run`](Timeline::run).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::{EventKind, Window};
    ///
    /// let reg = pactum::seed();
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let q = reg.timeline().within(Window::new(day(2023, 1, 1), day(2023, 12, 31))?);
    /// assert_eq!(q.count()?, q.run()?.count());
    /// let meetings = q.kind(EventKind::MeetingHeld);
    /// assert_eq!(meetings.count()?, meetings.run()?.count());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn count(&self) -> Result<usize, QueryError> {
        // The events possibly in a window, with nothing else asked: the
        // day tallies of the whole timeline answer, with no plan to make.
        let bare = self.filters.is_empty()
            && self.kinds.is_empty()
            && !self.certainly
            && self.after.is_none()
            && self.before.is_none()
            && self.after_event.is_none()
            && self.before_event.is_none();
        if bare {
            let all = self.registry.index().all();
            let n = count_possibly(self.registry, &[all], &self.window);
            return Ok(self.limit.map_or(n, |cap| n.min(cap)));
        }
        let plan = self.plan()?;
        if plan.whole {
            let n = count_possibly(self.registry, &plan.runs, &self.window);
            return Ok(self.limit.map_or(n, |cap| n.min(cap)));
        }
        Ok(self.hits(plan).count())
    }

    /// Looks up what the query names, and picks the posting lists to walk.
    #[inline(always)]
    fn plan(&self) -> Result<Plan<'r>, QueryError> {
        self.check()?;
        let (runs, tests, disjoint) = if self.filters.is_empty() && self.kinds.is_empty() {
            (Runs::One(self.registry.index().all()), Vec::new(), true)
        } else {
            self.pick()
        };
        let (sort_from, sort_to) = self.sort_range();
        let bounds = Bounds {
            from: self.window.first_day_number(),
            to: self.window.last_day_number(),
            certainly: self.certainly,
            sort_from,
            sort_to,
            reverse: self.reverse,
        };
        // A fresh count of the events possibly in the window, with no other
        // condition, needs no walk: each list is counted from its start and
        // end days.
        let plain = tests.is_empty() && self.after_event.is_none() && self.before_event.is_none();
        let whole =
            disjoint && plain && !self.certainly && (sort_from, sort_to) == (i32::MIN, i32::MAX);
        Ok(Plan {
            runs,
            tests,
            disjoint,
            plain,
            whole,
            bounds,
        })
    }

    /// The posting lists of the most selective filter, to walk; a test for
    /// each other filter; and whether no event is in two of the lists.
    fn pick(&self) -> (Runs<'r>, Vec<Test<'r>>, bool) {
        let reg = self.registry;
        let index = reg.index();
        let postings = || index.postings(reg.tables());
        let mut tests: Vec<(Test<'r>, Vec<&'r Run>)> = Vec::new();
        for filter in &self.filters {
            let (test, keys): (Test<'r>, Vec<&'r str>) = match filter {
                Filter::Institution { key, below } => {
                    let Some(root) = reg.institution(key) else {
                        continue;
                    };
                    let root = root.key().as_str();
                    let keys = if *below {
                        index.institution_and_below(root)
                    } else {
                        vec![root]
                    };
                    (Test::Institutions(keys.iter().copied().collect()), keys)
                }
                Filter::Country(country) => {
                    let keys: Vec<&str> = index
                        .institutions_in(*country)
                        .iter()
                        .map(|k| &**k)
                        .collect();
                    (Test::Institutions(keys.iter().copied().collect()), keys)
                }
                Filter::Area { key, below } => {
                    let Some(root) = reg.tech_area(key) else {
                        continue;
                    };
                    let root = root.key().as_str();
                    let keys = if *below {
                        index.area_and_below(root)
                    } else {
                        vec![root]
                    };
                    (Test::Areas(keys.iter().copied().collect()), keys)
                }
                Filter::Partnership(key) => {
                    let Some(p) = reg.partnership(key) else {
                        continue;
                    };
                    let key = p.key().as_str();
                    tests.push((
                        Test::Partnership(key),
                        postings().of_partnership(key).into_iter().collect(),
                    ));
                    continue;
                }
                Filter::Series(key) => {
                    let Some(key) = postings().series_key(key) else {
                        continue;
                    };
                    tests.push((
                        Test::Series(key),
                        postings().of_series(key).into_iter().collect(),
                    ));
                    continue;
                }
            };
            let runs = match &test {
                Test::Institutions(_) => keys
                    .iter()
                    .filter_map(|k| postings().of_institution(k))
                    .collect(),
                _ => keys.iter().filter_map(|k| postings().of_area(k)).collect(),
            };
            tests.push((test, runs));
        }
        if !self.kinds.is_empty() {
            let runs = self
                .kinds
                .iter()
                .filter_map(|&k| postings().of_kind(k))
                .collect();
            tests.push((Test::Kinds(self.kinds.clone()), runs));
        }
        // Walk the most selective filter's posting lists; check the others.
        let cost = |runs: &[&Run]| runs.iter().map(|r| r.len()).sum::<usize>();
        let driver = tests
            .iter()
            .enumerate()
            .min_by_key(|(_, (_, runs))| cost(runs))
            .map(|(i, _)| i);
        let (runs, disjoint) = match driver {
            Some(i) => {
                let (test, runs) = tests.swap_remove(i);
                // The posting lists of distinct kinds share no event; those
                // of several institutions or areas may.
                let disjoint = runs.len() <= 1 || matches!(test, Test::Kinds(_));
                (Runs::Many(runs), disjoint)
            }
            None => (Runs::One(index.all()), true),
        };
        (runs, tests.into_iter().map(|(t, _)| t).collect(), disjoint)
    }
}

impl Registry {
    /// Every dated event of the dataset in chronological order (see
    /// [`Event`] for the order).
    ///
    /// Undated facts (a partnership whose start is unknown, a commitment
    /// without a deadline) have no event.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let events = registry.events();
    /// assert!(events.windows(2).all(|w| w[0] <= w[1]));
    /// assert_eq!(events[0].key(), "kr-motie-digital-growth-act-tf-kickoff");
    /// ```
    pub fn events(&self) -> Vec<Event<'_>> {
        self.timeline()
            .run()
            .map(|hits| hits.map(|h| h.event()).collect())
            .unwrap_or_default()
    }

    /// Starts a timeline query over every event (see [`Timeline`]).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::Window;
    ///
    /// let registry = pactum::seed();
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let in_2024 = Window::new(day(2024, 1, 1), day(2024, 12, 31))?;
    /// for hit in registry.timeline().within(in_2024).area_or_below("semiconductors").run()? {
    ///     println!("{} {}", hit.event(), if hit.is_certain() { "" } else { "(possibly)" });
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timeline(&self) -> Timeline<'_> {
        Timeline {
            registry: self,
            window: Window::all(),
            certainly: false,
            filters: Vec::new(),
            kinds: Vec::new(),
            limit: None,
            reverse: false,
            after: None,
            before: None,
            after_event: None,
            before_event: None,
        }
    }

    /// The events of a kind whose date certainly precedes `day`.
    pub(super) fn due_before(
        &self,
        kind: EventKind,
        day: NaiveDate,
    ) -> impl Iterator<Item = Event<'_>> {
        day.pred_opt()
            .and_then(|last| {
                self.timeline()
                    .kind(kind)
                    .within(Window::until(last))
                    .certainly()
                    .run()
                    .ok()
            })
            .into_iter()
            .flatten()
            .map(|h| h.event())
    }
}

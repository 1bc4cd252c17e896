//! Synthetic datasets of any size, for benchmarks and for trying pactum at
//! scale (feature `synth`).
//!
//! The generator is deterministic: the same [`Synth`] settings give the same
//! bytes. Its shape follows real registries of agreements:
//!
//! * about 5,000 institutions in a three-level hierarchy (governments,
//!   ministries, agencies) across 100 countries and the EU;
//! * agreements (a fifth partnerships, the rest MOUs) whose terms are 40%
//!   instantaneous, 40% one to five years, 15% five to thirty years and 5%
//!   open-ended;
//! * dates 50% to the day, 30% to the month and 20% to the year, with a few
//!   approximate (`~`) and open-ended (`[..X]`, `[X..]`) ones;
//! * council series for partnerships (about two sessions each), commitments
//!   for a fifth of the agreements, and technology areas drawn from the
//!   built-in taxonomy with a Zipf distribution (a few areas are very common);
//! * on request ([`Synth::multilateral`]), multilateral conventions whose
//!   parties sign, ratify late or never, accede, withdraw and rejoin.
//!
//! ```
//! use pactum::synth::Synth;
//!
//! let registry = Synth::new(1_000).seed(7).registry()?;
//! assert_eq!(registry.partnerships().len() + registry.mous().len(), 1_000);
//! assert!(registry.institutions().len() > 5_000);
//! # Ok::<(), pactum::LoadError>(())
//! ```

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::io::{LoadError, FORMAT_VERSION};
use crate::registry::Registry;

/// Settings of a synthetic dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Synth {
    agreements: usize,
    seed: u64,
    precise: bool,
    multilateral: u32,
}

/// Day numbers (days from the common era) of the span agreements start in.
const FIRST_DAY: i32 = 726_833; // 1991-01-01
const LAST_DAY: i32 = 739_251; // 2024-12-31
/// Meetings after this day are still scheduled.
const TODAY: i32 = 739_038; // 2024-06-01

impl Synth {
    /// A dataset with `agreements` partnerships and MOUs together.
    pub fn new(agreements: usize) -> Synth {
        Synth {
            agreements,
            seed: 1,
            precise: false,
            multilateral: 0,
        }
    }

    /// Another fixed seed gives another dataset of the same shape.
    pub fn seed(mut self, seed: u64) -> Synth {
        self.seed = seed;
        self
    }

    /// With `true`, every date is a day: none to the month or year, none
    /// approximate or open. The generator makes the same random draws and
    /// ignores the ones that chose a precision, so the two datasets have
    /// the same agreements and nearly the same events; days that follow
    /// from other dates (a session after the one before, an end after a
    /// start) move with them. The benchmarks compare the cost of imprecise
    /// dates with it.
    ///
    /// ```
    /// use pactum::synth::Synth;
    ///
    /// let rough = Synth::new(200).registry()?;
    /// let exact = Synth::new(200).precise(true).registry()?;
    /// let agreements = |r: &pactum::Registry| r.partnerships().len() + r.mous().len();
    /// assert_eq!(agreements(&rough), agreements(&exact));
    /// assert!(exact.events().iter().all(|e| e.date().as_day().is_some()));
    /// assert!(rough.events().iter().any(|e| e.date().as_day().is_none()));
    /// # Ok::<(), pactum::LoadError>(())
    /// ```
    pub fn precise(mut self, precise: bool) -> Synth {
        self.precise = precise;
        self
    }

    /// Makes `percent` of the MOUs (0 to 100; none by default)
    /// multilateral conventions with `parties`: three to twelve parties
    /// drawn so that a few institutions are party to many agreements, each
    /// signing and ratifying late or never, or acceding later; about one in
    /// ten withdraws a year after notice, and half of those rejoin. Without
    /// it the generator makes the same draws as before, so the datasets of
    /// the benchmarks are unchanged.
    ///
    /// ```
    /// use pactum::synth::Synth;
    ///
    /// let registry = Synth::new(500).multilateral(30).registry()?;
    /// let with_parties = registry.mous().iter().filter(|m| !m.parties().is_empty()).count();
    /// assert!(with_parties > 60, "{with_parties}");
    /// # Ok::<(), pactum::LoadError>(())
    /// ```
    pub fn multilateral(mut self, percent: u32) -> Synth {
        self.multilateral = percent.min(100);
        self
    }

    /// The dataset as compact JSON in the pactum format.
    pub fn json(&self) -> String {
        Generator::new(*self).run()
    }

    /// The dataset, loaded and validated.
    ///
    /// # Errors
    ///
    /// None in practice: the generator only writes valid data, and this is
    /// checked by the crate's tests. The [`LoadError`] is passed on rather
    /// than hidden.
    pub fn registry(&self) -> Result<Registry, LoadError> {
        Registry::from_json_str(&self.json())
    }
}

/// One date as written, with its candidate range.
struct Written {
    text: String,
    first: i32,
    last: i32,
}

/// Meetings and commitments, drawn along with their agreements and written
/// after them, as the file's order of arrays wants.
#[derive(Default)]
struct Later {
    meetings: String,
    meeting_count: usize,
    commitments: String,
    commitment_count: usize,
}

fn day(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default()
}

fn number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

struct Generator {
    config: Synth,
    rng: fastrand::Rng,
    out: String,
    institutions: Vec<String>,
    /// Index of the first institution of each country (its government).
    areas: Vec<String>,
    zipf: Vec<f64>,
    sources: usize,
}

impl Generator {
    fn new(config: Synth) -> Generator {
        let areas: Vec<String> = Registry::new()
            .tech_areas()
            .iter()
            .map(|a| a.key().as_str().to_owned())
            .collect();
        // Cumulative Zipf weights (exponent 1.1) over the areas.
        let mut zipf = Vec::with_capacity(areas.len());
        let mut total = 0.0;
        for k in 1..=areas.len() {
            total += 1.0 / (k as f64).powf(1.1);
            zipf.push(total);
        }
        for w in &mut zipf {
            *w /= total;
        }
        Generator {
            config,
            rng: fastrand::Rng::with_seed(config.seed),
            out: String::with_capacity(config.agreements.saturating_mul(420)),
            institutions: Vec::new(),
            areas,
            zipf,
            sources: config.agreements / 50 + 1,
        }
    }

    fn run(mut self) -> String {
        let _ = write!(self.out, "{{\"pactum\":{FORMAT_VERSION},\"sources\":[");
        for i in 0..self.sources {
            self.sep(i);
            let when = self.rng.i32(FIRST_DAY..=LAST_DAY);
            let published = self.date_at(when);
            let _ = write!(
                self.out,
                "{{\"key\":\"src-{i}\",\"title\":\"Synthetic source {i}\",\"published\":\"{}\"}}",
                published.text
            );
        }
        self.out.push_str("],\"institutions\":[");
        self.institutions();
        self.agreements();
        self.out.push('}');
        self.out
    }

    fn sep(&mut self, i: usize) {
        if i > 0 {
            self.out.push(',');
        }
    }

    fn source(&mut self) -> String {
        format!("\"sources\":[\"src-{}\"]", self.rng.usize(..self.sources))
    }

    fn institutions(&mut self) {
        let countries: Vec<crate::model::country::Country> = crate::model::country::Country::all()
            .filter(|c| !c.is_bloc() && !c.is_former())
            .take(100)
            .chain([crate::model::country::Country::EU])
            .collect();
        let mut n = 0;
        for c in countries {
            let cc = c.code().to_ascii_lowercase();
            let name = c.name().replace('"', "'");
            let gov = format!("{cc}-gov");
            self.sep(n);
            n += 1;
            let src = self.source();
            let kind = if c.is_bloc() {
                "supranational_body"
            } else {
                "government"
            };
            let _ = write!(
                self.out,
                "{{\"key\":\"{gov}\",\"name\":\"Government of {name}\",\"kind\":\"{kind}\",\"country\":\"{}\",{src}}}",
                c.code()
            );
            self.institutions.push(gov.clone());
            for m in 0..10 {
                let ministry = format!("{cc}-m{m}");
                let src = self.source();
                let _ = write!(
                    self.out,
                    ",{{\"key\":\"{ministry}\",\"name\":\"Ministry {m} of {name}\",\"kind\":\"ministry\",\"country\":\"{}\",\"parent\":\"{gov}\",{src}}}",
                    c.code()
                );
                n += 1;
                self.institutions.push(ministry.clone());
                for a in 0..4 {
                    let agency = format!("{cc}-m{m}-a{a}");
                    let kind = ["agency", "research_institute", "university", "company"][a];
                    let src = self.source();
                    let _ = write!(
                        self.out,
                        ",{{\"key\":\"{agency}\",\"name\":\"Body {a} under ministry {m} of {name}\",\"kind\":\"{kind}\",\"country\":\"{}\",\"parent\":\"{ministry}\",{src}}}",
                        c.code()
                    );
                    n += 1;
                    self.institutions.push(agency);
                }
            }
        }
        self.out.push(']');
    }

    /// Writes `n` (a day number) at a random precision: 50% day, 30% month,
    /// 20% year; 3% approximate.
    fn date_at(&mut self, n: i32) -> Written {
        let d = day(n);
        let roll = self.rng.u32(..100);
        let approx = if self.rng.u32(..100) < 3 { "~" } else { "" };
        // A precise dataset draws the same numbers and ignores them.
        let (roll, approx) = if self.config.precise {
            (0, "")
        } else {
            (roll, approx)
        };
        if roll < 50 {
            Written {
                text: format!("{}{approx}", d.format("%Y-%m-%d")),
                first: n,
                last: n,
            }
        } else if roll < 80 {
            let first = number(d.with_day(1).unwrap_or(d));
            let next = if d.month() == 12 {
                NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
            };
            Written {
                text: format!("{}{approx}", d.format("%Y-%m")),
                first,
                last: next.map_or(n, |x| number(x) - 1),
            }
        } else {
            let first = NaiveDate::from_ymd_opt(d.year(), 1, 1).map_or(n, number);
            let last = NaiveDate::from_ymd_opt(d.year(), 12, 31).map_or(n, number);
            Written {
                text: format!("{:04}{approx}", d.year()),
                first,
                last,
            }
        }
    }

    /// As [`Generator::date_at`], with 2% open at the start and 2% at the end.
    fn date_or_open(&mut self, n: i32) -> Written {
        let roll = self.rng.u32(..100);
        match if self.config.precise { 100 } else { roll } {
            0 | 1 => Written {
                text: format!("[..{}]", day(n).format("%Y-%m-%d")),
                first: i32::MIN,
                last: n,
            },
            2 | 3 => Written {
                text: format!("[{}..]", day(n).format("%Y-%m-%d")),
                first: n,
                last: i32::MAX,
            },
            _ => self.date_at(n),
        }
    }

    fn institution(&mut self) -> String {
        let i = self.rng.usize(..self.institutions.len());
        self.institutions[i].clone()
    }

    /// Two or three distinct institutions.
    fn parties(&mut self) -> Vec<String> {
        let count = if self.rng.u32(..10) == 0 { 3 } else { 2 };
        let mut out: Vec<String> = Vec::with_capacity(count);
        while out.len() < count {
            let i = self.institution();
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }

    fn areas(&mut self) -> String {
        let count = 1 + self.rng.usize(..3);
        let mut picked: Vec<usize> = Vec::with_capacity(count);
        for _ in 0..count {
            let x = self.rng.f64();
            let k = self
                .zipf
                .partition_point(|&w| w < x)
                .min(self.areas.len() - 1);
            if !picked.contains(&k) {
                picked.push(k);
            }
        }
        let keys: Vec<String> = picked
            .iter()
            .map(|&k| format!("\"{}\"", self.areas[k]))
            .collect();
        format!("\"tech_areas\":[{}]", keys.join(","))
    }

    /// The term of an agreement in days, `None` for open-ended.
    fn term(&mut self) -> Option<i32> {
        match self.rng.u32(..100) {
            0..=39 => Some(0),
            40..=79 => Some(self.rng.i32(365..=5 * 365)),
            80..=94 => Some(self.rng.i32(5 * 365..=30 * 365)),
            _ => None,
        }
    }

    fn list(keys: &[String]) -> String {
        let quoted: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
        quoted.join(",")
    }

    /// Writes the agreement arrays; meetings and commitments wait in [`Later`] for theirs.
    fn agreements(&mut self) {
        let n = self.config.agreements;
        let partnerships = n / 5;
        let mous = n - partnerships;
        let mut later = Later::default();

        self.out.push_str(",\"partnerships\":[");
        for i in 0..partnerships {
            self.sep(i);
            self.partnership(i, &mut later);
        }
        self.out.push_str("],\"meetings\":[");
        self.out.push_str(&later.meetings);
        self.out.push_str("],\"mous\":[");
        for i in 0..mous {
            self.sep(i);
            self.mou(i, partnerships, &mut later);
        }
        self.out.push_str("],\"commitments\":[");
        self.out.push_str(&later.commitments);
        self.out.push(']');
    }

    /// Writes partnership `i`, and to `later` the council series drawn from its start.
    fn partnership(&mut self, i: usize, later: &mut Later) {
        let start = self.rng.i32(FIRST_DAY..=LAST_DAY);
        let established = self.date_or_open(start);
        let parties = self.parties();
        let areas = self.areas();
        let src = self.source();
        let _ = write!(
            self.out,
            "{{\"key\":\"p{i}\",\"name\":\"Partnership {i}\",\"kind\":\"technology_cooperation\",\"parties\":[{}],\"established\":\"{}\"",
            Self::list(&parties),
            established.text
        );
        let base = if established.last == i32::MAX {
            start
        } else {
            established.last
        };
        if let Some(term) = self.term() {
            let ended = self.date_at(base + term.max(1));
            let _ = write!(self.out, ",\"ended\":\"{}\"", ended.text);
        }
        let _ = write!(self.out, ",{areas},{src}}}");
        self.council_series(i, start, &established, &parties, later);
    }

    /// Writes partnership `i`'s council sessions to `later`, dated in order after its start.
    fn council_series(
        &mut self,
        i: usize,
        start: i32,
        established: &Written,
        parties: &[String],
        later: &mut Later,
    ) {
        let sessions = self.rng.usize(..5);
        let mut after = if established.first == i32::MIN {
            start
        } else {
            established.first.max(start)
        };
        for s in 1..=sessions {
            let when = after + self.rng.i32(30..=500);
            let date = self.date_at(when);
            let status = if date.last < TODAY {
                "held"
            } else {
                "scheduled"
            };
            if later.meeting_count > 0 {
                later.meetings.push(',');
            }
            let chair = self.rng.usize(..parties.len());
            let src = self.source();
            let _ = write!(
                later.meetings,
                "{{\"key\":\"p{i}-c{s}\",\"name\":\"Council {s} of partnership {i}\",\"kind\":\"council\",\"partnership\":\"p{i}\",\"series\":\"p{i}-c\",\"session\":{s},\"date\":\"{}\",\"status\":\"{status}\",\"chairs\":[{{\"name\":\"Chair {s}\",\"institution\":\"{}\"}}],\"participants\":[{}],{src}}}",
                date.text,
                parties[chair],
                Self::list(parties)
            );
            later.meeting_count += 1;
            after = date.last + 1;
            if self.rng.u32(..10) < 3 {
                self.commitment(
                    &mut later.commitments,
                    &mut later.commitment_count,
                    &format!("{{\"meeting\":\"p{i}-c{s}\"}}"),
                    parties,
                    date.last,
                );
            }
        }
    }

    /// Writes MOU `i`, and to `later` a commitment under about one in five.
    fn mou(&mut self, i: usize, partnerships: usize, later: &mut Later) {
        // Drawn only when asked for, so that other datasets stay the same.
        let multilateral =
            self.config.multilateral > 0 && self.rng.u32(..100) < self.config.multilateral;
        let when = self.rng.i32(FIRST_DAY..=LAST_DAY);
        let signed = self.date_or_open(when);
        let signatories = self.parties();
        let _ = write!(
            self.out,
            "{{\"key\":\"u{i}\",\"title\":\"Memorandum {i}\",\"signatories\":[{}],\"signed\":\"{}\"",
            Self::list(&signatories),
            signed.text
        );
        let base = if signed.last == i32::MAX {
            when
        } else {
            signed.last
        };
        if self.rng.u32(..10) == 0 {
            let delay = self.rng.i32(1..=90);
            let entry = self.date_at(base + delay);
            let _ = write!(self.out, ",\"entry_into_force\":\"{}\"", entry.text);
        } else if multilateral {
            // Consents count only from an entry into force on record.
            let delay = self.rng.i32(1..=90);
            let entry = self.date_at(base + delay);
            let _ = write!(self.out, ",\"entry_into_force\":\"{}\"", entry.text);
        }
        if multilateral {
            self.convention(&signatories, &signed.text, base);
        }
        let start = base + 90;
        if let Some(term) = self.term() {
            let expiry = self.date_at(start + term);
            let _ = write!(self.out, ",\"expiry\":\"{}\"", expiry.text);
        }
        if partnerships > 0 && self.rng.u32(..10) < 3 {
            let _ = write!(
                self.out,
                ",\"partnership\":\"p{}\"",
                self.rng.usize(..partnerships)
            );
        }
        if i > 0 && self.rng.u32(..20) == 0 {
            let _ = write!(
                self.out,
                ",\"relations\":[{{\"kind\":\"amends\",\"mou\":\"u{}\"}}]",
                self.rng.usize(..i)
            );
        }
        let areas = self.areas();
        let src = self.source();
        let _ = write!(self.out, ",{areas},{src}}}");
        if self.rng.u32(..10) < 2 {
            self.commitment(
                &mut later.commitments,
                &mut later.commitment_count,
                &format!("{{\"mou\":\"u{i}\"}}"),
                &signatories,
                base,
            );
        }
    }

    /// Writes the kind and parties of a multilateral convention signed on
    /// day `base` (written `signed`) by `signatories`.
    fn convention(&mut self, signatories: &[String], signed: &str, base: i32) {
        let mut parties: Vec<String> = signatories.to_vec();
        let extra = self.rng.usize(1..=10);
        let n = self.institutions.len().max(1);
        for _ in 0..extra {
            // Skewed towards the first institutions: a few are party to many.
            let x = self.rng.f64();
            let k = ((n as f64) * x * x * x * x) as usize;
            if let Some(inst) = self.institutions.get(k.min(n - 1)) {
                if !parties.contains(inst) {
                    parties.push(inst.clone());
                }
            }
        }
        let _ = write!(self.out, ",\"kind\":\"convention\",\"parties\":[");
        for (p, institution) in parties.iter().enumerate() {
            self.sep(p);
            let mut actions: Vec<String> = Vec::new();
            let mut day = base;
            if p < signatories.len() {
                actions.push(format!("{{\"kind\":\"signature\",\"date\":\"{signed}\"}}"));
                if self.rng.u32(..4) == 0 {
                    // Signed, never ratified.
                    self.party(institution, &actions);
                    continue;
                }
                day += self.rng.i32(30..=5 * 365);
                actions.push(self.action("ratification", day, None));
            } else {
                day += self.rng.i32(365..=15 * 365);
                actions.push(self.action("accession", day, None));
            }
            if self.rng.u32(..10) == 0 {
                day += self.rng.i32(365..=10 * 365);
                actions.push(self.action("withdrawal", day, Some(day + 365)));
                if self.rng.bool() {
                    day += self.rng.i32(2 * 365..=8 * 365);
                    actions.push(self.action("accession", day, None));
                }
            }
            self.party(institution, &actions);
        }
        self.out.push(']');
    }

    /// One action of `kind` on day `n`, taking effect on day `effective`.
    fn action(&mut self, kind: &str, n: i32, effective: Option<i32>) -> String {
        let date = self.date_at(n);
        match effective {
            None => format!("{{\"kind\":\"{kind}\",\"date\":\"{}\"}}", date.text),
            Some(e) => {
                let effective = self.date_at(e);
                format!(
                    "{{\"kind\":\"{kind}\",\"date\":\"{}\",\"effective\":\"{}\"}}",
                    date.text, effective.text
                )
            }
        }
    }

    /// Writes one party with its actions.
    fn party(&mut self, institution: &str, actions: &[String]) {
        let _ = write!(
            self.out,
            "{{\"institution\":\"{institution}\",\"actions\":[{}]}}",
            actions.join(",")
        );
    }

    fn commitment(
        &mut self,
        out: &mut String,
        count: &mut usize,
        origin: &str,
        owners: &[String],
        after: i32,
    ) {
        if *count > 0 {
            out.push(',');
        }
        let delay = self.rng.i32(30..=3 * 365);
        let due = self.date_at(after.saturating_add(delay));
        let status = match self.rng.u32(..10) {
            0..=4 => "open",
            5..=7 => "met",
            8 => "missed",
            _ => "dropped",
        };
        let status_date = if matches!(status, "met" | "missed") {
            let delay = self.rng.i32(1..=1000);
            Some(self.date_at(after.saturating_add(delay)))
        } else {
            None
        };
        let src = self.source();
        let _ = write!(
            out,
            "{{\"key\":\"c{count}\",\"description\":\"Commitment {count}\",\"owners\":[\"{}\"],\"origin\":{origin},\"due\":\"{}\",\"status\":\"{status}\"",
            owners.first().map_or("", String::as_str),
            due.text
        );
        if let Some(d) = status_date {
            let _ = write!(out, ",\"status_date\":\"{}\"", d.text);
        }
        let _ = write!(out, ",{src}}}");
        *count += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_dataset_is_valid_and_deterministic() {
        let a = Synth::new(2_000).seed(3);
        let registry = a.registry().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(registry.partnerships().len(), 400);
        assert_eq!(registry.mous().len(), 1_600);
        assert!(
            registry.meetings().len() > 400,
            "{}",
            registry.meetings().len()
        );
        assert!(
            registry.commitments().len() > 200,
            "{}",
            registry.commitments().len()
        );
        assert_eq!(a.json(), Synth::new(2_000).seed(3).json());
        assert_ne!(a.json(), Synth::new(2_000).seed(4).json());
    }

    #[test]
    fn multilateral_conventions_are_valid_and_leave_other_datasets_alone() {
        let plain = Synth::new(1_000).seed(5);
        assert_eq!(plain.json(), plain.multilateral(0).json());
        let registry = plain
            .multilateral(50)
            .registry()
            .unwrap_or_else(|e| panic!("{e}"));
        let conventions: Vec<&crate::Mou> = registry
            .mous()
            .iter()
            .filter(|m| !m.parties().is_empty())
            .collect();
        assert!(conventions.len() > 300, "{}", conventions.len());
        let withdrawals = conventions
            .iter()
            .flat_map(|m| m.parties())
            .flat_map(|p| p.actions())
            .filter(|a| a.kind() == crate::ActionKind::Withdrawal)
            .count();
        assert!(withdrawals > 10, "{withdrawals}");
    }

    #[test]
    fn precisions_follow_the_documented_mix() {
        let registry = Synth::new(5_000)
            .registry()
            .unwrap_or_else(|e| panic!("{e}"));
        let dates: Vec<String> = registry
            .mous()
            .iter()
            .map(|m| m.signed().to_string())
            .collect();
        let share =
            |f: &dyn Fn(&str) -> bool| dates.iter().filter(|d| f(d)).count() * 100 / dates.len();
        let days = share(&|d| d.trim_end_matches('~').len() == 10 && !d.starts_with('['));
        let months = share(&|d| d.trim_end_matches('~').len() == 7);
        let open = share(&|d| d.starts_with('['));
        assert!((40..=55).contains(&days), "{days}% days");
        assert!((24..=34).contains(&months), "{months}% months");
        assert!((2..=7).contains(&open), "{open}% open");
    }
}

//! An interpreter of edit scripts, shared by `tests/properties.rs` and the
//! `edits` fuzz target: bytes become a sequence of inserts, updates and
//! removals over a small universe of keys; a failed step must have changed
//! nothing, and the registry must still be a valid dataset whose kept-up
//! indexes answer like fresh ones (checked after every step, or every `n`
//! steps and after the last).

use pactum::{
    ActionKind, Commitment, CommitmentStatus, Date, Institution, InstitutionKind, Key, Meeting,
    MeetingKind, MeetingStatus, Mou, Official, Origin, Partnership, PartnershipKind, PartyAction,
    Registry, RelationKind, Source, TechArea,
};

const DATES: &[&str] = &[
    "2020",
    "2021-41",
    "2022-11-28",
    "[..2023-08-06]",
    "2023-09",
    "[2023-06-23,2023-06-30]",
    "2024-03-26",
    "2025",
    "[2023-01..2023-03]",
    "202X",
    "[2024-05-01..]",
    "2023-08?",
    "2024-02-29",
];
/// Countries of institutions; a former state, and "" for none.
const COUNTRIES: &[&str] = &["KR", "US", "JP", "EU", "DDDE", ""];

/// Reads small numbers from the script, then zeros once it runs out.
struct Bytes<'a> {
    data: &'a [u8],
}

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }
    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[usize::from(self.next()) % items.len()]
    }
    fn key(&mut self, prefix: &str, n: u8) -> String {
        format!("{prefix}{}", self.next() % n)
    }
    fn date(&mut self) -> Date {
        Date::parse(self.pick(DATES)).expect("the script's dates are valid")
    }
    fn flag(&mut self) -> bool {
        self.next() % 2 == 0
    }
    /// Up to three actions of a party, of kinds that make sequences valid
    /// and invalid, some taking effect on a day of their own. An action the
    /// builder rejects is left out; the agreement's checks see the rest.
    fn actions(&mut self) -> Vec<PartyAction> {
        const KINDS: [ActionKind; 7] = [
            ActionKind::Signature,
            ActionKind::Ratification,
            ActionKind::Accession,
            ActionKind::Withdrawal,
            ActionKind::DefinitiveSignature,
            ActionKind::ProvisionalApplication,
            ActionKind::Declaration,
        ];
        let n = self.next() % 4;
        (0..n)
            .filter_map(|_| {
                let kind = KINDS[usize::from(self.next()) % KINDS.len()];
                let mut action = PartyAction::builder(kind, self.date());
                if self.flag() {
                    action = action.effective(self.date());
                }
                if kind == ActionKind::Declaration {
                    action = action.text("A declaration");
                }
                action.build().ok()
            })
            .collect()
    }
}

thread_local! {
    /// The registry every script starts from: six institutions, so that most
    /// scripts get past the first references, and every index built, so that
    /// the edits must keep each up to date. Built once a thread and cloned:
    /// building it (the built-in technology areas, six inserts, the indexes)
    /// cost more than the rest of a short script.
    static BASE: Registry = base();
}

fn base() -> Registry {
    let mut reg = Registry::new();
    for (i, country) in ["KR", "US", "JP", "EU", "KR", "VN"].iter().enumerate() {
        let inst = Institution::builder(
            format!("i{i}"),
            format!("Institution i{i}"),
            InstitutionKind::Government,
            *country,
        )
        .build()
        .expect("the base institutions are valid");
        reg.insert(inst)
            .expect("the base institutions fit together");
    }
    reg.build_indexes();
    reg
}

/// Every entity an edit can change, in insertion order. Entities compare
/// every field they save (dates by their text too), so an equal snapshot
/// means an identical saved file and the same order besides, and comparing
/// one is far cheaper than saving the registry twice.
#[derive(PartialEq)]
struct Snapshot {
    sources: Vec<Source>,
    areas: Vec<TechArea>,
    institutions: Vec<Institution>,
    partnerships: Vec<Partnership>,
    meetings: Vec<Meeting>,
    mous: Vec<Mou>,
    commitments: Vec<Commitment>,
}

impl Snapshot {
    fn of(r: &Registry) -> Snapshot {
        Snapshot {
            sources: r.sources().to_vec(),
            areas: r.dataset_tech_areas().to_vec(),
            institutions: r.institutions().to_vec(),
            partnerships: r.partnerships().to_vec(),
            meetings: r.meetings().to_vec(),
            mous: r.mous().to_vec(),
            commitments: r.commitments().to_vec(),
        }
    }

    /// The registry holds exactly these entities, in this order.
    fn matches(&self, r: &Registry) -> bool {
        self.sources == r.sources()
            && self.areas == r.dataset_tech_areas()
            && self.institutions == r.institutions()
            && self.partnerships == r.partnerships()
            && self.meetings == r.meetings()
            && self.mous == r.mous()
            && self.commitments == r.commitments()
    }
}

/// Runs one script, checking the registry against a reload after every
/// step; returns how many steps succeeded, or a description of the first
/// broken property.
#[allow(dead_code)]
pub fn run(script: &[u8]) -> Result<usize, String> {
    run_checking_every(script, 1)
}

/// As [`run`], but the reload and the comparison of the indexes (most of
/// the cost of a step) come every `n` steps and after the last: a failed
/// step is still checked at once, so a fuzzer gets through many more
/// scripts without giving up either property.
#[allow(dead_code)]
pub fn run_checking_every(script: &[u8], n: usize) -> Result<usize, String> {
    execute(script, Some(n.max(1))).map(|(succeeded, _)| succeeded)
}

/// Builds a registry from a script, without the checks.
#[allow(dead_code)]
pub fn build(script: &[u8]) -> Registry {
    execute(script, None).map_or_else(|_| Registry::new(), |(_, registry)| registry)
}

/// Applies the script; with `every`, checks the properties (a reload every
/// `every` steps).
fn execute(script: &[u8], every: Option<usize>) -> Result<(usize, Registry), String> {
    let mut succeeded = 0;
    let mut b = Bytes { data: script };
    let mut reg = BASE.with(Registry::clone);
    // The state a failed step must leave as it found: taken again only after
    // a step that succeeded, since a failed one changed nothing.
    let mut before = every.map(|_| Snapshot::of(&reg));
    let mut steps = 0;
    while !b.data.is_empty() && steps < 64 {
        steps += 1;
        let op = b.next() % 10;
        let outcome: Result<(), String> = match op {
            0 | 1 => {
                let key = b.key("i", 6);
                let country = b.pick(COUNTRIES);
                let name = format!("Institution {key}");
                let mut builder = if country.is_empty() {
                    Institution::builder_without_country(&key, name, InstitutionKind::Ministry)
                } else {
                    Institution::builder(&key, name, InstitutionKind::Ministry, country)
                };
                if b.flag() {
                    builder = builder.parent(b.key("i", 6));
                }
                match builder.build() {
                    Ok(i) if op == 0 => reg.insert(i).map(drop).map_err(|e| e.to_string()),
                    Ok(i) => reg.update(i).map(drop).map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                }
            }
            2 => {
                let mut builder =
                    Partnership::builder(b.key("p", 3), "A partnership", PartnershipKind::Other)
                        .party(b.key("i", 6))
                        .party(b.key("i", 6));
                if b.flag() {
                    let key = b.key("i", 6);
                    builder = builder.party_with_actions(key, b.actions());
                }
                if b.flag() {
                    builder = builder.established(b.date());
                }
                if b.flag() {
                    builder = builder.ended(b.date());
                }
                builder
                    .build()
                    .map_err(|e| e.to_string())
                    .and_then(|p| reg.insert(p).map(drop).map_err(|e| e.to_string()))
            }
            3 => {
                let status = if b.flag() {
                    MeetingStatus::Held
                } else {
                    MeetingStatus::Scheduled
                };
                let mut builder = Meeting::builder(
                    b.key("m", 5),
                    "A meeting",
                    MeetingKind::Council,
                    b.date(),
                    status,
                );
                if b.flag() {
                    builder = builder.partnership(b.key("p", 3));
                }
                if b.flag() {
                    let series = b.key("s", 2);
                    builder = builder.session(series, u32::from(b.next() % 4));
                }
                if b.flag() {
                    let chair = Official::builder("A chair")
                        .institution(b.key("i", 6))
                        .build();
                    if let Ok(chair) = chair {
                        builder = builder.chair(chair);
                    }
                }
                builder
                    .build()
                    .map_err(|e| e.to_string())
                    .and_then(|m| reg.insert(m).map(drop).map_err(|e| e.to_string()))
            }
            4 => {
                let mut builder = Mou::builder(b.key("u", 4), "An MOU", b.date())
                    .signatory(b.key("i", 6))
                    .signatory(b.key("i", 6));
                if b.flag() {
                    builder = builder.expiry(b.date());
                }
                if b.flag() {
                    builder = builder.entry_into_force(b.date());
                }
                if b.flag() {
                    builder = builder.relation(RelationKind::Amends, b.key("u", 4));
                }
                if b.flag() {
                    builder = builder.meeting(b.key("m", 5));
                }
                // Parties with their actions: signatories with an entry or
                // without one, and institutions that only acceded.
                for _ in 0..b.next() % 4 {
                    let key = b.key("i", 6);
                    builder = builder.party(key, b.actions());
                }
                builder.build().map_err(|e| e.to_string()).and_then(|m| {
                    if b.flag() {
                        reg.update(m).map(drop).map_err(|e| e.to_string())
                    } else {
                        reg.insert(m).map(drop).map_err(|e| e.to_string())
                    }
                })
            }
            5 => {
                let origin = if b.flag() {
                    Origin::Meeting(Key::new(&b.key("m", 5)).expect("a key"))
                } else {
                    Origin::Mou(Key::new(&b.key("u", 4)).expect("a key"))
                };
                let status = if b.flag() {
                    CommitmentStatus::Open
                } else {
                    CommitmentStatus::Met
                };
                let mut builder = Commitment::builder(b.key("c", 3), "Do it", origin, status)
                    .owner(b.key("i", 6));
                if b.flag() {
                    builder = builder.due(b.date());
                }
                if b.flag() {
                    builder = builder.status_date(b.date());
                }
                builder
                    .build()
                    .map_err(|e| e.to_string())
                    .and_then(|c| reg.insert(c).map(drop).map_err(|e| e.to_string()))
            }
            6 => Source::builder(b.key("s", 2), "A source")
                .build()
                .map_err(|e| e.to_string())
                .and_then(|s| reg.insert(s).map(drop).map_err(|e| e.to_string())),
            7 | 8 => {
                let cascade = op == 8;
                let kind = b.next() % 5;
                macro_rules! remove {
                    ($ty:ty, $key:expr) => {
                        if cascade {
                            reg.remove_cascade::<$ty>(&$key)
                                .map(drop)
                                .map_err(|e| e.to_string())
                        } else {
                            reg.remove::<$ty>(&$key)
                                .map(drop)
                                .map_err(|e| e.to_string())
                        }
                    };
                }
                match kind {
                    0 => remove!(Institution, b.key("i", 6)),
                    1 => remove!(Partnership, b.key("p", 3)),
                    2 => remove!(Meeting, b.key("m", 5)),
                    3 => remove!(Mou, b.key("u", 4)),
                    _ => remove!(Commitment, b.key("c", 3)),
                }
            }
            // Merging the registry into itself changes nothing; merging the
            // base back puts removed institutions back and fails on one
            // that was updated since (and needs no clone).
            _ if b.flag() => BASE.with(|base| {
                reg.merge(base, pactum::MergePolicy::Fail)
                    .map(drop)
                    .map_err(|e| e.to_string())
            }),
            _ => {
                let other = reg.clone();
                reg.merge(&other, pactum::MergePolicy::Fail)
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
        };
        succeeded += usize::from(outcome.is_ok());
        let (Some(snapshot), Some(every)) = (before.as_mut(), every) else {
            continue;
        };
        if outcome.is_ok() {
            *snapshot = Snapshot::of(&reg);
        } else if !snapshot.matches(&reg) {
            return Err(format!(
                "step {steps} (op {op}) failed but changed the registry: {outcome:?}"
            ));
        }
        let last = b.data.is_empty() || steps == 64;
        if steps % every == 0 || last {
            check(&reg).map_err(|e| format!("step {steps} (op {op}): {e}"))?;
        }
    }
    Ok((succeeded, reg))
}

/// The registry saves to a valid dataset that saves back identically, and
/// its indexes, kept up to date by the edits (all of them built before the
/// first edit), answer like ones built afresh.
fn check(reg: &Registry) -> Result<(), String> {
    let saved = reg.to_json_string();
    let reloaded =
        Registry::from_json_str(&saved).map_err(|e| format!("left an invalid registry: {e}"))?;
    if reloaded.to_json_string() != saved {
        return Err("the saved registry does not save back identically".to_owned());
    }
    if answers(reg) != answers(&reloaded) {
        return Err("the indexes disagree with the data".to_owned());
    }
    Ok(())
}

/// What the indexes say of a registry: its timeline, the events of an
/// institution and those below it, of a partnership and of a series, and
/// what is in force on a few days.
fn answers(r: &Registry) -> Vec<String> {
    let listed = |t: pactum::Timeline<'_>| -> String {
        t.run()
            .map(|hits| {
                hits.map(|h| {
                    format!(
                        "{} {} {}",
                        h.event().key(),
                        h.event().kind(),
                        h.is_certain()
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
            })
            .unwrap_or_else(|e| e.to_string())
    };
    let mut out = vec![
        listed(r.timeline()),
        listed(r.timeline().institution_or_below("i0")),
        listed(r.timeline().partnership("p0")),
        listed(r.timeline().series("s0")),
        listed(r.timeline().kind(pactum::EventKind::MeetingHeld)),
        listed(r.timeline().kind(pactum::EventKind::PartyRatification)),
        listed(
            r.timeline()
                .institution("i1")
                .kind(pactum::EventKind::PartyAccession),
        ),
    ];
    for year in [2019, 2021, 2023] {
        let day = chrono::NaiveDate::from_ymd_opt(year, 6, 1).unwrap_or_default();
        let force: Vec<String> = r
            .in_force_on(day)
            .iter()
            .map(|x| format!("{} {}", x.key(), x.is_certain()))
            .collect();
        out.push(force.join(", "));
        for who in ["i0", "i1", "i2"] {
            let force: Vec<String> = r
                .in_force_for(who, day)
                .map(|v| {
                    v.iter()
                        .map(|x| format!("{} {}", x.key(), x.is_certain()))
                        .collect()
                })
                .unwrap_or_default();
            out.push(force.join(", "));
        }
    }
    out
}

/// `count` fixed pseudo-random scripts of 300 bytes (xorshift from `seed`),
/// for tests that check the scripts are not vacuous.
#[allow(dead_code)]
pub fn fixed_scripts(seed: u64, count: usize) -> Vec<Vec<u8>> {
    let mut state = seed.max(1);
    (0..count)
        .map(|_| {
            (0..300)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 24) as u8
                })
                .collect()
        })
        .collect()
}

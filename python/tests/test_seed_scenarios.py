"""The questions of tests/seed_scenarios.rs, answered from Python with the
same values."""

import datetime

import pactum
import pytest


def day(y: int, m: int, d: int) -> datetime.date:
    return datetime.date(y, m, d)


def lint_keys(registry: pactum.Registry, as_of: datetime.date, rule: str) -> list[str]:
    return [d.key for d in registry.lint(as_of) if d.rule == rule and d.key is not None]


UNLISTED_AGREEMENTS = "P-W008"
STALE_SCHEDULED = "P-W001"
DISPUTED_CLAIM = "P-W007"
NO_SOURCE = "P-W004"


@pytest.fixture(scope="module")
def seed() -> pactum.Registry:
    return pactum.seed()


def test_the_state_visit_declares_23_mous_and_the_dataset_lists_none(seed):
    visit = seed.meeting("kr-us-state-visit-2023")
    assert visit.agreements_signed == 23
    assert str(visit.date) == "2023-04-24"
    assert str(visit.end) == "2023-04-29"
    assert visit.place == "United States"
    listed = [m for m in seed.entities("mous") if m.meeting == "kr-us-state-visit-2023"]
    assert listed == []
    assert lint_keys(seed, day(2023, 5, 1), UNLISTED_AGREEMENTS) == ["kr-us-state-visit-2023"]


def test_the_progress_review_is_dated_no_later_than_the_article(seed):
    review = seed.meeting("kr-us-mou-review-2023")
    assert str(review.date) == "[..2023-08-06]"
    assert review.date.earliest is None
    assert review.date.latest == day(2023, 8, 6)
    assert review.date.certainly_before(day(2023, 8, 7))
    country = {i.key: i.country for i in seed.entities("institutions")}
    assert sorted(k for k in review.participants if country.get(k) == "KR") == ["kr-kiat", "kr-motie"]
    assert sorted(k for k in review.participants if country.get(k) == "US") == [
        "us-bridg",
        "us-mit",
        "us-naatbatt",
        "us-sae",
        "us-swri",
        "us-yale",
    ]
    kim = review.attendees[1]
    assert kim["name"] == "Kim Sung-yeol"
    assert kim["title"] == "US Commerce Secretary"
    assert "institution" not in kim
    assert [i.key for i in seed.lookup_institution("Korea Industrial Technology Agency")] == ["kr-kiat"]
    assert [i.key for i in seed.lookup_institution("Nattbatt")] == ["us-naatbatt"]


def test_the_first_event_certainly_after_the_review_is_the_seoul_forum(seed):
    after = day(2023, 8, 6)
    events = seed.events()
    dates = [pactum.Date(t) for t in events.column("date")]
    keys = events.column("key")
    kinds = events.column("kind")
    first = next(i for i, d in enumerate(dates) if d.certainly_after(after))
    assert keys[first] == "kr-us-industrial-tech-forum-2023"
    assert kinds[first] == "meeting_scheduled"
    assert str(dates[first]) == "2023-09"
    assert dates[first].precision == "month"
    forum = seed.meeting(keys[first])
    assert forum.place == "Seoul"
    assert forum.status == "scheduled"
    only_possibly = [
        k for k, d in zip(keys, dates) if d.possibly_after(after) and not d.certainly_after(after)
    ]
    assert only_possibly == ["eu-sg-digital"]


def test_the_digital_partnership_council_series_has_three_sessions(seed):
    sessions = seed.meetings_in_series("eu-kr-dpc")
    summary = [(m.session, m.place, str(m.date), m.status) for m in sessions]
    assert summary == [
        (1, "Seoul", "[2023-06-23,2023-06-30]", "held"),
        (2, "Brussels", "2024-03-26", "held"),
        (3, "Seoul", "2025", "scheduled"),
    ]
    claims = [(c["value"], c["sources"]) for c in sessions[0].claims if c["field"] == "date"]
    assert claims == [("2023-06-23", ["seed-001"]), ("2023-06-30", ["ec-2023-06-30"])]
    assert lint_keys(seed, day(2024, 1, 1), DISPUTED_CLAIM) == ["eu-kr-dpc-1"]
    second = sessions[1]
    assert sorted(c["name"] for c in second.chairs) == ["Lee Jong-Ho", "Thierry Breton"]
    assert len(second.outcomes) == 8
    assert any("Joint EU-Republic of Korea Semiconductors Researchers Forum" in o for o in second.outcomes)
    assert sessions[0].date.days_until(second.date) == (270, 277)
    assert [m.key for m in seed.meetings_of("eu-kr-digital")] == ["eu-kr-dpc-1", "eu-kr-dpc-2", "eu-kr-dpc-3"]
    cadence = seed.cadence("eu-kr-dpc")
    assert cadence.column("min_days") == [270, 281]


def test_the_eu_has_digital_partnerships_with_japan_singapore_and_korea(seed):
    eu = [
        (next(k for k in p.parties if k != "eu"), str(p.established) if p.established else "")
        for p in seed.entities("partnerships")
        if p.kind == "digital_partnership" and "eu" in p.parties
    ]
    assert eu == [("jp-gov", "2022"), ("kr-gov", "2022-11-28"), ("sg-gov", "2023")]


def test_scheduled_meetings_whose_date_has_passed_are_flagged(seed):
    assert lint_keys(seed, day(2026, 1, 1), STALE_SCHEDULED) == [
        "eu-kr-dpc-3",
        "kr-us-industrial-tech-forum-2023",
    ]
    assert lint_keys(seed, day(2025, 6, 1), STALE_SCHEDULED) == ["kr-us-industrial-tech-forum-2023"]
    assert lint_keys(seed, day(2023, 9, 30), STALE_SCHEDULED) == []


def test_the_viet_nam_korea_partnership_agreed_on_2022_12_05(seed):
    csp = seed.partnership("vn-kr-csp")
    assert csp.kind == "comprehensive_strategic_partnership"
    established = csp.established
    assert str(established) == "2022-12-05"
    assert established.certainly_within(day(2022, 10, 1), day(2022, 12, 31))
    assert not established.possibly_within(day(2022, 1, 1), day(2022, 6, 30))
    claims = [(c["value"], c["sources"][0]) for c in csp.claims if c["field"] == "established"]
    assert claims == [("2022-41", "seed-002"), ("2022-12-05", "yna-2022-12-05")]
    conference_day = day(2023, 4, 25)
    in_force = seed.in_force_on(conference_day)
    certain = dict(zip(in_force.column("key"), in_force.column("certain")))
    assert certain["vn-kr-csp"] is True
    assert "vn-kr-csp" not in seed.in_force_on("2022-12-04").column("key")
    conference = seed.meeting("vn-kr-danang-conference-2023")
    assert conference.date.day == conference_day
    assert conference_day.weekday() == 1  # a Tuesday
    assert conference.partnership == "vn-kr-csp"


def test_the_defence_mou_is_domestic_and_signed_by_two_ministers(seed):
    mou = seed.mou("kr-mnd-msit-2021")
    assert mou.signed.day == day(2021, 8, 17)
    assert [o["name"] for o in mou.signed_by] == ["Suh Wook", "Lim Hye-sook"]
    year = [(c["kind"], c["sources"]) for c in mou.claims if c["field"] == "signed"]
    assert year == [("inferred", ["seed-003", "moef-2021-07-14"])]
    assert seed.institution("kr-iitp").parent == "kr-msit"
    assert seed.is_under("kr-iitp", "kr-gov")


def test_the_digital_growth_act_bill_is_overdue_from_new_year_2021_unless_met():
    registry = pactum.seed()
    kickoff = registry.meeting("kr-motie-digital-growth-act-tf-kickoff")
    assert str(kickoff.date) == "2020"
    assert kickoff.date.precision == "year"
    bill = registry.commitment("kr-digital-growth-act-bill")
    assert str(bill.due) == "2020-12-31"
    assert registry.overdue_commitments(day(2020, 12, 31)) == []
    assert [c.key for c in registry.overdue_commitments(day(2021, 1, 1))] == ["kr-digital-growth-act-bill"]
    overdue = registry.commitments_as_of("overdue", "2021-01-01")
    assert overdue.column("key") == ["kr-digital-growth-act-bill"]
    met = {
        "key": "kr-digital-growth-act-bill",
        "description": bill.description,
        "owners": ["kr-motie"],
        "origin": {"meeting": "kr-motie-digital-growth-act-tf-kickoff"},
        "due": pactum.Date("2020-12-31"),
        "status": "met",
        "sources": bill.sources,
    }
    old = registry.update("commitment", met)
    assert old.status == "open"
    assert registry.overdue_commitments(day(2021, 1, 1)) == []


def test_everything_involving_motie_includes_kiat_in_order(seed):
    assert seed.involving("kr-motie").column("key") == [
        "kr-motie-digital-growth-act-tf-kickoff",
        "kr-digital-growth-act-bill",
        "kr-us-mou-review-2023",
        "kr-us-cooperation-demand-2023",
    ]
    assert seed.involving("kr-kiat").column("key") == ["kr-us-mou-review-2023"]
    assert [i.key for i in seed.institution_and_below("kr-motie")] == ["kr-motie", "kr-kiat"]


def test_the_seed_loads_without_errors_and_every_entity_cites_a_source(seed):
    assert len(seed) == 65
    assert lint_keys(seed, day(2020, 1, 1), NO_SOURCE) == []


def test_a_late_2022_window_finds_three_partnerships_possibly_or_certainly(seed):
    hits = seed.timeline("2022-10-01", "2022-12-31", kinds=["partnership_established"])
    assert list(zip(hits.column("key"), hits.column("certain"))) == [
        ("eu-jp-digital", False),
        ("eu-kr-digital", True),
        ("vn-kr-csp", True),
    ]


def test_the_next_council_after_new_year_2024_is_the_second(seed):
    nxt = seed.next_meeting("eu-kr-dpc", day(2024, 1, 1))
    assert nxt is not None
    assert (nxt.key, str(nxt.date), nxt.certain) == ("eu-kr-dpc-2", "2024-03-26", True)
    prev = seed.previous_meeting("eu-kr-dpc", "2024-01-01")
    assert prev is not None and prev.key == "eu-kr-dpc-1"

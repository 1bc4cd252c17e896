//! The seed dataset through the taxonomy, the official lists and the name
//! lookups: the questions users ask about areas and institutions.

use pactum::crosswalk::{EU_CRITICAL_2023, KR_NST_2022, US_CET_2024};
use pactum::names::MatchedBy;
use pactum::{Agreement, AgreementScope, Country};

fn numbers(areas: &[&pactum::crosswalk::ListedArea]) -> Vec<u8> {
    areas.iter().map(|a| a.number()).collect()
}

#[test]
fn the_eu_korea_digital_partnership_covers_five_korean_strategic_technologies() {
    let registry = pactum::seed();
    let covered = registry.partnership_coverage(&KR_NST_2022, "eu-kr-digital");
    let names: Vec<&str> = covered.iter().map(|a| a.name()).collect();
    assert_eq!(
        names,
        [
            "Semiconductors and Displays",
            "Cybersecurity",
            "Artificial Intelligence",
            "Next-generation Communications",
            "Quantum",
        ]
    );
}

#[test]
fn nine_areas_of_the_us_list_have_no_cooperation_in_the_seed() {
    let registry = pactum::seed();
    let gaps = registry.uncovered(&US_CET_2024);
    assert_eq!(numbers(&gaps), [2, 3, 4, 5, 7, 10, 13, 15, 18]);
    assert!(gaps.iter().filter(|a| a.is_unmapped()).count() == 3);
}

#[test]
fn the_viet_nam_partnership_reaches_the_eu_list_through_its_da_nang_conference() {
    let registry = pactum::seed();
    let covered = registry.partnership_coverage(&EU_CRITICAL_2023, "vn-kr-csp");
    // AI, then IoT and VR (connectivity and digital), then robotics.
    assert_eq!(numbers(&covered), [2, 5, 9]);
}

#[test]
fn garbled_and_accented_names_in_the_sources_resolve() {
    let registry = pactum::seed();
    for (query, key) in [
        ("Korea Industrial Technology Agency", "kr-kiat"),
        (
            "International Association of Automotive Engineers",
            "us-sae",
        ),
        ("Battery Industry Association of America", "us-naatbatt"),
        ("NATTBATT", "us-naatbatt"),
        ("Việt Nam", "vn-gov"),
        ("Đà Nẵng", "vn-danang"),
        ("swri", "us-swri"),
    ] {
        let found = registry.lookup_institution(query);
        assert_eq!(
            found.unique().map(|i| i.key().as_str()),
            Some(key),
            "{query}: {found}"
        );
    }
}

#[test]
fn the_old_ministry_name_resolves_to_msip_whose_work_msit_carries_on() {
    let registry = pactum::seed();
    let found = registry.lookup_institution("Ministry of Science, ICT and Future Planning");
    let m = found.matches().first().expect("a match");
    assert_eq!(m.entity().key().as_str(), "kr-msip");
    assert_eq!(m.matched_by(), MatchedBy::Name);
    let now: Vec<&str> = registry
        .current_successors("kr-msip")
        .iter()
        .map(|i| i.key().as_str())
        .collect();
    assert_eq!(now, ["kr-msit"]);
    let lineage: Vec<&str> = registry
        .lineage("kr-msit")
        .iter()
        .map(|i| i.key().as_str())
        .collect();
    assert_eq!(lineage, ["kr-msit", "kr-msip"]);
}

#[test]
fn msit_with_its_predecessors_has_the_events_of_msit_and_its_agencies() {
    let registry = pactum::seed();
    let keys: Vec<&str> = registry
        .involving_with_predecessors("kr-msit")
        .iter()
        .map(|e| e.key())
        .collect();
    // MSIP has no events of its own in the seed.
    assert_eq!(
        keys,
        [
            "kr-dna-smart-defense-strategy",
            "kr-mnd-msit-2021",
            "kr-mnd-msit-signing-2021",
            "eu-kr-dpc-1",
            "eu-kr-dpc-2",
            "eu-kr-dpc-3-in-seoul",
        ]
    );
}

#[test]
fn the_sides_of_seed_agreements_come_through_the_hierarchy() {
    let registry = pactum::seed();
    let tech = registry.partnership("kr-us-tech").expect("in the seed");
    let sides = registry.sides_of(Agreement::Partnership(tech));
    let countries: Vec<Option<Country>> = sides.iter().map(|s| s.country()).collect();
    assert_eq!(countries, [Some(Country::KR), Some(Country::US)]);
    let mou = registry.mou("kr-mnd-msit-2021").expect("in the seed");
    assert_eq!(
        registry.scope_of_agreement(Agreement::Mou(mou)),
        AgreementScope::Domestic
    );
    let above: Vec<&str> = registry
        .institution_ancestors("vn-danang-dost")
        .iter()
        .map(|i| i.key().as_str())
        .collect();
    assert_eq!(above, ["vn-danang", "vn-gov"]);
    let below: Vec<&str> = registry
        .institution_descendants("kr-gov")
        .iter()
        .map(|i| i.key().as_str())
        .collect();
    assert_eq!(
        below,
        [
            "kr-consulate-danang",
            "kr-mnd",
            "kr-motie",
            "kr-msip",
            "kr-msit",
            "kr-kiat",
            "kr-iitp"
        ]
    );
}

#[test]
fn the_seed_areas_are_all_in_the_taxonomy_and_findable_by_their_names() {
    let registry = pactum::seed();
    for area in registry.tech_areas() {
        let found = registry.lookup_tech_area(area.name());
        assert_eq!(found.unique().map(|a| a.key()), Some(area.key()), "{found}");
    }
    assert!(registry.is_area_under("undersea-cables", "communications"));
    assert!(registry.is_area_under("ai-chips", "semiconductors"));
}

#[test]
fn the_new_public_types_can_cross_threads() {
    fn check<T: Send + Sync + Unpin>() {}
    check::<pactum::names::Lookup<'static, pactum::Institution>>();
    check::<pactum::names::NameIndex<'static, pactum::TechArea>>();
    check::<pactum::names::Suggestion<'static, pactum::Institution>>();
    check::<pactum::crosswalk::TechList>();
    check::<pactum::crosswalk::ListCoverage<'static>>();
    check::<pactum::Side<'static>>();
    check::<pactum::FormerName>();
    check::<pactum::Succession>();
}

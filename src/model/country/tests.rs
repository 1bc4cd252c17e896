//! Tests of country codes and language tags.

use super::language::LANGUAGE_EXPECTED;
use super::*;

/// Strings that have broken parsers before: empty, whitespace, multi-byte
/// characters at every position, separators, control characters.
const NASTY: &[&str] = &[
    "",
    " ",
    "-",
    "--",
    "K",
    "KRR",
    "K R",
    "\u{0}",
    "K\u{0}",
    "é",
    "ÉU",
    "Ké",
    "éK",
    "日本",
    "🇰🇷",
    "K\u{301}R",
    "\u{feff}KR",
    "KR\n",
    "ｋｒ",
    "ＫＲ",
    "en-",
    "-en",
    "en--GB",
    "e",
    "enGB",
    "en-123456789",
    "zh-Hant-",
    "x-private",
    "i-klingon",
    "en_GB",
    "en GB",
    "ko-\u{1F600}",
];

fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *state >> 33
}

/// Pseudo-random strings over an alphabet of letters, digits, separators
/// and multi-byte characters, of length 0 to 40.
fn random_strings(count: usize) -> Vec<String> {
    const ALPHABET: &[char] = &[
        'a', 'k', 'r', 'z', 'E', 'K', 'R', 'U', 'Z', '0', '9', '-', '_', ' ', 'é', 'ß', '日', '🇰',
        '\u{0}', '\u{301}',
    ];
    let mut state = 0x5eed_u64;
    (0..count)
        .map(|_| {
            let len = (lcg(&mut state) % 41) as usize;
            (0..len)
                .filter_map(|_| ALPHABET.get((lcg(&mut state) as usize) % ALPHABET.len()))
                .collect()
        })
        .collect()
}

#[test]
fn every_table_entry_round_trips_through_new_and_code() {
    for &(text, name) in TABLE {
        let country = Country::new(text).expect("table codes are accepted");
        assert_eq!(country.code(), text);
        assert_eq!(country.name(), name);
        assert_eq!(country.to_string(), text);
        assert_eq!(text.parse::<Country>(), Ok(country));
    }
}

#[test]
fn the_table_is_sorted_without_duplicates() {
    for pair in TABLE.windows(2) {
        assert!(pair[0].0 < pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
    }
}

#[test]
fn the_table_has_249_iso_codes_plus_eu_and_xk_and_the_former_states() {
    assert_eq!(TABLE.len(), 258);
    let two: Vec<&str> = TABLE
        .iter()
        .map(|&(code, _)| code)
        .filter(|code| code.len() == 2)
        .collect();
    assert_eq!(two.len(), 251);
    let others: Vec<&str> = two
        .into_iter()
        .filter(|code| *code == "EU" || *code == "XK")
        .collect();
    assert_eq!(others, ["EU", "XK"]);
    let four: Vec<&str> = TABLE
        .iter()
        .map(|&(code, _)| code)
        .filter(|code| code.len() == 4)
        .collect();
    let former: Vec<&str> = FORMER.iter().map(|f| f.code).collect();
    assert_eq!(four, former);
}

#[test]
fn table_codes_are_two_or_four_upper_case_letters_and_names_are_trimmed() {
    for (code, name) in TABLE {
        assert!(matches!(code.len(), 2 | 4), "{code:?}");
        assert!(code.bytes().all(|b| b.is_ascii_uppercase()), "{code:?}");
        assert!(!name.is_empty() && name.trim() == *name, "{name:?}");
    }
}

#[test]
fn all_yields_every_code_in_order() {
    let all: Vec<Country> = Country::all().collect();
    assert_eq!(all.len(), 258);
    assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
    assert_eq!(all.first().map(Country::code), Some("AD"));
    assert_eq!(all.last().map(Country::code), Some("ZW"));
}

#[test]
fn the_constants_are_accepted_codes() {
    for (constant, code) in [
        (Country::KR, "KR"),
        (Country::US, "US"),
        (Country::EU, "EU"),
        (Country::VN, "VN"),
        (Country::JP, "JP"),
        (Country::SG, "SG"),
    ] {
        assert_eq!(Country::new(code), Ok(constant));
    }
}

#[test]
fn lower_case_is_rejected_with_a_hint_to_write_upper_case() {
    let err = Country::new("kr").unwrap_err();
    assert_eq!(err.kind(), ValueKind::Country);
    assert_eq!(err.text(), "kr");
    assert_eq!(
        err.expected(),
        "an upper-case ISO 3166-1 alpha-2 code such as \"KR\" (found lower case; write \"KR\")"
    );
    assert!(Country::new("Vn")
        .unwrap_err()
        .expected()
        .ends_with("(found lower case; write \"VN\")"));
    assert!(Country::new("eu")
        .unwrap_err()
        .expected()
        .ends_with("write \"EU\")"));
}

#[test]
fn unknown_codes_are_rejected_as_not_assigned() {
    for code in ["ZZ", "AA", "QM", "XA", "AN", "TP"] {
        let err = Country::new(code).unwrap_err();
        assert_eq!(err.kind(), ValueKind::Country);
        assert!(
            err.expected()
                .contains("is not an assigned ISO 3166-1 alpha-2 code or EU"),
            "{err}"
        );
    }
    assert_eq!(
        Country::new("ZZ").unwrap_err().to_string(),
        "invalid country code \"ZZ\": expected an assigned ISO 3166-1 alpha-2 code such as \
         \"KR\", or EU (\"ZZ\" is not an assigned ISO 3166-1 alpha-2 code or EU)"
    );
}

#[test]
fn reserved_codes_in_common_use_name_the_assigned_code() {
    assert!(Country::new("UK")
        .unwrap_err()
        .expected()
        .ends_with("write \"GB\")"));
    assert!(Country::new("EL")
        .unwrap_err()
        .expected()
        .ends_with("write \"GR\")"));
    assert!(Country::new("uk")
        .unwrap_err()
        .expected()
        .ends_with("write \"GB\")"));
}

#[test]
fn malformed_codes_are_rejected() {
    for code in ["", " ", "K", "KOR", "K1", "12", "K-", "ÉU", "ＫＲ", "🇰🇷"] {
        let err = Country::new(code).unwrap_err();
        assert_eq!(err.kind(), ValueKind::Country);
        assert_eq!(err.text(), code);
    }
    assert!(Country::new(" KR")
        .unwrap_err()
        .expected()
        .ends_with("(found surrounding whitespace; write \"KR\")"));
    assert!(Country::new("")
        .unwrap_err()
        .expected()
        .ends_with("(found empty text)"));
}

#[test]
fn names_of_korea_viet_nam_and_the_eu_are_the_english_short_names() {
    assert_eq!(Country::KR.name(), "Republic of Korea");
    assert_eq!(
        Country::new("KP").map(|c| c.name()),
        Ok("Democratic People's Republic of Korea")
    );
    assert_eq!(Country::VN.name(), "Viet Nam");
    assert_eq!(Country::EU.name(), "European Union");
    assert_eq!(Country::new("XK").map(|c| c.name()), Ok("Kosovo"));
    assert_eq!(Country::US.name(), "United States of America");
    assert_eq!(
        Country::new("GB").map(|c| c.name()),
        Ok("United Kingdom of Great Britain and Northern Ireland")
    );
}

#[test]
fn only_the_eu_is_a_bloc() {
    let blocs: Vec<Country> = Country::all().filter(Country::is_bloc).collect();
    assert_eq!(blocs, [Country::EU]);
}

#[test]
fn a_country_is_two_bytes_shown_as_its_code() {
    assert_eq!(std::mem::size_of::<Option<Country>>(), 4);
    assert_eq!(std::mem::size_of::<Country>(), 2);
    assert_eq!(format!("{:?}", Country::KR), "Country(\"KR\")");
    assert_eq!(format!("{}", Country::EU), "EU");
    assert_eq!(format!("[{:>4}]", Country::JP), "[  JP]");
    assert_eq!(Country::SG.as_ref(), "SG");
    assert_eq!(Country::try_from("US"), Ok(Country::US));
    assert_eq!(Country::try_from("VN".to_owned()), Ok(Country::VN));
    assert!(Country::try_from("vn".to_owned()).is_err());
}

#[test]
fn countries_order_alphabetically_by_code() {
    let mut countries = vec![
        Country::VN,
        Country::EU,
        Country::US,
        Country::KR,
        Country::JP,
    ];
    countries.sort();
    assert_eq!(
        countries,
        [
            Country::EU,
            Country::JP,
            Country::KR,
            Country::US,
            Country::VN
        ]
    );
}

#[test]
fn countries_round_trip_through_serde_as_code_strings() {
    let countries = vec![Country::KR, Country::EU, Country::VN];
    let json = serde_json::to_string(&countries).unwrap();
    assert_eq!(json, r#"["KR","EU","VN"]"#);
    let back: Vec<Country> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, countries);
    let owned: Country = serde_json::from_value(serde_json::json!("JP")).unwrap();
    assert_eq!(owned, Country::JP);
}

#[test]
fn serde_rejects_bad_codes_with_the_value_error_message() {
    let err = serde_json::from_str::<Country>(r#""kr""#).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(&Country::new("kr").unwrap_err().to_string()),
        "{message}"
    );
    assert!(message.contains("write \"KR\""), "{message}");
    let err = serde_json::from_str::<Country>("82").unwrap_err();
    assert!(err.to_string().contains("a country code"), "{err}");
}

#[test]
fn valid_language_tags_are_kept_as_given() {
    for tag in [
        "en",
        "ko",
        "es",
        "vi",
        "ja",
        "zh-Hant",
        "en-GB",
        "es-419",
        "yue",
        "sr-Latn-RS",
        "de-CH-1901",
        "en-a-bbb-x-a-ccc",
        "zh-Hant-TW-x-12345678",
    ] {
        let language = Language::new(tag).unwrap();
        assert_eq!(language.as_str(), tag);
        assert_eq!(language.to_string(), tag);
        assert_eq!(language.as_ref(), tag);
        assert_eq!(tag.parse::<Language>(), Ok(language.clone()));
        assert_eq!(Language::try_from(tag.to_owned()), Ok(language));
    }
    let longest = "abc-12345678-12345678-12345678-abcd";
    assert_eq!(longest.len(), 35);
    assert!(Language::new(longest).is_ok());
}

#[test]
fn invalid_language_tags_are_rejected() {
    for tag in [
        "",
        "e",
        "english",
        "EN",
        "En",
        "e1",
        "12",
        "en_GB",
        "en GB",
        " en",
        "en-",
        "-en",
        "en--GB",
        "en-123456789",
        "zh-Hant-",
        "x-private",
        "i-klingon",
        "ko-é",
        "abc-12345678-12345678-12345678-abcde",
    ] {
        let err = Language::new(tag).unwrap_err();
        assert_eq!(err.kind(), ValueKind::Language, "{tag:?}");
        assert!(err.expected().starts_with(LANGUAGE_EXPECTED), "{err}");
    }
    assert!(Language::new("EN")
        .unwrap_err()
        .expected()
        .contains("write \"en\""));
    assert!(Language::new("en_GB")
        .unwrap_err()
        .expected()
        .contains("separate subtags with '-'"));
}

#[test]
fn languages_round_trip_through_serde_and_reject_bad_tags() {
    let tags = vec![
        Language::new("ko").unwrap(),
        Language::new("zh-Hant").unwrap(),
    ];
    let json = serde_json::to_string(&tags).unwrap();
    assert_eq!(json, r#"["ko","zh-Hant"]"#);
    let back: Vec<Language> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, tags);
    let err = serde_json::from_str::<Language>(r#""en_GB""#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&Language::new("en_GB").unwrap_err().to_string()),
        "{err}"
    );
}

#[test]
fn languages_show_and_order_by_their_text() {
    let en = Language::new("en").unwrap();
    assert_eq!(format!("{en:?}"), "Language(\"en\")");
    assert!(en < Language::new("ko").unwrap());
}

#[test]
fn every_two_character_ascii_string_is_checked_without_panicking() {
    let mut accepted = 0;
    for a in 0u8..128 {
        for b in 0u8..128 {
            let text = String::from_utf8(vec![a, b]).unwrap();
            if let Ok(country) = Country::new(&text) {
                if country.code() != text {
                    assert!(country.is_former(), "{text:?}");
                }
                accepted += 1;
            }
            let _ = Language::new(&text);
        }
    }
    // The assigned codes, EU, XK, and DD, SU, VD and YD for former states.
    assert_eq!(accepted, 255);
}

#[test]
fn arbitrary_strings_never_panic() {
    let long = "k".repeat(10_000);
    let long_multibyte = "日".repeat(10_000);
    let strings = random_strings(5_000);
    let all = NASTY
        .iter()
        .copied()
        .chain([long.as_str(), long_multibyte.as_str()])
        .chain(strings.iter().map(String::as_str));
    for text in all {
        match Country::new(text) {
            Ok(country) => assert_eq!(Country::new(country.code()), Ok(country)),
            Err(err) => {
                assert_eq!(err.kind(), ValueKind::Country);
                assert!(err.text().chars().count() <= 81);
                let _ = err.to_string();
            }
        }
        match Language::new(text) {
            Ok(language) => assert_eq!(language.as_str(), text),
            Err(err) => {
                assert_eq!(err.kind(), ValueKind::Language);
                let _ = err.to_string();
            }
        }
        let _ = serde_json::from_value::<Country>(serde_json::Value::from(text));
        let _ = serde_json::from_value::<Language>(serde_json::Value::from(text));
    }
}

#[test]
fn the_former_states_parse_with_their_names_and_dissolution_days() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    for (code, name, dissolved) in [
        ("CSHH", "Czechoslovakia", day(1993, 1, 1)),
        ("CSXX", "Serbia and Montenegro", day(2006, 6, 3)),
        ("DDDE", "German Democratic Republic", day(1990, 10, 3)),
        (
            "SUHH",
            "Union of Soviet Socialist Republics",
            day(1991, 12, 26),
        ),
        ("VDVN", "Democratic Republic of Viet Nam", day(1976, 7, 2)),
        ("YDYE", "Democratic Yemen", day(1990, 5, 22)),
        (
            "YUCS",
            "Socialist Federal Republic of Yugoslavia",
            day(1992, 4, 27),
        ),
    ] {
        let country = Country::new(code).unwrap();
        assert_eq!(country.code(), code);
        assert_eq!(country.name(), name);
        assert_eq!(country.dissolved(), dissolved, "{code}");
        assert!(country.is_former() && !country.is_bloc());
        assert_eq!(country.to_string(), code);
        assert_eq!(code.parse::<Country>(), Ok(country));
    }
    assert_eq!(FORMER.len(), 7);
}

#[test]
fn every_former_state_has_a_valid_dissolution_day_and_no_current_state_has_one() {
    for country in Country::all() {
        assert_eq!(
            country.dissolved().is_some(),
            country.is_former(),
            "{country}"
        );
    }
    for pair in FORMER.windows(2) {
        assert!(pair[0].code < pair[1].code);
    }
}

#[test]
fn unambiguous_former_alpha_2_codes_stand_for_their_four_letter_codes() {
    for (alpha2, four) in [
        ("DD", "DDDE"),
        ("SU", "SUHH"),
        ("VD", "VDVN"),
        ("YD", "YDYE"),
    ] {
        let country = Country::new(alpha2).unwrap();
        assert_eq!(country.code(), four);
        assert_eq!(country.to_string(), four);
        assert_eq!(
            serde_json::to_string(&country).unwrap(),
            format!("\"{four}\"")
        );
        let back: Country = serde_json::from_str(&format!("\"{alpha2}\"")).unwrap();
        assert_eq!(back, country);
    }
    assert!(Country::new("dd")
        .unwrap_err()
        .expected()
        .ends_with("(found lower case; write \"DDDE\")"));
}

#[test]
fn cs_and_yu_are_refused_with_both_four_letter_codes_suggested() {
    let cs = Country::new("CS").unwrap_err();
    assert_eq!(cs.kind(), ValueKind::Country);
    assert_eq!(
        cs.to_string(),
        "invalid country code \"CS\": expected a code that names one state (\"CS\" named \
         two states; write \"CSHH\" for Czechoslovakia, dissolved 1993-01-01, or \"CSXX\" \
         for Serbia and Montenegro, 2003-2006)"
    );
    let yu = Country::new("YU").unwrap_err().to_string();
    assert!(
        yu.contains("write \"YUCS\" for the Socialist Federal Republic of Yugoslavia"),
        "{yu}"
    );
    assert!(
        yu.contains("\"CSXX\" for the Federal Republic of Yugoslavia"),
        "{yu}"
    );
    assert!(Country::new("cs")
        .unwrap_err()
        .expected()
        .contains("\"CSHH\""));
    assert!(serde_json::from_str::<Country>("\"YU\"")
        .unwrap_err()
        .to_string()
        .contains("\"YUCS\""));
}

#[test]
fn renamed_states_are_refused_with_a_hint_to_write_the_code_of_today() {
    for (old, today) in [
        ("DY", "BJ"),
        ("DYBJ", "BJ"),
        ("HV", "BF"),
        ("HVBF", "BF"),
        ("ZR", "CD"),
        ("ZRCD", "CD"),
        ("BU", "MM"),
        ("BUMM", "MM"),
        ("BYAA", "BY"),
    ] {
        let err = Country::new(old).unwrap_err();
        assert!(
            err.expected()
                .ends_with(&format!("the same state; write \"{today}\")")),
            "{err}"
        );
    }
    assert_eq!(
        Country::new("DYBJ").unwrap_err().expected(),
        "the code of the state today (\"DYBJ\" is Dahomey, renamed Benin on 1975-11-30: \
         the same state; write \"BJ\")"
    );
}

#[test]
fn unknown_four_letter_codes_list_the_former_states_known() {
    for code in ["ANHH", "NHVU", "RHZW", "TPTL", "ABCD", "KRKR"] {
        let err = Country::new(code).unwrap_err();
        assert!(
            err.expected()
                .ends_with("known: CSHH, CSXX, DDDE, SUHH, VDVN, YDYE, YUCS)"),
            "{err}"
        );
    }
}

#[test]
fn former_states_order_alphabetically_among_the_codes() {
    let codes =
        |list: &[&str]| -> Vec<Country> { list.iter().map(|c| Country::new(c).unwrap()).collect() };
    let mut countries = codes(&["CU", "DE", "CSXX", "CZ", "CSHH", "CR", "DDDE"]);
    countries.sort();
    let sorted: Vec<&str> = countries.iter().map(Country::code).collect();
    assert_eq!(sorted, ["CR", "CSHH", "CSXX", "CU", "CZ", "DDDE", "DE"]);
}

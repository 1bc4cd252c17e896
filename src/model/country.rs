//! Country and bloc codes ([`Country`]) and language tags ([`Language`]).

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{ValueError, ValueKind};

/// Every accepted code with its English short name, sorted by code: the 249
/// officially assigned ISO 3166-1 alpha-2 codes (2024), plus `EU` and `XK`.
///
/// Names follow the United Nations' English short names, which ISO 3166
/// shares for member states.
const TABLE: &[([u8; 2], &str)] = &[
    (*b"AD", "Andorra"),
    (*b"AE", "United Arab Emirates"),
    (*b"AF", "Afghanistan"),
    (*b"AG", "Antigua and Barbuda"),
    (*b"AI", "Anguilla"),
    (*b"AL", "Albania"),
    (*b"AM", "Armenia"),
    (*b"AO", "Angola"),
    (*b"AQ", "Antarctica"),
    (*b"AR", "Argentina"),
    (*b"AS", "American Samoa"),
    (*b"AT", "Austria"),
    (*b"AU", "Australia"),
    (*b"AW", "Aruba"),
    (*b"AX", "Åland Islands"),
    (*b"AZ", "Azerbaijan"),
    (*b"BA", "Bosnia and Herzegovina"),
    (*b"BB", "Barbados"),
    (*b"BD", "Bangladesh"),
    (*b"BE", "Belgium"),
    (*b"BF", "Burkina Faso"),
    (*b"BG", "Bulgaria"),
    (*b"BH", "Bahrain"),
    (*b"BI", "Burundi"),
    (*b"BJ", "Benin"),
    (*b"BL", "Saint Barthélemy"),
    (*b"BM", "Bermuda"),
    (*b"BN", "Brunei Darussalam"),
    (*b"BO", "Bolivia (Plurinational State of)"),
    (*b"BQ", "Bonaire, Sint Eustatius and Saba"),
    (*b"BR", "Brazil"),
    (*b"BS", "Bahamas"),
    (*b"BT", "Bhutan"),
    (*b"BV", "Bouvet Island"),
    (*b"BW", "Botswana"),
    (*b"BY", "Belarus"),
    (*b"BZ", "Belize"),
    (*b"CA", "Canada"),
    (*b"CC", "Cocos (Keeling) Islands"),
    (*b"CD", "Democratic Republic of the Congo"),
    (*b"CF", "Central African Republic"),
    (*b"CG", "Congo"),
    (*b"CH", "Switzerland"),
    (*b"CI", "Côte d'Ivoire"),
    (*b"CK", "Cook Islands"),
    (*b"CL", "Chile"),
    (*b"CM", "Cameroon"),
    (*b"CN", "China"),
    (*b"CO", "Colombia"),
    (*b"CR", "Costa Rica"),
    (*b"CU", "Cuba"),
    (*b"CV", "Cabo Verde"),
    (*b"CW", "Curaçao"),
    (*b"CX", "Christmas Island"),
    (*b"CY", "Cyprus"),
    (*b"CZ", "Czechia"),
    (*b"DE", "Germany"),
    (*b"DJ", "Djibouti"),
    (*b"DK", "Denmark"),
    (*b"DM", "Dominica"),
    (*b"DO", "Dominican Republic"),
    (*b"DZ", "Algeria"),
    (*b"EC", "Ecuador"),
    (*b"EE", "Estonia"),
    (*b"EG", "Egypt"),
    (*b"EH", "Western Sahara"),
    (*b"ER", "Eritrea"),
    (*b"ES", "Spain"),
    (*b"ET", "Ethiopia"),
    (*b"EU", "European Union"),
    (*b"FI", "Finland"),
    (*b"FJ", "Fiji"),
    (*b"FK", "Falkland Islands (Malvinas)"),
    (*b"FM", "Micronesia (Federated States of)"),
    (*b"FO", "Faroe Islands"),
    (*b"FR", "France"),
    (*b"GA", "Gabon"),
    (
        *b"GB",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    (*b"GD", "Grenada"),
    (*b"GE", "Georgia"),
    (*b"GF", "French Guiana"),
    (*b"GG", "Guernsey"),
    (*b"GH", "Ghana"),
    (*b"GI", "Gibraltar"),
    (*b"GL", "Greenland"),
    (*b"GM", "Gambia"),
    (*b"GN", "Guinea"),
    (*b"GP", "Guadeloupe"),
    (*b"GQ", "Equatorial Guinea"),
    (*b"GR", "Greece"),
    (*b"GS", "South Georgia and the South Sandwich Islands"),
    (*b"GT", "Guatemala"),
    (*b"GU", "Guam"),
    (*b"GW", "Guinea-Bissau"),
    (*b"GY", "Guyana"),
    (*b"HK", "Hong Kong"),
    (*b"HM", "Heard Island and McDonald Islands"),
    (*b"HN", "Honduras"),
    (*b"HR", "Croatia"),
    (*b"HT", "Haiti"),
    (*b"HU", "Hungary"),
    (*b"ID", "Indonesia"),
    (*b"IE", "Ireland"),
    (*b"IL", "Israel"),
    (*b"IM", "Isle of Man"),
    (*b"IN", "India"),
    (*b"IO", "British Indian Ocean Territory"),
    (*b"IQ", "Iraq"),
    (*b"IR", "Iran (Islamic Republic of)"),
    (*b"IS", "Iceland"),
    (*b"IT", "Italy"),
    (*b"JE", "Jersey"),
    (*b"JM", "Jamaica"),
    (*b"JO", "Jordan"),
    (*b"JP", "Japan"),
    (*b"KE", "Kenya"),
    (*b"KG", "Kyrgyzstan"),
    (*b"KH", "Cambodia"),
    (*b"KI", "Kiribati"),
    (*b"KM", "Comoros"),
    (*b"KN", "Saint Kitts and Nevis"),
    (*b"KP", "Democratic People's Republic of Korea"),
    (*b"KR", "Republic of Korea"),
    (*b"KW", "Kuwait"),
    (*b"KY", "Cayman Islands"),
    (*b"KZ", "Kazakhstan"),
    (*b"LA", "Lao People's Democratic Republic"),
    (*b"LB", "Lebanon"),
    (*b"LC", "Saint Lucia"),
    (*b"LI", "Liechtenstein"),
    (*b"LK", "Sri Lanka"),
    (*b"LR", "Liberia"),
    (*b"LS", "Lesotho"),
    (*b"LT", "Lithuania"),
    (*b"LU", "Luxembourg"),
    (*b"LV", "Latvia"),
    (*b"LY", "Libya"),
    (*b"MA", "Morocco"),
    (*b"MC", "Monaco"),
    (*b"MD", "Republic of Moldova"),
    (*b"ME", "Montenegro"),
    (*b"MF", "Saint Martin (French part)"),
    (*b"MG", "Madagascar"),
    (*b"MH", "Marshall Islands"),
    (*b"MK", "North Macedonia"),
    (*b"ML", "Mali"),
    (*b"MM", "Myanmar"),
    (*b"MN", "Mongolia"),
    (*b"MO", "Macao"),
    (*b"MP", "Northern Mariana Islands"),
    (*b"MQ", "Martinique"),
    (*b"MR", "Mauritania"),
    (*b"MS", "Montserrat"),
    (*b"MT", "Malta"),
    (*b"MU", "Mauritius"),
    (*b"MV", "Maldives"),
    (*b"MW", "Malawi"),
    (*b"MX", "Mexico"),
    (*b"MY", "Malaysia"),
    (*b"MZ", "Mozambique"),
    (*b"NA", "Namibia"),
    (*b"NC", "New Caledonia"),
    (*b"NE", "Niger"),
    (*b"NF", "Norfolk Island"),
    (*b"NG", "Nigeria"),
    (*b"NI", "Nicaragua"),
    (*b"NL", "Netherlands (Kingdom of the)"),
    (*b"NO", "Norway"),
    (*b"NP", "Nepal"),
    (*b"NR", "Nauru"),
    (*b"NU", "Niue"),
    (*b"NZ", "New Zealand"),
    (*b"OM", "Oman"),
    (*b"PA", "Panama"),
    (*b"PE", "Peru"),
    (*b"PF", "French Polynesia"),
    (*b"PG", "Papua New Guinea"),
    (*b"PH", "Philippines"),
    (*b"PK", "Pakistan"),
    (*b"PL", "Poland"),
    (*b"PM", "Saint Pierre and Miquelon"),
    (*b"PN", "Pitcairn"),
    (*b"PR", "Puerto Rico"),
    (*b"PS", "State of Palestine"),
    (*b"PT", "Portugal"),
    (*b"PW", "Palau"),
    (*b"PY", "Paraguay"),
    (*b"QA", "Qatar"),
    (*b"RE", "Réunion"),
    (*b"RO", "Romania"),
    (*b"RS", "Serbia"),
    (*b"RU", "Russian Federation"),
    (*b"RW", "Rwanda"),
    (*b"SA", "Saudi Arabia"),
    (*b"SB", "Solomon Islands"),
    (*b"SC", "Seychelles"),
    (*b"SD", "Sudan"),
    (*b"SE", "Sweden"),
    (*b"SG", "Singapore"),
    (*b"SH", "Saint Helena, Ascension and Tristan da Cunha"),
    (*b"SI", "Slovenia"),
    (*b"SJ", "Svalbard and Jan Mayen"),
    (*b"SK", "Slovakia"),
    (*b"SL", "Sierra Leone"),
    (*b"SM", "San Marino"),
    (*b"SN", "Senegal"),
    (*b"SO", "Somalia"),
    (*b"SR", "Suriname"),
    (*b"SS", "South Sudan"),
    (*b"ST", "Sao Tome and Principe"),
    (*b"SV", "El Salvador"),
    (*b"SX", "Sint Maarten (Dutch part)"),
    (*b"SY", "Syrian Arab Republic"),
    (*b"SZ", "Eswatini"),
    (*b"TC", "Turks and Caicos Islands"),
    (*b"TD", "Chad"),
    (*b"TF", "French Southern Territories"),
    (*b"TG", "Togo"),
    (*b"TH", "Thailand"),
    (*b"TJ", "Tajikistan"),
    (*b"TK", "Tokelau"),
    (*b"TL", "Timor-Leste"),
    (*b"TM", "Turkmenistan"),
    (*b"TN", "Tunisia"),
    (*b"TO", "Tonga"),
    (*b"TR", "Türkiye"),
    (*b"TT", "Trinidad and Tobago"),
    (*b"TV", "Tuvalu"),
    (*b"TW", "Taiwan (Province of China)"),
    (*b"TZ", "United Republic of Tanzania"),
    (*b"UA", "Ukraine"),
    (*b"UG", "Uganda"),
    (*b"UM", "United States Minor Outlying Islands"),
    (*b"US", "United States of America"),
    (*b"UY", "Uruguay"),
    (*b"UZ", "Uzbekistan"),
    (*b"VA", "Holy See"),
    (*b"VC", "Saint Vincent and the Grenadines"),
    (*b"VE", "Venezuela (Bolivarian Republic of)"),
    (*b"VG", "British Virgin Islands"),
    (*b"VI", "United States Virgin Islands"),
    (*b"VN", "Viet Nam"),
    (*b"VU", "Vanuatu"),
    (*b"WF", "Wallis and Futuna"),
    (*b"WS", "Samoa"),
    (*b"XK", "Kosovo"),
    (*b"YE", "Yemen"),
    (*b"YT", "Mayotte"),
    (*b"ZA", "South Africa"),
    (*b"ZM", "Zambia"),
    (*b"ZW", "Zimbabwe"),
];

/// Codes that ISO 3166 reserves but does not assign, and that sources often
/// use in place of an assigned code, with that code.
const ALIASES: &[([u8; 2], &str)] = &[
    // Used by the EU for Greece.
    (*b"EL", "GR"),
    // Used for the United Kingdom, reserved at its request.
    (*b"UK", "GB"),
];

/// What a valid country code looks like, for error messages.
const COUNTRY_EXPECTED: &str =
    "an upper-case ISO 3166-1 alpha-2 code such as \"KR\", or EU for the European Union";

/// The position of `code` in [`TABLE`], if it is an accepted code.
fn position(code: [u8; 2]) -> Option<usize> {
    TABLE.binary_search_by(|(entry, _)| entry.cmp(&code)).ok()
}

/// A country or bloc code: an officially assigned ISO 3166-1 alpha-2 code,
/// `EU` for the European Union or `XK` for Kosovo.
///
/// It is two bytes and `Copy`; codes order alphabetically. It is written, shown
/// and serialized as the upper-case code (`"KR"`).
///
/// # Country codes
///
/// A [`Country`] is one of:
///
/// * an ISO 3166-1 alpha-2 code that is *officially assigned* — all 249 of
///   them as of 2024, from `AD` (Andorra) to `ZW` (Zimbabwe), including
///   dependent territories such as `HK` or `GL`;
/// * `EU`, the European Union. ISO 3166 does not assign it but keeps it
///   *exceptionally reserved* for the EU. pactum needs it as a code because the
///   EU is a party to partnerships in its own right: the EU–Korea Digital
///   Partnership was concluded by the Union, not by its member states, and the
///   Commission's directorates-general are institutions of the EU, not of any
///   one country;
/// * `XK`, Kosovo: a user-assigned code that the EU, the IMF and many others
///   use while ISO assigns none.
///
/// Codes are written in upper case, exactly as ISO writes them: the data
/// format allows one spelling per country, so `kr` is rejected with a hint to
/// write `KR`. Reserved codes that are not assigned, such as `UK` or `EL`,
/// are rejected too, with a hint naming the assigned code (`GB`, `GR`).
///
/// ```
/// use pactum::Country;
///
/// let korea: Country = "KR".parse()?;
/// assert_eq!(korea, Country::KR);
/// assert_eq!(korea.name(), "Republic of Korea");
/// assert!(Country::EU.is_bloc());
/// assert!("kr".parse::<Country>().is_err());
/// # Ok::<(), pactum::ValueError>(())
/// ```
///
/// # Language tags
///
/// A [`Language`] is the BCP 47 tag of the language a source is written in
/// (`en`, `ko`, `vi`, `zh-Hant`, `en-GB`). Its shape is checked — a
/// lower-case primary language subtag of two or three letters, then subtags of
/// one to eight letters or digits, at most 35 characters in all — and the text
/// is kept as given.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

impl Country {
    /// The Republic of Korea.
    pub const KR: Country = Country(*b"KR");
    /// The United States of America.
    pub const US: Country = Country(*b"US");
    /// The European Union, a party to partnerships in its own right.
    pub const EU: Country = Country(*b"EU");
    /// Viet Nam.
    pub const VN: Country = Country(*b"VN");
    /// Japan.
    pub const JP: Country = Country(*b"JP");
    /// Singapore.
    pub const SG: Country = Country(*b"SG");

    /// Parses a country or bloc code.
    ///
    /// The code must be written exactly: two upper-case letters naming an
    /// officially assigned ISO 3166-1 alpha-2 code, `EU` or `XK`.
    ///
    /// # Errors
    ///
    /// A [`ValueError`] of kind [`ValueKind::Country`] if `code` is not
    /// exactly such a code. The message says what to write instead where it
    /// can tell: `kr` is a lower-case `KR`, `UK` is written `GB`.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Country, ValueKind};
    ///
    /// assert_eq!(Country::new("VN")?, Country::VN);
    /// assert_eq!(Country::new("EU")?.name(), "European Union");
    ///
    /// let err = Country::new("kr").unwrap_err();
    /// assert_eq!(err.kind(), ValueKind::Country);
    /// assert!(err.to_string().contains("write \"KR\""));
    /// assert!(Country::new("ZZ").is_err());
    /// # Ok::<(), pactum::ValueError>(())
    /// ```
    pub fn new(code: &str) -> Result<Country, ValueError> {
        let bytes = code.as_bytes();
        if let [a, b] = *bytes {
            if position([a, b]).is_some() {
                return Ok(Country([a, b]));
            }
        }
        Err(country_error(code))
    }

    /// Every accepted code, in alphabetical order: the 249 assigned ISO
    /// 3166-1 alpha-2 codes, `EU` and `XK`.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::Country;
    ///
    /// assert_eq!(Country::all().count(), 251);
    /// assert_eq!(Country::all().next().map(|c| c.to_string()), Some("AD".to_owned()));
    /// assert!(Country::all().any(|c| c == Country::EU));
    /// ```
    pub fn all() -> impl Iterator<Item = Country> {
        TABLE.iter().map(|&(code, _)| Country(code))
    }

    /// The code, such as `"KR"`.
    pub fn code(&self) -> &str {
        // Always two ASCII letters, so always UTF-8.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The English short name, such as `"Republic of Korea"`, `"Viet Nam"`
    /// or, for `EU`, `"European Union"`.
    pub fn name(&self) -> &'static str {
        match position(self.0).and_then(|i| TABLE.get(i)) {
            Some(&(_, name)) => name,
            // Unreachable: every `Country` is built from a table entry.
            None => "",
        }
    }

    /// Whether this is a bloc of countries rather than one country: true only
    /// for `EU`.
    pub fn is_bloc(&self) -> bool {
        *self == Country::EU
    }
}

/// Builds the error for `code`, which is not an accepted code.
fn country_error(code: &str) -> ValueError {
    let err = |expected: String| ValueError::new(ValueKind::Country, code, expected);
    let trimmed = code.trim();
    if trimmed.is_empty() {
        return err(format!("{COUNTRY_EXPECTED} (found empty text)"));
    }
    if trimmed != code {
        if let Ok(country) = Country::new(trimmed) {
            return err(format!(
                "{COUNTRY_EXPECTED} (found surrounding whitespace; write \"{country}\")"
            ));
        }
    }
    let [a, b] = match *trimmed.as_bytes() {
        [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => [a, b],
        _ => return err(format!("{COUNTRY_EXPECTED} (a code is two ASCII letters)")),
    };
    let upper = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
    let upper_text = String::from_utf8_lossy(&upper);
    let lower = upper != [a, b];
    if lower && trimmed == code && position(upper).is_some() {
        return err(format!(
            "an upper-case ISO 3166-1 alpha-2 code such as \"KR\" \
             (found lower case; write \"{upper_text}\")"
        ));
    }
    if let Some(&(_, assigned)) = ALIASES.iter().find(|(alias, _)| *alias == upper) {
        return err(format!(
            "an assigned ISO 3166-1 alpha-2 code such as \"KR\" \
             (\"{upper_text}\" is reserved but not assigned; write \"{assigned}\")"
        ));
    }
    if lower {
        return err(format!("{COUNTRY_EXPECTED} (found lower case)"));
    }
    err(format!(
        "an assigned ISO 3166-1 alpha-2 code such as \"KR\", or EU \
         (\"{upper_text}\" is not an assigned ISO 3166-1 alpha-2 code or EU)"
    ))
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Country").field(&self.code()).finish()
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl FromStr for Country {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Country, ValueError> {
        Country::new(s)
    }
}

impl TryFrom<&str> for Country {
    type Error = ValueError;

    fn try_from(s: &str) -> Result<Country, ValueError> {
        Country::new(s)
    }
}

impl TryFrom<String> for Country {
    type Error = ValueError;

    fn try_from(s: String) -> Result<Country, ValueError> {
        Country::new(&s)
    }
}

impl AsRef<str> for Country {
    fn as_ref(&self) -> &str {
        self.code()
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Country, D::Error> {
        deserializer.deserialize_str(ParseVisitor::<Country>::new(
            "a country code such as \"KR\"",
        ))
    }
}

/// The longest language tag accepted, in characters.
const LANGUAGE_MAX_LEN: usize = 35;

/// What a valid language tag looks like, for error messages.
const LANGUAGE_EXPECTED: &str = "a BCP 47 language tag such as \"en\", \"ko\" or \"zh-Hant\"";

/// The BCP 47 language tag of a source, such as `en`, `ko`, `vi`, `zh-Hant`
/// or `en-GB`.
///
/// Its shape is checked, not its registry entry: a primary language subtag of
/// two or three lower-case ASCII letters, then any number of subtags of one to
/// eight ASCII letters or digits, each after a `-`, at most 35 characters in
/// all. The text is kept as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(Box<str>);

impl Language {
    /// Parses a language tag.
    ///
    /// # Errors
    ///
    /// A [`ValueError`] of kind [`ValueKind::Language`] if `tag` does not have
    /// the shape of a BCP 47 tag described on [`Language`]; the message says
    /// which part is wrong.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Language, ValueKind};
    ///
    /// assert_eq!(Language::new("zh-Hant")?.as_str(), "zh-Hant");
    /// assert!(Language::new("en-GB").is_ok());
    ///
    /// let err = Language::new("EN").unwrap_err();
    /// assert_eq!(err.kind(), ValueKind::Language);
    /// assert!(Language::new("english").is_err());
    /// assert!(Language::new("en_GB").is_err());
    /// # Ok::<(), pactum::ValueError>(())
    /// ```
    pub fn new(tag: &str) -> Result<Language, ValueError> {
        check_language(tag)?;
        Ok(Language(tag.into()))
    }

    /// The tag as given, such as `"en"` or `"zh-Hant"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks the shape of a language tag.
fn check_language(tag: &str) -> Result<(), ValueError> {
    let err = |why: String| {
        Err(ValueError::new(
            ValueKind::Language,
            tag,
            format!("{LANGUAGE_EXPECTED} ({why})"),
        ))
    };
    if tag.is_empty() {
        return err("found empty text".to_owned());
    }
    if let Some(c) = tag
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
    {
        let hint = if c == '_' {
            "; separate subtags with '-'"
        } else {
            ""
        };
        return err(format!(
            "ascii letters, digits and '-' only; found {c:?}{hint}"
        ));
    }
    // Only ASCII is left, so bytes are characters.
    if tag.len() > LANGUAGE_MAX_LEN {
        return err(format!(
            "at most {LANGUAGE_MAX_LEN} characters; found {}",
            tag.len()
        ));
    }
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return err(format!(
            "a primary language subtag of 2 or 3 letters first; found {primary:?}"
        ));
    }
    if primary.bytes().any(|b| b.is_ascii_uppercase()) {
        return err(format!(
            "a lower-case primary language subtag; write {:?}",
            primary.to_ascii_lowercase()
        ));
    }
    for subtag in subtags {
        if subtag.is_empty() {
            return err("an empty subtag: no '-' at the end or twice in a row".to_owned());
        }
        if subtag.len() > 8 {
            return err(format!(
                "subtags of 1 to 8 letters or digits; found {subtag:?}"
            ));
        }
    }
    Ok(())
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl FromStr for Language {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Language, ValueError> {
        Language::new(s)
    }
}

impl TryFrom<&str> for Language {
    type Error = ValueError;

    fn try_from(s: &str) -> Result<Language, ValueError> {
        Language::new(s)
    }
}

impl TryFrom<String> for Language {
    type Error = ValueError;

    fn try_from(s: String) -> Result<Language, ValueError> {
        check_language(&s)?;
        Ok(Language(s.into_boxed_str()))
    }
}

impl AsRef<str> for Language {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Language, D::Error> {
        deserializer.deserialize_str(ParseVisitor::<Language>::new(
            "a language tag such as \"en\"",
        ))
    }
}

/// Deserializes a `T` from a string through its `FromStr`, reporting the
/// [`ValueError`] message on failure.
struct ParseVisitor<T> {
    expecting: &'static str,
    marker: std::marker::PhantomData<fn() -> T>,
}

impl<T> ParseVisitor<T> {
    fn new(expecting: &'static str) -> ParseVisitor<T> {
        ParseVisitor {
            expecting,
            marker: std::marker::PhantomData,
        }
    }
}

impl<T: FromStr<Err = ValueError>> Visitor<'_> for ParseVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
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
            'a', 'k', 'r', 'z', 'E', 'K', 'R', 'U', 'Z', '0', '9', '-', '_', ' ', 'é', 'ß', '日',
            '🇰', '\u{0}', '\u{301}',
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
        for &(code, name) in TABLE {
            let text = std::str::from_utf8(&code).expect("table codes are ASCII");
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
    fn the_table_has_249_iso_codes_plus_eu_and_xk() {
        assert_eq!(TABLE.len(), 251);
        let others: Vec<&[u8; 2]> = TABLE
            .iter()
            .map(|(code, _)| code)
            .filter(|code| *code == b"EU" || *code == b"XK")
            .collect();
        assert_eq!(others, [b"EU", b"XK"]);
        assert_eq!(TABLE.len() - others.len(), 249);
    }

    #[test]
    fn table_codes_are_two_upper_case_letters_and_names_are_trimmed() {
        for (code, name) in TABLE {
            assert!(code.iter().all(u8::is_ascii_uppercase), "{code:?}");
            assert!(!name.is_empty() && name.trim() == *name, "{name:?}");
        }
    }

    #[test]
    fn all_yields_every_code_in_order() {
        let all: Vec<Country> = Country::all().collect();
        assert_eq!(all.len(), 251);
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
        for code in ["ZZ", "AA", "QM", "XA", "AN", "YU", "CS"] {
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
                    assert_eq!(country.code(), text);
                    accepted += 1;
                }
                let _ = Language::new(&text);
            }
        }
        assert_eq!(accepted, 251);
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
                Ok(country) => assert_eq!(country.code(), text),
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
}

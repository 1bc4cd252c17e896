//! Country and bloc codes ([`Country`]), current and former, and language
//! tags ([`Language`]).

mod language;
mod table;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{ValueError, ValueKind};

pub use language::Language;
use table::{ALIASES, AMBIGUOUS, FORMER, FORMER_ALPHA2, RENAMED, TABLE};

/// What a valid country code looks like, for error messages.
const COUNTRY_EXPECTED: &str =
    "an upper-case ISO 3166-1 alpha-2 code such as \"KR\", or EU for the European Union";

/// The position of `code` in [`TABLE`], if it is an accepted code as
/// written (not a former alpha-2 code).
fn position(code: &str) -> Option<usize> {
    if code.len() != 2 && code.len() != 4 {
        return None;
    }
    TABLE.binary_search_by(|(entry, _)| (*entry).cmp(code)).ok()
}

/// Whether two byte strings are equal, in a constant.
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The country of `code`, for the constants of [`Country`].
///
/// Only constants call it, so a code missing from the table stops the build
/// instead of a program.
const fn known(code: &str) -> Country {
    let mut i = 0;
    while i < TABLE.len() {
        if same(TABLE[i].0.as_bytes(), code.as_bytes()) {
            return Country(i as u16);
        }
        i += 1;
    }
    panic!("a country constant names a code missing from the table")
}

/// A country or bloc code: an officially assigned ISO 3166-1 alpha-2 code,
/// `EU` for the European Union, `XK` for Kosovo, or the ISO 3166-3 code of
/// a state that no longer exists (`DDDE`, `SUHH`, …).
///
/// It is two bytes (a position in a table of codes) and `Copy`; codes order
/// alphabetically. It is written, shown and serialized as the upper-case
/// code (`"KR"`, `"DDDE"`).
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
///   use while ISO assigns none;
/// * a **former state**, by its ISO 3166-3 four-letter code, with the day its
///   dissolution took effect ([`Country::dissolved`]):
///
/// | code | state | dissolved | how it ended |
/// | --- | --- | --- | --- |
/// | `CSHH` | Czechoslovakia | 1993-01-01 | split into Czechia and Slovakia at the close of 1992-12-31 |
/// | `CSXX` | Serbia and Montenegro (the Federal Republic of Yugoslavia until 2003-02-04) | 2006-06-03 | Montenegro declared independence; Serbia continued |
/// | `DDDE` | German Democratic Republic | 1990-10-03 | acceded to the Federal Republic of Germany |
/// | `SUHH` | Union of Soviet Socialist Republics | 1991-12-26 | declared ended by the Soviet of the Republics |
/// | `VDVN` | Democratic Republic of Viet Nam | 1976-07-02 | reunified as the Socialist Republic of Viet Nam (`VN`) |
/// | `YDYE` | Democratic Yemen | 1990-05-22 | united with the Yemen Arab Republic as Yemen (`YE`) |
/// | `YUCS` | Socialist Federal Republic of Yugoslavia | 1992-04-27 | dissolved; the Federal Republic of Yugoslavia is `CSXX` |
///
/// The day given is the **first day the state no longer existed**, as for
/// a succession (the predecessor no longer acts from its day) and a
/// termination (no longer in force on its day). Anything it does on or
/// after that day is done after it ceased to exist, which a lint reports
/// (`P-W015`).
///
/// The former alpha-2 codes that named one state only, `DD`, `SU`, `VD` and
/// `YD`, are accepted and stand for the four-letter code: `"DD"` parses as
/// `DDDE` and is saved as `"DDDE"`. `CS` and `YU` each named two states one
/// after the other (Czechoslovakia, then Serbia and Montenegro; the
/// Socialist Federal Republic of Yugoslavia, then the Federal Republic of
/// Yugoslavia), so they are refused with a hint naming both four-letter
/// codes. A state that was *renamed* is the same state and keeps one code,
/// today's: `DYBJ` or `DY` (Dahomey) is refused with a hint to write `BJ`,
/// likewise `HVBF`/`HV` (Upper Volta, `BF`), `ZRCD`/`ZR` (Zaire, `CD`),
/// `BUMM`/`BU` (Burma, `MM`) and `BYAA` (the Byelorussian SSR, `BY`).
/// ISO 3166-3 codes of territories that were never states (`ANHH`,
/// `NHVU`, `RHZW`, `TPTL`, …) are refused.
///
/// Codes are written in upper case, exactly as ISO writes them: the data
/// format allows one spelling per country, so `kr` is rejected with a hint to
/// write `KR`. Reserved codes that are not assigned, such as `UK` or `EL`,
/// are rejected too, with a hint naming the assigned code (`GB`, `GR`).
///
/// ```
/// use chrono::NaiveDate;
/// use pactum::Country;
///
/// let korea: Country = "KR".parse()?;
/// assert_eq!(korea, Country::KR);
/// assert_eq!(korea.name(), "Republic of Korea");
/// assert!(Country::EU.is_bloc());
/// assert!("kr".parse::<Country>().is_err());
///
/// let gdr: Country = "DD".parse()?;
/// assert_eq!(gdr.code(), "DDDE");
/// assert_eq!(gdr.dissolved(), NaiveDate::from_ymd_opt(1990, 10, 3));
/// assert!(gdr.is_former() && !korea.is_former());
/// assert!("CS".parse::<Country>().unwrap_err().to_string().contains("\"CSHH\""));
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
pub struct Country(u16);

impl Country {
    /// The Republic of Korea.
    pub const KR: Country = known("KR");
    /// The United States of America.
    pub const US: Country = known("US");
    /// The European Union, a party to partnerships in its own right.
    pub const EU: Country = known("EU");
    /// Viet Nam.
    pub const VN: Country = known("VN");
    /// Japan.
    pub const JP: Country = known("JP");
    /// Singapore.
    pub const SG: Country = known("SG");

    /// Parses a country or bloc code.
    ///
    /// The code must be written exactly: two upper-case letters naming an
    /// officially assigned ISO 3166-1 alpha-2 code, `EU` or `XK`; four
    /// naming a former state; or one of the former alpha-2 codes `DD`,
    /// `SU`, `VD`, `YD`, which stand for their four-letter code.
    ///
    /// # Errors
    ///
    /// A [`ValueError`] of kind [`ValueKind::Country`] if `code` is not
    /// exactly such a code. The message says what to write instead where it
    /// can tell: `kr` is a lower-case `KR`, `UK` is written `GB`, `CS` is
    /// `CSHH` or `CSXX`, Dahomey's `DY` is Benin's `BJ`.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Country, ValueKind};
    ///
    /// assert_eq!(Country::new("VN")?, Country::VN);
    /// assert_eq!(Country::new("EU")?.name(), "European Union");
    /// assert_eq!(Country::new("SU")?, Country::new("SUHH")?);
    ///
    /// let err = Country::new("kr").unwrap_err();
    /// assert_eq!(err.kind(), ValueKind::Country);
    /// assert!(err.to_string().contains("write \"KR\""));
    /// assert!(Country::new("ZZ").is_err());
    /// assert!(Country::new("YU").unwrap_err().to_string().contains("\"YUCS\""));
    /// # Ok::<(), pactum::ValueError>(())
    /// ```
    pub fn new(code: &str) -> Result<Country, ValueError> {
        // Today's codes first: the former alpha-2 codes are rare.
        let found = position(code).or_else(|| {
            FORMER_ALPHA2
                .iter()
                .find(|(alpha2, _)| *alpha2 == code)
                .and_then(|&(_, four)| position(four))
        });
        match found.and_then(|i| u16::try_from(i).ok()) {
            Some(i) => Ok(Country(i)),
            None => Err(country_error(code)),
        }
    }

    /// Every accepted code, in alphabetical order: the 249 assigned ISO
    /// 3166-1 alpha-2 codes, `EU`, `XK` and the former states' four-letter
    /// codes (not the former alpha-2 codes, which stand for those).
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::Country;
    ///
    /// assert_eq!(Country::all().count(), 258);
    /// assert_eq!(Country::all().filter(|c| c.is_former()).count(), 7);
    /// assert_eq!(Country::all().next().map(|c| c.to_string()), Some("AD".to_owned()));
    /// assert!(Country::all().any(|c| c == Country::EU));
    /// ```
    pub fn all() -> impl Iterator<Item = Country> {
        (0..TABLE.len()).filter_map(|i| u16::try_from(i).ok().map(Country))
    }

    /// The code, such as `"KR"` or `"DDDE"`.
    pub fn code(&self) -> &'static str {
        TABLE.get(usize::from(self.0)).map_or("", |&(code, _)| code)
    }

    /// The English short name, such as `"Republic of Korea"`, `"Viet Nam"`
    /// or, for `EU`, `"European Union"`; a former state's last name, such as
    /// `"German Democratic Republic"`.
    pub fn name(&self) -> &'static str {
        TABLE.get(usize::from(self.0)).map_or("", |&(_, name)| name)
    }

    /// Whether this is a bloc of countries rather than one country: true only
    /// for `EU`.
    pub fn is_bloc(&self) -> bool {
        *self == Country::EU
    }

    /// Whether this is a state that no longer exists (a four-letter ISO
    /// 3166-3 code such as `DDDE`).
    pub fn is_former(&self) -> bool {
        self.code().len() == 4
    }

    /// The day a former state's dissolution took effect: the first day it
    /// no longer existed (see the table on [`Country`]). `None` for a state
    /// or bloc that exists.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::Country;
    ///
    /// let ussr = Country::new("SUHH")?;
    /// assert_eq!(ussr.dissolved(), NaiveDate::from_ymd_opt(1991, 12, 26));
    /// assert_eq!(Country::KR.dissolved(), None);
    /// # Ok::<(), pactum::ValueError>(())
    /// ```
    pub fn dissolved(&self) -> Option<NaiveDate> {
        if !self.is_former() {
            return None;
        }
        let code = self.code();
        let former = FORMER.iter().find(|f| f.code == code)?;
        let (y, m, d) = former.dissolved;
        NaiveDate::from_ymd_opt(y, m, d)
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
    if !matches!(trimmed.len(), 2 | 4) || !trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
        return err(format!(
            "{COUNTRY_EXPECTED} (a code is two ASCII letters, or four for a former state)"
        ));
    }
    let upper = trimmed.to_ascii_uppercase();
    let lower = upper != trimmed;
    if lower && trimmed == code {
        if let Ok(country) = Country::new(&upper) {
            return err(format!(
                "an upper-case ISO 3166-1 alpha-2 code such as \"KR\" \
                 (found lower case; write \"{country}\")"
            ));
        }
    }
    if let Some(hint) = hint(&upper) {
        return err(hint);
    }
    if lower {
        return err(format!("{COUNTRY_EXPECTED} (found lower case)"));
    }
    if upper.len() == 4 {
        let known: Vec<&str> = FORMER.iter().map(|f| f.code).collect();
        return err(format!(
            "an ISO 3166-3 code of a former state such as \"DDDE\" (\"{upper}\" is not \
             the code of a former state; known: {})",
            known.join(", ")
        ));
    }
    err(format!(
        "an assigned ISO 3166-1 alpha-2 code such as \"KR\", or EU \
         (\"{upper}\" is not an assigned ISO 3166-1 alpha-2 code or EU)"
    ))
}

/// What to write instead of `upper`, a code that is refused although
/// sources use it: a reserved code, a code that named two states, or the
/// code of a renamed state.
fn hint(upper: &str) -> Option<String> {
    if let Some(&(_, assigned)) = ALIASES.iter().find(|(alias, _)| *alias == upper) {
        return Some(format!(
            "an assigned ISO 3166-1 alpha-2 code such as \"KR\" \
             (\"{upper}\" is reserved but not assigned; write \"{assigned}\")"
        ));
    }
    if let Some((_, [(a, a_is), (b, b_is)])) = AMBIGUOUS.iter().find(|(old, _)| *old == upper) {
        return Some(format!(
            "a code that names one state (\"{upper}\" named two states; write \"{a}\" \
             for {a_is}, or \"{b}\" for {b_is})"
        ));
    }
    RENAMED
        .iter()
        .find(|(old, ..)| *old == upper)
        .map(|&(_, was, today, renamed)| {
            let name = Country::new(today).map_or("", |c| c.name());
            format!(
                "the code of the state today (\"{upper}\" is {was}, renamed {name} on \
                 {renamed}: the same state; write \"{today}\")"
            )
        })
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

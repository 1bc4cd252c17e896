//! How names and keys are written: the normal form in which names are
//! compared, and the near misses worth suggesting ("did you mean").
//!
//! One metric serves every suggestion pactum makes: a dangling reference in
//! a file, an unknown key in a query and a name that matches nothing are
//! all judged by Damerau-Levenshtein distance, so a swapped pair of letters
//! (`kr-mist` for `kr-msit`) counts as one edit wherever it is made.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The form in which names are compared: compatibility-normalised (NFKC),
/// case-folded, without diacritics on Latin, Greek and Cyrillic letters,
/// with `&` read as `and`, and with every character that is not a letter or a
/// digit dropped (spaces, hyphens, dots and other punctuation).
///
/// Letters of other scripts keep their marks: a Japanese voiced kana is a
/// different letter from its unvoiced form, and a Hangul syllable stays whole.
///
/// # Example
///
/// ```
/// use pactum::names::normalize;
///
/// assert_eq!(normalize("5G"), normalize("5g"));
/// assert_eq!(normalize("fifth-generation mobile"), "fifthgenerationmobile");
/// assert_eq!(normalize("Việt Nam"), normalize("Viet Nam"));
/// assert_eq!(normalize("Đà Nẵng"), "danang");
/// assert_eq!(normalize("R&D"), "randd");
/// assert_eq!(normalize("과학기술정보통신부"), "과학기술정보통신부");
/// assert_eq!(normalize("ＭＳＩＴ"), "msit");
/// ```
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        // Most names are ASCII: no decomposition, no marks, no folding
        // beyond lower case, so skip the Unicode machinery.
        let mut out = String::with_capacity(text.len());
        for b in text.bytes() {
            if b == b'&' {
                out.push_str("and");
            } else if b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
        return out;
    }
    let mut out = String::with_capacity(text.len());
    // The base letter the next combining marks belong to: marks on Latin,
    // Greek and Cyrillic letters are diacritics and are dropped.
    let mut base_is_european = false;
    for c in text.nfkd() {
        if is_combining_mark(c) {
            if !base_is_european {
                out.push(c);
            }
            continue;
        }
        base_is_european = is_european_letter(c);
        if c == '&' {
            out.push_str("and");
            continue;
        }
        if !c.is_alphanumeric() {
            continue;
        }
        match fold_letter(c) {
            Some(folded) => out.push_str(folded),
            None => out.extend(c.to_lowercase()),
        }
    }
    // Recompose what decomposition split apart (Hangul syllables, kana with
    // their kept marks), so equal names have one form.
    out.nfc().collect()
}

/// Whether `c` is a letter of the Latin, Greek or Cyrillic scripts.
fn is_european_letter(c: char) -> bool {
    c.is_alphabetic() && (c < '\u{0530}' || ('\u{1E00}'..='\u{1FFF}').contains(&c))
}

/// Letters that carry a stroke or are ligatures: no decomposition removes
/// their mark, and case folding expands some of them.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'ħ' | 'Ħ' => "h",
        'ı' => "i",
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        'ς' => "σ",
        _ => return None,
    })
}

/// The candidate closest to `wanted` by Damerau-Levenshtein distance, if
/// close enough to be a likely typo: at most two edits, or a quarter of the
/// candidate's length for long keys. Ties go to the first candidate in
/// alphabetical order, so the answer does not depend on the input's order.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|k| (strsim::damerau_levenshtein(wanted, k), k))
        .filter(|&(d, k)| d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

/// A suggestion as the tail of an error message, in the one form every
/// message uses: `; did you mean "kr-msit"?`, or nothing without one.
pub(crate) fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!("; did you mean {s:?}?"))
}

/// How similar two normalised names are, from 0 to 1: the mean of the
/// Jaro-Winkler similarity, which forgives a wrong ending, and the normalised
/// Damerau-Levenshtein similarity, which keeps a long shared prefix
/// ("Ministry of …") from making every name look alike.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    // The mean reaches SUGGEST_FROM only if the edit similarity reaches
    // 2 * SUGGEST_FROM - 1, which a large difference in length rules out
    // before any costly comparison.
    let floor = 2.0 * SUGGEST_FROM - 1.0;
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb);
    if longest == 0 {
        return 1.0;
    }
    let gap = la.abs_diff(lb);
    if (gap as f64) > (1.0 - floor) * (longest as f64) {
        return 0.0;
    }
    let jw = strsim::jaro_winkler(a, b);
    if jw < floor {
        return jw / 2.0;
    }
    (jw + strsim::normalized_damerau_levenshtein(a, b)) / 2.0
}

/// The smallest similarity worth suggesting.
pub(crate) const SUGGEST_FROM: f64 = 0.78;
/// The most suggestions a lookup offers.
pub(crate) const MAX_SUGGESTIONS: usize = 5;

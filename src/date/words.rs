//! Dates written in words (`late 2022`, `2022-Q4`, `March 2023`), which
//! are not EDTF: the error says which EDTF dates they most likely mean,
//! among the sub-year groupings this module reads (quarters `33`–`36`,
//! four-month periods `37`–`39`, halves `40`–`41`).

use super::{DateError, DateErrorKind};

/// Words that add nothing to the meaning: `second half of 2022`.
const FILLER: [&str; 3] = ["of", "the", "in"];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The error for `text` when it reads as a year with words that name a
/// part of it; `None` when it does not.
pub(super) fn suggestion(text: &str) -> Option<DateError> {
    if !text.bytes().any(|b| b.is_ascii_alphabetic() && b != b'X') {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let mut year = None;
    let mut words = Vec::new();
    for token in lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '/')
        .filter(|t| !t.is_empty())
    {
        // `2022q4`, `2022h2`: a year and a word run together.
        let cut = token
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(token.len());
        if cut == 4 {
            let (digits, rest) = token.split_at(cut);
            if year.replace(digits).is_some() {
                return None;
            }
            if !rest.is_empty() {
                words.push(rest);
            }
        } else if !FILLER.contains(&token) {
            words.push(token);
        }
    }
    let year = year?;
    let meant = meaning(&words)?;
    let options: Vec<String> = meant
        .iter()
        .map(|(code, what)| format!("{year}-{code} ({what})"))
        .collect();
    Some(DateError::new(
        DateErrorKind::Syntax,
        text,
        format!("words are not EDTF: did you mean {}?", options.join(" or ")),
    ))
}

/// The EDTF codes (with what each means) that `words` most likely name.
fn meaning(words: &[&str]) -> Option<Vec<(String, &'static str)>> {
    let code = |n: u32, what: &'static str| (format!("{n:02}"), what);
    let ordinal = |w: &str| match w {
        "first" | "1st" => Some(0),
        "second" | "2nd" => Some(1),
        "third" | "3rd" => Some(2),
        "fourth" | "4th" | "last" => Some(3),
        _ => None,
    };
    const QUARTERS: [&str; 4] = [
        "the first quarter",
        "the second quarter",
        "the third quarter",
        "the fourth quarter",
    ];
    const HALVES: [&str; 2] = ["the first half", "the second half"];
    let quarter = |i: usize| QUARTERS.get(i).map(|what| code(33 + i as u32, what));
    let half = |i: usize| HALVES.get(i).map(|what| code(40 + i as u32, what));
    Some(match words {
        ["early"] | ["beginning"] | ["start"] => vec![half(0)?, quarter(0)?],
        ["mid"] | ["middle"] => vec![code(38, "may to august")],
        ["late"] | ["end"] => vec![half(1)?, quarter(3)?],
        [w] if w.len() == 2 && w.starts_with('q') => {
            vec![quarter(usize::from(
                w.as_bytes().get(1)?.checked_sub(b'1')?,
            ))?]
        }
        [w] if w.len() == 2 && w.starts_with('h') => {
            vec![half(usize::from(w.as_bytes().get(1)?.checked_sub(b'1')?))?]
        }
        [n, "half"] => {
            let i = if *n == "last" { 1 } else { ordinal(n)? };
            vec![half(i)?]
        }
        [n, "quarter"] => vec![quarter(ordinal(n)?)?],
        [month] => {
            let i = MONTHS
                .iter()
                .position(|m| *m == *month || (month.len() == 3 && m.starts_with(month)))?;
            vec![(format!("{:02}", i + 1), *MONTHS.get(i)?)]
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::suggestion;

    fn detail(text: &str) -> Option<String> {
        suggestion(text).map(|e| e.to_string())
    }

    #[test]
    fn words_for_parts_of_a_year_get_the_edtf_codes() {
        for (text, want) in [
            (
                "late 2022",
                "2022-41 (the second half) or 2022-36 (the fourth quarter)",
            ),
            ("2022-Q4", "2022-36 (the fourth quarter)"),
            ("Q1 2023", "2023-33 (the first quarter)"),
            ("2023q2", "2023-34 (the second quarter)"),
            ("H2 2021", "2021-41 (the second half)"),
            (
                "early 2020",
                "2020-40 (the first half) or 2020-33 (the first quarter)",
            ),
            ("mid-2019", "2019-38 (may to august)"),
            ("second half of 2022", "2022-41 (the second half)"),
            ("first half of 2021", "2021-40 (the first half)"),
            // `last` is the fourth quarter but the second half.
            ("last half of 2021", "2021-41 (the second half)"),
            ("last quarter of 2022", "2022-36 (the fourth quarter)"),
            ("third quarter of 2021", "2021-35 (the third quarter)"),
            ("3rd quarter of 2021", "2021-35 (the third quarter)"),
            ("March 2023", "2023-03 (march)"),
            ("sep 2023", "2023-09 (september)"),
            // A comma or a slash parts words as a space does.
            ("March, 2023", "2023-03 (march)"),
            ("Q4/2022", "2022-36 (the fourth quarter)"),
        ] {
            let got = detail(text).unwrap_or_else(|| panic!("{text}: no suggestion"));
            assert!(
                got.contains(&format!("did you mean {want}?")),
                "{text}: {got}"
            );
        }
    }

    #[test]
    fn texts_that_are_not_words_for_a_part_of_a_year_get_none() {
        for text in [
            "2023-08-06T10:00",
            "2023-XX",
            "Q5 2022",
            "late",
            "late 2022 2023",
            "soon 2022",
            // Two characters name a quarter or a half only after a `q`
            // or an `h`.
            "z2 2022",
        ] {
            assert_eq!(detail(text), None, "{text}");
        }
    }
}

//! Pictures of a dataset as SVG (feature `svg`): a [`TimelineChart`] with one
//! lane per partnership or council series, a coverage [`Heatmap`]
//! (partnerships × technology areas), a [`NetworkChart`] of who signs with
//! whom and a [`PartiesChart`] of one agreement's parties over time.
//!
//! The SVG is written directly as text (no dependency, no system library);
//! every picture is a standalone file a browser, an editor or a README
//! shows as is. Marks carry a `<title>` (the tooltip of most viewers) and a
//! `class` naming what they are, so a stylesheet or a test can find them.
//!
//! Every picture stays readable at any size of dataset: text that would
//! leave the canvas is shortened with an ellipsis and carries its full
//! text in a `<title>`; what does not fit (lanes, rows, countries) is
//! merged or summarised in a line that says how much; each picture has a
//! legend or caption saying what its marks and numbers mean. Text sizes
//! are estimated with [`text_width`], which errs wide, so no renderer or
//! font is needed to know that text fits.
//!
//! ```
//! use chrono::NaiveDate;
//! use pactum::picture::TimelineChart;
//!
//! let registry = pactum::seed();
//! let today = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
//! let svg = TimelineChart::new().today(today).render(&registry, registry.events());
//! assert!(svg.starts_with("<svg "));
//! assert_eq!(svg.matches("class=\"today\"").count(), 1);
//! ```

mod heatmap;
mod network;
mod parties;
mod timeline;

pub use heatmap::Heatmap;
pub use network::NetworkChart;
pub use parties::PartiesChart;
pub use timeline::{LaneBy, TimelineChart};

use std::fmt::Write as _;

/// The largest canvas any picture draws, in pixels each way: past this a
/// picture summarises rather than grows.
pub const MAX_SIDE: f64 = 4000.0;

/// Escapes text for XML content and attribute values.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// The advance of a character in DejaVu Sans, in ems.
fn advance(c: char) -> f64 {
    match c {
        ' ' | ',' | '.' | '·' | ';' => 0.32,
        'i' | 'j' | 'l' | 'I' | 'J' | '\'' | '!' | '|' => 0.30,
        'f' | 't' | ':' | '/' | '\\' => 0.40,
        'r' | '(' | ')' | '[' | ']' | '-' | '{' | '}' => 0.42,
        's' | 'c' | 'z' | '"' | '_' | '–' => 0.56,
        'm' => 0.98,
        'w' => 0.82,
        'M' | 'W' | '@' | '%' | '…' | '—' => 1.0,
        '&' | '×' => 0.84,
        'O' | 'Q' | 'G' | 'D' | 'C' | 'N' | 'H' | 'U' => 0.80,
        c if c.is_ascii_uppercase() => 0.72,
        c if c.is_ascii() => 0.64,
        // CJK, Hangul and other wide scripts take a full em.
        c if u32::from(c) >= 0x1100 => 1.0,
        _ => 0.70,
    }
}

/// The estimated width, in pixels, of `text` set at `size` pixels, bold or
/// not.
///
/// The estimate uses the advances of DejaVu Sans, a wide face, so that
/// text which fits by it fits in Helvetica, Arial or Liberation Sans too:
/// the pictures reserve room by this estimate, and tests check with it
/// that no text leaves its canvas or overprints another.
///
/// ```
/// use pactum::picture::text_width;
///
/// assert!(text_width("Seoul", 12.0, false) < text_width("Seoul", 12.0, true));
/// assert!(text_width("MMMM", 10.0, false) > text_width("iiii", 10.0, false));
/// ```
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(advance).sum();
    ems * size * if bold { 1.12 } else { 1.0 }
}

/// `text` shortened with an ellipsis to fit `max` pixels at `size`: the
/// text itself when it fits.
pub(crate) fn fit(text: &str, size: f64, bold: bool, max: f64) -> String {
    if text_width(text, size, bold) <= max {
        return text.to_owned();
    }
    let scale = size * if bold { 1.12 } else { 1.0 };
    let mut room = max - advance('…') * scale;
    let mut out = String::new();
    for c in text.chars() {
        room -= advance(c) * scale;
        if room < 0.0 {
            break;
        }
        out.push(c);
    }
    // An ellipsis after a space or a separator reads as a cut word.
    let kept = out.trim_end_matches([' ', ',', '-', '–', '·', '(']).len();
    out.truncate(kept);
    out.push('…');
    out
}

/// Where a text's `x` is: its start, middle or end.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// One line of text to write: where, how big, and the room it has.
pub(crate) struct Text<'a> {
    pub(crate) class: &'a str,
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) size: f64,
    pub(crate) anchor: Anchor,
    pub(crate) bold: bool,
    /// The widest the text may be; longer text is shortened.
    pub(crate) max: f64,
    /// Turned a quarter left about its anchor, reading upwards.
    pub(crate) upright: bool,
}

impl<'a> Text<'a> {
    /// Plain text of `size` at (`x`, `y`), anchored at its start, with
    /// `max` pixels of room.
    pub(crate) fn new(class: &'a str, x: f64, y: f64, size: f64, max: f64) -> Text<'a> {
        Text {
            class,
            x,
            y,
            size,
            anchor: Anchor::Start,
            bold: false,
            max,
            upright: false,
        }
    }

    pub(crate) fn anchor(mut self, anchor: Anchor) -> Text<'a> {
        self.anchor = anchor;
        self
    }

    pub(crate) fn bold(mut self) -> Text<'a> {
        self.bold = true;
        self
    }

    pub(crate) fn upright(mut self) -> Text<'a> {
        self.upright = true;
        self
    }

    /// Writes `text`, shortened to fit; `tip` (or, when shortened, the
    /// whole text) becomes its tooltip. Returns the width drawn.
    pub(crate) fn write(&self, out: &mut String, text: &str, tip: Option<&str>) -> f64 {
        let shown = fit(text, self.size, self.bold, self.max);
        let tip = match tip {
            Some(t) => Some(t.to_owned()),
            None if shown != text => Some(text.to_owned()),
            None => None,
        };
        let anchor = match self.anchor {
            Anchor::Start => "",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        };
        let weight = if self.bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let turn = if self.upright {
            format!(" transform=\"rotate(-90 {:.1} {:.1})\"", self.x, self.y)
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<text class=\"{}\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{}\"{anchor}{weight}{turn}>",
            self.class, self.x, self.y, self.size
        );
        if let Some(tip) = tip {
            let _ = write!(out, "<title>{}</title>", xml(&tip));
        }
        let _ = writeln!(out, "{}</text>", xml(&shown));
        text_width(&shown, self.size, self.bold)
    }
}

/// Breaks `items` into lines no wider than `max` pixels at `size`, each
/// item followed by `sep` but the last, so that a separator is never lost
/// at a break. An item wider than a line gets a line of its own (and is
/// shortened when written).
pub(crate) fn wrap(items: &[String], sep: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item}{sep}")
        } else {
            item.clone()
        };
        let joined = format!("{line}{piece}");
        if !line.is_empty() && text_width(joined.trim_end(), size, false) > max {
            lines.push(line.trim_end().to_owned());
            line = piece;
        } else {
            line = joined;
        }
    }
    if !line.is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// A count with thousands separators: `1,240`.
pub(crate) fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and the noun, in the plural unless `n` is 1: `3 partnerships`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// The opening of a standalone SVG document with a white background and the
/// shared style sheet. Font sizes are attributes of each text, not part of
/// the style, so that a reader of the file (or a test) knows them.
pub(crate) fn open(out: &mut String, width: f64, height: f64, style: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif\" font-size=\"12\">\n<style>\n{style}</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    );
}

/// The title line of a picture, shortened to the canvas.
pub(crate) fn title(out: &mut String, title: &str, width: f64) {
    Text::new("title", 10.0, 22.0, 15.0, width - 20.0)
        .bold()
        .write(out, title, None);
}

/// The side an institution stands for in a picture grouped by country.
pub(crate) struct Side {
    /// What tells sides apart: the country code, the key of an
    /// institution that is its own side, or empty for "no country".
    pub(crate) id: String,
    /// A short label: the country code, or the name of an institution
    /// that is its own side, or "no country".
    pub(crate) short: String,
    /// The country's name, the institution's name, or "no country".
    pub(crate) name: String,
}

/// The side of an institution: its country or bloc; an intergovernmental
/// organisation or supranational body without a country is a side of its
/// own; any other institution without a country, or an unknown one, falls
/// in the "no country" bucket.
pub(crate) fn side(registry: &crate::registry::Registry, institution: &str) -> Side {
    let none = || Side {
        id: String::new(),
        short: NO_COUNTRY.to_owned(),
        name: NO_COUNTRY.to_owned(),
    };
    match registry.institution(institution) {
        Some(i) => match i.country() {
            Some(c) => Side {
                id: c.code().to_owned(),
                short: c.code().to_owned(),
                name: c.name().to_owned(),
            },
            None if i.kind().has_own_side() => Side {
                id: i.key().as_str().to_owned(),
                short: i.name().to_owned(),
                name: i.name().to_owned(),
            },
            None => none(),
        },
        None => none(),
    }
}

/// The name of the bucket of institutions whose country is not recorded.
pub(crate) const NO_COUNTRY: &str = "no country";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(xml("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&apos;");
    }

    #[test]
    fn long_text_is_shortened_with_an_ellipsis_to_its_room() {
        let long = "Viet Nam-Republic of Korea Comprehensive Strategic Partnership";
        let short = fit(long, 12.0, false, 200.0);
        assert!(short.ends_with('…'), "{short}");
        assert!(text_width(&short, 12.0, false) <= 200.0);
        assert_eq!(fit("EU", 12.0, false, 200.0), "EU");
    }

    #[test]
    fn wrapped_lists_keep_every_separator() {
        let items: Vec<String> = ["cloud computing", "ocean science", "robotics", "quantum"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let lines = wrap(&items, ", ", 12.0, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(
            lines.join(" "),
            "cloud computing, ocean science, robotics, quantum"
        );
        assert!(lines.iter().all(|l| text_width(l, 12.0, false) <= 150.0));
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(1240), "1,240");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(plural(1, "lane", "lanes"), "1 lane");
    }
}

//! Pictures of a dataset as SVG (feature `svg`): a [`TimelineChart`] with one
//! lane per partnership or council series, a coverage [`heatmap`]
//! (partnerships × technology areas) and a picture of the signing
//! [`network`].
//!
//! The SVG is written directly as text (no dependency, no system library);
//! every picture is a standalone file a browser, an editor or a README
//! shows as is. Marks carry a `<title>` (the tooltip of most viewers) and a
//! `class` naming what they are, so a stylesheet or a test can find them.
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
mod timeline;

pub use heatmap::heatmap;
pub use network::network;
pub use timeline::{LaneBy, TimelineChart};

use std::fmt::Write as _;

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

/// Shortens a label to `max` characters, with an ellipsis.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The opening of a standalone SVG document with a white background and the
/// shared style sheet.
pub(crate) fn open(out: &mut String, width: f64, height: f64, style: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n<style>\n{style}</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(xml("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&apos;");
    }

    #[test]
    fn long_labels_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}

//! Officials: the named people who chair, attend and sign.

use std::fmt::{self, Display};

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::model::check::{Checker, RefPath};
use crate::model::country::Country;
use crate::model::diagnostic::ValidationError;
use crate::model::id::{raw_text, Key};
use crate::model::institution::Institution;

/// A named person with a title, acting for an institution: a council's
/// co-chair, an attendee, a signatory's minister.
///
/// An official is a value inside a meeting or an MOU, not an entity of its
/// own: the same person appears once per occasion, with the title the source
/// printed then.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawOfficial")]
pub struct Official {
    name: Box<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    institution: Option<Key<Institution>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<Country>,
}

impl Official {
    /// Starts building an official with a name.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::Official;
    ///
    /// let chair = Official::builder("Lee Jong-Ho")
    ///     .title("Minister of Science and ICT")
    ///     .institution("kr-msit")
    ///     .build()?;
    /// assert_eq!(chair.institution().map(|k| k.as_str()), Some("kr-msit"));
    /// # Ok::<(), pactum::ValidationError>(())
    /// ```
    pub fn builder(name: impl Into<String>) -> OfficialBuilder {
        OfficialBuilder {
            raw: RawOfficial {
                name: name.into(),
                title: None,
                institution: None,
                country: None,
            },
        }
    }

    /// The person's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The title as the source printed it.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
    /// The institution the person acted for, when the source names one.
    pub fn institution(&self) -> Option<&Key<Institution>> {
        self.institution.as_ref()
    }
    /// The side the source lists the person on, when given explicitly (for
    /// the side implied by the institution, see
    /// [`Registry::side_of`](crate::Registry::side_of)).
    pub fn country(&self) -> Option<Country> {
        self.country
    }
}

/// Builds an [`Official`]; see [`Official::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct OfficialBuilder {
    raw: RawOfficial,
}

impl OfficialBuilder {
    /// Sets the title as printed.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.raw.title = Some(title.into());
        self
    }
    /// Sets the institution (a key).
    pub fn institution(mut self, key: impl Into<String>) -> Self {
        self.raw.institution = Some(raw_text(key));
        self
    }
    /// Sets the side (a country or bloc code) the source lists the person on.
    pub fn country(mut self, code: impl Into<String>) -> Self {
        self.raw.country = Some(code.into());
        self
    }
    /// Checks everything and builds the official.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] when the name or title is blank, the institution
    /// key is malformed or the country code is unknown.
    pub fn build(self) -> Result<Official, ValidationError> {
        Official::try_from(self.raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOfficial {
    name: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    institution: Option<CompactString>,
    #[serde(default)]
    country: Option<String>,
}

impl From<Official> for RawOfficial {
    fn from(o: Official) -> RawOfficial {
        RawOfficial {
            name: o.name.into(),
            title: o.title.map(Into::into),
            institution: o.institution.map(|k| CompactString::new(k.as_str())),
            country: o.country.map(|c| c.code().to_owned()),
        }
    }
}

impl TryFrom<RawOfficial> for Official {
    type Error = ValidationError;
    fn try_from(raw: RawOfficial) -> Result<Official, ValidationError> {
        let mut out = Vec::new();
        let mut ck = Checker::new(None, "", &mut out);
        match ck.official(None, raw) {
            Some(o) if out.is_empty() => Ok(o),
            _ => Err(ValidationError::new(out)),
        }
    }
}

impl Checker<'_> {
    /// Converts one official found at `path` (`None` for a standalone one).
    pub(crate) fn official(
        &mut self,
        path: Option<&dyn Display>,
        raw: RawOfficial,
    ) -> Option<Official> {
        // Paths are written out only for a message.
        let name = self.text(Under(path, "name"), raw.name);
        let title = self.opt_text(Under(path, "title"), raw.title);
        let institution = self.opt_key(Under(path, "institution"), raw.institution);
        let country = match raw.country {
            None => Some(None),
            Some(c) => self.country(Under(path, "country"), &c).map(Some),
        };
        Some(Official {
            name: name?,
            title: title?,
            institution: institution?,
            country: country?,
        })
    }

    /// Converts a list of officials in the field `field`.
    pub(crate) fn officials(
        &mut self,
        field: &'static str,
        raws: Vec<RawOfficial>,
    ) -> Vec<Official> {
        // Not collected from `raws`: the list would keep the allocation of
        // the raw list, which serde sized for growth and for larger items.
        let mut out = Vec::with_capacity(raws.len());
        for (i, raw) in raws.into_iter().enumerate() {
            out.extend(self.official(Some(&RefPath::item(field, i)), raw));
        }
        out
    }
}

/// The field `.1` of the object at `.0`, or the field alone.
struct Under<'p>(Option<&'p dyn Display>, &'static str);

impl Display for Under<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(parent) => write!(f, "{parent}.{}", self.1),
            None => f.write_str(self.1),
        }
    }
}

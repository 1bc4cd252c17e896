//! The codes behind [`Country`](super::Country): every accepted code with its
//! name, the day each former state was dissolved, and the codes that are
//! refused with a hint (reserved, renamed or ambiguous).

/// Every accepted code with its English short name, sorted by code (the
/// order of [`Country`](super::Country)): the 249 officially assigned ISO
/// 3166-1 alpha-2 codes (2024), `EU` and `XK`, and the ISO 3166-3
/// four-letter codes of the former states in [`FORMER`].
///
/// Names follow the United Nations' English short names, which ISO 3166
/// shares for member states; a former state has the name it last had.
pub(super) const TABLE: &[(&str, &str)] = &[
    ("AD", "Andorra"),
    ("AE", "United Arab Emirates"),
    ("AF", "Afghanistan"),
    ("AG", "Antigua and Barbuda"),
    ("AI", "Anguilla"),
    ("AL", "Albania"),
    ("AM", "Armenia"),
    ("AO", "Angola"),
    ("AQ", "Antarctica"),
    ("AR", "Argentina"),
    ("AS", "American Samoa"),
    ("AT", "Austria"),
    ("AU", "Australia"),
    ("AW", "Aruba"),
    ("AX", "Åland Islands"),
    ("AZ", "Azerbaijan"),
    ("BA", "Bosnia and Herzegovina"),
    ("BB", "Barbados"),
    ("BD", "Bangladesh"),
    ("BE", "Belgium"),
    ("BF", "Burkina Faso"),
    ("BG", "Bulgaria"),
    ("BH", "Bahrain"),
    ("BI", "Burundi"),
    ("BJ", "Benin"),
    ("BL", "Saint Barthélemy"),
    ("BM", "Bermuda"),
    ("BN", "Brunei Darussalam"),
    ("BO", "Bolivia (Plurinational State of)"),
    ("BQ", "Bonaire, Sint Eustatius and Saba"),
    ("BR", "Brazil"),
    ("BS", "Bahamas"),
    ("BT", "Bhutan"),
    ("BV", "Bouvet Island"),
    ("BW", "Botswana"),
    ("BY", "Belarus"),
    ("BZ", "Belize"),
    ("CA", "Canada"),
    ("CC", "Cocos (Keeling) Islands"),
    ("CD", "Democratic Republic of the Congo"),
    ("CF", "Central African Republic"),
    ("CG", "Congo"),
    ("CH", "Switzerland"),
    ("CI", "Côte d'Ivoire"),
    ("CK", "Cook Islands"),
    ("CL", "Chile"),
    ("CM", "Cameroon"),
    ("CN", "China"),
    ("CO", "Colombia"),
    ("CR", "Costa Rica"),
    ("CSHH", "Czechoslovakia"),
    ("CSXX", "Serbia and Montenegro"),
    ("CU", "Cuba"),
    ("CV", "Cabo Verde"),
    ("CW", "Curaçao"),
    ("CX", "Christmas Island"),
    ("CY", "Cyprus"),
    ("CZ", "Czechia"),
    ("DDDE", "German Democratic Republic"),
    ("DE", "Germany"),
    ("DJ", "Djibouti"),
    ("DK", "Denmark"),
    ("DM", "Dominica"),
    ("DO", "Dominican Republic"),
    ("DZ", "Algeria"),
    ("EC", "Ecuador"),
    ("EE", "Estonia"),
    ("EG", "Egypt"),
    ("EH", "Western Sahara"),
    ("ER", "Eritrea"),
    ("ES", "Spain"),
    ("ET", "Ethiopia"),
    ("EU", "European Union"),
    ("FI", "Finland"),
    ("FJ", "Fiji"),
    ("FK", "Falkland Islands (Malvinas)"),
    ("FM", "Micronesia (Federated States of)"),
    ("FO", "Faroe Islands"),
    ("FR", "France"),
    ("GA", "Gabon"),
    ("GB", "United Kingdom of Great Britain and Northern Ireland"),
    ("GD", "Grenada"),
    ("GE", "Georgia"),
    ("GF", "French Guiana"),
    ("GG", "Guernsey"),
    ("GH", "Ghana"),
    ("GI", "Gibraltar"),
    ("GL", "Greenland"),
    ("GM", "Gambia"),
    ("GN", "Guinea"),
    ("GP", "Guadeloupe"),
    ("GQ", "Equatorial Guinea"),
    ("GR", "Greece"),
    ("GS", "South Georgia and the South Sandwich Islands"),
    ("GT", "Guatemala"),
    ("GU", "Guam"),
    ("GW", "Guinea-Bissau"),
    ("GY", "Guyana"),
    ("HK", "Hong Kong"),
    ("HM", "Heard Island and McDonald Islands"),
    ("HN", "Honduras"),
    ("HR", "Croatia"),
    ("HT", "Haiti"),
    ("HU", "Hungary"),
    ("ID", "Indonesia"),
    ("IE", "Ireland"),
    ("IL", "Israel"),
    ("IM", "Isle of Man"),
    ("IN", "India"),
    ("IO", "British Indian Ocean Territory"),
    ("IQ", "Iraq"),
    ("IR", "Iran (Islamic Republic of)"),
    ("IS", "Iceland"),
    ("IT", "Italy"),
    ("JE", "Jersey"),
    ("JM", "Jamaica"),
    ("JO", "Jordan"),
    ("JP", "Japan"),
    ("KE", "Kenya"),
    ("KG", "Kyrgyzstan"),
    ("KH", "Cambodia"),
    ("KI", "Kiribati"),
    ("KM", "Comoros"),
    ("KN", "Saint Kitts and Nevis"),
    ("KP", "Democratic People's Republic of Korea"),
    ("KR", "Republic of Korea"),
    ("KW", "Kuwait"),
    ("KY", "Cayman Islands"),
    ("KZ", "Kazakhstan"),
    ("LA", "Lao People's Democratic Republic"),
    ("LB", "Lebanon"),
    ("LC", "Saint Lucia"),
    ("LI", "Liechtenstein"),
    ("LK", "Sri Lanka"),
    ("LR", "Liberia"),
    ("LS", "Lesotho"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("LV", "Latvia"),
    ("LY", "Libya"),
    ("MA", "Morocco"),
    ("MC", "Monaco"),
    ("MD", "Republic of Moldova"),
    ("ME", "Montenegro"),
    ("MF", "Saint Martin (French part)"),
    ("MG", "Madagascar"),
    ("MH", "Marshall Islands"),
    ("MK", "North Macedonia"),
    ("ML", "Mali"),
    ("MM", "Myanmar"),
    ("MN", "Mongolia"),
    ("MO", "Macao"),
    ("MP", "Northern Mariana Islands"),
    ("MQ", "Martinique"),
    ("MR", "Mauritania"),
    ("MS", "Montserrat"),
    ("MT", "Malta"),
    ("MU", "Mauritius"),
    ("MV", "Maldives"),
    ("MW", "Malawi"),
    ("MX", "Mexico"),
    ("MY", "Malaysia"),
    ("MZ", "Mozambique"),
    ("NA", "Namibia"),
    ("NC", "New Caledonia"),
    ("NE", "Niger"),
    ("NF", "Norfolk Island"),
    ("NG", "Nigeria"),
    ("NI", "Nicaragua"),
    ("NL", "Netherlands (Kingdom of the)"),
    ("NO", "Norway"),
    ("NP", "Nepal"),
    ("NR", "Nauru"),
    ("NU", "Niue"),
    ("NZ", "New Zealand"),
    ("OM", "Oman"),
    ("PA", "Panama"),
    ("PE", "Peru"),
    ("PF", "French Polynesia"),
    ("PG", "Papua New Guinea"),
    ("PH", "Philippines"),
    ("PK", "Pakistan"),
    ("PL", "Poland"),
    ("PM", "Saint Pierre and Miquelon"),
    ("PN", "Pitcairn"),
    ("PR", "Puerto Rico"),
    ("PS", "State of Palestine"),
    ("PT", "Portugal"),
    ("PW", "Palau"),
    ("PY", "Paraguay"),
    ("QA", "Qatar"),
    ("RE", "Réunion"),
    ("RO", "Romania"),
    ("RS", "Serbia"),
    ("RU", "Russian Federation"),
    ("RW", "Rwanda"),
    ("SA", "Saudi Arabia"),
    ("SB", "Solomon Islands"),
    ("SC", "Seychelles"),
    ("SD", "Sudan"),
    ("SE", "Sweden"),
    ("SG", "Singapore"),
    ("SH", "Saint Helena, Ascension and Tristan da Cunha"),
    ("SI", "Slovenia"),
    ("SJ", "Svalbard and Jan Mayen"),
    ("SK", "Slovakia"),
    ("SL", "Sierra Leone"),
    ("SM", "San Marino"),
    ("SN", "Senegal"),
    ("SO", "Somalia"),
    ("SR", "Suriname"),
    ("SS", "South Sudan"),
    ("ST", "Sao Tome and Principe"),
    ("SUHH", "Union of Soviet Socialist Republics"),
    ("SV", "El Salvador"),
    ("SX", "Sint Maarten (Dutch part)"),
    ("SY", "Syrian Arab Republic"),
    ("SZ", "Eswatini"),
    ("TC", "Turks and Caicos Islands"),
    ("TD", "Chad"),
    ("TF", "French Southern Territories"),
    ("TG", "Togo"),
    ("TH", "Thailand"),
    ("TJ", "Tajikistan"),
    ("TK", "Tokelau"),
    ("TL", "Timor-Leste"),
    ("TM", "Turkmenistan"),
    ("TN", "Tunisia"),
    ("TO", "Tonga"),
    ("TR", "Türkiye"),
    ("TT", "Trinidad and Tobago"),
    ("TV", "Tuvalu"),
    ("TW", "Taiwan (Province of China)"),
    ("TZ", "United Republic of Tanzania"),
    ("UA", "Ukraine"),
    ("UG", "Uganda"),
    ("UM", "United States Minor Outlying Islands"),
    ("US", "United States of America"),
    ("UY", "Uruguay"),
    ("UZ", "Uzbekistan"),
    ("VA", "Holy See"),
    ("VC", "Saint Vincent and the Grenadines"),
    ("VDVN", "Democratic Republic of Viet Nam"),
    ("VE", "Venezuela (Bolivarian Republic of)"),
    ("VG", "British Virgin Islands"),
    ("VI", "United States Virgin Islands"),
    ("VN", "Viet Nam"),
    ("VU", "Vanuatu"),
    ("WF", "Wallis and Futuna"),
    ("WS", "Samoa"),
    ("XK", "Kosovo"),
    ("YDYE", "Democratic Yemen"),
    ("YE", "Yemen"),
    ("YT", "Mayotte"),
    ("YUCS", "Socialist Federal Republic of Yugoslavia"),
    ("ZA", "South Africa"),
    ("ZM", "Zambia"),
    ("ZW", "Zimbabwe"),
];

/// A former state: its code and the day its dissolution took effect, the
/// first day it no longer existed. The convention is the one of
/// successions (the predecessor no longer acts from that day) and
/// terminations (no longer in force on that day).
pub(super) struct Former {
    /// The ISO 3166-3 code.
    pub(super) code: &'static str,
    /// Year, month and day of the first day it no longer existed.
    pub(super) dissolved: (i32, u32, u32),
}

/// The former states pactum knows, sorted by code. Only codes of states
/// are here: ISO 3166-3 also withdrew codes of territories that were never
/// states (`ANHH`, `BQAQ`, `NHVU`, `RHZW`, `TPTL`, …), which are not
/// accepted.
pub(super) const FORMER: &[Former] = &[
    // The Czech and Slovak Federal Republic ended at the close of
    // 1992-12-31 (Constitutional Act 542/1992 Coll.).
    Former {
        code: "CSHH",
        dissolved: (1993, 1, 1),
    },
    // The state union ended when the Assembly of Montenegro declared
    // independence on 2006-06-03; Serbia continued its membership.
    Former {
        code: "CSXX",
        dissolved: (2006, 6, 3),
    },
    // The German Democratic Republic acceded to the Federal Republic of
    // Germany, effective 1990-10-03 (Unification Treaty, art. 1).
    Former {
        code: "DDDE",
        dissolved: (1990, 10, 3),
    },
    // The Soviet of the Republics declared the USSR ended on 1991-12-26
    // (Declaration No. 142-N).
    Former {
        code: "SUHH",
        dissolved: (1991, 12, 26),
    },
    // The reunified National Assembly proclaimed the Socialist Republic of
    // Viet Nam on 1976-07-02.
    Former {
        code: "VDVN",
        dissolved: (1976, 7, 2),
    },
    // The People's Democratic Republic of Yemen and the Yemen Arab Republic
    // united as the Republic of Yemen on 1990-05-22.
    Former {
        code: "YDYE",
        dissolved: (1990, 5, 22),
    },
    // The Federal Republic of Yugoslavia proclaimed its constitution on
    // 1992-04-27; it is a state of its own, written `CSXX` (it took the
    // name Serbia and Montenegro on 2003-02-04).
    Former {
        code: "YUCS",
        dissolved: (1992, 4, 27),
    },
];

/// Former alpha-2 codes that named one state only, with its four-letter
/// code: accepted, and saved as the four-letter code.
pub(super) const FORMER_ALPHA2: &[(&str, &str)] = &[
    ("DD", "DDDE"),
    ("SU", "SUHH"),
    ("VD", "VDVN"),
    ("YD", "YDYE"),
];

/// Former alpha-2 codes that named two states one after the other, with
/// the four-letter code and a description of each: refused, since the
/// code alone cannot say which.
pub(super) const AMBIGUOUS: &[(&str, [(&str, &str); 2])] = &[
    (
        "CS",
        [
            ("CSHH", "Czechoslovakia, dissolved 1993-01-01"),
            ("CSXX", "Serbia and Montenegro, 2003-2006"),
        ],
    ),
    (
        "YU",
        [
            (
                "YUCS",
                "the Socialist Federal Republic of Yugoslavia, dissolved 1992-04-27",
            ),
            (
                "CSXX",
                "the Federal Republic of Yugoslavia, from 2003 Serbia and Montenegro",
            ),
        ],
    ),
];

/// Codes of states that were renamed, not dissolved: the code, the name it
/// stood for, the state's code today and the day of the new name. A renamed
/// state is the same state, so it has one code (today's) and these are
/// refused with a hint naming it; the institution's name keeps the old name.
pub(super) const RENAMED: &[(&str, &str, &str, &str)] = &[
    ("BU", "Burma", "MM", "1989-06-18"),
    ("BUMM", "Burma", "MM", "1989-06-18"),
    (
        "BYAA",
        "the Byelorussian Soviet Socialist Republic",
        "BY",
        "1991-09-19",
    ),
    ("DY", "Dahomey", "BJ", "1975-11-30"),
    ("DYBJ", "Dahomey", "BJ", "1975-11-30"),
    ("HV", "Upper Volta", "BF", "1984-08-04"),
    ("HVBF", "Upper Volta", "BF", "1984-08-04"),
    ("ZR", "Zaire", "CD", "1997-05-17"),
    ("ZRCD", "Zaire", "CD", "1997-05-17"),
];

/// Codes that ISO 3166 reserves but does not assign, and that sources often
/// use in place of an assigned code, with that code.
pub(super) const ALIASES: &[(&str, &str)] = &[
    // Used by the EU for Greece.
    ("EL", "GR"),
    // Used for the United Kingdom, reserved at its request.
    ("UK", "GB"),
];

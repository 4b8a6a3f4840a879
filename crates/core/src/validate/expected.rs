//! What a value of each type looks like, in French and English, for messages.

/// `%d/%m/%Y` → `JJ/MM/AAAA` (French) or `DD/MM/YYYY` (English).
pub fn human_pattern(pattern: &str, fr: bool) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let part = match (chars.next(), fr) {
            (Some('d'), true) => "JJ",
            (Some('d'), false) => "DD",
            (Some('m'), _) => "MM",
            (Some('Y'), true) => "AAAA",
            (Some('Y'), false) => "YYYY",
            (Some('y'), true) => "AA",
            (Some('y'), false) => "YY",
            (Some('H'), _) | (Some('I'), _) => "HH",
            (Some('M'), _) => "mm",
            (Some('S'), _) => "ss",
            (Some('b'), _) | (Some('B'), _) => "month",
            (Some(other), _) => {
                out.push('%');
                out.push(other);
                continue;
            }
            (None, _) => "%",
        };
        out.push_str(part);
    }
    out
}

pub(crate) fn expected_type(type_name: &str, format: &str, fr: bool) -> String {
    let custom = !matches!(format, "default" | "any");
    let s = match (type_name, format) {
        ("string", "email") => {
            if fr {
                "une adresse e-mail (nom@domaine.fr)"
            } else {
                "an email address (name@domain.org)"
            }
        }
        ("string", "uri") => {
            if fr {
                "une adresse avec un schéma (https://…)"
            } else {
                "an address with a scheme (https://…)"
            }
        }
        ("string", "uuid") => {
            if fr {
                "un identifiant UUID"
            } else {
                "a UUID"
            }
        }
        ("string", "binary") => {
            if fr {
                "des données en base64"
            } else {
                "base64 data"
            }
        }
        ("string", _) | ("any", _) => {
            if fr {
                "du texte"
            } else {
                "text"
            }
        }
        ("integer", _) => {
            if fr {
                "un nombre entier"
            } else {
                "a whole number"
            }
        }
        ("number", _) => {
            if fr {
                "un nombre"
            } else {
                "a number"
            }
        }
        ("boolean", _) => {
            if fr {
                "une valeur vrai/faux (true, false…)"
            } else {
                "a true/false value"
            }
        }
        ("date", _) if custom => {
            return format!(
                "{} {}",
                if fr {
                    "une date au format"
                } else {
                    "a date formatted"
                },
                human_pattern(format, fr)
            );
        }
        ("date", _) => {
            if fr {
                "une date AAAA-MM-JJ"
            } else {
                "a date YYYY-MM-DD"
            }
        }
        ("datetime", _) if custom => {
            return format!(
                "{} {}",
                if fr {
                    "une date et heure au format"
                } else {
                    "a date and time formatted"
                },
                human_pattern(format, fr)
            );
        }
        ("datetime", _) => {
            if fr {
                "une date et heure AAAA-MM-JJTHH:MM:SS"
            } else {
                "a date and time YYYY-MM-DDTHH:MM:SS"
            }
        }
        ("time", _) if custom => {
            return format!(
                "{} {}",
                if fr {
                    "une heure au format"
                } else {
                    "a time formatted"
                },
                human_pattern(format, fr)
            );
        }
        ("time", _) => {
            if fr {
                "une heure HH:MM:SS"
            } else {
                "a time HH:MM:SS"
            }
        }
        ("year", _) => {
            if fr {
                "une année sur 4 chiffres"
            } else {
                "a 4-digit year"
            }
        }
        ("yearmonth", _) => {
            if fr {
                "une année et un mois AAAA-MM"
            } else {
                "a year and month YYYY-MM"
            }
        }
        ("duration", _) => {
            if fr {
                "une durée ISO 8601 (P1Y2M3D…)"
            } else {
                "an ISO 8601 duration (P1Y2M3D…)"
            }
        }
        ("object", _) => {
            if fr {
                "un objet JSON {…}"
            } else {
                "a JSON object {…}"
            }
        }
        ("array", _) => {
            if fr {
                "une liste JSON […]"
            } else {
                "a JSON array […]"
            }
        }
        ("geopoint", "array") => "[longitude, latitude]",
        ("geopoint", "object") => "{\"lon\": …, \"lat\": …}",
        ("geopoint", _) => {
            if fr {
                "« longitude, latitude »"
            } else {
                "\"longitude, latitude\""
            }
        }
        ("list", _) => {
            if fr {
                "une liste d'éléments du bon type"
            } else {
                "a list of items of the right type"
            }
        }
        _ => {
            if fr {
                "une valeur du bon type"
            } else {
                "a value of the right type"
            }
        }
    };
    s.to_string()
}

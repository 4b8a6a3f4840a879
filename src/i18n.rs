//! Interface languages and the widget's own strings.

/// An interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// The first supported language among the candidates (the `lang`
    /// attribute, the page's `<html lang>`, the browser's language), else French.
    pub fn pick<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Lang {
        candidates
            .into_iter()
            .find_map(Lang::parse)
            .unwrap_or(Lang::Fr)
    }

    /// Parses a BCP 47 tag (`fr`, `fr-FR`, `en-GB`…); `None` for other languages.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// Every string the widget itself shows, in each language.
pub struct Strings {
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub fetch_failed: &'static str,
    pub http_status: &'static str,
    pub bad_data: &'static str,
    pub bad_schema: &'static str,
    pub missing_attribute: &'static str,
    pub rows_shown: fn(shown: usize, total: usize) -> String,
    pub table_caption: &'static str,
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

static FR: Strings = Strings {
    loading: "Chargement des données…",
    load_failed: "Impossible d'afficher les données",
    fetch_failed: "la requête a échoué (réseau indisponible, adresse invalide ou accès refusé par le serveur)",
    http_status: "le serveur a répondu",
    bad_data: "le fichier n'est pas un CSV ou un JSON lisible",
    bad_schema: "le schéma n'est pas un Table Schema valide",
    missing_attribute: "attribut manquant",
    rows_shown: |shown, total| {
        if shown == total {
            format!("{total} lignes")
        } else {
            format!("{shown} lignes affichées sur {total}")
        }
    },
    table_caption: "Données",
};

static EN: Strings = Strings {
    loading: "Loading data…",
    load_failed: "The data cannot be shown",
    fetch_failed: "the request failed (network unavailable, invalid address or access refused by the server)",
    http_status: "the server answered",
    bad_data: "the file is not readable CSV or JSON",
    bad_schema: "the schema is not a valid Table Schema",
    missing_attribute: "missing attribute",
    rows_shown: |shown, total| {
        if shown == total {
            format!("{total} rows")
        } else {
            format!("{shown} of {total} rows shown")
        }
    },
    table_caption: "Data",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_first_supported_language() {
        assert_eq!(Lang::pick(["", "de-DE", "en-GB", "fr"]), Lang::En);
        assert_eq!(Lang::pick(["fr-CA"]), Lang::Fr);
        assert_eq!(Lang::pick(["es"]), Lang::Fr);
    }
}

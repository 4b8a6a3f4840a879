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

    /// The locale numbers and dates are written in.
    pub fn locale(self) -> vitrine_core::locale_format::Locale {
        match self {
            Lang::Fr => vitrine_core::locale_format::Locale::Fr,
            Lang::En => vitrine_core::locale_format::Locale::En,
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
    pub bad_header: &'static str,
    pub bad_config: &'static str,
    pub header_notice: &'static str,
    pub progress_download: &'static str,
    pub progress_parse: &'static str,
    pub progress_index: &'static str,
    pub show_filters: &'static str,
    pub results: fn(matching: usize, total: usize) -> String,
    pub table_caption: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub filters: &'static str,
    pub filter_values: &'static str,
    pub active_filters: &'static str,
    pub remove_filter: &'static str,
    pub clear_all: &'static str,
    pub view: &'static str,
    pub view_table: &'static str,
    pub view_cards: &'static str,
    pub columns: &'static str,
    pub sort_hint: &'static str,
    pub sort_ascending: &'static str,
    pub sort_descending: &'static str,
    pub details_of: &'static str,
    pub close: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub position: fn(index: usize, count: usize) -> String,
    pub no_value: &'static str,
    pub no_results: &'static str,
    pub show_more: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub other: &'static str,
    // The editing controls, shown by both bundles (see `edit_start.rs`).
    pub propose: &'static str,
    pub new_project: &'static str,
    pub my_proposal: fn(usize) -> String,
    pub undo: &'static str,
    pub redo: &'static str,
    pub open_details: &'static str,
    #[cfg_attr(feature = "edit", allow(dead_code))]
    pub opening_editor: &'static str,
    #[cfg_attr(feature = "edit", allow(dead_code))]
    pub editor_failed: &'static str,
    pub retry: &'static str,
}

/// A count written for the language ("12 345", "12,345").
pub fn count(n: usize, lang: Lang) -> String {
    vitrine_core::locale_format::format_integer(n as i64, lang.locale())
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
    bad_header: "aucune colonne des données n'est un champ du schéma",
    bad_config: "configuration (attribut config) inutilisable",
    header_notice: "Les données ne correspondent pas tout à fait au schéma",
    progress_download: "Téléchargement des données",
    progress_parse: "Lecture des données",
    progress_index: "Préparation des filtres et de la recherche",
    show_filters: "Filtres",
    results: |matching, total| {
        let plural = if matching > 1 { "s" } else { "" };
        let (m, t) = (count(matching, Lang::Fr), count(total, Lang::Fr));
        format!("{m} résultat{plural} sur {t}")
    },
    table_caption: "Données",
    search: "Rechercher",
    search_placeholder: "Rechercher dans les données…",
    filters: "Filtres",
    filter_values: "Filtrer les valeurs",
    active_filters: "Filtres actifs",
    remove_filter: "Retirer le filtre",
    clear_all: "Tout effacer",
    view: "Affichage",
    view_table: "Tableau",
    view_cards: "Fiches",
    columns: "Colonnes",
    sort_hint: "Entrée ou clic pour trier, Maj pour un tri sur plusieurs colonnes",
    sort_ascending: "tri croissant",
    sort_descending: "tri décroissant",
    details_of: "Détails",
    close: "Fermer",
    previous: "Précédent",
    next: "Suivant",
    position: |index, n| format!("{} sur {}", count(index, Lang::Fr), count(n, Lang::Fr)),
    no_value: "—",
    no_results: "Aucun résultat ne correspond à ces critères.",
    show_more: "Afficher plus",
    copy_link: "Copier le lien",
    link_copied: "Lien copié",
    export_csv: "Exporter en CSV",
    export_json: "Exporter en JSON",
    other: "Autres",
    propose: "Proposer une modification",
    new_project: "Proposer un nouveau projet",
    my_proposal: |n| format!("Ma proposition ({n})"),
    undo: "Annuler",
    redo: "Rétablir",
    open_details: "Ouvrir la fiche",
    opening_editor: "Ouverture de l'éditeur…",
    editor_failed: "L'éditeur n'a pas pu se charger",
    retry: "Réessayer",
};

static EN: Strings = Strings {
    loading: "Loading data…",
    load_failed: "The data cannot be shown",
    fetch_failed: "the request failed (network unavailable, invalid address or access refused by the server)",
    http_status: "the server answered",
    bad_data: "the file is not readable CSV or JSON",
    bad_schema: "the schema is not a valid Table Schema",
    missing_attribute: "missing attribute",
    bad_header: "no column of the data is a field of the schema",
    bad_config: "unusable configuration (config attribute)",
    header_notice: "The data does not quite match the schema",
    progress_download: "Downloading the data",
    progress_parse: "Reading the data",
    progress_index: "Preparing filters and search",
    show_filters: "Filters",
    results: |matching, total| {
        let plural = if matching == 1 { "" } else { "s" };
        let (m, t) = (count(matching, Lang::En), count(total, Lang::En));
        format!("{m} of {t} result{plural}")
    },
    table_caption: "Data",
    search: "Search",
    search_placeholder: "Search the data…",
    filters: "Filters",
    filter_values: "Filter values",
    active_filters: "Active filters",
    remove_filter: "Remove filter",
    clear_all: "Clear all",
    view: "View",
    view_table: "Table",
    view_cards: "Cards",
    columns: "Columns",
    sort_hint: "Enter or click to sort, Shift to sort by several columns",
    sort_ascending: "ascending",
    sort_descending: "descending",
    details_of: "Details",
    close: "Close",
    previous: "Previous",
    next: "Next",
    position: |index, n| format!("{} of {}", count(index, Lang::En), count(n, Lang::En)),
    no_value: "—",
    no_results: "No result matches these criteria.",
    show_more: "Show more",
    copy_link: "Copy link",
    link_copied: "Link copied",
    export_csv: "Export as CSV",
    export_json: "Export as JSON",
    other: "Other",
    propose: "Suggest a change",
    new_project: "Suggest a new project",
    my_proposal: |n| format!("My proposal ({n})"),
    undo: "Undo",
    redo: "Redo",
    open_details: "Open details",
    opening_editor: "Opening the editor…",
    editor_failed: "The editor could not load",
    retry: "Retry",
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

    #[test]
    fn result_counts_read_naturally() {
        assert_eq!((strings(Lang::Fr).results)(12, 48), "12 résultats sur 48");
        assert_eq!((strings(Lang::Fr).results)(1, 48), "1 résultat sur 48");
        assert_eq!((strings(Lang::En).results)(12, 48), "12 of 48 results");
        assert_eq!(
            (strings(Lang::Fr).results)(1200, 100_000),
            "1\u{202F}200 résultats sur 100\u{202F}000"
        );
        assert_eq!(
            (strings(Lang::En).results)(1, 100_000),
            "1 of 100,000 result"
        );
    }
}

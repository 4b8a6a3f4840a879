//! Human messages in French and English that say what was expected.

use super::errors::{Detail, ValidationError};
use super::expected::{expected_type, human_pattern};
use crate::siret::SiretError;
use crate::url::UrlError;

fn quote(fr: bool, s: &str) -> String {
    if fr {
        format!("« {s} »")
    } else {
        format!("\"{s}\"")
    }
}

fn list(fr: bool, items: &[String]) -> String {
    let mut shown: Vec<String> = items.iter().take(12).map(|s| quote(fr, s)).collect();
    if items.len() > 12 {
        shown.push("…".into());
    }
    shown.join(", ")
}

fn bound_symbol(constraint: &str) -> &'static str {
    match constraint {
        "minimum" => "≥",
        "maximum" => "≤",
        "exclusiveMinimum" => ">",
        _ => "<",
    }
}

/// The message of an error in French (`lang == "fr"`) or English.
pub fn message(e: &ValidationError, lang: &str) -> String {
    let fr = lang == "fr";
    let title = quote(fr, if fr { &e.titles.0 } else { &e.titles.1 });
    let cell = quote(fr, e.cell.as_deref().unwrap_or(""));
    let row = e.row_number.unwrap_or(0);
    let col = e.field_number.unwrap_or(0);
    match &e.detail {
        Detail::Type { type_name, format } => {
            let exp = expected_type(type_name, format, fr);
            if fr {
                format!("Valeur {cell} invalide pour {title} — attendu : {exp}.")
            } else {
                format!("Invalid value {cell} for {title} — expected: {exp}.")
            }
        }
        Detail::Required => {
            if fr {
                format!("{title} est obligatoire : une valeur est attendue.")
            } else {
                format!("{title} is required: a value is expected.")
            }
        }
        Detail::Enum { allowed } => {
            let l = list(fr, allowed);
            if fr {
                format!("Valeur {cell} non autorisée pour {title} — attendu : une de {l}.")
            } else {
                format!("Value {cell} is not allowed for {title} — expected one of {l}.")
            }
        }
        Detail::MinLength { min, actual, items } => match (fr, items) {
            (true, false) => format!(
                "Texte trop court pour {title} : au moins {min} caractères attendus, {actual} reçus."
            ),
            (true, true) => format!(
                "Trop peu d'éléments pour {title} : au moins {min} attendus, {actual} reçus."
            ),
            (false, false) => format!(
                "Text too short for {title}: at least {min} characters expected, {actual} given."
            ),
            (false, true) => {
                format!("Too few items for {title}: at least {min} expected, {actual} given.")
            }
        },
        Detail::MaxLength { max, actual, items } => match (fr, items) {
            (true, false) => format!(
                "Texte trop long pour {title} : au plus {max} caractères attendus, {actual} reçus."
            ),
            (true, true) => {
                format!("Trop d'éléments pour {title} : au plus {max} attendus, {actual} reçus.")
            }
            (false, false) => format!(
                "Text too long for {title}: at most {max} characters expected, {actual} given."
            ),
            (false, true) => {
                format!("Too many items for {title}: at most {max} expected, {actual} given.")
            }
        },
        Detail::Bound { constraint, bound } => {
            let sym = bound_symbol(constraint);
            if fr {
                format!("Valeur {cell} hors limites pour {title} — attendu : {sym} {bound}.")
            } else {
                format!("Value {cell} is out of range for {title} — expected: {sym} {bound}.")
            }
        }
        Detail::Pattern { pattern } => {
            if fr {
                format!(
                    "Valeur {cell} au mauvais format pour {title} — attendu : le motif {pattern}."
                )
            } else {
                format!(
                    "Value {cell} has the wrong format for {title} — expected the pattern {pattern}."
                )
            }
        }
        Detail::Unique { previous_row } => {
            if fr {
                format!(
                    "Valeur {cell} en double pour {title} (déjà ligne {previous_row}) : une valeur unique est attendue."
                )
            } else {
                format!(
                    "Duplicate value {cell} for {title} (already in row {previous_row}): a unique value is expected."
                )
            }
        }
        Detail::PrimaryKey {
            fields,
            previous_row,
        } => {
            let key = fields.join(", ");
            match (previous_row, fr) {
                (Some(p), true) => format!(
                    "Clé primaire ({key}) en double ligne {row} (déjà ligne {p}) : une clé unique est attendue."
                ),
                (Some(p), false) => format!(
                    "Duplicate primary key ({key}) in row {row} (already in row {p}): a unique key is expected."
                ),
                (None, true) => {
                    format!("Clé primaire ({key}) vide ligne {row} : une valeur est attendue.")
                }
                (None, false) => {
                    format!("Empty primary key ({key}) in row {row}: a value is expected.")
                }
            }
        }
        Detail::UniqueKey {
            fields,
            previous_row,
        } => {
            let key = fields.join(", ");
            if fr {
                format!(
                    "Combinaison ({key}) en double ligne {row} (déjà ligne {previous_row}) : une combinaison unique est attendue."
                )
            } else {
                format!(
                    "Duplicate combination ({key}) in row {row} (already in row {previous_row}): a unique combination is expected."
                )
            }
        }
        Detail::MissingCell => {
            if fr {
                format!(
                    "Cellule manquante ligne {row} pour {title} (colonne {col}) : la ligne a moins de colonnes que l'en-tête."
                )
            } else {
                format!(
                    "Missing cell in row {row} for {title} (column {col}): the row has fewer columns than the header."
                )
            }
        }
        Detail::ExtraCell => {
            if fr {
                format!(
                    "Cellule en trop ligne {row}, colonne {col} ({cell}) : la ligne a plus de colonnes que l'en-tête."
                )
            } else {
                format!(
                    "Extra cell in row {row}, column {col} ({cell}): the row has more columns than the header."
                )
            }
        }
        Detail::BlankRow => {
            if fr {
                format!("Ligne {row} vide : au moins une valeur est attendue.")
            } else {
                format!("Row {row} is blank: at least one value is expected.")
            }
        }
        Detail::BlankHeader => {
            if fr {
                "En-tête vide : les noms des colonnes sont attendus en première ligne.".into()
            } else {
                "Blank header: column names are expected on the first line.".into()
            }
        }
        Detail::MissingLabel => {
            if fr {
                format!("Colonne {title} absente de l'en-tête : le schéma l'attend.")
            } else {
                format!("Column {title} is missing from the header: the schema expects it.")
            }
        }
        Detail::ExtraLabel { label } => {
            let l = quote(fr, label);
            if fr {
                format!(
                    "Colonne {l} (position {col}) inconnue du schéma : un nom de champ du schéma est attendu."
                )
            } else {
                format!(
                    "Column {l} (position {col}) is not in the schema: a schema field name is expected."
                )
            }
        }
        Detail::BlankLabel => {
            if fr {
                format!(
                    "Nom de colonne vide en position {col} : un nom de champ du schéma est attendu."
                )
            } else {
                format!("Blank column name at position {col}: a schema field name is expected.")
            }
        }
        Detail::DuplicateLabel { label, positions } => {
            let l = quote(fr, label);
            let p = positions
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            if fr {
                format!(
                    "Colonne {l} en double en position {col} (déjà en position {p}) : des noms uniques sont attendus."
                )
            } else {
                format!(
                    "Duplicate column {l} at position {col} (already at position {p}): unique names are expected."
                )
            }
        }
        Detail::Siret(SiretError::Length { digits, non_digits }) => {
            let others = match (non_digits, fr) {
                (0, _) => String::new(),
                (n, true) => format!(
                    " et {n} autre{} caractère{}",
                    if *n > 1 { "s" } else { "" },
                    if *n > 1 { "s" } else { "" }
                ),
                (n, false) => format!(" and {n} other character{}", if *n > 1 { "s" } else { "" }),
            };
            if fr {
                format!("SIRET invalide : 14 chiffres attendus, {digits} reçus{others}.")
            } else {
                format!("Invalid SIRET: 14 digits expected, {digits} given{others}.")
            }
        }
        Detail::Siret(SiretError::Checksum) => {
            if fr {
                format!(
                    "SIRET invalide : {cell} a 14 chiffres mais sa clé de contrôle est fausse (faute de frappe ?)."
                )
            } else {
                format!("Invalid SIRET: {cell} has 14 digits but its check digit is wrong (typo?).")
            }
        }
        Detail::SafeUrl(UrlError::Scheme(s)) => {
            if fr {
                format!(
                    "Adresse web refusée pour {title} : http:// ou https:// attendu, « {s}: » reçu."
                )
            } else {
                format!(
                    "Unsafe web address for {title}: http:// or https:// expected, \"{s}:\" given."
                )
            }
        }
        Detail::SafeUrl(UrlError::NotAbsolute) => {
            if fr {
                format!(
                    "Adresse web incomplète pour {title} : une adresse commençant par http:// ou https:// est attendue."
                )
            } else {
                format!(
                    "Incomplete web address for {title}: an address starting with http:// or https:// is expected."
                )
            }
        }
        Detail::SafeUrl(UrlError::Malformed) => {
            if fr {
                format!(
                    "Adresse web invalide pour {title} : un nom de domaine sans espace est attendu après http(s)://."
                )
            } else {
                format!(
                    "Invalid web address for {title}: a domain name without spaces is expected after http(s)://."
                )
            }
        }
        Detail::DateFormats { formats } => {
            let sep = if fr { " ou " } else { " or " };
            let f = formats
                .iter()
                .map(|p| human_pattern(p, fr))
                .collect::<Vec<_>>()
                .join(sep);
            if fr {
                format!("Date {cell} invalide pour {title} — attendu : {f} (une date qui existe).")
            } else {
                format!("Invalid date {cell} for {title} — expected: {f} (a date that exists).")
            }
        }
        Detail::RequiredWhen { field, value } => {
            let (f, v) = (quote(fr, field), quote(fr, value));
            if fr {
                format!("{title} est obligatoire quand {f} vaut {v} : une valeur est attendue.")
            } else {
                format!("{title} is required when {f} is {v}: a value is expected.")
            }
        }
        Detail::ItemEnum { item, allowed } => {
            let (i, l) = (quote(fr, item), list(fr, allowed));
            if fr {
                format!("Élément {i} non autorisé dans {title} — attendu : un de {l}.")
            } else {
                format!("Item {i} is not allowed in {title} — expected one of {l}.")
            }
        }
        Detail::ItemPattern { item, pattern } => {
            let i = quote(fr, item);
            if fr {
                format!(
                    "Élément {i} au mauvais format dans {title} — attendu : le motif {pattern}."
                )
            } else {
                format!(
                    "Item {i} has the wrong format in {title} — expected the pattern {pattern}."
                )
            }
        }
        Detail::ItemLength { item, min, max } => {
            let i = quote(fr, item);
            let n = item.chars().count();
            let range = match (min, max, fr) {
                (Some(a), Some(b), true) => format!("entre {a} et {b} caractères"),
                (Some(a), Some(b), false) => format!("between {a} and {b} characters"),
                (Some(a), None, true) => format!("au moins {a} caractères"),
                (Some(a), None, false) => format!("at least {a} characters"),
                (None, Some(b), true) => format!("au plus {b} caractères"),
                (None, Some(b), false) => format!("at most {b} characters"),
                (None, None, _) => String::new(),
            };
            if fr {
                format!(
                    "Élément {i} de longueur invalide dans {title} — attendu : {range}, {n} reçus."
                )
            } else {
                format!("Item {i} has an invalid length in {title} — expected {range}, {n} given.")
            }
        }
    }
}

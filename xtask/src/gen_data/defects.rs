//! Errors injected by `--invalid-rate`, one per affected row.

use super::schema::Schema;

/// The kinds of error `--invalid-rate` injects, one per affected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    EnumValue,
    SiretChecksum,
    SiretLength,
    Email,
    UnsafeUrl,
    ImpossibleDate,
    MissingRequired,
    AbandonedWithoutReason,
    ListItem,
    TooManySubThemes,
    DateShape,
    DuplicateId,
    ExtraCell,
    MissingCells,
}

pub const DEFECTS: [Defect; 14] = [
    Defect::EnumValue,
    Defect::SiretChecksum,
    Defect::SiretLength,
    Defect::Email,
    Defect::UnsafeUrl,
    Defect::ImpossibleDate,
    Defect::MissingRequired,
    Defect::AbandonedWithoutReason,
    Defect::ListItem,
    Defect::TooManySubThemes,
    Defect::DateShape,
    Defect::DuplicateId,
    Defect::ExtraCell,
    Defect::MissingCells,
];

/// Applies `defect` to `row`; false when the schema lacks the needed field.
pub fn inject(schema: &Schema, row: &mut Vec<String>, defect: Defect, previous_id: &str) -> bool {
    let mut set = |name: &str, f: &dyn Fn(&str) -> String| match schema.index(name) {
        Some(i) if i < row.len() => {
            row[i] = f(&row[i]);
            true
        }
        _ => false,
    };
    match defect {
        Defect::EnumValue => set("coll_type", &|_| "Commune nouvelle".into()),
        Defect::SiretChecksum => set("coll_siret", &|s| {
            let last = s.bytes().last().map(|b| (b - b'0' + 1) % 10).unwrap_or(0);
            format!("{}{last}", &s[..s.len().saturating_sub(1)])
        }),
        Defect::SiretLength => set("coll_siret", &|s| s.chars().take(9).collect()),
        Defect::Email => set("projet_contact", &|s| {
            if s.is_empty() {
                "contact.exemple.example".into()
            } else {
                s.replace('@', ".")
            }
        }),
        Defect::UnsafeUrl => set("url_infos", &|_| "javascript:alert(document.cookie)".into()),
        Defect::ImpossibleDate => set("date", &|_| "31/02/2024".into()),
        Defect::MissingRequired => set("nom_algorithme", &|_| String::new()),
        Defect::AbandonedWithoutReason => {
            set("projet_status", &|_| "Abandonné".into())
                && set("status_abandon", &|_| String::new())
        }
        Defect::ListItem => set("audience_service", &|s| format!("{s}|Touristes")),
        Defect::TooManySubThemes => {
            let Some(field) = schema.index("sous_theme").map(|i| &schema.fields[i]) else {
                return false;
            };
            let three: Vec<&str> = field.values.iter().take(3).map(String::as_str).collect();
            let joined = three.join(&field.delimiter);
            set("sous_theme", &|_| joined.clone())
        }
        Defect::DateShape => set("projet_date", &|_| "2023-05-02".into()),
        Defect::DuplicateId if !previous_id.is_empty() => set("id", &|_| previous_id.to_string()),
        Defect::DuplicateId => false,
        Defect::ExtraCell => {
            row.push("à vérifier".into());
            true
        }
        Defect::MissingCells => {
            let keep = row.len().saturating_sub(2);
            row.truncate(keep);
            true
        }
    }
}

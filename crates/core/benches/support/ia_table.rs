//! A deterministic, synthetic table shaped like the IA catalogue: 37
//! columns, 8 facet fields with the catalogue's cardinalities (two of them
//! lists), partial dates, and about 1.6 KB of French text per row.

use vitrine_core::query::{ColumnSpec, RowTable, SortKind};
use vitrine_core::value::{Date, Value};

#[path = "ia_words.rs"]
mod ia_words;
use ia_words::COMMON;

/// A small xorshift generator: the same table on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small indexes, like word frequencies.
    pub fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b).min(self.below(n))
    }
}

const THEMES: &[&str] = &[
    "Mobilité",
    "Eau",
    "Déchets",
    "Énergie",
    "Éducation",
    "Santé",
    "Social",
    "Culture",
    "Sport",
    "Sécurité",
    "Urbanisme",
    "Environnement",
    "Administration",
    "Économie",
    "Tourisme",
];
const COLL_TYPES: &[&str] = &[
    "Commune",
    "EPCI",
    "Département",
    "Région",
    "Syndicat mixte",
    "Opérateur",
];
const STATUSES: &[&str] = &[
    "En expérimentation",
    "En déploiement",
    "Terminée",
    "Abandonné",
];
const AUDIENCES: &[&str] = &[
    "grand public",
    "bénéficiaire",
    "agent",
    "association",
    "élu",
    "entreprises",
    "collectivités",
    "établissement scolaire",
    "établissement santé",
];
const ALGOS: &[&str] = &[
    "Machine Learning",
    "Traitement Automatique du langage",
    "IA générative",
    "Computer vision",
    "Réseaux de neurones",
    "NSP",
];
const MISE: &[&str] = &["Interne", "Externe", "Prestataire", "Marché public"];
const SOURCES: &[&str] = &["Usager", "Interne", "Open data", "Tiers", "NSP"];
const SMALL: &[&str] = &["faible", "moyen", "fort"];

pub fn sub_themes() -> Vec<String> {
    THEMES
        .iter()
        .flat_map(|t| (1..=4).map(move |i| format!("{t} — volet {i}")))
        .collect()
}

fn owned(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

/// The 37 columns, in table order; facets and searchable fields as the
/// IA schema's defaults would give (public text fields searched).
pub fn specs() -> Vec<ColumnSpec> {
    let text = |n: &str| ColumnSpec::text(n);
    let hidden = |n: &str| ColumnSpec::text(n).searchable(false);
    let facet = |n: &str, v: &[&str]| ColumnSpec::single_facet(n, owned(v)).searchable(true);
    vec![
        ColumnSpec::typed("id", SortKind::Number),
        text("coll_nom"),
        text("nom_projet"),
        ColumnSpec::typed("coll_siret", SortKind::Number),
        facet("coll_type", COLL_TYPES),
        ColumnSpec::typed("projet_date", SortKind::Temporal),
        facet("projet_status", STATUSES),
        text("status_abandon"),
        text("partenaires"),
        hidden("projet_contact"),
        hidden("financement"),
        ColumnSpec::single_facet("budget", owned(&["<50k", "50-100k", ">100k"])).searchable(false),
        text("usage_description"),
        facet("mise_en_oeuvre", MISE),
        facet("theme", THEMES),
        ColumnSpec::multi_facet("sous_theme", sub_themes()).searchable(true),
        ColumnSpec::multi_facet("audience_service", owned(AUDIENCES)).searchable(true),
        hidden("herbergement"),
        hidden("nom_algorithme"),
        hidden("algorithme_description"),
        hidden("algorithme_operations"),
        ColumnSpec::single_facet("type_algorithme", owned(ALGOS)),
        hidden("impact_environnement"),
        ColumnSpec::single_facet("donnees_source", owned(SOURCES)),
        hidden("donnees_acces"),
        hidden("risque"),
        hidden("risque_categorie"),
        hidden("proportionalite"),
        hidden("decision"),
        hidden("erreur"),
        hidden("explicabilite"),
        hidden("reversibilite"),
        hidden("objection"),
        hidden("url_infos"),
        hidden("url_ressources"),
        hidden("image_url"),
        ColumnSpec::typed("date", SortKind::Temporal),
    ]
}

/// A vocabulary: common words, then synthetic rarer ones.
pub fn vocabulary(rng: &mut Rng) -> Vec<String> {
    const SYL: &[&str] = &[
        "ba", "ré", "ti", "lo", "mu", "ché", "van", "cor", "pli", "seu", "gna", "tro", "fé", "ou",
        "di",
    ];
    let mut words: Vec<String> = owned(COMMON);
    while words.len() < 20_000 {
        let n = 2 + rng.below(3);
        words.push((0..n).map(|_| SYL[rng.below(SYL.len())]).collect());
    }
    words
}

fn sentence(rng: &mut Rng, vocab: &[String], bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 16);
    while s.len() < bytes {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&vocab[rng.skewed(vocab.len())]);
    }
    s
}

fn text_cell(s: String) -> (String, Value) {
    if s.is_empty() {
        (s, Value::Null)
    } else {
        (s.clone(), Value::String(s))
    }
}

fn pick(rng: &mut Rng, values: &[&str]) -> (String, Value) {
    text_cell(values[rng.below(values.len())].to_string())
}

fn list(rng: &mut Rng, values: &[String], max: usize) -> (String, Value) {
    let n = 1 + rng.below(max);
    let mut items: Vec<String> = Vec::new();
    for _ in 0..n {
        let v = values[rng.skewed(values.len())].clone();
        if !items.contains(&v) {
            items.push(v);
        }
    }
    (
        items.join(","),
        Value::List(items.into_iter().map(Value::String).collect()),
    )
}

fn date(rng: &mut Rng, partial: bool) -> (String, Value) {
    let year = 2018 + rng.below(8) as i32;
    let month = 1 + rng.below(12) as u8;
    let day = (!partial || rng.below(3) > 0).then(|| 1 + rng.below(28) as u8);
    let text = match day {
        Some(d) => format!("{d:02}/{month:02}/{year}"),
        None => format!("{month:02}/{year}"),
    };
    (
        text,
        Value::Date(Date {
            year,
            month: Some(month),
            day,
        }),
    )
}

/// `rows` rows of the IA-shaped table.
pub fn table(rows: usize) -> RowTable {
    let mut rng = Rng::new(0x005E_ED1A);
    let vocab = vocabulary(&mut rng);
    let subs = sub_themes();
    let audiences = owned(AUDIENCES);
    let mut out = Vec::with_capacity(rows);
    for id in 0..rows {
        let r = &mut rng;
        let commune = format!(
            "{} {}",
            ["Commune de", "Ville de", "Métropole de", "CC du"][r.below(4)],
            vocab[100 + r.below(5000)]
        );
        let status = pick(r, STATUSES);
        let abandoned = status.0 == "Abandonné";
        let row = vec![
            (id.to_string(), Value::Integer(id as i64)),
            text_cell(commune),
            text_cell(format!(
                "Lot {} — {}",
                r.below(500),
                sentence(r, &vocab, 40)
            )),
            {
                let siret = 21_000_000_000_000 + r.below(1_000_000_000) as i64;
                (siret.to_string(), Value::Integer(siret))
            },
            pick(r, COLL_TYPES),
            date(r, true),
            status,
            text_cell(if abandoned {
                sentence(r, &vocab, 120)
            } else {
                String::new()
            }),
            text_cell(sentence(r, &vocab, 50)),
            text_cell(format!("service{}@exemple.fr", r.below(10_000))),
            text_cell(sentence(r, &vocab, 30)),
            pick(r, &["<50k", "50-100k", ">100k"]),
            text_cell(sentence(r, &vocab, 330)),
            pick(r, MISE),
            pick(r, THEMES),
            list(r, &subs, 2),
            list(r, &audiences, 3),
            pick(r, &["Cloud", "Interne", "NSP"]),
            text_cell(sentence(r, &vocab, 30)),
            text_cell(sentence(r, &vocab, 190)),
            text_cell(sentence(r, &vocab, 190)),
            pick(r, ALGOS),
            text_cell(sentence(r, &vocab, 40)),
            pick(r, SOURCES),
            pick(r, &["API", "Automatisée", "Manuelle", "NSP"]),
            text_cell(sentence(r, &vocab, 110)),
            pick(r, SMALL),
            text_cell(sentence(r, &vocab, 70)),
            text_cell(sentence(r, &vocab, 70)),
            pick(r, SMALL),
            pick(r, SMALL),
            text_cell(sentence(r, &vocab, 70)),
            text_cell(sentence(r, &vocab, 70)),
            text_cell(format!("https://exemple.fr/projets/{id}")),
            text_cell(format!("https://exemple.fr/ressources/{id}")),
            text_cell(format!("logos/{}.png", r.below(5000))),
            date(r, false),
        ];
        out.push(row);
    }
    RowTable { rows: out }
}

/// Bytes of cell text in the table.
pub fn text_bytes(table: &RowTable) -> usize {
    table.rows.iter().flatten().map(|(t, _)| t.len()).sum()
}

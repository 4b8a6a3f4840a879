//! Theme and sub-theme taxonomy used to keep generated sub-themes consistent
//! with the chosen theme.

use super::rng::Rng;
use super::schema::Schema;

/// Sub-themes of each theme (the taxonomy of `schema/README.md`). Values
/// missing from the schema are ignored, and a theme without entry here gets
/// sub-themes drawn from the whole schema list.
pub const TAXONOMY: &[(&str, &[&str])] = &[
    (
        "Transition écologique",
        &[
            "Eau et assainissement",
            "Énergie",
            "Déchets et économie circulaire",
            "Biodiversité et espaces verts",
            "Air et climat",
        ],
    ),
    (
        "Mobilités",
        &[
            "Transports collectifs",
            "Circulation et stationnement",
            "Mobilités actives",
            "Logistique urbaine",
        ],
    ),
    (
        "Urbanisme et aménagement",
        &[
            "Planification et droit des sols",
            "Habitat et logement",
            "Patrimoine bâti public",
            "Voirie et espace public",
        ],
    ),
    (
        "Administration interne",
        &[
            "Gestion documentaire et archives",
            "Ressources humaines",
            "Finances et achats",
            "Affaires juridiques et assemblées",
            "Systèmes d'information",
        ],
    ),
    (
        "Relation aux usagers",
        &[
            "Accueil et orientation",
            "Démarches en ligne",
            "Signalements et réclamations",
            "Participation citoyenne",
        ],
    ),
    (
        "Action sociale et santé",
        &[
            "Insertion et solidarités",
            "Autonomie des personnes âgées et handicapées",
            "Protection de l'enfance",
            "Santé publique",
        ],
    ),
    (
        "Éducation et jeunesse",
        &[
            "Petite enfance",
            "Écoles et restauration scolaire",
            "Collèges et lycées",
            "Jeunesse",
        ],
    ),
    (
        "Culture, sport et tourisme",
        &[
            "Lecture publique",
            "Patrimoine et musées",
            "Équipements sportifs",
            "Tourisme",
        ],
    ),
    (
        "Sécurité et risques",
        &[
            "Risques naturels et technologiques",
            "Secours et gestion de crise",
            "Tranquillité publique",
        ],
    ),
    (
        "Développement économique et emploi",
        &[
            "Emploi et formation",
            "Soutien aux entreprises",
            "Agriculture et alimentation",
        ],
    ),
];

pub fn sub_themes(schema: &Schema, rng: &mut Rng, theme: &str, k: usize) -> String {
    let field = schema.index("sous_theme").map(|i| &schema.fields[i]);
    let all = field.map(|f| f.values.as_slice()).unwrap_or(&[]);
    let delimiter = field.map(|f| f.delimiter.as_str()).unwrap_or("|");
    let own: Vec<String> = TAXONOMY
        .iter()
        .find(|(t, _)| *t == theme)
        .map(|(_, subs)| {
            subs.iter()
                .filter(|s| all.iter().any(|a| a == *s))
                .map(|s| s.to_string())
                .collect()
        })
        .unwrap_or_default();
    let pool = if own.is_empty() { all } else { own.as_slice() };
    rng.sample(pool, k).join(delimiter)
}

//! Phrase banks for generated IA-shaped rows: French place names, services,
//! and sentence fragments assembled into descriptions of realistic length.

use super::rng::Rng;

/// Syllables of invented French place names.
const PLACE_START: &[&str] = &[
    "Val",
    "Mont",
    "Saint-Aubin",
    "Roche",
    "Beau",
    "Font",
    "Ville",
    "Mer",
    "Bel",
    "Sauve",
    "Clair",
    "Pré",
    "Brune",
    "Lan",
    "Cour",
    "Haute",
    "Neuf",
    "Vigne",
    "Orme",
    "Riv",
];
const PLACE_END: &[&str] = &[
    "brune",
    "lac",
    "mont",
    "ville",
    "fort",
    "court",
    "sur-Loire",
    "lès-Bains",
    "les-Vignes",
    "d'Orvanne",
    "sarvène",
    "lirac",
    "aunay",
    "rive",
    "champ",
    "fontaine",
    "mérilhac",
    "salière",
];

/// Name prefix by `coll_type` value; unknown types get a neutral prefix.
pub fn authority_prefix(coll_type: &str, rng: &mut Rng) -> &'static str {
    match coll_type {
        "Commune" => rng.pick(&["Ville de", "Commune de"]),
        "EPCI" => rng.pick(&[
            "Métropole de",
            "Communauté d'agglomération de",
            "Communauté de communes de",
            "Communauté urbaine de",
        ]),
        "Département" => "Département de",
        "Région" => "Région",
        "Syndicat mixte" => rng.pick(&[
            "Syndicat mixte des eaux de",
            "Syndicat mixte de traitement des déchets de",
            "Syndicat mixte des mobilités de",
        ]),
        "Opérateur" => rng.pick(&[
            "Office public de l'habitat de",
            "Service départemental d'incendie et de secours de",
            "Centre de gestion de",
        ]),
        _ => "Collectivité de",
    }
}

/// First two digits of the SIREN by `coll_type` (communes 21, départements
/// 22, régions 23, EPCI 20/24, syndicats 25, operators 27/28).
pub fn siren_prefix(coll_type: &str, rng: &mut Rng) -> &'static str {
    match coll_type {
        "Commune" => "21",
        "Département" => "22",
        "Région" => "23",
        "EPCI" => rng.pick(&["20", "24"]),
        "Syndicat mixte" => "25",
        "Opérateur" => rng.pick(&["27", "28"]),
        _ => "20",
    }
}

pub fn place_name(rng: &mut Rng) -> String {
    let start = rng.pick(PLACE_START);
    let end = rng.pick(PLACE_END);
    if end.contains('-') || end.starts_with("d'") {
        format!("{start}-{end}").replace("-d'", " d'")
    } else {
        format!("{start}{end}")
    }
}

/// A lower-case ASCII slug of a French text.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(|c| c.to_lowercase()) {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    out.trim_end_matches('-').to_string()
}

pub const SERVICES: &[&str] = &[
    "numerique",
    "dpo",
    "environnement",
    "mobilites",
    "urbanisme",
    "finances",
    "rh",
    "social",
    "education",
    "culture",
    "risques",
    "relation-usagers",
    "eau",
    "dechets",
    "archives",
];

pub const LOGOS: &[&str] = &[
    "valbrune",
    "saint-aubin",
    "merilhac",
    "port-saliere",
    "rive-claire",
    "orvanne",
    "lirac",
    "verdelac",
    "haute-sarvene",
    "morvalois",
    "val-de-siane",
    "nord-estuaire",
    "eaux-sarvene",
    "trivalor",
    "mobilites-rive-claire",
    "rive-claire-habitat",
    "sdis-haute-sarvene",
    "cdg-morvalois",
];

pub const PARTNERS: &[&str] = &[
    "Université Grenoble Alpes",
    "Université de Nantes (laboratoire LS2N)",
    "Cerema",
    "Agence de l'eau",
    "ADEME",
    "Chambre d'agriculture",
    "Caisse d'allocations familiales",
    "France Travail",
    "Agence régionale de santé",
    "Agence locale de l'énergie et du climat",
    "Office de tourisme intercommunal",
    "Association de locataires",
    "Mission locale",
    "Cabinet d'études Territoires et Données",
    "Syndicat départemental d'énergie",
    "Inria (équipe-projet partenaire)",
];

pub const FUNDING: &[&str] = &[
    "Interne",
    "Fonds vert",
    "CRTE",
    "France 2030",
    "FEDER",
    "DIAT",
    "Interne, FEDER",
    "Fonds vert, Interne",
    "Agence de l'eau",
    "Plan de relance",
];

pub const ALGORITHM_NAMES: &[&str] = &[
    "Classement automatique des demandes",
    "Prévision de la fréquentation",
    "Détection d'anomalies",
    "Assistant conversationnel",
    "Synthèse de documents",
    "Détection d'objets sur images",
    "Estimation des besoins",
    "Recommandation de contenus",
    "Réservation et accès crèche",
    "Optimisation des tournées",
];

const SUBJECTS: &[&str] = &[
    "Le service",
    "L'outil",
    "Le dispositif",
    "La plateforme",
    "Le modèle",
    "L'assistant",
    "Le système",
];
const VERBS: &[&str] = &[
    "analyse",
    "prévoit",
    "classe",
    "détecte",
    "résume",
    "priorise",
    "cartographie",
    "estime",
    "regroupe",
    "signale",
];
const OBJECTS: &[&str] = &[
    "les demandes des usagers",
    "les consommations d'eau des secteurs du réseau",
    "les signalements reçus en ligne",
    "les dossiers déposés par les habitants",
    "la fréquentation des équipements publics",
    "les factures des fournisseurs",
    "les images prises par les capteurs",
    "les courriers entrants",
    "les besoins en places d'accueil",
    "les trajets réservés la veille",
    "les contributions déposées lors de la concertation",
    "l'état des chaussées du réseau communal",
    "les relevés des sondes installées dans les bâtiments",
    "les offres d'emploi publiées sur le territoire",
    "les interventions des équipes de terrain",
    "les prévisions météorologiques locales",
    "les documents produits par les services",
    "les risques de submersion et d'inondation",
];
const PURPOSES: &[&str] = &[
    "afin de réduire les délais de traitement",
    "pour mieux cibler les interventions des agents",
    "pour informer le public en temps réel",
    "afin de limiter le gaspillage et les consommations inutiles",
    "pour préparer les décisions des élus",
    "afin de libérer du temps pour l'accueil des usagers",
    "pour anticiper les situations de crise",
    "afin d'améliorer la qualité du service rendu",
    "pour objectiver les priorités d'investissement",
    "sans jamais remplacer la décision d'un agent",
    "en s'appuyant sur l'historique des cinq dernières années",
    "dans le respect du règlement général sur la protection des données",
];
const FOLLOW_UPS: &[&str] = &[
    "Les agents relisent chaque résultat avant toute action.",
    "Un bilan est présenté chaque année en commission.",
    "Les résultats sont publiés en open data lorsque c'est possible.",
    "Le délai moyen de réponse a été divisé par deux depuis la mise en service.",
    "Un comité associant les représentants du personnel suit le projet.",
    "Les usagers sont informés de l'usage d'un algorithme sur chaque page concernée.",
    "La qualité des résultats est mesurée sur un échantillon contrôlé chaque trimestre.",
    "Le code source est publié sous licence libre.",
    "Les données sont hébergées en France et supprimées au bout de douze mois.",
    "Une évaluation indépendante est prévue à la fin de l'expérimentation.",
];
const OPERATIONS: &[&str] = &[
    "Les données sont nettoyées puis agrégées par jour et par secteur.",
    "Un modèle de gradient boosting est entraîné sur l'historique des trois dernières années.",
    "Les textes sont découpés en phrases puis vectorisés avant classification.",
    "Les images sont floutées avant tout stockage et seuls des comptages sont conservés.",
    "Un seuil de confiance oriente les cas incertains vers un traitement manuel.",
    "Le modèle est réévalué chaque mois sur des données récentes et ré-entraîné si besoin.",
    "Les réponses générées citent les documents sources utilisés.",
    "Les prévisions sont recalculées chaque nuit et transmises par API aux logiciels métiers.",
    "Une validation croisée par territoire mesure l'erreur moyenne du modèle.",
    "Les journaux d'utilisation sont conservés six mois pour l'audit.",
];
pub const ABANDON_REASONS: &[&str] = &[
    "Les résultats de l'expérimentation n'ont pas atteint les objectifs fixés et le coût de l'amélioration a été jugé trop élevé.",
    "Le cadre juridique applicable n'a pas permis de poursuivre le projet au-delà de l'expérimentation.",
    "Les données disponibles étaient trop incomplètes pour entraîner un modèle fiable.",
    "L'analyse d'impact a conclu à des risques disproportionnés pour les personnes concernées.",
    "Le prestataire a cessé son activité et aucune solution équivalente n'a été trouvée.",
];

pub const DECISIONS: &[&str] = &[
    "Interne : aide à l'organisation du service.",
    "Interne : priorisation des interventions.",
    "Externe : information du public, sans décision individuelle.",
    "Externe : environ 2 000 décisions par an, toutes validées par un agent.",
    "Interne : aide à la décision, l'agent reste décisionnaire.",
    "Externe : orientation des demandes des usagers.",
];
pub const REVERSIBILITY: &[&str] = &[
    "Totale : retour immédiat à la procédure manuelle.",
    "Le service peut être arrêté à tout moment sans perte de données.",
    "Les décisions restent prises par des agents ; l'outil peut être retiré.",
    "Partielle : les interventions déjà réalisées ne peuvent être annulées.",
];
pub const OBJECTIONS: &[&str] = &[
    "Recours gracieux auprès de l'autorité territoriale.",
    "Demande de réexamen par un agent via le formulaire de contact.",
    "Droit d'opposition exercé auprès du délégué à la protection des données.",
    "Sans objet : aucune donnée personnelle n'est traitée.",
    "Réclamation auprès du service concerné, réponse sous quinze jours.",
];

/// One sentence such as "Le service analyse les courriers entrants afin de …".
pub fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}.",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(PURPOSES)
    )
}

/// A paragraph of `min..=max` sentences, some of them follow-up remarks.
pub fn paragraph(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = rng.range(min, max);
    let mut parts = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 && rng.chance(0.35) {
            parts.push(rng.pick(FOLLOW_UPS).to_string());
        } else {
            parts.push(sentence(rng));
        }
    }
    parts.join(" ")
}

/// Technical operations: `min..=max` sentences from the operations bank.
pub fn operations(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = rng.range(min, max);
    let first = rng.below(OPERATIONS.len());
    (0..n)
        .map(|i| OPERATIONS[(first + i * 3) % OPERATIONS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_hyphenated() {
        assert_eq!(
            slug("Communauté d'agglomération de Val-brune"),
            "communaute-d-agglomeration-de-val-brune"
        );
        assert_eq!(slug("  Région Île "), "region-ile");
    }
}

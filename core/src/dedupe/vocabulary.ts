/**
 * The words the matcher reads the same in English and French, or in two spellings. Job boards in
 * Canada post one job as "Stagiaire en données" and "Data Intern", "Banque Royale" and "Royal Bank":
 * folding both to one canonical token lets titles and employers be compared across languages.
 * Keys and values are folded (see `foldKeyPart`): lower case, no accents, no hyphens.
 */
export const CANONICAL_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // roles and levels
    stagiaire: 'intern', stage: 'intern', internship: 'intern', interns: 'intern',
    etudiant: 'student', etudiante: 'student', etudiants: 'student', students: 'student',
    developpeur: 'developer', developpeuse: 'developer', dev: 'developer', programmer: 'developer', programmeur: 'developer', programmeuse: 'developer',
    ingenieur: 'engineer', ingenieure: 'engineer', eng: 'engineer',
    genie: 'engineering', ingenierie: 'engineering',
    analyste: 'analyst', analystes: 'analyst',
    adjoint: 'assistant', adjointe: 'assistant', auxiliaire: 'assistant',
    coordonnateur: 'coordinator', coordonnatrice: 'coordinator', coordinateur: 'coordinator', coordinatrice: 'coordinator',
    conseiller: 'advisor', conseillere: 'advisor', adviser: 'advisor',
    gestionnaire: 'manager', agent: 'officer', agente: 'officer',
    chercheur: 'researcher', chercheuse: 'researcher', technicien: 'technician', technicienne: 'technician',
    jr: 'junior', sr: 'senior', diplome: 'graduate', diplomee: 'graduate', grad: 'graduate', nouveau: 'new', nouvelle: 'new',
    // fields
    donnees: 'data', logiciel: 'software', logiciels: 'software', recherche: 'research',
    environnement: 'environmental', environnemental: 'environmental', environnementale: 'environmental', environment: 'environmental',
    politique: 'policy', politiques: 'policy', comptabilite: 'accounting', comptable: 'accounting',
    finances: 'finance', financier: 'finance', financiere: 'finance', financial: 'finance',
    mecanique: 'mechanical', electrique: 'electrical', civil: 'civil', chimique: 'chemical',
    communication: 'communications', informatique: 'computing', computer: 'computing',
    sante: 'health', durable: 'sustainability', durabilite: 'sustainability', sustainable: 'sustainability',
    affaires: 'business', produit: 'product', produits: 'product', products: 'product',
    ventes: 'sales', vente: 'sales', conception: 'design', apprentissage: 'learning', automatique: 'machine',
    web: 'web', mobile: 'mobile', infonuagique: 'cloud', securite: 'security', reseau: 'network', reseaux: 'network',
    ressources: 'resources', humaines: 'human', energie: 'energy', eau: 'water', climat: 'climate', climatique: 'climate',
    // employers' generic words
    banque: 'bank', gouvernement: 'government', ville: 'city', universite: 'university', institut: 'institute',
    societe: 'society', fondation: 'foundation', center: 'centre', conseil: 'council', groupe: 'group',
    ministere: 'ministry', agence: 'agency', laboratoire: 'laboratory', lab: 'laboratory', labs: 'laboratory',
    royale: 'royal', nationale: 'national', national: 'national', canadienne: 'canadian', canadien: 'canadian',
    biologie: 'biology', faune: 'wildlife', terrain: 'field', planification: 'planning', transport: 'transportation',
    hydrique: 'water', changement: 'change', cybersecurite: 'cybersecurity', conservation: 'conservation', douce: 'fresh',
    mouvement: 'group', colombie: 'columbia', britannique: 'british', ecosse: 'scotia',
    // seasons (also read as terms)
    ete: 'summer', automne: 'fall', autumn: 'fall', hiver: 'winter', printemps: 'spring',
  }),
);

/** Words that carry no identity in a title or an employer's name, in either language. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'at', 'for', 'in', 'of', 'on', 'the', 'to', 'with', 'or',
  'au', 'aux', 'd', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les', 'pour', 'un', 'une', 'sur', 'ou',
  'position', 'poste', 'opportunity', 'job', 'emploi', 'role',
]);

/** Legal forms, in English and French: "Shopify Inc." and "Shopify" are one employer, as are "Desjardins Ltée" and "Desjardins". */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'ltee', 'llc', 'llp', 'lp', 'ulc', 'corp', 'corporation', 'co', 'company', 'plc',
  'gmbh', 'sa', 'sas', 'senc', 'srl', 'cie', 'limitee', 'incorporee',
]);

/** Season words in a title: two terms of one programme differ only here. */
export const SEASON_WORDS: ReadonlySet<string> = new Set(['summer', 'fall', 'winter', 'spring']);

/**
 * The classification keyword lists: the seed plan's lists (section 4), widened with the spellings
 * Canadian boards use (enrolment, co-operative), French, and the phrases met on the five sources.
 * Each list is an array of RegExps (case-insensitive); a keyword matches only as whole words,
 * accented letters included ("diplômé" is a word, "international" does not contain "intern").
 * Lists are exported so a plugin author or an admin can read exactly what triggers a class.
 */

// Letters and digits of English and French (Latin-1 and Latin Extended-A/B). A class instead of
// \p{L} keeps the regexes out of Unicode mode, which is about twice as fast on long descriptions.
const W = 'A-Za-z0-9\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F';
const B = `(?<![${W}])`;
const E = `(?![${W}])`;
/** A whole-word, case-insensitive pattern. */
const kw = (src: string): RegExp => new RegExp(`${B}(?:${src})${E}`, 'i');

const DASH = '(?:-|–|—|to|through|until|thru|à|au|a|jusqu[\'’]en|jusqu[\'’]à)';
const YEAR = '20\\d\\d';
// An optional day and/or year after a month: "May 4", "May 2027", "May 4th, 2027".
const DAY_YEAR = `(?:\\s+\\d{1,2}(?:st|nd|rd|th|er)?)?(?:,?\\s*${YEAR})?`;

/** Co-op: checked first (the most specific class). */
export const COOP_KEYWORDS: readonly RegExp[] = [
  kw('co[\\s-]?ops?'),
  kw('co-?op[ée]rative\\s+(?:education|program|programme|placement|student|work\\s+term)'),
  kw('work[\\s-]terms?'),
  kw('academic credit'),
  kw('enrol{1,2}ment required'),
  kw('work[\\s-]?integrated learning'),
  kw('stage\\s+(?:en\\s+)?co-?op|stagiaires?\\s+(?:en\\s+)?co-?op'),
  kw('(?:stage|programme|régime)\\s+(?:en\\s+)?alternance(?:\\s+travail[\\s-]études)?|alternance\\s+travail[\\s-]études'),
];

/** Internship: checked when nothing says co-op. French "stage" only counts in a French phrase ("Stage – …", "offre de stage"). */
export const INTERNSHIP_KEYWORDS: readonly RegExp[] = [
  kw('interns?|internships?'),
  kw('summer\\s+students?|student\\s+summer\\s+(?:job|position|employment)s?|summer\\s+(?:job|employment)s?'),
  kw('work\\s+placements?|placement\\s+students?|student\\s+placements?'),
  kw('practicums?|practica'),
  kw('fellowships?'),
  kw('stagiaires?'),
  kw('(?:offres?\\s+de|un|le|du|ce|votre|notre|mon|ton|son)\\s+stage'),
  kw('stages?\\s+(?:en|de|d[\'’]|rémunérés?|universitaires?|collégial|d[\'’]été)'),
  /^\s*stages?\s*[-–—:|(]/i,
  kw('emplois?\\s+(?:d[\'’]été|étudiants?)|étudiant(?:e|s|es)?\\s+d[\'’]été'),
];

/** New grad: also the default. In a title it stops the description from overriding ("Junior Developer" stays new grad). */
export const NEW_GRAD_KEYWORDS: readonly RegExp[] = [
  kw('new[\\s-]?grad(?:uate)?s?'),
  kw('graduate\\s+(?:program|programme|trainee|rotational\\s+program|development\\s+program)s?'),
  kw('entry[\\s-]?level'),
  kw('junior|jr'),
  kw('[01]\\s*(?:-|–|to|à)\\s*[12]\\s*(?:years?|yrs?|ans)'),
  kw('recent(?:ly)?\\s+grad(?:uate|uated)?s?'),
  kw('early[\\s-]career'),
  kw('trainees?|(?:manager|management)[\\s-]in[\\s-]training'),
  kw('jeunes?\\s+diplôm[ée](?:e|s|es)?|nouve(?:au|aux|lle|lles)\\s+diplôm[ée](?:e|s|es)?|récemment\\s+diplôm[ée](?:e|s|es)?'),
  kw('débutant(?:e|s|es)?'),
];

/** Term keywords, one list per term. The earliest match in the title, then in the description, decides. */
export const TERM_KEYWORDS: Readonly<Record<'summer' | 'fall' | 'winter' | 'year_round', readonly RegExp[]>> = {
  summer: [
    kw(`summer\\s*(?:of\\s*)?${YEAR}|${YEAR}\\s+summer|été\\s*${YEAR}`),
    kw('summer\\s+(?:\\d{1,2}[\\s-]months?\\s+)?(?:work\\s+)?(?:term|session|semester|season)'),
    kw('summer\\s+(?:students?|interns?|internships?|co-?ops?|positions?|jobs?|employment)'),
    kw(`(?:may|mai|june|juin)${DAY_YEAR}\\s*${DASH}\\s*(?:(?:end\\s+of|fin)\\s+)?(?:aug(?:ust)?|août|aout|sept?(?:ember)?|septembre)`),
    kw('(?:stage|emploi|session|trimestre|étudiant(?:e|s|es)?)\\s+d[\'’]été'),
  ],
  fall: [
    kw(`(?:fall|autumn)\\s*(?:of\\s*)?${YEAR}|${YEAR}\\s+(?:fall|autumn)|automne\\s*${YEAR}`),
    kw('(?:fall|autumn)\\s+(?:\\d{1,2}[\\s-]months?\\s+)?(?:work\\s+)?(?:term|session|semester)'),
    kw('(?:fall|autumn)\\s+(?:co-?ops?|interns?|internships?|students?)'),
    kw(`(?:sept?(?:ember)?|septembre)${DAY_YEAR}\\s*${DASH}\\s*(?:(?:end\\s+of|fin)\\s+)?(?:dec(?:ember)?|décembre)`),
    kw('(?:stage|session|trimestre)\\s+d[\'’]automne'),
  ],
  winter: [
    kw(`winter\\s*(?:of\\s*)?${YEAR}|${YEAR}\\s+winter|hiver\\s*${YEAR}`),
    kw('winter\\s+(?:\\d{1,2}[\\s-]months?\\s+)?(?:work\\s+)?(?:term|session|semester)'),
    kw('winter\\s+(?:co-?ops?|interns?|internships?|students?)'),
    kw(`(?:jan(?:uary)?|janvier)${DAY_YEAR}\\s*${DASH}\\s*(?:(?:end\\s+of|fin)\\s+)?(?:apr(?:il)?|avril)`),
    kw('(?:stage|session|trimestre)\\s+d[\'’]hiver'),
  ],
  year_round: [
    // "permanent" but not "permanent resident(s)" / "résidents permanents" / "not a permanent position".
    kw('(?<!r[ée]sidents?\\s+|r[ée]sidence\\s+|not\\s+a\\s+|non[\\s-])permanent(?:e|s|es)?(?!\\s+r[ée]siden)'),
    kw('(?:full[\\s-]time|regular)[\\s,/]+ongoing|ongoing[\\s,/]+(?:full[\\s-]time|position|role|basis|employment)'),
    kw('year[\\s-]round|à\\s+l[\'’]année'),
    kw('(?:12|twelve|16|sixteen)[\\s-]months?|(?:one|1)[\\s-]year\\s+(?:contract|term|position|internship|placement|co-?op)'),
  ],
};

/** Academic credit required: the seed's patterns, bounded to one sentence, plus the Canadian spelling and French. */
export const ACADEMIC_CREDIT_PATTERNS: readonly RegExp[] = [
  kw('enrol{1,2}ment\\s+required'),
  kw('academic\\s+credits?|(?:course|university|college)\\s+credits?'),
  kw('for\\s+(?:academic\\s+)?credit\\s+only'),
  kw('must\\s+be\\s+(?:currently\\s+)?enrol{1,2}ed'),
  kw('current(?:ly)?\\s+enrol{1,2}ed\\s+(?:full[\\s-]time\\s+)?(?:students?|in)'),
  kw('registered\\s+in[^.\\n]{0,80}?program(?:me)?'),
  kw('must\\s+be\\s+(?:currently\\s+)?registered\\s+(?:as\\s+an?\\s+|in\\s+an?\\s+|at\\s+an?\\s+)(?:full[\\s-]time\\s+)?(?:student|post-secondary|university|college|co-?op)'),
  kw('crédits?\\s+(?:universitaires?|académiques?|scolaires?)'),
  kw('doi(?:t|vent)\\s+être\\s+inscrit(?:e|s|es)?'),
];

/** Remote but Canada-specific: the seed's patterns, bounded to one sentence, widened with eligibility phrasing and French. */
export const REMOTE_CANADA_PATTERNS: readonly RegExp[] = [
  kw('remote[^.\\n]{0,60}?canad(?:a|ian)'),
  kw('canada[^.\\n]{0,40}?remote'),
  kw('canadian\\s+(?:residents?|citizens?|citizenship|tax)'),
  kw('must\\s+(?:be|reside|live)[^.\\n]{0,60}?canada'),
  kw('(?:anywhere|located|based|residing|living)\\s+(?:in|within|across)\\s+canada'),
  kw('(?:legally\\s+)?(?:eligible|entitled|authori[sz]ed)\\s+to\\s+work\\s+in\\s+canada'),
  kw('télétravail[^.\\n]{0,60}?canada|partout\\s+au\\s+canada|résid(?:er|ant|ent|ez)[^.\\n]{0,40}?canada'),
];

/** Hybrid: checked before remote ("hybrid remote" is hybrid). Not "hybrid cloud/app/vehicle". */
export const HYBRID_KEYWORDS: readonly RegExp[] = [
  kw('hybrid(?:e)?(?!\\s+(?:cloud|apps?|applications?|vehicles?|cars?|mobile|infrastructure|architecture|systems?|solutions?|integration|nuagique|véhicules?))'),
  kw('(?:partial(?:ly)?|partly|some|occasional)\\s+remote|remote\\s+work\\s+(?:options?|flexibility)'),
  kw('(?:possibilité\\s+de|partiel(?:le)?|partiellement\\s+en)\\s+télétravail|télétravail\\s+(?:partiel|hybride|possible)'),
  kw('\\d\\s+days?\\s+(?:per|a|each)\\s+week\\s+(?:in|at)\\s+(?:the\\s+)?office'),
];

/** Remote (in a description; in a title the bare word "remote" is enough). Not "remote communities". */
export const REMOTE_KEYWORDS: readonly RegExp[] = [
  kw('(?:fully|100\\s*%|completely|entirely|permanently)\\s+remote'),
  kw('remote\\s+(?:within|across|in|from\\s+anywhere\\s+in)\\s+canada'),
  kw('remote(?:[\\s-]+|\\s*[(,:/–-]\\s*)(?:canada|position|role|job|work(?:er)?|first|opportunity|eligible|friendly|based|only)'),
  kw('work(?:ing)?\\s+(?:from|at)\\s+home|work(?:ing)?\\s+remotely|wfh'),
  kw('(?:en\\s+)?télétravail|(?:travail|emploi|poste)\\s+(?:à|a)\\s+distance'),
];

/** Remote in a title: the bare word. */
export const REMOTE_TITLE_KEYWORDS: readonly RegExp[] = [kw('remote|work\\s+from\\s+home|wfh|télétravail|à\\s+distance')];

/** Phrases that deny remote work; removed before the remote lists run. */
export const NOT_REMOTE_PATTERN: RegExp = new RegExp(
  `${B}(?:not\\s+(?:a\\s+)?(?:fully\\s+)?remote|no\\s+remote|non[\\s-]remote|remote\\s+work\\s+is\\s+not\\s+(?:available|possible|offered)|`
    + `(?:pas|aucun)\\s+(?:de\\s+)?télétravail)${E}[^.\\n]{0,40}`,
  'gi',
);

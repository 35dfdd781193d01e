/**
 * The senior-role filter: Pathfinder lists co-op, internship and new-grad roles, so a posting that
 * plainly wants an experienced hire is skipped. Title words weigh most; the description is only read
 * for an explicit experience requirement ("5+ years of experience", "minimum 3 years", "au moins 3 ans").
 *
 * Decisions (each has a test):
 * - An entry-level marker in the title (intern, co-op student, trainee, in-training, junior, new grad,
 *   stagiaire, apprentice…) wins over every other rule: "Intern, Office of the Director" is kept.
 *   So does a plugin that set `jobType` to `coop` or `internship`: it knows its board.
 * - "Team Lead", "Tech Lead", "Lead Developer" and "Lead Hand" (a trades crew lead) are senior;
 *   "Lead Generation", "Leadership Program" and "lead abatement" are not.
 * - "Manager" and "Managing Director/Partner/Editor" are senior, Project/Product Manager included;
 *   "Management" alone is not (Management Trainee, Property Management Assistant), nor are
 *   "Manager in Training", "Assistant Manager" and "Associate Product/Project/Program Manager",
 *   which are the usual first jobs of graduate programs.
 * - "Senior"/"Sr." is senior, but "seniors" as a population is not (Seniors' Centre Program Assistant,
 *   Senior Services Coordinator, Senior Care Aide).
 * - "Staff" only with an engineering title (Staff Engineer); Staff Accountant and Support Staff are entry roles.
 * - "Supervisor" is not on the list: shift and student supervisors are common first jobs.
 * - A senior word that names whom the job supports does not count: "Executive Assistant to the CEO",
 *   "Clerk, Office of the Director" (the title is cut at "to the …"/"office of the …").
 * - Experience counts when the lower bound is 3 or more years ("2-3 years" is not senior, "3-5 years" is)
 *   and the words "experience"/"expérience" sit in the same sentence; "less than 5 years" and "up to 4
 *   years" are not requirements.
 */

// Letters and digits of English and French (Latin-1 and Latin Extended-A/B). A class instead of
// \p{L} keeps the regexes out of Unicode mode, which is about twice as fast on long descriptions.
const W = 'A-Za-z0-9\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F';
const B = `(?<![${W}])`;
const E = `(?![${W}])`;
const word = (src: string): RegExp => new RegExp(`${B}(?:${src})${E}`, 'i');

// Nouns after "student"/"co-op" that make the title about running a program, not being in one.
const ADMIN_NOUNS = 'services?|affairs|success|life|housing|engagement|experience|recruitment|relations|development|'
  + 'programs?|programme|education|office|union|centre|center|manager|coordinator|director|advisor|adviser|officer|'
  + 'lead|supervisor|specialist';

/** Title words that mark an entry-level role; they override every seniority rule. */
export const ENTRY_LEVEL_TITLE_PATTERN: RegExp = word(
  [
    'interns?', 'internships?', 'stagiaires?', 'trainees?', 'in[- ]training', 'en formation', 'apprentices?', 'apprenti(?:e|s|es)?',
    'junior', 'jr', 'entry[- ]level', 'new[- ]grad(?:uate)?s?', 'recent grad(?:uate)?s?', 'graduate (?:program|programme|trainee|rotational)',
    'jeunes? diplôm[ée](?:e|s|es)?', 'débutant(?:e|s|es)?',
    `co-?op(?!\\s+(?:${ADMIN_NOUNS})${E})`, `students?(?!\\s+(?:${ADMIN_NOUNS})${E})`, `étudiant(?:e|s|es)?(?!\\s+(?:${ADMIN_NOUNS})${E})`,
  ].join('|'),
);

/** One title rule of the senior filter: `reason` names it in the skip reason. */
export interface SeniorTitleRule {
  reason: string;
  pattern: RegExp;
}

const POPULATION_NOUNS = "care|citizens?|living|services?|centres?|centers?|homes?|housing|programs?|programming|community|"
  + 'residents?|wellness|support|recreation|outreach|day|high|adults?|clubs?|lodges?|population|activities|transportation';

/** The title rules, checked in order; the first that matches names the reason. */
export const SENIOR_TITLE_RULES: readonly SeniorTitleRule[] = [
  { reason: 'senior', pattern: word(`s[eé]nior(?!['’]s${E}|\\s+(?:${POPULATION_NOUNS})${E})`) },
  { reason: 'senior', pattern: word('sr') },
  { reason: 'lead', pattern: word('lead(?![\\s-]+(?:gen(?:eration)?|abatement|paint|based|free|poisoning|safe|time)' + E + ')') },
  { reason: 'manager', pattern: word('gestionnaire(?:s)?\\s+principal(?:e|es|aux)?') },
  { reason: 'principal', pattern: word(`principale?s?(?!['’]s${E})`) },
  {
    reason: 'staff engineer',
    pattern: word('staff\\s+(?:(?:software|data|machine learning|ml|site reliability|security|back-?end|front-?end|full[- ]?stack|'
      + 'platform|research|product|ux|ui|systems?)\\s+)?(?:engineer|developer|scientist|architect|designer)s?'),
  },
  { reason: 'manager', pattern: word('managers?|managing\\s+(?:director|partner|editor|consultant)s?|gérant(?:e|s|es)?') },
  { reason: 'director', pattern: word('directors?|directeur(?:s)?|directrice(?:s)?') },
  {
    reason: 'chief',
    // "chef de projet/d'équipe/de service" is a lead; "chef de partie" is a line cook.
    pattern: new RegExp(`${B}(?:chief|c[eftoim]o|ciso)${E}|${B}chef\\s+(?:de\\s+(?!partie${E})|d['’]|du\\s|des\\s)`, 'i'),
  },
  { reason: 'head of', pattern: word('head\\s+of') },
  { reason: 'vice-president', pattern: word('[aes]?vp|vice[\\s-]*pr[eé]sident(?:e|s|es)?') },
];

// "Executive Assistant to the CEO", "Clerk, Office of the Director": the senior word names whom the
// job supports, not the job. The tail is cut before the rules run ("Director to the Board" stays senior).
const SUPPORTING_TAIL = new RegExp(
  `${B}(?:(?:to|for)\\s+(?:the\\s+)?(?:[a-z-]+\\s+){0,3}?(?:ceo|cfo|coo|cto|cio|president|vice[\\s-]?president|vp|directors?|managers?|chief|head|executives?|board)${E}|office\\s+of\\s+the${E}).*$`,
  'i',
);

// Manager-titled first jobs (decided above); removed from the title before the rules run.
const MANAGER_EXCEPTIONS = new RegExp(
  `${B}(?:associate\\s+(?:product|project|program)\\s+manager|manager[\\s-]+in[\\s-]+training|assistant\\s+(?:store\\s+)?manager)${E}`,
  'gi',
);

const NUM_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10,
  douze: 12, quinze: 15, vingt: 20,
};
const NUM = `\\d{1,2}|${Object.keys(NUM_WORDS).join('|')}`;
const UNIT = '(?:years?|yrs?|ans|ann[ée]es)';

/**
 * "5+ years", "3-5 years", "five (5) years", "3 or more years", "minimum 4 yrs", "5 ans", "3 à 5 années".
 * Group 1 is the lower bound. Exported for tests and for anyone widening the filter.
 */
export const YEARS_PATTERN: RegExp = new RegExp(
  `(?<![${W}.,$/])(${NUM})(?:\\s*\\(\\d{1,2}\\))?\\s*(?:\\+|plus${E})?\\s*`
    + `(?:(?:-|–|—|to|à|a)\\s*(?:${NUM})(?:\\s*\\(\\d{1,2}\\))?\\s*\\+?\\s*)?(?:(?:or|ou)\\s+(?:more|plus)\\s+)?${UNIT}${E}`,
  'gi',
);
const EXPERIENCE_WORD = /exp[ée]rience|(?<![a-z])exp(?![a-z])/i;
// "3 years of university and some experience" is about studies, not a requirement of experience.
const STUDIES = /degree|diploma|stud(?:y|ies)|program|university|college|school|education|undergrad|études|diplôme/i;
const NOT_A_MINIMUM = /(?:less than|fewer than|under|up to|maximum(?: of)?|max\.?|moins de|jusqu['’]à|within|in the (?:last|past))\s*$/i;
const SENTENCE_END = /[.;!?\n]/;

/** The first experience requirement of at least `min` years in `text` (same sentence as "experience"). */
function experienceYears(text: string, min: number): { years: number; match: string } | undefined {
  YEARS_PATTERN.lastIndex = 0;
  for (let m = YEARS_PATTERN.exec(text); m !== null; m = YEARS_PATTERN.exec(text)) {
    const raw = m[1].toLowerCase();
    const years = NUM_WORDS[raw] ?? Number.parseInt(raw, 10);
    if (!(years >= min)) continue;
    const start = m.index;
    const end = start + m[0].length;
    let before = text.slice(Math.max(0, start - 60), start);
    const cut = Math.max(before.lastIndexOf('.'), before.lastIndexOf(';'), before.lastIndexOf('\n'));
    if (cut !== -1) before = before.slice(cut + 1);
    if (NOT_A_MINIMUM.test(before)) continue;
    let after = text.slice(end, end + 80);
    const stop = after.search(SENTENCE_END);
    if (stop !== -1) after = after.slice(0, stop);
    const at = after.search(EXPERIENCE_WORD);
    if (at !== -1 ? STUDIES.test(after.slice(0, at)) : !EXPERIENCE_WORD.test(before)) continue;
    return { years, match: m[0] };
  }
  return undefined;
}

/** The minimum number of years of experience that makes a role senior. */
export const SENIOR_MIN_YEARS = 3;

/**
 * Why a posting is a senior role (and should be skipped), or `undefined` when it is not.
 *
 * @example
 * seniorReason({ title: 'Senior Software Engineer', description: '' }) // 'senior role in title ("Senior")'
 * seniorReason({ title: 'Analyst', description: 'Minimum 5 years of experience.' }) // 'asks for 5+ years of experience ("5 years")'
 * seniorReason({ title: "Seniors' Centre Program Assistant", description: '' }) // undefined
 */
export function seniorReason(posting: { title: string; description?: string; jobType?: string }): string | undefined {
  if (posting.jobType === 'coop' || posting.jobType === 'internship') return undefined;
  const title = posting.title;
  if (ENTRY_LEVEL_TITLE_PATTERN.test(title)) return undefined;
  const rulesTitle = title.replace(SUPPORTING_TAIL, '').replace(MANAGER_EXCEPTIONS, ' ');
  for (const rule of SENIOR_TITLE_RULES) {
    const m = rule.pattern.exec(rulesTitle);
    if (m) return `${rule.reason} role in title ("${m[0]}")`;
  }
  const inTitle = experienceYears(title, SENIOR_MIN_YEARS);
  if (inTitle) return `asks for ${inTitle.years}+ years of experience ("${inTitle.match}")`;
  if (posting.description) {
    const inText = experienceYears(posting.description, SENIOR_MIN_YEARS);
    if (inText) return `asks for ${inText.years}+ years of experience ("${inText.match}")`;
  }
  return undefined;
}

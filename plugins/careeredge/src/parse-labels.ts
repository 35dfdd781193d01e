/**
 * Labelled lines in a posting's text ("Location: Winnipeg, MB"), the way employers type them
 * into the WordPress editor when the page carries no JSON-LD.
 */
export interface LabelledFields {
  /** "Organization: …", "Host organization: …", "Company: …", "Employer: …" */
  organization?: string;
  /** "Location: …", "Work location: …", "City: …" */
  location?: string;
  /** "Salary: …", "Stipend: …", "Pay: …", "Wage: …", "Compensation: …" */
  salary?: string;
  /** "Application deadline: …", "Deadline: …", "Closing date: …", "Apply by: …" */
  deadline?: string;
}

const LABELS: Record<keyof LabelledFields, string[]> = {
  organization: ['host organi[sz]ation', 'organi[sz]ation', 'company', 'employer'],
  location: ['work location', 'job location', 'location', 'city'],
  salary: ['salary', 'stipend', 'pay rate', 'pay', 'wage', 'compensation'],
  deadline: ['application deadline', 'deadline to apply', 'deadline', 'closing date', 'apply by'],
};

// Longest values we accept: a "label" followed by a paragraph of prose is not a field.
const MAX_VALUE = 160;

/**
 * Finds labelled values in plain text (one field per line; the first occurrence wins).
 * A label counts only at the start of a line (after an optional list dash), followed by ":" (or a
 * dash), so "the location of the office is…" inside a sentence is not read as a field.
 *
 * @example
 * ```ts
 * readLabels('Organization: Prairie Arts Council\n\nLocation: Winnipeg, MB');
 * // { organization: 'Prairie Arts Council', location: 'Winnipeg, MB' }
 * ```
 */
export function readLabels(text: string): LabelledFields {
  const out: LabelledFields = {};
  const lines = text.split(/\r?\n/);
  for (const key of Object.keys(LABELS) as (keyof LabelledFields)[]) {
    const re = new RegExp(`^\\s*(?:[-•·*]\\s*)?(?:${LABELS[key].join('|')})\\s*(?::|\\s[-–—]\\s)\\s*(.+?)\\s*$`, 'i');
    for (const line of lines) {
      const m = re.exec(line.replace(/\u00a0/g, ' '));
      if (m && m[1] && m[1].length <= MAX_VALUE) {
        out[key] = m[1];
        break;
      }
    }
  }
  return out;
}

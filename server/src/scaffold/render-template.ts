/**
 * Replaces `{{token}}` placeholders with their values. Unknown tokens are left as they are, on
 * purpose: fixture pages keep `{{origin}}`, which the SDK's fixture server fills in at test time.
 * Values are inserted once and never re-scanned.
 *
 * @example
 * ```ts
 * renderTemplate('id: {{id}}, link: {{origin}}/jobs', { id: 'maple' }); // 'id: maple, link: {{origin}}/jobs'
 * ```
 */
export function renderTemplate(text: string, tokens: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (Object.hasOwn(tokens, name) ? tokens[name] : whole));
}

/**
 * A single-quoted TypeScript string literal (the repository's style) for any text.
 *
 * @example
 * ```ts
 * tsString("Joe's Jobs"); // "'Joe\\'s Jobs'"
 * ```
 */
export function tsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Finds the `window.job = {…};` assignment JBoard renders into a job page and parses its object
 * literal as JSON. Page scripts are never evaluated (no eval, no `new Function`): the script text
 * is scanned like a tokenizer would, skipping strings, template literals, comments and regular
 * expression literals, so that a `window.job` inside a string or a comment is not mistaken for
 * the assignment and a `};` inside a string does not end the object early.
 *
 * Known limits: the regex-literal test is the usual "what came before the slash" heuristic, and
 * `${…}` inside template literals is scanned as part of the template (a backtick nested in such
 * an expression would confuse it). Neither occurs in the JSON JBoard emits.
 */

import type { HtmlDocument } from '@pathfinder/sdk';

/** What {@link extractWindowJob} and {@link findWindowJob} found. */
export type WindowJobResult =
  | { status: 'found'; value: Record<string, unknown> }
  | { status: 'absent' }
  | { status: 'malformed'; reason: string };

// `window.job =` or `window["job"] =`, but not `window.jobBoard =` nor `window.job == x`.
const ASSIGNMENT = /window\s*(?:\.\s*job(?![\w$])|\[\s*(["'])job\1\s*\])\s*=(?![=>])/y;

const IDENTIFIER_CHAR = /[\w$]/;

// A `/` after one of these (or at the start) begins a regular expression, not a division.
const REGEX_PRECEDERS = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

/**
 * Looks for `window.job = {…}` in one script's text and parses the object literal as JSON.
 *
 * @example
 * ```ts
 * extractWindowJob('window.jobBoard = {}; window.job = {"id": 7, "title": "A};B"};');
 * // => { status: 'found', value: { id: 7, title: 'A};B' } }
 * extractWindowJob('console.log("window.job = {");');
 * // => { status: 'absent' }
 * ```
 */
export function extractWindowJob(script: string): WindowJobResult {
  let malformed: string | undefined;
  let i = 0;
  let previous = ''; // last significant (non-space, non-comment) character, for the regex heuristic
  while (i < script.length) {
    const c = script[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipQuoted(script, i);
      previous = c;
      continue;
    }
    if (c === '/' && script[i + 1] === '/') {
      i = skipLineComment(script, i);
      continue;
    }
    if (c === '/' && script[i + 1] === '*') {
      i = skipBlockComment(script, i);
      continue;
    }
    if (c === '/' && (REGEX_PRECEDERS.has(previous) || followsKeyword(script, i))) {
      i = skipRegex(script, i);
      previous = '/';
      continue;
    }
    if (c === 'w' && (i === 0 || !isIdentifierOrDot(script[i - 1]))) {
      ASSIGNMENT.lastIndex = i;
      if (ASSIGNMENT.test(script)) {
        const result = parseObjectAt(script, ASSIGNMENT.lastIndex);
        if (result.status === 'found') return result;
        malformed ??= result.reason;
        i = ASSIGNMENT.lastIndex;
        previous = '=';
        continue;
      }
    }
    if (!/\s/.test(c)) previous = c;
    i += 1;
  }
  return malformed === undefined ? { status: 'absent' } : { status: 'malformed', reason: malformed };
}

/**
 * Runs {@link extractWindowJob} over every inline script of a job page and returns the first
 * object found (or, when none parses, why the last candidate failed).
 *
 * @example
 * ```ts
 * const found = findWindowJob(res.document);
 * if (found.status === 'found') console.log(found.value.title);
 * ```
 */
export function findWindowJob(doc: HtmlDocument): WindowJobResult {
  let malformed: WindowJobResult | undefined;
  for (const el of Array.from(doc.querySelectorAll('script'))) {
    if (el.hasAttribute('src')) continue;
    const type = (el.getAttribute('type') ?? '').trim().toLowerCase();
    // JSON-LD and templates are data, never the assignment we look for.
    if (type !== '' && !type.includes('javascript') && type !== 'module') continue;
    const text = el.textContent ?? '';
    if (!text.includes('job')) continue;
    const result = extractWindowJob(text);
    if (result.status === 'found') return result;
    if (result.status === 'malformed') malformed = result;
  }
  return malformed ?? { status: 'absent' };
}

function parseObjectAt(script: string, from: number): Exclude<WindowJobResult, { status: 'absent' }> {
  let start = from;
  while (start < script.length && /\s/.test(script[start])) start += 1;
  if (script[start] !== '{') {
    return { status: 'malformed', reason: `window.job is not assigned an object literal (found ${JSON.stringify(script.slice(start, start + 12))})` };
  }
  const end = matchingBrace(script, start);
  if (end < 0) return { status: 'malformed', reason: 'window.job object literal is not closed' };
  const literal = script.slice(start, end + 1);
  try {
    const value: unknown = JSON.parse(literal);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { status: 'malformed', reason: 'window.job is not a JSON object' };
    }
    return { status: 'found', value: value as Record<string, unknown> };
  } catch (err) {
    return { status: 'malformed', reason: `window.job is not valid JSON: ${(err as Error).message}` };
  }
}

/** Index of the `}` closing the `{` at `start`, or -1; braces inside strings and comments do not count. */
function matchingBrace(script: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < script.length) {
    const c = script[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipQuoted(script, i);
      continue;
    }
    if (c === '/' && script[i + 1] === '/') {
      i = skipLineComment(script, i);
      continue;
    }
    if (c === '/' && script[i + 1] === '*') {
      i = skipBlockComment(script, i);
      continue;
    }
    if (c === '{') depth += 1;
    else if (c === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
    i += 1;
  }
  return -1;
}

/** Index just past the string starting at `start` (its quote char); an unclosed string runs to the end. */
function skipQuoted(script: string, start: number): number {
  const quote = script[start];
  let i = start + 1;
  while (i < script.length) {
    const c = script[i];
    if (c === '\\') {
      i += 2; // the escaped character, whatever it is (\" \\ \u…), cannot close the string
      continue;
    }
    if (c === quote) return i + 1;
    // A plain string cannot span lines; stop there so one stray quote does not swallow the script.
    if (quote !== '`' && (c === '\n' || c === '\r')) return i;
    i += 1;
  }
  return script.length;
}

function skipLineComment(script: string, start: number): number {
  const end = script.indexOf('\n', start + 2);
  return end < 0 ? script.length : end + 1;
}

function skipBlockComment(script: string, start: number): number {
  const end = script.indexOf('*/', start + 2);
  return end < 0 ? script.length : end + 2;
}

function skipRegex(script: string, start: number): number {
  let inClass = false;
  let i = start + 1;
  while (i < script.length) {
    const c = script[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '\n' || c === '\r') return i; // not a regex after all; resume scanning as code
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '/') return i + 1;
    i += 1;
  }
  return script.length;
}

// `return /"/.test(s)`: after these words a slash starts a regex even though a letter precedes it.
const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

function followsKeyword(script: string, slash: number): boolean {
  const match = /(?<![\w$.])([A-Za-z]+)\s*$/.exec(script.slice(Math.max(0, slash - 16), slash));
  return match !== null && KEYWORDS_BEFORE_REGEX.has(match[1]);
}

function isIdentifierOrDot(c: string): boolean {
  return c === '.' || IDENTIFIER_CHAR.test(c);
}

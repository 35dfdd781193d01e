import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type HandlebarsModule from 'handlebars';

const TEMPLATES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');

/** One job as the email shows it: every field already formatted text. */
export interface AlertEmailJobView {
  title: string;
  company: string;
  location: string;
  jobType: string;
  deadline?: string;
  applyUrl: string;
}

/** Everything the alert email templates print. Values are plain text; the HTML template escapes them. */
export interface AlertEmailView {
  subject: string;
  preheader: string;
  heading: string;
  intro: string;
  jobs: AlertEmailJobView[];
  recipient: string;
  alertName: string;
  frequencyLabel: string;
  unsubscribeUrl: string;
  siteUrl: string;
  senderName: string;
  senderEmail: string;
  senderMailto: string;
  postalAddress: string;
}

export interface UnsubscribePageView {
  title: string;
  alertName?: string;
  /** Where the confirmation form posts. */
  actionUrl?: string;
  siteUrl: string;
  confirm?: boolean;
  done?: boolean;
  notFound?: boolean;
}

/** The compiled templates: rendering is Handlebars only, no MJML per email. */
export interface AlertTemplates {
  renderEmail(view: AlertEmailView): { html: string; text: string };
  renderUnsubscribePage(view: UnsubscribePageView): string;
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };

/**
 * `{{url x}}`: a link for an href. Only http(s) and mailto links pass (anything else becomes `#`),
 * escaped for a quoted attribute without Handlebars' `=` → `&#x3D;`, which some mail clients leave
 * undecoded in links.
 */
function urlHelper(hbs: typeof HandlebarsModule) {
  return (value: unknown): HandlebarsModule.SafeString => {
    const text = typeof value === 'string' ? value : '';
    const safe = /^(https?:\/\/|mailto:)/i.test(text) ? text.replace(/[&"'<>]/g, (c) => ATTRIBUTE_ESCAPES[c]!) : '#';
    return new hbs.SafeString(safe);
  };
}

/** MJML → HTML in a short-lived worker thread (mjml-thread.mjs): the process never keeps MJML loaded. */
function compileMjml(source: string, options: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./mjml-thread.mjs', import.meta.url), { workerData: { source, options } });
    worker.once('message', (m: { html?: string; error?: string }) => (m.error !== undefined ? reject(new Error(`MJML: ${m.error}`)) : resolve(m.html!)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the MJML thread exited with code ${code} before answering`)));
  });
}

async function compileAll(): Promise<AlertTemplates> {
  // Handlebars (and its compiler) is imported here, not at the top: a process that never sends an
  // alert or renders an unsubscribe page does not hold it.
  const { default: Handlebars } = await import('handlebars');
  const hbs = Handlebars.create();
  hbs.registerHelper('url', urlHelper(hbs));
  const [mjmlSource, textSource, pageSource] = await Promise.all(
    ['alert-email.mjml', 'alert-email.hbs', 'unsubscribe-page.hbs'].map((name) => fs.readFile(path.join(TEMPLATES_DIR, name), 'utf8')),
  );
  // MJML once, here: its output is a Handlebars template (the block tags survived inside mj-raw).
  const mjml = await compileMjml(mjmlSource, { validationLevel: 'strict', keepComments: false });
  // MJML indents generously; the indentation is a third of the bytes and means nothing in HTML.
  const html = hbs.compile(mjml.replace(/\n\s+/g, '\n'), { strict: false, preventIndent: true });
  // The text part is not HTML: no entity escaping (a title "R&D" stays "R&D").
  const text = hbs.compile(textSource, { noEscape: true });
  const page = hbs.compile(pageSource);
  const templates: AlertTemplates = {
    renderEmail: (view) => ({ html: html(view), text: text(view) }),
    renderUnsubscribePage: (view) => page(view),
  };
  // Handlebars compiles lazily on the first call: do it now, not on the first email.
  templates.renderEmail(SAMPLE_VIEW);
  templates.renderUnsubscribePage({ title: 'x', siteUrl: 'https://example.ca', confirm: true });
  return templates;
}

const SAMPLE_VIEW: AlertEmailView = {
  subject: 's', preheader: 'p', heading: 'h', intro: 'i', recipient: 'r', alertName: 'a', frequencyLabel: 'f',
  jobs: [{ title: 't', company: 'c', location: 'l', jobType: 'j', deadline: 'd', applyUrl: 'https://example.ca/apply' }],
  unsubscribeUrl: 'https://example.ca/u', siteUrl: 'https://example.ca', senderName: 'n', senderEmail: 'e@example.ca',
  senderMailto: 'mailto:e@example.ca', postalAddress: 'p',
};

let loading: Promise<AlertTemplates> | undefined;

/**
 * The alert templates, compiled once per process (MJML to HTML, then Handlebars) and shared;
 * later calls return the same promise. Processes call it on their first alert, preview or
 * unsubscribe page (about a second, once), not at start: MJML's thread and Handlebars would
 * otherwise weigh on every start and on the idle process.
 *
 * @example
 * const templates = await loadAlertTemplates();
 * const { html, text } = templates.renderEmail(view);
 */
export function loadAlertTemplates(): Promise<AlertTemplates> {
  loading ??= compileAll().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

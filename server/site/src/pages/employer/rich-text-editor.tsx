import { useEffect, useRef } from 'react';
import { KEPT_TAGS } from './limited-html';

/**
 * The editor's starting content: the description parsed inertly (DOMParser runs no script, loads
 * nothing) and rebuilt with the sanitiser's tags only (links keep an http(s)/mailto href), so no
 * markup of the employer's reaches the live DOM as it was written.
 */
function toEditableHtml(html: string): string {
  const source = new DOMParser().parseFromString(html, 'text/html');
  const target = document.implementation.createHTMLDocument('');
  const copy = (node: Node, into: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) into.appendChild(target.createTextNode(child.textContent ?? ''));
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const tag = (child as Element).tagName.toLowerCase();
      if (tag === 'script' || tag === 'style') continue;
      if (!KEPT_TAGS.has(tag)) {
        copy(child, into);
        continue;
      }
      const el = target.createElement(tag);
      const href = tag === 'a' ? ((child as Element).getAttribute('href') ?? '').trim() : '';
      if (/^(https?:|mailto:)/i.test(href)) el.setAttribute('href', href);
      copy(child, el);
      into.appendChild(el);
    }
  };
  const body = target.createElement('div');
  copy(source.body, body);
  return body.innerHTML;
}

type Command = { key: string; label: string; run: () => void };

/**
 * A small rich-text editor for a job description, limited to what the API's sanitiser keeps:
 * bold, italic, headings, bulleted and numbered lists, links. The toolbar's buttons are ordinary
 * buttons (keyboard reachable, named); the editing area is a labelled multi-line text box. It hands
 * its HTML to `onChange`; the API sanitises it again, and the preview shows what it kept.
 */
export function RichTextEditor(props: {
  id: string; labelledBy: string; value: string; onChange: (html: string) => void; describedBy?: string; invalid?: boolean;
  labels: { toolbar: string; bold: string; italic: string; heading: string; bullets: string; numbers: string; link: string; linkPrompt: string; unlink: string };
}) {
  const area = useRef<HTMLDivElement>(null);
  // Set from outside (a job loaded for editing, a format switch), not on every keystroke: the
  // caret would jump to the start.
  useEffect(() => {
    const el = area.current;
    if (el && document.activeElement !== el && el.innerHTML !== props.value) el.innerHTML = toEditableHtml(props.value);
  }, [props.value]);
  const exec = (command: string, value?: string) => {
    area.current?.focus();
    // execCommand is what contenteditable offers for these edits; every browser the site supports keeps it.
    document.execCommand(command, false, value);
    if (area.current) props.onChange(area.current.innerHTML);
  };
  const { labels } = props;
  const commands: Command[] = [
    { key: 'bold', label: labels.bold, run: () => exec('bold') },
    { key: 'italic', label: labels.italic, run: () => exec('italic') },
    { key: 'heading', label: labels.heading, run: () => exec('formatBlock', 'h3') },
    { key: 'bullets', label: labels.bullets, run: () => exec('insertUnorderedList') },
    { key: 'numbers', label: labels.numbers, run: () => exec('insertOrderedList') },
    {
      key: 'link', label: labels.link, run: () => {
        const url = window.prompt(labels.linkPrompt, 'https://')?.trim();
        if (url && /^(https?:\/\/|mailto:)/i.test(url)) exec('createLink', url);
      },
    },
    { key: 'unlink', label: labels.unlink, run: () => exec('unlink') },
  ];
  return (
    <div className="rich-text">
      <div role="toolbar" aria-label={labels.toolbar} aria-controls={props.id} className="row-actions">
        {commands.map((c) => (
          // mousedown would move the focus (and the selection) out of the text before the command runs.
          <button key={c.key} type="button" className="secondary" onMouseDown={(e) => e.preventDefault()} onClick={c.run}>{c.label}</button>
        ))}
      </div>
      <div
        id={props.id} ref={area} className="rich-text-area" contentEditable suppressContentEditableWarning role="textbox" aria-multiline="true"
        aria-labelledby={props.labelledBy} aria-describedby={props.describedBy} aria-invalid={props.invalid || undefined} tabIndex={0}
        // Enter starts a <p> (which the sanitiser keeps), not Chromium's default <div> (which it would drop, joining the lines).
        onFocus={() => document.execCommand('defaultParagraphSeparator', false, 'p')}
        onInput={(e) => props.onChange((e.currentTarget as HTMLDivElement).innerHTML)}
      />
    </div>
  );
}

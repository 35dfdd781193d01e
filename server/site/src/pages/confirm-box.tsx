import { useId } from 'react';

/**
 * The "are you sure?" card the console pages show before a destructive action: a heading, what will
 * happen, the action (focused first) and a way back.
 */
export function ConfirmBox(props: { heading: string; text: string; confirm: string; cancel: string; onConfirm(): void; onCancel(): void }) {
  const headingId = useId();
  return (
    <div className="card confirm" role="group" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading}</h2>
      <p>{props.text}</p>
      <div className="row-actions">
        <button type="button" className="danger" autoFocus onClick={props.onConfirm}>{props.confirm}</button>
        <button type="button" className="secondary" onClick={props.onCancel}>{props.cancel}</button>
      </div>
    </div>
  );
}

/** What a page hands {@link runPageAction}: where its messages go and how it reloads. */
export interface PageActionTarget {
  setError(message: string | null): void;
  setStatus(message: string | null): void;
  reload(): Promise<void>;
  errorText(error: unknown): string;
}

/**
 * Runs one of a page's actions: clears the messages, shows the action's own status text (or the
 * API's error), then reloads the page's data either way.
 */
export async function runPageAction(action: () => Promise<string>, page: PageActionTarget): Promise<void> {
  page.setError(null);
  page.setStatus(null);
  try {
    page.setStatus(await action());
  } catch (e) {
    page.setError(page.errorText(e));
  }
  await page.reload();
}

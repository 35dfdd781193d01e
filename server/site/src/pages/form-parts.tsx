import { useId, type InputHTMLAttributes } from 'react';

/** A labelled input with an optional hint, tied together for screen readers. */
export function Field({ label, hint, ...input }: { label: string; hint?: string; name: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint && <p id={`${id}-hint`} className="hint">{hint}</p>}
    </div>
  );
}

/** An error announced as soon as it appears. */
export function ErrorMessage({ error }: { error: string | null }) {
  return <div role="alert" className={error ? 'notice error' : undefined}>{error}</div>;
}

/** A success message, announced politely. */
export function StatusMessage({ text }: { text: string | null }) {
  return <div role="status" className={text ? 'notice success' : undefined}>{text}</div>;
}

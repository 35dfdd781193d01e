import { useId, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { PathfinderApiError } from '../api';
import { useI18n } from '../i18n';

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

/**
 * A form's submit handler, its busy flag and its error: the API's own message when it sent one,
 * a generic one otherwise. `action` receives the form's fields.
 */
export function useFormAction(action: (form: FormData) => Promise<void>) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await action(form);
    } catch (e) {
      setError(e instanceof PathfinderApiError ? e.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

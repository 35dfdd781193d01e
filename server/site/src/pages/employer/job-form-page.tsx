import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, PathfinderApiError, unwrap, type JobDetail } from '../../api';
import { JOB_TYPES, LOCATION_TYPES, PROVINCES, TERMS, jobTypeKey, locationKey, provinceName, termKey } from '../../labels';
import { useI18n } from '../../i18n';
import { ErrorMessage } from '../form-parts';
import { fieldErrorsOf } from '../field-errors';
import type { EmployerMessageKey } from '../../messages-employer';
import { JobPreview } from './job-preview';
import { useEmployerText, type CreateJobBody } from './employer-text';
import { RichTextEditor } from './rich-text-editor';

/** The form's fields as typed (text inputs as strings, checkboxes as booleans). */
export interface JobFormValues {
  title: string; originalUrl: string; companyName: string; externalId: string;
  format: 'text' | 'rich' | 'html'; description: string;
  jobType: string; term: string; locationType: string; city: string; province: string;
  withPay: boolean; salaryMin: string; salaryMax: string; salaryPeriod: string;
  applicationDeadline: string; datePosted: string; academicCreditRequired: boolean; minimumGpa: string;
  requiredMajors: string; requiredSkills: string; employerNotes: string;
}

const EMPTY: JobFormValues = {
  title: '', originalUrl: '', companyName: '', externalId: '', format: 'text', description: '', jobType: '', term: '', locationType: 'onsite',
  city: '', province: '', withPay: true, salaryMin: '', salaryMax: '', salaryPeriod: 'hour', applicationDeadline: '', datePosted: '',
  academicCreditRequired: false, minimumGpa: '', requiredMajors: '', requiredSkills: '', employerNotes: '',
};
const FIELDS = ['title', 'originalUrl', 'companyName', 'externalId', 'description', 'descriptionHtml', 'jobType', 'term', 'locationType', 'city', 'province', 'withPay',
  'salaryMin', 'salaryMax', 'salaryPeriod', 'applicationDeadline', 'datePosted', 'academicCreditRequired', 'minimumGpa', 'requiredMajors', 'requiredSkills', 'employerNotes'] as const;

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');

function fromJob(job: JobDetail): JobFormValues {
  return {
    title: job.title, originalUrl: job.originalUrl, companyName: job.companyName, externalId: job.externalId ?? '',
    format: job.descriptionHtml ? 'rich' : 'text', description: job.descriptionHtml ?? job.description,
    jobType: job.jobType, term: job.term ?? '', locationType: job.locationType, city: job.city ?? '', province: job.province ?? '',
    withPay: job.withPay, salaryMin: job.salaryMin?.toString() ?? '', salaryMax: job.salaryMax?.toString() ?? '', salaryPeriod: job.salaryPeriod ?? 'hour',
    applicationDeadline: day(job.applicationDeadline), datePosted: day(job.datePosted), academicCreditRequired: job.academicCreditRequired,
    minimumGpa: job.minimumGpa?.toString() ?? '', requiredMajors: job.requiredMajors.join(', '), requiredSkills: job.requiredSkills.join(', '),
    employerNotes: job.employerNotes ?? '',
  };
}

/**
 * The body for the API. A new job leaves out what is empty (the API classifies or defaults it); an
 * edit sends `null` to clear an optional field. Nothing is validated here beyond the input types:
 * the API's own messages are shown at their fields.
 */
function toBody(v: JobFormValues, editing: boolean): Record<string, unknown> {
  const empty = editing ? null : undefined;
  const text = (s: string) => s.trim() || empty;
  const num = (s: string) => (s.trim() === '' ? empty : Number(s));
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  const body: Record<string, unknown> = {
    title: v.title.trim(), originalUrl: v.originalUrl.trim(), externalId: text(v.externalId),
    jobType: v.jobType || empty, term: v.term || empty, locationType: v.locationType || empty, city: text(v.city), province: v.province || empty,
    withPay: v.withPay, salaryMin: v.withPay ? num(v.salaryMin) : empty, salaryMax: v.withPay ? num(v.salaryMax) : empty,
    salaryPeriod: v.withPay && (v.salaryMin.trim() || v.salaryMax.trim()) ? v.salaryPeriod : empty,
    applicationDeadline: text(v.applicationDeadline), datePosted: text(v.datePosted), academicCreditRequired: v.academicCreditRequired,
    minimumGpa: num(v.minimumGpa), requiredMajors: list(v.requiredMajors), requiredSkills: list(v.requiredSkills), employerNotes: text(v.employerNotes),
  };
  if (v.companyName.trim()) body.companyName = v.companyName.trim();
  if (v.format !== 'text') {
    body.descriptionHtml = v.description;
    if (editing) body.description = '';
  } else {
    body.description = v.description;
    if (editing) body.descriptionHtml = null;
  }
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** `/employer/jobs/new` and `/employer/jobs/:id`: every field the API accepts, its errors at their fields, and a preview. */
export function JobFormPage() {
  const { t } = useEmployerText();
  const { id } = useParams();
  const navigate = useNavigate();
  const [values, setValues] = useState<JobFormValues | null | undefined>(id ? undefined : EMPTY);
  const [original, setOriginal] = useState<JobDetail | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!id) return;
    api.GET('/api/v1/jobs/{id}', { params: { path: { id } } }).then(({ data }) => {
      setOriginal(data ?? null);
      setValues(data ? fromJob(data) : null);
    }, () => setValues(null));
  }, [id]);
  if (values === undefined) return <p role="status">{t('loading')}</p>;
  if (values === null) return <div className="notice"><p>{t('form.notFound')}</p><Link to="/employer">{t('form.back')}</Link></div>;
  const set = <K extends keyof JobFormValues>(key: K, value: JobFormValues[K]) => setValues({ ...values, [key]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      const body = toBody(values, Boolean(id));
      const job = id
        ? unwrap(await api.PATCH('/api/v1/jobs/{id}', { params: { path: { id } }, body }))
        : unwrap(await api.POST('/api/v1/jobs', { body: body as CreateJobBody }));
      navigate('/employer', { state: { status: t(id ? 'jobs.saved' : 'jobs.posted', { title: job.title }) } });
    } catch (e) {
      const byField = fieldErrorsOf(e, FIELDS);
      // The description's two forms share one field on the page.
      if (byField.descriptionHtml && !byField.description) byField.description = byField.descriptionHtml;
      setErrors(byField);
      setGeneral(Object.keys(byField).length ? `${t('form.fixErrors')} ${e instanceof PathfinderApiError ? e.message : ''}`.trim() : e instanceof PathfinderApiError ? e.message : t('genericError'));
      setBusy(false);
      window.setTimeout(() => document.querySelector<HTMLElement>('.job-form [aria-invalid="true"]')?.focus(), 0);
    }
  };

  const field = (key: keyof JobFormValues, label: EmployerMessageKey, input: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField label={t(label)} value={String(values[key])} onChange={(v) => set(key, v as never)} error={errors[key]} {...input} />
  );
  return (
    <div className="job-form-page">
      <p><Link to="/employer">{t('form.back')}</Link></p>
      <h1>{id ? t('form.editTitle', { title: original?.title ?? '' }) : t('form.newTitle')}</h1>
      <form className="job-form" onSubmit={submit} noValidate>
        <ErrorMessage error={general} />
        {field('title', 'form.title', { required: true, maxLength: 300, requiredText: t('form.required') })}
        {field('originalUrl', 'form.originalUrl', { required: true, type: 'url', help: t('form.originalUrlHelp'), maxLength: 2048, requiredText: t('form.required') })}
        {field('companyName', 'form.companyName', { help: t('form.companyNameHelp'), maxLength: 200 })}
        {field('externalId', 'form.externalId', { maxLength: 200 })}
        <fieldset>
          <legend>{t('form.descriptionFormat')}</legend>
          <label className="check"><input type="radio" name="format" checked={values.format === 'text'} onChange={() => set('format', 'text')} /> {t('form.formatText')}</label>
          <label className="check"><input type="radio" name="format" checked={values.format === 'rich'} onChange={() => set('format', 'rich')} /> {t('form.formatRich')}</label>
          <label className="check"><input type="radio" name="format" checked={values.format === 'html'} onChange={() => set('format', 'html')} /> {t('form.formatHtml')}</label>
        </fieldset>
        {values.format === 'rich' ? (
          <RichField label={t('form.description')} help={t('form.descriptionHelpRich')} error={errors.description} value={values.description}
            onChange={(html) => set('description', html)} labels={{
              toolbar: t('editor.toolbar'), bold: t('editor.bold'), italic: t('editor.italic'), heading: t('editor.heading'), bullets: t('editor.bullets'),
              numbers: t('editor.numbers'), link: t('editor.link'), linkPrompt: t('editor.linkPrompt'), unlink: t('editor.unlink'),
            }} />
        ) : (
          <LabelledControl label={t('form.description')} help={values.format === 'html' ? t('form.descriptionHelpHtml') : t('form.descriptionHelpText')} error={errors.description}>
            {(props) => <textarea {...props} name="description" value={values.description} onChange={(e) => set('description', e.target.value)} maxLength={100_000} />}
          </LabelledControl>
        )}
        <Choice label={t('form.jobType')} value={values.jobType} onChange={(v) => set('jobType', v)} error={errors.jobType} empty={t('form.auto')} options={JOB_TYPES.map((v) => [v, jobTypeKey(v)])} />
        <Choice label={t('form.term')} value={values.term} onChange={(v) => set('term', v)} error={errors.term} empty={t('form.none')} options={TERMS.map((v) => [v, termKey(v)])} />
        <Choice label={t('form.locationType')} value={values.locationType} onChange={(v) => set('locationType', v)} error={errors.locationType} options={LOCATION_TYPES.map((v) => [v, locationKey(v)])} />
        {field('city', 'form.city', { maxLength: 120, autoComplete: 'address-level2' })}
        <ProvinceChoice label={t('form.province')} value={values.province} onChange={(v) => set('province', v)} error={errors.province} empty={t('form.none')} />
        <label className="check"><input type="checkbox" checked={values.withPay} onChange={(e) => set('withPay', e.target.checked)} /> {t('form.withPay')}</label>
        {values.withPay && (
          <div className="filter-row">
            {field('salaryMin', 'form.salaryMin', { inputMode: 'decimal' })}
            {field('salaryMax', 'form.salaryMax', { inputMode: 'decimal' })}
            <LabelledControl label={t('form.salaryPeriod')} error={errors.salaryPeriod}>
              {(props) => (
                <select {...props} value={values.salaryPeriod} onChange={(e) => set('salaryPeriod', e.target.value)}>
                  <option value="hour">{t('form.period.hour')}</option>
                  <option value="year">{t('form.period.year')}</option>
                </select>
              )}
            </LabelledControl>
          </div>
        )}
        {field('applicationDeadline', 'form.applicationDeadline', { type: 'date' })}
        {field('datePosted', 'form.datePosted', { type: 'date', help: t('form.datePostedHelp') })}
        <label className="check"><input type="checkbox" checked={values.academicCreditRequired} onChange={(e) => set('academicCreditRequired', e.target.checked)} /> {t('form.academicCredit')}</label>
        {field('minimumGpa', 'form.minimumGpa', { inputMode: 'decimal' })}
        {field('requiredMajors', 'form.requiredMajors', { help: t('form.listHelp') })}
        {field('requiredSkills', 'form.requiredSkills', { help: t('form.listHelp') })}
        <LabelledControl label={t('form.employerNotes')} help={t('form.employerNotesHelp')} error={errors.employerNotes}>
          {(props) => <textarea {...props} value={values.employerNotes} onChange={(e) => set('employerNotes', e.target.value)} maxLength={5000} />}
        </LabelledControl>
        <button type="submit" disabled={busy}>{id ? t('form.submitEdit') : t('form.submitNew')}</button>
      </form>
      <section aria-labelledby="preview-heading" className="preview-section">
        <h2 id="preview-heading">{t('form.preview')}</h2>
        <p className="hint">{t('form.previewHelp')}</p>
        <JobPreview values={values} />
      </section>
    </div>
  );
}

type ControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/** A label, a control, its help and its own error message, tied together for screen readers. */
/** The description as formatted text: the editor with its own label (a text box that is not an input), help and error. */
function RichField({ label, help, error, value, onChange, labels }: {
  label: string; help: string; error?: string; value: string; onChange: (html: string) => void; labels: Parameters<typeof RichTextEditor>[0]['labels'];
}) {
  const id = useId();
  const describedBy = [`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <span id={`${id}-label`} className="label">{label}</span>
      <RichTextEditor id={id} labelledBy={`${id}-label`} describedBy={describedBy} invalid={Boolean(error)} value={value} onChange={onChange} labels={labels} />
      <p id={`${id}-help`} className="hint">{help}</p>
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

function LabelledControl({ label, help, error, required, requiredText, children }: { label: string; help?: string; error?: string; required?: boolean; requiredText?: string; children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}{required && <span className="hint"> ({requiredText})</span>}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {help && <p id={`${id}-help`} className="hint">{help}</p>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

function TextField({ label, value, onChange, error, help, required, requiredText, type = 'text', maxLength, inputMode, autoComplete }: {
  label: string; value: string; onChange: (v: string) => void; error?: string; help?: string; required?: boolean; requiredText?: string;
  type?: string; maxLength?: number; inputMode?: 'decimal' | 'numeric'; autoComplete?: string;
}) {
  return (
    <LabelledControl label={label} help={help} error={error} required={required} requiredText={requiredText}>
      {(props) => <input {...props} type={type} value={value} onChange={(e) => onChange(e.target.value)} required={required} maxLength={maxLength} inputMode={inputMode} autoComplete={autoComplete} />}
    </LabelledControl>
  );
}

function Choice({ label, value, onChange, error, empty, options }: { label: string; value: string; onChange: (v: string) => void; error?: string; empty?: string; options: [string, Parameters<ReturnType<typeof useI18n>['t']>[0]][] }) {
  const { t } = useI18n();
  return (
    <LabelledControl label={label} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map(([v, key]) => <option key={v} value={v}>{t(key)}</option>)}
        </select>
      )}
    </LabelledControl>
  );
}

function ProvinceChoice({ label, value, onChange, error, empty }: { label: string; value: string; onChange: (v: string) => void; error?: string; empty: string }) {
  const { lang } = useI18n();
  return (
    <LabelledControl label={label} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{empty}</option>
          {PROVINCES.map((p) => <option key={p} value={p}>{provinceName(p, lang)}</option>)}
        </select>
      )}
    </LabelledControl>
  );
}

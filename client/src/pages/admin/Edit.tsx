import type { AuditEvent, DirectoryLabel } from '@knotwork/graph-schema';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { labelNames, labelOfSegment, segments, useAudit, useEntity, useSaveEntity } from '../../api/entities';
import { ApiError } from '../../api/http';
import { ErrorMessage, Loading } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { formFields, toBody, toFormValues, type FieldSpec, type FormValues } from './fields';

function Field({ f, values, errors, set }: { f: FieldSpec; values: FormValues; errors: Record<string, string>; set: (k: string, v: string) => void }) {
  const id = `f-${f.name}`;
  const err = errors[f.name];
  const describedBy = [f.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': Boolean(err), 'aria-describedby': describedBy };
  if (f.kind === 'age') {
    const eMin = errors['ageRange.min'] ?? errors.ageRange;
    const eMax = errors['ageRange.max'];
    return (
      <fieldset>
        <legend>{f.label}</legend>
        {f.hint ? <p className="hint">{f.hint}</p> : null}
        <div className="row">
          <div>
            <label htmlFor="f-age-min">From age</label>
            <input id="f-age-min" type="number" value={values['ageRange.min'] ?? ''} onChange={(e) => set('ageRange.min', e.target.value)} aria-invalid={Boolean(eMin)} aria-describedby={eMin ? 'f-age-min-error' : undefined} />
          </div>
          <div>
            <label htmlFor="f-age-max">To age</label>
            <input id="f-age-max" type="number" value={values['ageRange.max'] ?? ''} onChange={(e) => set('ageRange.max', e.target.value)} aria-invalid={Boolean(eMax)} aria-describedby={eMax ? 'f-age-max-error' : undefined} />
          </div>
        </div>
        {eMin ? (
          <p id="f-age-min-error" className="field-error">
            From age {eMin}
          </p>
        ) : null}
        {eMax ? (
          <p id="f-age-max-error" className="field-error">
            To age {eMax}
          </p>
        ) : null}
      </fieldset>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{f.label}</label>
      {f.hint ? (
        <p id={`${id}-hint`} className="hint">
          {f.hint}
        </p>
      ) : null}
      {f.kind === 'textarea' || f.kind === 'synonyms' ? (
        <textarea {...common} value={values[f.name] ?? ''} onChange={(e) => set(f.name, e.target.value)} />
      ) : f.kind === 'select' ? (
        <select {...common} value={values[f.name] ?? ''} onChange={(e) => set(f.name, e.target.value)}>
          <option value="">Choose…</option>
          {Object.entries(f.options ?? {}).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={f.kind === 'email' ? 'email' : f.kind === 'url' ? 'url' : f.kind === 'tel' ? 'tel' : 'text'}
          value={values[f.name] ?? ''}
          onChange={(e) => set(f.name, e.target.value)}
        />
      )}
      {err ? (
        <p id={`${id}-error`} className="field-error">
          {f.label} {err}
        </p>
      ) : null}
    </div>
  );
}

function AuditHistory({ label, id }: { label: DirectoryLabel; id: string }) {
  const audit = useAudit(label, id);
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">History</h2>
      {audit.isLoading ? <Loading what="Loading history" /> : null}
      {audit.isError ? <ErrorMessage error={audit.error} title="History could not be loaded" /> : null}
      {audit.data && !audit.data.length ? <p className="muted">No recorded changes.</p> : null}
      {audit.data?.length ? (
        <ol className="audit">
          {audit.data.map((ev: AuditEvent) => {
            const changed = Object.keys(ev.after ?? {}).filter((k) => JSON.stringify(ev.before?.[k]) !== JSON.stringify(ev.after?.[k]) && k !== 'updatedAt');
            return (
              <li key={ev.id}>
                <strong>{ev.action}</strong> by {ev.actorEmail ?? 'system'} on {formatDate(ev.at)}
                {changed.length ? <span className="muted small"> — changed {changed.slice(0, 8).join(', ')}</span> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}

export default function EditPage() {
  const { segment, id } = useParams();
  const label = labelOfSegment(segment);
  const navigate = useNavigate();
  const entity = useEntity(label, id);
  const save = useSaveEntity(label ?? 'Practitioner', id);
  const fields = label ? formFields[label] : undefined;
  const [values, setValues] = useState<FormValues>({});
  useEffect(() => {
    if (fields && (entity.data || !id)) setValues(toFormValues(fields, entity.data));
  }, [entity.data, id]);

  if (!label || !fields) return <ErrorMessage error={new Error(`“${segment}” cannot be edited here.`)} title="Not editable" page />;
  if (id && entity.isLoading) return <Loading what="Loading" />;
  if (id && entity.isError) return <ErrorMessage error={entity.error} page />;

  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const set = (k: string, v: string) => setValues((old) => ({ ...old, [k]: v }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(toBody(fields, values), {
      onSuccess: (saved) => {
        if (!id && saved?.id) navigate(`/edit/${segments[label]}/${saved.id}`, { replace: true });
      },
    });
  };
  const name = id ? String(entity.data?.name ?? '') : `New ${labelNames[label].toLowerCase()}`;
  const errorList = Object.entries(errors);

  return (
    <div className="edit-page">
      <p>
        <Link to="/admin">Admin</Link>
        {id ? (
          <>
            {' '}
            › <Link to={`/${segments[label]}/${id}`}>{name}</Link>
          </>
        ) : null}
      </p>
      <h1>{id ? `Edit ${name}` : name}</h1>
      <div className="profile-grid">
        <form className="card form" onSubmit={onSubmit} noValidate aria-label={`Edit ${labelNames[label].toLowerCase()}`}>
          {save.isError && errorList.length ? (
            <div className="error" role="alert">
              <strong>Please correct {errorList.length === 1 ? 'this field' : `these ${errorList.length} fields`}:</strong>
              <ul>
                {errorList.map(([field, msg]) => (
                  <li key={field}>
                    <a href={`#f-${field === 'ageRange.min' || field === 'ageRange' ? 'age-min' : field === 'ageRange.max' ? 'age-max' : field}`}>
                      {fields.find((f) => f.name === field)?.label ?? field}
                    </a>{' '}
                    {msg}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {save.isError && !errorList.length ? <ErrorMessage error={save.error} title="Not saved" /> : null}
          {save.isSuccess ? (
            <p className="success" role="status">
              Saved.
            </p>
          ) : null}
          {fields.map((f) => (
            <Field key={f.name} f={f} values={values} errors={errors} set={set} />
          ))}
          <div className="row" style={{ marginTop: '1rem' }}>
            <button type="submit" className="primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
            {id ? (
              <Link className="button" to={`/${segments[label]}/${id}`}>
                Back to profile
              </Link>
            ) : null}
          </div>
        </form>
        {id ? <AuditHistory label={label} id={id} /> : null}
      </div>
    </div>
  );
}

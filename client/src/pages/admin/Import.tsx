import { ImportReport, type RejectedRecord } from '@knotwork/graph-schema';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ImportFailed, runImport, type ImportFormat } from '../../api/imports';
import { ErrorMessage } from '../../components/ui';
import { downloadCsv, toCsv } from '../../lib/csv';

const types = ['Practitioner', 'Agency', 'Specialism', 'Need', 'Forum', 'Locality'];

export default function ImportPage() {
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<ImportFormat>('knotwork-csv');
  const [type, setType] = useState('Practitioner');
  const [name, setName] = useState('partner');
  const [dryRun, setDryRun] = useState(false);
  const [sync, setSync] = useState(false);
  const [progress, setProgress] = useState<{ fraction: number | null; text: string } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = [...(fileRef.current?.files ?? [])];
    if (!chosen.length) return setError(new Error('Choose a file to import.'));
    setBusy(true);
    setError(null);
    setReport(null);
    setProgress({ fraction: 0, text: 'Reading the files…' });
    try {
      const files: Record<string, string> = {};
      for (const f of chosen) {
        // One Knotwork CSV picked with its record type is named after it (Practitioner.csv), as the importer expects.
        const fileName = format === 'knotwork-csv' && chosen.length === 1 && !/^[A-Z][A-Za-z_]*\.csv$/.test(f.name) ? `${type}.csv` : f.name;
        files[fileName] = await f.text();
      }
      const r = await runImport({ format, name, files, dryRun, sync }, (p) => setProgress(p));
      setReport(r);
      qc.invalidateQueries();
    } catch (err) {
      setError(err);
      if (err instanceof ImportFailed && err.errors.length) {
        setReport(ImportReport.parse({ format, created: {}, updated: {}, rejected: err.errors, unmappedFields: [], dryRun: true }));
      }
      setProgress(null);
    } finally {
      setBusy(false);
    }
  };
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

  return (
    <div>
      <p>
        <Link to="/admin">Admin</Link>
      </p>
      <h1>Import a partner’s directory</h1>
      <form className="card form" onSubmit={submit}>
        <fieldset>
          <legend>Format</legend>
          <div className="check">
            <input id="fmt-csv" type="radio" name="format" checked={format === 'knotwork-csv'} onChange={() => setFormat('knotwork-csv')} />
            <label htmlFor="fmt-csv">Knotwork CSV (one file per record type, e.g. Agency.csv)</label>
          </div>
          <div className="check">
            <input id="fmt-ohana" type="radio" name="format" checked={format === 'ohana-csv'} onChange={() => setFormat('ohana-csv')} />
            <label htmlFor="fmt-ohana">Open Referral HSDS 1.x CSV files</label>
          </div>
          <div className="check">
            <input id="fmt-or" type="radio" name="format" checked={format === 'oruk-json'} onChange={() => setFormat('oruk-json')} />
            <label htmlFor="fmt-or">Open Referral UK / HSDS 3 JSON</label>
          </div>
        </fieldset>
        <label htmlFor="imp-name">Name of the partner source</label>
        <p id="imp-name-hint" className="hint">
          Lower-case letters, digits, dots, dashes; importing again under the same name updates those records.
        </p>
        <input id="imp-name" value={name} onChange={(e) => setName(e.target.value)} aria-describedby="imp-name-hint" />
        {format === 'knotwork-csv' ? (
          <div>
            <label htmlFor="imp-type">Records in the file</label>
            <select id="imp-type" value={type} onChange={(e) => setType(e.target.value)}>
              {types.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <label htmlFor="imp-file">File</label>
        <input id="imp-file" ref={fileRef} type="file" multiple accept={format === 'oruk-json' ? '.json,application/json' : '.csv,text/csv'} />
        <div className="check">
          <input id="imp-dry" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          <label htmlFor="imp-dry">Check only (dry run): report what would be created, updated and retired without changing anything</label>
        </div>
        <div className="check">
          <input id="imp-sync" type="checkbox" checked={sync} onChange={(e) => setSync(e.target.checked)} />
          <label htmlFor="imp-sync">Sync: retire this source’s records that the files no longer have (otherwise they are only listed)</label>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {progress ? (
        <div className="card" aria-live="polite">
          <label htmlFor="imp-progress">Progress</label>
          <progress id="imp-progress" className="progress" max={1} value={progress.fraction ?? undefined} />
          <p>{progress.text}</p>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} title="Import failed" /> : null}
      {report ? (
        <section className="card" aria-labelledby="report-title">
          <h2 id="report-title">{error ? 'Nothing was imported' : report.dryRun ? 'Dry run report' : 'Import report'}</h2>
          <p role="status">
            {report.dryRun && !error ? 'Would create' : 'Created'} {sum(report.created)}, update {sum(report.updated)}, leave {sum(report.unchanged)} unchanged
            {sum(report.missing) ? `, ${report.sync ? (report.dryRun ? 'retire' : `retired ${sum(report.retired)} of`) : 'keep'} ${sum(report.missing)} gone from the source` : ''}; rejected{' '}
            {report.rejected.length}, changed or dropped {report.warnings.length} fields.
          </p>
          {report.changes.length ? (
            <>
              <h3>Examples of the changes</h3>
              <ul>
                {report.changes.map((c) => (
                  <li key={`${c.change}:${c.id}`}>
                    {CHANGE_WORDS[c.change]} {c.label.toLowerCase()} {c.name ? `“${c.name}”` : c.id}
                    {c.fields.length ? `: ${c.fields.join(', ')}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <RecordTable title="Rejected rows" file="rejected-rows.csv" records={report.rejected} none="No rows were rejected." />
          <RecordTable title="Fields dropped or changed (the record was imported)" file="import-warnings.csv" records={report.warnings} none="No field was dropped or changed." />
          {report.unmappedFields.length ? (
            <>
              <h3>Fields Knotwork did not use</h3>
              <ul>
                {report.unmappedFields.map((u) => (
                  <li key={`${u.file}:${u.field}`}>
                    {u.file}: {u.field} ({u.count})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {report.files.length ? (
            <>
              <h3>Files</h3>
              <ul>
                {report.files.map((f) => (
                  <li key={f.file}>
                    {f.file}: {f.status === 'read' ? `read${f.records !== undefined ? ` (${f.records} records)` : ''}` : `ignored — ${f.reason ?? ''}`}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

const CHANGE_WORDS = { create: 'New', update: 'Changed', missing: 'Gone from the source (kept)', retire: 'Retired' } as const;

function RecordTable({ title, file, records, none }: { title: string; file: string; records: RejectedRecord[]; none: string }) {
  if (!records.length) return <p>{none}</p>;
  return (
    <>
      <h3>{title}</h3>
      <div className="row">
        <button type="button" onClick={() => downloadCsv(file, toCsv(['file', 'line', 'field', 'reason'], records.map((r) => [r.file, r.line, r.field, r.reason])))}>
          Download all {records.length} (CSV)
        </button>
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Field</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {records.slice(0, 500).map((r, i) => (
              <tr key={i}>
                <td>{r.file ?? ''}</td>
                <td className="num">{r.line ?? ''}</td>
                <td>{r.field ?? ''}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

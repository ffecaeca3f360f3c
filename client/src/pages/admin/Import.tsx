import type { ImportReport } from '@knotwork/graph-schema';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { runImport, type ImportFormat } from '../../api/imports';
import { ErrorMessage } from '../../components/ui';
import { downloadCsv, toCsv } from '../../lib/csv';

const types = ['Practitioner', 'Agency', 'Specialism', 'Need', 'Forum', 'Locality'];

export default function ImportPage() {
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [type, setType] = useState('Practitioner');
  const [dryRun, setDryRun] = useState(false);
  const [progress, setProgress] = useState<{ fraction: number | null; text: string } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setError(new Error('Choose a file to import.'));
    setBusy(true);
    setError(null);
    setReport(null);
    setProgress({ fraction: 0, text: 'Starting…' });
    try {
      const r = await runImport(file, { format, type: format === 'csv' ? type : undefined, dryRun }, (p) => setProgress(p));
      setReport(r);
      setProgress({ fraction: 1, text: 'Done' });
      qc.invalidateQueries();
    } catch (err) {
      setError(err);
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
            <input id="fmt-csv" type="radio" name="format" checked={format === 'csv'} onChange={() => setFormat('csv')} />
            <label htmlFor="fmt-csv">CSV (one file per record type)</label>
          </div>
          <div className="check">
            <input id="fmt-or" type="radio" name="format" checked={format === 'openreferral'} onChange={() => setFormat('openreferral')} />
            <label htmlFor="fmt-or">Open Referral UK / HSDS JSON</label>
          </div>
        </fieldset>
        {format === 'csv' ? (
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
        <input id="imp-file" ref={fileRef} type="file" accept={format === 'csv' ? '.csv,text/csv' : '.json,application/json'} />
        <div className="check">
          <input id="imp-dry" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          <label htmlFor="imp-dry">Check only (dry run): report what would happen without changing anything</label>
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
          <h2 id="report-title">{report.dryRun ? 'Dry run report' : 'Import report'}</h2>
          <p role="status">
            Created {sum(report.created)}, updated {sum(report.updated)}, rejected {report.rejected.length}.
          </p>
          {report.rejected.length ? (
            <>
              <h3>Rejected rows</h3>
              <div className="row">
                <button
                  type="button"
                  onClick={() =>
                    downloadCsv(
                      'rejected-rows.csv',
                      toCsv(['file', 'line', 'field', 'reason'], report.rejected.map((r) => [r.file, r.line, r.field, r.reason])),
                    )
                  }
                >
                  Download rejected rows (CSV)
                </button>
              </div>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col" className="num">Line</th>
                      <th scope="col">Field</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.rejected.slice(0, 500).map((r, i) => (
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
          ) : (
            <p>No rows were rejected.</p>
          )}
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
        </section>
      ) : null}
    </div>
  );
}

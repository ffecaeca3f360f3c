import type { DirectoryLabel } from '@knotwork/graph-schema';
import { useState } from 'react';
import { Link } from 'react-router';
import { labelNames, segments, useEntityList } from '../../api/entities';
import { ErrorMessage, Loading } from '../../components/ui';
import { formFields } from './fields';

const editable = Object.keys(formFields) as DirectoryLabel[];

export default function AdminPage() {
  const [label, setLabel] = useState<DirectoryLabel>('Practitioner');
  const [q, setQ] = useState('');
  const list = useEntityList(label, { q: q || undefined, limit: 25 });
  return (
    <div>
      <h1>Admin</h1>
      <div className="row">
        <Link className="button primary" to="/admin/stale">
          Profiles to check
        </Link>
        <Link className="button" to="/admin/import">
          Import a directory
        </Link>
        {editable.map((l) => (
          <Link key={l} className="button" to={`/new/${segments[l]}`}>
            New {labelNames[l].toLowerCase()}
          </Link>
        ))}
      </div>
      <section className="card" style={{ marginTop: '1rem' }} aria-labelledby="find-title">
        <h2 id="find-title">Find a record to edit</h2>
        <div className="row">
          <div>
            <label htmlFor="adm-type">Type</label>
            <select id="adm-type" value={label} onChange={(e) => setLabel(e.target.value as DirectoryLabel)}>
              {editable.map((l) => (
                <option key={l} value={l}>
                  {labelNames[l]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="adm-q">Name contains</label>
            <input id="adm-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
        </div>
        {list.isLoading ? <Loading /> : null}
        {list.isError ? <ErrorMessage error={list.error} /> : null}
        <ul>
          {(list.data?.items ?? []).map((i) => (
            <li key={i.id}>
              <Link to={`/edit/${segments[label]}/${i.id}`}>{String(i.name ?? i.id)}</Link>
            </li>
          ))}
        </ul>
        {list.data ? <p className="muted small">{list.data.total} in total</p> : null}
      </section>
    </div>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { segments, useStaleQueue, useVerify } from '../../api/entities';
import { Empty, ErrorMessage, Loading } from '../../components/ui';
import { formatDate } from '../../lib/format';

export default function StalePage() {
  const [type, setType] = useState<'' | 'Practitioner' | 'Agency'>('');
  const queue = useStaleQueue(type ? { type } : {});
  const verifyP = useVerify('Practitioner');
  const verifyA = useVerify('Agency');
  const [done, setDone] = useState<string[]>([]);
  const items = (queue.data?.items ?? []).filter((i) => !done.includes(i.id));
  return (
    <div>
      <p>
        <Link to="/admin">Admin</Link>
      </p>
      <h1>Profiles to check</h1>
      <p className="muted">Profiles not verified for six months, oldest first. Check each with the person or agency, edit what changed, then verify.</p>
      <div className="row card">
        <div>
          <label htmlFor="stale-type">Show</label>
          <select id="stale-type" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            <option value="">Practitioners and agencies</option>
            <option value="Practitioner">Practitioners</option>
            <option value="Agency">Agencies</option>
          </select>
        </div>
        {queue.data ? <p role="status">{queue.data.total - done.length} waiting</p> : null}
      </div>
      {queue.isLoading ? <Loading what="Loading the queue" /> : null}
      {queue.isError ? <ErrorMessage error={queue.error} /> : null}
      {verifyP.isError || verifyA.isError ? <ErrorMessage error={verifyP.error ?? verifyA.error} title="Not verified" /> : null}
      {queue.data && !items.length ? <Empty>Nothing to check — every profile was verified in the last six months.</Empty> : null}
      {items.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Profile</th>
                <th scope="col">Type</th>
                <th scope="col">Last verified</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/${segments[i.label]}/${i.id}`}>{i.name}</Link>
                  </td>
                  <td>{i.label}</td>
                  <td>
                    {i.lastVerifiedAt ? formatDate(i.lastVerifiedAt) : 'never'}
                    {i.daysSinceVerified !== null ? <span className="muted small"> ({i.daysSinceVerified} days ago)</span> : null}
                  </td>
                  <td className="actions">
                    <Link className="button" to={`/edit/${segments[i.label]}/${i.id}`} aria-label={`Edit ${i.name}`}>
                      Edit
                    </Link>
                    <button
                      type="button"
                      aria-label={`Verify ${i.name}`}
                      onClick={() =>
                        (i.label === 'Agency' ? verifyA : verifyP).mutate(i.id, { onSuccess: () => setDone((d) => [...d, i.id]) })
                      }
                    >
                      Verify
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

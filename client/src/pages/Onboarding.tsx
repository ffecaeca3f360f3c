import { LocalitySelect } from '../components/LocalitySelect';
import { professions } from '@knotwork/graph-schema';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../api/auth';
import { useMarkMet } from '../api/graph';
import { useOnboarding } from '../api/onboarding';
import type { OnboardingResponse } from '@knotwork/graph-schema';

type OnboardingPerson = OnboardingResponse['domains'][number]['people'][number] & { met?: boolean };
import { Empty, ErrorMessage, Loading } from '../components/ui';
import { domainName, professionName, sectorName } from '../lib/format';

function Person({
  p,
  onMet,
  pending,
  canMark,
}: {
  p: OnboardingPerson;
  onMet: () => void;
  pending: boolean;
  canMark: boolean;
}) {
  return (
    <li className="onboard-person">
      <div>
        <Link to={`/practitioners/${p.id}`}>{p.name}</Link>
        <span className="muted small">
          {p.profession ? ` · ${professionName(p.profession)}` : ''}
          {p.agencyName ? ` · ${p.agencyName}` : ''}
        </span>
        {p.specialisms.length ? <div className="small">{p.specialisms.join(' · ')}</div> : null}
        {p.reason ? <div className="small muted">{p.reason}</div> : null}
      </div>
      {p.met ? (
        <span className="badge badge-fresh">✓ Met</span>
      ) : canMark ? (
        <button type="button" onClick={onMet} disabled={pending} aria-label={`I have met them: ${p.name}`}>
          I have met them
        </button>
      ) : null}
    </li>
  );
}

export default function OnboardingPage() {
  const [sp, setSp] = useSearchParams();
  const me = useMe();
  const [profession, setProfession] = useState(sp.get('profession') ?? '');
  const [locality, setLocality] = useState(sp.get('locality') ?? '');
  const chosenP = sp.get('profession') ?? '';
  const chosenL = sp.get('locality') ?? '';
  const q = useOnboarding(chosenP, chosenL);
  const markMet = useMarkMet();
  const [metNow, setMetNow] = useState<string[]>([]);

  const groups = useMemo(() => q.data?.domains ?? [], [q.data]);
  const all = groups.flatMap((g) => g.people);
  const metIds = new Set([...all.filter((p) => p.known).map((p) => p.id), ...metNow]);
  const total = q.data?.progress?.suggested ?? new Set(all.map((p) => p.id)).size;
  const met = Math.max(
    q.data?.progress?.known ?? 0,
    new Set(all.filter((p) => metIds.has(p.id)).map((p) => p.id)).size,
  );
  const canMark = Boolean(me.data?.practitionerId);

  const mark = (id: string) =>
    markMet.mutate({ practitionerId: id, source: 'onboarding' }, { onSuccess: () => setMetNow((m) => [...m, id]) });

  return (
    <div>
      <h1>Getting to know the local system</h1>
      <p className="muted">
        Choose your role and locality: see who to know first, which forums to join and how the main agencies take
        referrals.
      </p>
      <form
        className="card row"
        onSubmit={(e) => {
          e.preventDefault();
          setSp({ profession, locality });
        }}
      >
        <div>
          <label htmlFor="ob-profession">Your role</label>
          <select id="ob-profession" value={profession} onChange={(e) => setProfession(e.target.value)} required>
            <option value="">Choose…</option>
            {Object.entries(professions).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ob-locality">Your locality</label>
          <LocalitySelect id="ob-locality" value={locality} onChange={setLocality} required />
        </div>
        <button type="submit" className="primary" disabled={!profession || !locality}>
          Show suggestions
        </button>
      </form>
      {q.isLoading ? <Loading what="Finding people to know" /> : null}
      {q.isError ? <ErrorMessage error={q.error} /> : null}
      {markMet.isError ? <ErrorMessage error={markMet.error} title="Could not record that you have met" /> : null}
      {q.data ? (
        <>
          <section className="card" aria-labelledby="progress-title">
            <h2 id="progress-title">Your progress</h2>
            <progress className="progress" max={Math.max(1, total)} value={met} aria-label="People met" />
            <p role="status">
              You have met {met} of {total} suggested people.
            </p>
            {!canMark ? (
              <p className="muted small">
                Your account is not linked to a practitioner, so meetings cannot be recorded.
              </p>
            ) : null}
          </section>
          <div className="profile-grid">
            <section className="card" aria-labelledby="people-title">
              <h2 id="people-title">People to know first</h2>
              {groups.length ? (
                groups.map((g) => (
                  <div key={g.domain}>
                    <h3>{g.label || domainName(g.domain)}</h3>
                    <ul className="progress-list">
                      {g.people.map((p) => (
                        <Person
                          key={`${g.domain}:${p.id}`}
                          p={{ ...p, met: metIds.has(p.id) }}
                          onMet={() => mark(p.id)}
                          pending={markMet.isPending}
                          canMark={canMark}
                        />
                      ))}
                    </ul>
                  </div>
                ))
              ) : (
                <Empty>No suggestions for this role and locality yet.</Empty>
              )}
            </section>
            <div>
              <section className="card" aria-labelledby="forums-title">
                <h2 id="forums-title">Forums to join</h2>
                <ul>
                  {q.data.forums.map((f) => (
                    <li key={f.id}>
                      <Link to={`/forums/${f.id}`}>{f.name}</Link>
                      {f.joined ? <span className="badge badge-fresh"> ✓ You attend</span> : null}
                      <div className="muted small">
                        {f.kind.replaceAll('-', ' ')}
                        {f.cadence ? `, ${f.cadence}` : ''} · {f.attendees} attend from {f.agencies} agencies
                        {f.sameProfession ? ` · ${f.sameProfession} of your profession` : ''}
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
              <section className="card" aria-labelledby="routes-title">
                <h2 id="routes-title">How the main agencies take referrals</h2>
                <ul>
                  {q.data.agencies.map((a) => (
                    <li key={a.id}>
                      <Link to={`/agencies/${a.id}`}>{a.name}</Link>
                      <span className="muted small"> · {sectorName(a.sector)}</span>
                      <div className="small pre">{a.referralRoute || 'No referral route recorded.'}</div>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          </div>
        </>
      ) : null}
    </div>
  );
}

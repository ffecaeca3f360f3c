import { LocalitySelect } from '../components/LocalitySelect';
import type { TeamRequest } from '@knotwork/graph-schema';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../api/auth';
import { useEntityList } from '../api/entities';
import { useTeam } from '../api/graph';
import { useNeedSuggestions } from '../api/search';
import { ApiError } from '../api/http';
import { Empty, ErrorMessage, Loading } from '../components/ui';
import { CyGraph } from '../graph/CyGraph';
import { edgeStyleClasses, nodeStyleClasses, type ElementDefinition } from '../graph/elements';
import { domainName, formatDate, professionName } from '../lib/format';
import { capacityLabels } from '../lib/labels';

const breakdownNames: Record<string, string> = {
  specialism: 'Specialism',
  locality: 'Locality',
  age: 'Age range',
  capacity: 'Capacity',
  freshness: 'Up to date',
  closeness: 'Close to you',
};

export default function TeamPage() {
  const [sp, setSp] = useSearchParams();
  const me = useMe();
  const needs = useEntityList('Need', { limit: 200 });
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<string[]>(() => (sp.get('needs') ?? '').split(',').filter(Boolean));
  const [age, setAge] = useState(sp.get('age') ?? '');
  const [locality, setLocality] = useState(sp.get('locality') ?? '');
  const [formError, setFormError] = useState<string | null>(null);

  const request: TeamRequest | null = useMemo(() => {
    const n = (sp.get('needs') ?? '').split(',').filter(Boolean);
    const a = sp.get('age');
    const l = sp.get('locality');
    if (!n.length || a === null || a === '' || !l || sp.get('go') !== '1') return null;
    return { needs: n, age: Number(a), locality: l };
  }, [sp]);
  const team = useTeam(request);

  const needItems = needs.data?.items ?? [];
  const suggested = useNeedSuggestions(filter);
  const grouped = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const match = (n: Record<string, unknown>) => {
      if (!f) return true;
      const syn = (n.synonyms as { term: string }[] | undefined) ?? [];
      return (
        String(n.name).toLowerCase().includes(f) ||
        syn.some((s) => s.term.toLowerCase().includes(f)) ||
        suggested.has(String(n.id))
      );
    };
    const g = new Map<string, typeof needItems>();
    for (const n of needItems.filter(match)) {
      const d = String(n.domain ?? 'other');
      (g.get(d) ?? g.set(d, []).get(d)!).push(n);
    }
    return [...g.entries()].sort((a, b) => domainName(a[0]).localeCompare(domainName(b[0])));
  }, [needItems, filter, suggested]);
  const needName = (id: string) => String(needItems.find((n) => n.id === id)?.name ?? 'need');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen.length) return setFormError('Choose at least one need.');
    if (age === '' || Number(age) < 0 || Number(age) > 25) return setFormError('Give the child’s age in years (0–25).');
    if (!locality) return setFormError('Choose the locality where the child lives or goes to school.');
    setFormError(null);
    setSp({ needs: chosen.join(','), age, locality, go: '1' }, { replace: false });
  };
  const serverFieldErrors = team.error instanceof ApiError ? team.error.fieldErrors : {};

  const elements = useMemo((): ElementDefinition[] => {
    const t = team.data?.team;
    if (!t) return [];
    const nodes: ElementDefinition[] = t.members.map((m) => ({
      group: 'nodes',
      data: { id: m.practitionerId, label: m.name, name: m.name, type: 'Practitioner' },
      classes: `${nodeStyleClasses({ label: 'Practitioner', category: null }, 30)} major`,
    }));
    const edges: ElementDefinition[] = t.ties.map((tie) => ({
      group: 'edges',
      data: { id: `t:${tie.a}:${tie.b}`, source: tie.a, target: tie.b },
      classes: edgeStyleClasses('COLLABORATED', tie.strength),
    }));
    return [...nodes, ...edges];
  }, [team.data]);

  return (
    <div className="team-page">
      <h1>Team around the child</h1>
      <p className="muted">
        Choose the child’s needs, age and locality. Knotwork suggests practitioners who cover them, preferring people
        who have worked together. Nothing else about the child is asked for or stored.
      </p>
      <form
        className="card form team-form"
        onSubmit={submit}
        noValidate
        aria-describedby={formError ? 'team-form-error' : undefined}
      >
        <fieldset className="needs-picker">
          <legend>Needs ({chosen.length} chosen)</legend>
          <label htmlFor="need-filter">Find a need — any profession’s words work</label>
          <input
            id="need-filter"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            autoComplete="off"
          />
          {chosen.length ? (
            <ul className="chosen" aria-label="Chosen needs">
              {chosen.map((id) => (
                <li key={id}>
                  <button
                    type="button"
                    className="chip"
                    onClick={() => setChosen(chosen.filter((c) => c !== id))}
                    aria-label={`Remove ${needName(id)}`}
                  >
                    {needName(id)} ✕
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {needs.isLoading ? <Loading what="Loading needs" /> : null}
          {needs.isError ? <ErrorMessage error={needs.error} /> : null}
          <div className="need-groups">
            {grouped.map(([domain, items]) => (
              <div key={domain} className="need-group" role="group" aria-label={domainName(domain)}>
                <h3>{domainName(domain)}</h3>
                {items.map((n) => {
                  const cid = `need-${n.id}`;
                  const syn = ((n.synonyms as { term: string }[] | undefined) ?? []).map((s) => s.term);
                  return (
                    <div key={n.id} className="check">
                      <input
                        id={cid}
                        type="checkbox"
                        checked={chosen.includes(n.id)}
                        onChange={(e) =>
                          setChosen(e.target.checked ? [...chosen, n.id] : chosen.filter((c) => c !== n.id))
                        }
                      />
                      <label htmlFor={cid}>
                        {String(n.name)}
                        {syn.length ? <span className="muted small"> ({syn.slice(0, 3).join(', ')})</span> : null}
                      </label>
                    </div>
                  );
                })}
              </div>
            ))}
            {!needs.isLoading && !grouped.length ? <p className="muted">No need matches “{filter}”.</p> : null}
          </div>
        </fieldset>
        <div className="row">
          <div>
            <label htmlFor="team-age">Age of the child (years)</label>
            <input
              id="team-age"
              type="number"
              min={0}
              max={25}
              value={age}
              onChange={(e) => setAge(e.target.value)}
              inputMode="numeric"
            />
            {serverFieldErrors.age ? <p className="field-error">Age {serverFieldErrors.age}</p> : null}
          </div>
          <div>
            <label htmlFor="team-locality">Locality</label>
            <LocalitySelect id="team-locality" value={locality} onChange={setLocality} />
          </div>
          <button type="submit" className="primary">
            Suggest a team
          </button>
        </div>
        {formError ? (
          <p id="team-form-error" className="field-error" role="alert">
            {formError}
          </p>
        ) : null}
        {!me.data?.practitionerId ? (
          <p className="muted small">
            Your account is not linked to a practitioner, so closeness to you is not scored.
          </p>
        ) : null}
      </form>

      {team.isFetching ? <Loading what="Finding a team" /> : null}
      {team.isError ? <ErrorMessage error={team.error} /> : null}
      {team.data ? (
        <div className="team-result">
          {team.data.uncovered.length ? (
            <section className="card uncovered" aria-labelledby="uncovered-title">
              <h2 id="uncovered-title">⚠ Not covered in this locality</h2>
              <ul>
                {team.data.uncovered.map((u) => (
                  <li key={u.need.id}>
                    <strong>{u.need.name}</strong>:{' '}
                    {u.nearestOutside ? (
                      <>
                        nobody here; nearest provider elsewhere is{' '}
                        <Link to={`/practitioners/${u.nearestOutside.practitionerId}`}>{u.nearestOutside.name}</Link>
                        {u.nearestOutside.localityName ? ` (${u.nearestOutside.localityName})` : ''}.
                      </>
                    ) : (
                      'nobody in the directory covers this need. Tell your coordinator — this is a gap in the local system.'
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            <p className="success" role="status">
              Every need is covered.
            </p>
          )}
          <section className="card" aria-labelledby="team-title">
            <h2 id="team-title">Suggested team</h2>
            {team.data.team.members.length ? (
              <div className="team-summary">
                <ul className="team-members">
                  {team.data.team.members.map((m) => (
                    <li key={m.practitionerId}>
                      <Link to={`/practitioners/${m.practitionerId}`}>{m.name}</Link>{' '}
                      <span className="muted">covers {m.covers.map(needName).join(', ')}</span>
                    </li>
                  ))}
                </ul>
                <div className="team-graph">
                  <CyGraph
                    elements={elements}
                    ariaLabel="Ties among the suggested team; the list beside it says the same."
                  />
                  <p className="muted small">
                    {team.data.team.ties.length
                      ? `${team.data.team.ties.length} existing ties; cohesion ${Math.round(team.data.team.cohesion * 100)}%. Thicker lines: stronger ties.`
                      : 'These practitioners have no recorded ties with each other yet.'}
                  </p>
                </div>
              </div>
            ) : (
              <Empty>No team could be formed.</Empty>
            )}
          </section>
          <h2>Candidates per need</h2>
          {team.data.candidatesByNeed.map((c) => (
            <section key={c.need.id} className="card candidates">
              <h3>
                {c.need.name} <span className="muted small">· {domainName(c.need.domain)}</span>
              </h3>
              {c.candidates.length ? (
                <div className="table-wrap">
                  <table className="stack">
                    <caption className="visually-hidden">Candidates for {c.need.name} with score breakdown</caption>
                    <thead>
                      <tr>
                        <th scope="col">Practitioner</th>
                        <th scope="col">Score</th>
                        {Object.keys(breakdownNames).map((k) => (
                          <th scope="col" key={k}>
                            {breakdownNames[k]}
                          </th>
                        ))}
                        <th scope="col">Why</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.candidates.slice(0, 5).map((cand) => (
                        <tr key={cand.practitioner.id}>
                          <th scope="row">
                            <Link to={`/practitioners/${cand.practitioner.id}`}>{cand.practitioner.name}</Link>
                            <div className="muted small">
                              {professionName(cand.practitioner.profession)}
                              {cand.practitioner.agencyName ? ` · ${cand.practitioner.agencyName}` : ''} ·{' '}
                              {capacityLabels[cand.practitioner.capacity] ?? cand.practitioner.capacity} · verified{' '}
                              {formatDate(cand.practitioner.lastVerifiedAt)}
                            </div>
                          </th>
                          <td className="inline" data-label="Score">
                            {cand.score.toFixed(2)}
                          </td>
                          {Object.keys(breakdownNames).map((k) => (
                            <td key={k} className="inline" data-label={breakdownNames[k]}>
                              {(cand.breakdown as Record<string, number>)[k]?.toFixed(2)}
                            </td>
                          ))}
                          <td className="small" data-label="Why">
                            {cand.reasons.join('; ')}
                            {cand.evidence.collaborations
                              ? `; ${cand.evidence.collaborations} joint case${cand.evidence.collaborations === 1 ? '' : 's'} on this need`
                              : ''}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="muted">Nobody in this locality covers this need.</p>
              )}
            </section>
          ))}
        </div>
      ) : null}
    </div>
  );
}

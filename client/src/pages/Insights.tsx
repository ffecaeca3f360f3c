import { LocalitySelect } from '../components/LocalitySelect';
import type {
  AgencyMatrixResponse,
  BrokersResponse,
  CoverageResponse,
  ForumReachResponse,
  InsightName,
  IsolatesResponse,
  SinglePointsResponse,
} from '@knotwork/graph-schema';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AGE_AWARE_INSIGHTS, insightCsvUrl, parseAge, useInsight, type InsightParams } from '../api/insights';
import { Empty, ErrorMessage, Loading } from '../components/ui';
import { domainName, formatDate, professionName, sectorName } from '../lib/format';

const tabs: { name: InsightName; title: string; what: string }[] = [
  { name: 'coverage', title: 'Coverage', what: 'How many practitioners can cover each need in each locality.' },
  {
    name: 'single-points',
    title: 'Single points of failure',
    what: 'Specialisms and needs held by one person only, and people whose loss splits the network.',
  },
  { name: 'brokers', title: 'Brokers', what: 'People who connect otherwise separate groups.' },
  { name: 'isolates', title: 'Isolates', what: 'Practitioners and agencies with no ties across agencies.' },
  { name: 'agency-matrix', title: 'Agency × agency', what: 'Joint work between agencies.' },
  { name: 'forum-reach', title: 'Forum reach', what: 'Which agencies and sectors meet in which forums.' },
];

const forAge = (age: number | null | undefined) =>
  age === null || age === undefined ? 'any age' : age === 0 ? 'a child under 1' : `a child aged ${age}`;

function Csv({ name, params }: { name: InsightName; params: InsightParams }) {
  const age = params.age === undefined ? '' : `-age-${params.age}`;
  return (
    <a className="button" href={insightCsvUrl(name, params)} download={`knotwork-${name}${age}.csv`}>
      Download CSV
    </a>
  );
}

function Section({ title, children, count }: { title: string; children: ReactNode; count?: number }) {
  return (
    <section className="card">
      <h3>
        {title}
        {count !== undefined ? <span className="count"> ({count})</span> : null}
      </h3>
      {children}
    </section>
  );
}

const P = ({ p }: { p: { id: string; name: string; profession?: string; agencyName?: string | null } }) => (
  <>
    <Link to={`/practitioners/${p.id}`}>{p.name}</Link>
    {p.profession ? <span className="muted small"> · {professionName(p.profession)}</span> : null}
    {p.agencyName ? <span className="muted small"> · {p.agencyName}</span> : null}
  </>
);

const heatColour = (n: number, max: number) => {
  if (n === 0) return '#fee2e2';
  if (n === 1) return '#fef3c7';
  const t = Math.min(1, n / Math.max(2, max));
  return `hsl(152, 55%, ${92 - t * 30}%)`;
};

function Coverage({ params }: { params: InsightParams }) {
  const q = useInsight<CoverageResponse>('coverage', params);
  const [gapsOnly, setGapsOnly] = useState(true);
  const cellMap = useMemo(
    () => new Map((q.data?.cells ?? []).map((c) => [`${c.localityId}|${c.needId}`, c])),
    [q.data],
  );
  if (q.isLoading) return <Loading what="Computing coverage" />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const d = q.data!;
  const max = Math.max(0, ...d.cells.map((c) => c.practitioners));
  const gaps = d.cells.filter((c) => c.flag === 'none').length;
  const singles = d.cells.filter((c) => c.flag === 'single').length;
  const thin = new Set(d.cells.filter((c) => c.flag !== 'covered').map((c) => c.needId));
  const needs = gapsOnly ? d.needs.filter((n) => thin.has(n.id)) : d.needs;
  return (
    <div>
      <p>
        {d.age === null ? (
          <>
            Showing coverage for a child of <strong>any age</strong>.
          </>
        ) : (
          <>
            Showing coverage for <strong>{forAge(d.age)}</strong>: only practitioners and agencies whose served age
            range includes {d.age}.
          </>
        )}{' '}
        {gaps} locality × need cells with nobody (✕), {singles} with one person only (①). Numbers are practitioners /
        agencies.
      </p>
      <div className="check">
        <input id="gaps-only" type="checkbox" checked={gapsOnly} onChange={(e) => setGapsOnly(e.target.checked)} />
        <label htmlFor="gaps-only">
          Only needs with a gap or a single provider somewhere ({thin.size} of {d.needs.length})
        </label>
      </div>
      <div className="table-wrap">
        <table className="heatmap">
          <caption className="visually-hidden">Coverage by locality and need</caption>
          <thead>
            <tr>
              <th scope="col">Need</th>
              {d.localities.map((l) => (
                <th scope="col" key={l.id}>
                  {l.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {needs.map((n) => (
              <tr key={n.id}>
                <th scope="row">
                  <Link to={`/needs/${n.id}`}>{n.name}</Link>
                  <div className="muted small">{domainName(n.domain)}</div>
                </th>
                {d.localities.map((l) => {
                  const c = cellMap.get(`${l.id}|${n.id}`);
                  const p = c?.practitioners ?? 0;
                  const flag = c?.flag ?? 'none';
                  return (
                    <td
                      key={l.id}
                      className="heat"
                      style={{ background: heatColour(p, max) }}
                      title={`${n.name} in ${l.name}${d.age === null ? '' : ` for ${forAge(d.age)}`}: ${p} practitioners, ${c?.agencies ?? 0} agencies`}
                    >
                      {flag === 'none' ? '✕ 0' : flag === 'single' ? '① 1' : p}
                      <span className="small"> / {c?.agencies ?? 0}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function SinglePoints({ params }: { params: InsightParams }) {
  const q = useInsight<SinglePointsResponse>('single-points', params);
  if (q.isLoading) return <Loading what="Looking for single points of failure" />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const d = q.data!;
  return (
    <div>
      <Section
        title={`Specialisms held by one person in a locality${d.age === null ? '' : ' (all ages)'}`}
        count={d.specialisms.length}
      >
        {d.specialisms.length ? (
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">Specialism</th>
                <th scope="col">Locality</th>
                <th scope="col">Only holder</th>
              </tr>
            </thead>
            <tbody>
              {d.specialisms.slice(0, 100).map((r) => (
                <tr key={`${r.locality.id}|${r.specialism.id}`}>
                  <td>
                    <Link to={`/specialisms/${r.specialism.id}`}>{r.specialism.name}</Link>
                  </td>
                  <td data-label="Locality">{r.locality.name}</td>
                  <td data-label="Only holder">
                    <P p={r.holder} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">None.</p>
        )}
      </Section>
      <Section title={`Needs only one person can cover in a locality, for ${forAge(d.age)}`} count={d.needs.length}>
        {d.needs.length ? (
          <ul>
            {d.needs.slice(0, 100).map((r) => (
              <li key={`${r.locality.id}|${r.need.id}`}>
                <Link to={`/needs/${r.need.id}`}>{r.need.name}</Link> in {r.locality.name}: <P p={r.holder} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
      </Section>
      <Section title="People whose departure would split the network" count={d.articulationPoints.length}>
        <ul>
          {d.articulationPoints.slice(0, 50).map((r) => (
            <li key={r.practitioner.id}>
              <P p={r.practitioner} /> — would leave groups of {r.splitSizes.join(', ')} apart
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Ties whose loss would split the network" count={d.bridges.length}>
        <ul>
          {d.bridges.slice(0, 50).map((r) => (
            <li key={`${r.a.id}|${r.b.id}`}>
              <P p={r.a} /> — <P p={r.b} /> <span className="muted small">({r.explanation})</span>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}

function Brokers({ params }: { params: InsightParams }) {
  const q = useInsight<BrokersResponse>('brokers', params);
  if (q.isLoading) return <Loading what="Computing brokers" />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const d = q.data!;
  return (
    <div className="table-wrap">
      <p className="muted small">
        Betweenness{' '}
        {d.method === 'sampled' ? `estimated from ${d.sources} sampled starting points` : 'computed exactly'}; low
        constraint means the person spans gaps between groups.
      </p>
      <table className="stack">
        <thead>
          <tr>
            <th scope="col">Practitioner</th>
            <th scope="col" className="num">
              Betweenness
            </th>
            <th scope="col" className="num">
              Constraint
            </th>
            <th scope="col" className="num">
              Ties
            </th>
            <th scope="col" className="num">
              Agencies reached
            </th>
          </tr>
        </thead>
        <tbody>
          {d.brokers.map((b) => (
            <tr key={b.practitioner.id}>
              <td>
                <P p={b.practitioner} />
              </td>
              <td className="num" data-label="Betweenness">
                {b.betweenness.toFixed(3)}
              </td>
              <td className="num" data-label="Constraint">
                {b.constraint === null ? '—' : b.constraint.toFixed(2)}
              </td>
              <td className="num" data-label="Ties">
                {b.ties}
              </td>
              <td className="num" data-label="Agencies reached">
                {b.agencies}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Isolates({ params }: { params: InsightParams }) {
  const q = useInsight<IsolatesResponse>('isolates', params);
  if (q.isLoading) return <Loading what="Looking for isolates" />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const d = q.data!;
  return (
    <div>
      <Section title="Agencies with no ties to other agencies" count={d.agencies.length}>
        <ul>
          {d.agencies.map((a) => (
            <li key={a.id}>
              <Link to={`/agencies/${a.id}`}>{a.name}</Link>{' '}
              <span className="muted small">
                · {sectorName(a.sector)} · {a.members} staff
              </span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Practitioners with no ties outside their agency" count={d.practitioners.length}>
        <ul>
          {d.practitioners.slice(0, 100).map((p) => (
            <li key={p.id}>
              <P p={p} /> <span className="muted small">· {p.ties} ties within their agency</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Openness of agencies (E–I index: +1 all ties across agencies, −1 all within)">
        <div className="table-wrap">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">Agency</th>
                <th scope="col" className="num">
                  Across
                </th>
                <th scope="col" className="num">
                  Within
                </th>
                <th scope="col" className="num">
                  E–I
                </th>
              </tr>
            </thead>
            <tbody>
              {d.eiByAgency.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/agencies/${r.id}`}>{r.name}</Link>
                  </td>
                  <td className="num" data-label="Across">
                    {r.external}
                  </td>
                  <td className="num" data-label="Within">
                    {r.internal}
                  </td>
                  <td className="num" data-label="E–I">
                    {r.ei === null ? '—' : r.ei.toFixed(2)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </div>
  );
}

function AgencyMatrix({ params }: { params: InsightParams }) {
  const q = useInsight<AgencyMatrixResponse>('agency-matrix', params);
  const cells = useMemo(() => new Map((q.data?.cells ?? []).map((c) => [`${c.a}|${c.b}`, c.collaborations])), [q.data]);
  if (q.isLoading) return <Loading what="Counting joint work" />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const d = q.data!;
  const at = (a: string, b: string) => cells.get(`${a}|${b}`) ?? cells.get(`${b}|${a}`) ?? 0;
  const max = Math.max(1, ...d.cells.map((c) => c.collaborations));
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Collaborations between agencies</caption>
        <thead>
          <tr>
            <th scope="col">Agency</th>
            {d.agencies.map((a, i) => (
              <th scope="col" key={a.id} title={a.name}>
                {i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.agencies.map((a, i) => (
            <tr key={a.id}>
              <th scope="row">
                {i + 1}. <Link to={`/agencies/${a.id}`}>{a.name}</Link>
              </th>
              {d.agencies.map((b) => {
                const n = at(a.id, b.id);
                return (
                  <td
                    key={b.id}
                    className="heat"
                    style={{ background: n ? `hsl(210, 70%, ${95 - (n / max) * 35}%)` : undefined }}
                  >
                    {n || ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ForumReach({ params }: { params: InsightParams }) {
  const q = useInsight<ForumReachResponse>('forum-reach', params);
  if (q.isLoading) return <Loading what="Computing forum reach" />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  return (
    <div className="table-wrap">
      <table className="stack">
        <thead>
          <tr>
            <th scope="col">Forum</th>
            <th scope="col" className="num">
              Attendees
            </th>
            <th scope="col" className="num">
              Strategic
            </th>
            <th scope="col">Agencies</th>
            <th scope="col">Sectors</th>
            <th scope="col">Localities</th>
          </tr>
        </thead>
        <tbody>
          {q.data!.forums.map((f) => (
            <tr key={f.id}>
              <td>
                <Link to={`/forums/${f.id}`}>{f.name}</Link>
                <div className="muted small">{f.kind.replaceAll('-', ' ')}</div>
              </td>
              <td className="num" data-label="Attendees">
                {f.attendees}
              </td>
              <td className="num" data-label="Strategic">
                {f.strategic}
              </td>
              <td className="small" data-label="Agencies">
                {f.agencies.map((a) => `${a.name} (${a.attendees})`).join(', ')}
              </td>
              <td className="small" data-label="Sectors">
                {f.sectors.map(sectorName).join(', ')}
              </td>
              <td className="small" data-label="Localities">
                {f.localities.map((l) => l.name).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Ages the served age ranges are given in (graph-schema AgeRange: 0–25). */
const AGES = Array.from({ length: 26 }, (_, i) => i);

export default function InsightsPage() {
  const [sp, setSp] = useSearchParams();
  const tab = (tabs.find((t) => t.name === sp.get('tab'))?.name ?? 'coverage') as InsightName;
  const age = parseAge(sp.get('age'));
  const params: InsightParams = {
    ...(sp.get('locality') ? { locality: sp.get('locality')! } : {}),
    ...(sp.get('asOf') ? { asOf: sp.get('asOf')! } : {}),
  };
  // The age goes only to the insights that use it (the others' cached answers stay valid when it changes).
  const withAge: InsightParams = age === undefined ? params : { ...params, age };
  const paramsOf = (name: InsightName) => (AGE_AWARE_INSIGHTS.includes(name) ? withAge : params);
  const set = (k: string, v: string) => {
    const n = new URLSearchParams(sp);
    if (v) n.set(k, v);
    else n.delete(k);
    setSp(n, { replace: true });
  };
  const current = tabs.find((t) => t.name === tab)!;
  return (
    <div>
      <h1>Insights</h1>
      <p className="muted">Where the local system is thin, who holds it together, and who is left out.</p>
      <div className="row card">
        <div>
          <label htmlFor="ins-locality">Locality</label>
          <LocalitySelect
            id="ins-locality"
            value={params.locality ?? ''}
            onChange={(v) => set('locality', v)}
            emptyLabel="Whole system"
          />
        </div>
        <div>
          <label htmlFor="ins-asof">As of</label>
          <input id="ins-asof" type="date" value={params.asOf ?? ''} onChange={(e) => set('asOf', e.target.value)} />
        </div>
        <div>
          <label htmlFor="ins-age">Age of the child</label>
          <select
            id="ins-age"
            value={age === undefined ? '' : String(age)}
            onChange={(e) => set('age', e.target.value)}
          >
            <option value="">Any age</option>
            {AGES.map((a) => (
              <option key={a} value={a}>
                {a === 0 ? 'Under 1' : a === 1 ? '1 year' : `${a} years`}
              </option>
            ))}
          </select>
        </div>
        {params.asOf ? <p className="muted">Showing the network as it was on {formatDate(params.asOf)}.</p> : null}
      </div>
      <nav className="tabs" aria-label="Insights">
        {tabs.map((t) => (
          <Link
            key={t.name}
            to={`?${new URLSearchParams({ ...Object.fromEntries(sp), tab: t.name })}`}
            className="button"
            aria-current={t.name === tab ? 'page' : undefined}
          >
            {t.title}
          </Link>
        ))}
      </nav>
      <section aria-labelledby="insight-title">
        <div className="row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
          <div>
            <h2 id="insight-title">{current.title}</h2>
            <p className="muted">{current.what}</p>
            {age !== undefined && !AGE_AWARE_INSIGHTS.includes(tab) ? (
              <p className="muted small">
                The age of the child applies to coverage and single points; this view is for all ages.
              </p>
            ) : null}
          </div>
          <Csv name={tab} params={paramsOf(tab)} />
        </div>
        {tab === 'coverage' ? <Coverage params={withAge} /> : null}
        {tab === 'single-points' ? <SinglePoints params={withAge} /> : null}
        {tab === 'brokers' ? <Brokers params={params} /> : null}
        {tab === 'isolates' ? <Isolates params={params} /> : null}
        {tab === 'agency-matrix' ? <AgencyMatrix params={params} /> : null}
        {tab === 'forum-reach' ? <ForumReach params={params} /> : null}
      </section>
      {!tabs.length ? <Empty>No insights.</Empty> : null}
    </div>
  );
}

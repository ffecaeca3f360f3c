import type { AgencyDetail, DirectoryLabel, GraphNode, NodeLink, PathsResponse, PractitionerDetail } from '@knotwork/graph-schema';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { canEdit, useMe } from '../api/auth';
import { isStale, labelOfSegment, segments, useEntity, useVerify } from '../api/entities';
import { useNeighbourhood, usePaths } from '../api/graph';
import { AskIntroduction } from './Introductions';
import { WorkedTogetherButton } from '../components/WorkedTogether';
import { EntityLink, ErrorMessage, Loading, StaleBadge, TypeBadge } from '../components/ui';
import { buildView, edgeWords, neighboursOf } from '../graph/elements';
import { capacityLabels } from '../lib/labels';
import { ageRangeText, domainName, formatDate, professionName, sectorName } from '../lib/format';

type Rel = { node: GraphNode; type: string; strength?: number };

function RelList({ title, items, empty, showStrength }: { title: string; items: Rel[]; empty?: string; showStrength?: boolean }) {
  if (!items.length && !empty) return null;
  return (
    <section className="card rel-list">
      <h2>{title}</h2>
      {items.length ? (
        <ul>
          {items.slice(0, 25).map((r) => (
            <li key={`${r.type}:${r.node.id}`}>
              <EntityLink label={r.node.label} id={r.node.id}>
                {r.node.name}
              </EntityLink>
              {r.node.label === 'Practitioner' && r.node.category ? (
                <span className="muted"> · {professionName(r.node.category)}</span>
              ) : null}
              {r.node.label === 'Agency' && r.node.category ? <span className="muted"> · {sectorName(r.node.category)}</span> : null}
              {showStrength && r.strength !== undefined ? (
                <span className="muted">
                  {' '}
                  · {edgeWords(r.type)}, tie strength {Math.round(r.strength * 100)}%
                </span>
              ) : null}
            </li>
          ))}
          {items.length > 25 ? <li className="muted">and {items.length - 25} more — see the network view</li> : null}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </section>
  );
}

/** "How do I reach them?": introduction paths explained hop by hop. */
export function PathList({ data, fromName }: { data: PathsResponse; fromName?: string }) {
  if (!data.paths.length) {
    return (
      <p className="muted">
        {data.message ?? 'No introduction path was found through recorded ties.'} Contact them directly or through their agency’s referral
        route.
      </p>
    );
  }
  return (
    <ol className="paths" aria-label="Introduction paths">
      {data.paths.map((p, i) => (
        <li key={i} className="path">
          <p className="path-head">
            <strong>Route {i + 1}</strong> — {p.hops.length === 1 ? 'direct tie' : `${p.hops.length} steps`}, strength{' '}
            {Math.round(p.strength * 100)}%
          </p>
          <ol className="hops">
            {p.hops.map((h, j) => (
              <li key={j}>
                <span className="hop-names">
                  {j === 0 && fromName ? 'You' : <Link to={`/practitioners/${h.from.id}`}>{h.from.name}</Link>} →{' '}
                  <Link to={`/practitioners/${h.to.id}`}>{h.to.name}</Link>
                </span>
                <span className="hop-why">{h.explanation}</span>
              </li>
            ))}
          </ol>
          {fromName && p.hops.length > 1 ? (
            <AskIntroduction broker={p.hops[0]!.to} target={p.hops[p.hops.length - 1]!.to} />
          ) : null}
          {fromName ? <WorkedTogetherButton partners={[p.hops[p.hops.length - 1]!.to]} /> : null}
        </li>
      ))}
    </ol>
  );
}

function ReachPanel({ label, id }: { label: DirectoryLabel; id: string; name?: string }) {
  const me = useMe();
  const from = me.data?.practitionerId ?? null;
  const paths = usePaths({
    from,
    ...(label === 'Specialism' ? { toSpecialism: id } : { to: id }),
  });
  if (!from) {
    return (
      <p className="muted">
        Your account is not linked to a practitioner profile, so Knotwork cannot work out who you know. Ask a coordinator to link it.
      </p>
    );
  }
  if (from === id) return <p className="muted">This is you.</p>;
  return (
    <div>
      {paths.isLoading ? <Loading what="Looking for introduction paths" /> : null}
      {paths.isError ? <ErrorMessage error={paths.error} /> : null}
      {paths.data ? (
        <>
          {label === 'Specialism' && paths.data.target ? (
            <p>
              Nearest holder: <Link to={`/practitioners/${paths.data.target.id}`}>{paths.data.target.name}</Link>
            </p>
          ) : null}
          <PathList data={paths.data} fromName={me.data?.practitionerName ?? undefined} />
          {paths.data.paths.length ? (
            <p>
              <Link
                className="button"
                to={`/network?focus=${paths.data.target?.id ?? id}&pathFrom=${from}&depth=1`}
              >
                Show on the network
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Collaborators({ list, fallback }: { list: PractitionerDetail['recentCollaborators'] | null; fallback: Rel[] }) {
  if (!list) return <RelList title="Recent collaborators" items={fallback} empty="No joint work recorded yet." showStrength />;
  return (
    <section className="card rel-list">
      <h2>Recent collaborators</h2>
      {list.length ? (
        <ul>
          {list.map((c) => (
            <li key={c.id}>
              <Link to={`/practitioners/${c.id}`}>{c.name}</Link>
              {c.profession ? <span className="muted"> · {professionName(c.profession)}</span> : null}
              <span className="muted">
                {' '}
                · {c.collaborations} joint case{c.collaborations === 1 ? '' : 's'}
                {c.lastStartedOn ? `, latest from ${formatDate(c.lastStartedOn)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No joint work recorded yet.</p>
      )}
    </section>
  );
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function ProfilePage() {
  const { segment, id } = useParams();
  const label = labelOfSegment(segment);
  const me = useMe();
  const entity = useEntity(label, id);
  const links = entity.data?.links as NodeLink[] | undefined;
  // The detail view lists direct relationships; the neighbourhood is the fallback for views without them.
  const hood = useNeighbourhood(entity.data && !links ? id : undefined, { depth: 1, limit: 400 });
  const verify = useVerify(label ?? 'Practitioner');
  const [reachOpen, setReachOpen] = useState(false);
  const reachRef = useRef<HTMLDivElement>(null);

  const rels = useMemo(() => {
    if (links) {
      return links.map((l): Rel => ({ node: { id: l.node.id, label: l.node.label, name: l.node.name, category: null }, type: l.type }));
    }
    if (!hood.data || !id) return [] as Rel[];
    return neighboursOf(buildView(hood.data, { focusId: id }), id);
  }, [links, hood.data, id]);
  const by = (type: string | string[], nodeLabel?: string) =>
    rels.filter((r) => (Array.isArray(type) ? type.includes(r.type) : r.type === type) && (!nodeLabel || r.node.label === nodeLabel));

  if (!label) return <ErrorMessage error={new Error(`There is no page type “${segment}”.`)} title="Not found" page />;
  if (entity.isLoading) return <Loading what="Loading profile" />;
  if (entity.isError) return <ErrorMessage error={entity.error} page />;
  const e = entity.data!;
  const name = str(e.name) || (label === 'Collaboration' ? 'Collaboration' : 'Unnamed');
  const isProfile = label === 'Practitioner' || label === 'Agency';
  const lastVerifiedAt = (e.lastVerifiedAt as string | null | undefined) ?? null;
  const stale = isStale(lastVerifiedAt);
  const user = me.data;
  const mayEdit = canEdit(user) || (label === 'Practitioner' && user?.practitionerId === id);
  const ageRange = e.ageRange as { min: number; max: number } | undefined;
  const synonyms = (e.synonyms as { term: string; profession?: string }[] | undefined) ?? [];
  const redacted = (e.redacted as string[] | undefined) ?? [];

  const openReach = () => {
    setReachOpen(true);
    requestAnimationFrame(() => reachRef.current?.focus());
  };

  return (
    <article className="profile">
      <header className="profile-head">
        <div>
          <TypeBadge type={label} />
          <h1>{name}</h1>
          <p className="subtitle">
            {label === 'Practitioner' ? (
              <>
                {professionName(str(e.profession))}
                {e.title ? ` · ${str(e.title)}` : ''}
                {e.level === 'strategic' ? ' · strategic lead' : ''}
                {by('WORKS_FOR').map((r) => (
                  <span key={r.node.id}>
                    {' '}
                    at <Link to={`/agencies/${r.node.id}`}>{r.node.name}</Link>
                  </span>
                ))}
              </>
            ) : null}
            {label === 'Agency' ? sectorName(str(e.sector)) : null}
            {label === 'Specialism' || label === 'Need' ? domainName(str(e.domain)) : null}
            {label === 'Forum' ? `${str(e.kind).replaceAll('-', ' ')}${e.cadence ? ` · ${str(e.cadence)}` : ''}` : null}
          </p>
          <div className="badges">
            {isProfile ? <StaleBadge lastVerifiedAt={lastVerifiedAt} stale={stale} /> : null}
            {label === 'Practitioner' && e.capacity ? (
              <span className={`capacity capacity-${str(e.capacity)}`}>{capacityLabels[str(e.capacity)]}</span>
            ) : null}
            {ageRange ? <span className="badge">{ageRangeText(ageRange)}</span> : null}
          </div>
        </div>
        <div className="actions">
          {label !== 'Locality' && label !== 'Collaboration' ? (
            <button type="button" className="primary" onClick={openReach} aria-expanded={reachOpen}>
              How do I reach {label === 'Practitioner' ? 'them' : label === 'Specialism' ? 'someone with this' : 'them'}?
            </button>
          ) : null}
          <Link className="button" to={`/network?focus=${id}`}>
            Show in network
          </Link>
          {label === 'Need' ? (
            <Link className="button" to={`/team?needs=${id}`}>
              Build a team for this need
            </Link>
          ) : null}
          {mayEdit ? (
            <Link className="button" to={`/edit/${segments[label]}/${id}`}>
              Edit
            </Link>
          ) : null}
          {mayEdit && isProfile ? (
            <button type="button" onClick={() => verify.mutate(id!)} disabled={verify.isPending}>
              {verify.isPending ? 'Verifying…' : 'Confirm still correct'}
            </button>
          ) : null}
        </div>
      </header>
      {verify.isError ? <ErrorMessage error={verify.error} /> : null}
      {verify.isSuccess ? (
        <p className="success" role="status">
          Marked as verified today.
        </p>
      ) : null}

      {reachOpen ? (
        <section className="card reach" aria-labelledby="reach-title" tabIndex={-1} ref={reachRef}>
          <h2 id="reach-title">How do I reach {name}?</h2>
          {label === 'Practitioner' || label === 'Specialism' ? <ReachPanel label={label} id={id!} name={name} /> : null}
          {label === 'Agency' ? (
            <div>
              <p>Refer through the agency’s route below{by('WORKS_FOR').length ? ', or ask one of the people who work here' : ''}.</p>
              {by('WORKS_FOR').length ? <ReachPanel label="Practitioner" id={by('WORKS_FOR')[0]!.node.id} name={by('WORKS_FOR')[0]!.node.name} /> : null}
            </div>
          ) : null}
          {label === 'Forum' ? (
            <p>
              Ask a convening agency ({by('CONVENES').map((r) => r.node.name).join(', ') || 'none recorded'}) or someone who attends to
              bring you along.
            </p>
          ) : null}
          {label === 'Need' ? (
            <p>
              Look at the specialisms that address this need below, or <Link to={`/team?needs=${id}`}>build a team around the child</Link>.
            </p>
          ) : null}
          {label === 'Practitioner' ? (
            <p className="contact">
              {e.email ? (
                <>
                  Email <a href={`mailto:${str(e.email)}`}>{str(e.email)}</a>
                </>
              ) : null}
              {e.phone ? <> · Phone {str(e.phone)}</> : null}
              {redacted.includes('phone') ? <span className="muted"> · Direct phone visible to coordinators only</span> : null}
            </p>
          ) : null}
        </section>
      ) : null}

      <div className="profile-grid">
        <div className="profile-main">
          {label === 'Practitioner' ? (
            <section className="card limits" aria-labelledby="limits-title">
              <h2 id="limits-title">What {name.split(' ')[0]} does not do</h2>
              <p>{str(e.limitsOfExpertise) || 'No limits of expertise recorded. Ask before referring.'}</p>
            </section>
          ) : null}
          {label === 'Agency' ? (
            <section className="card referral" aria-labelledby="referral-title">
              <h2 id="referral-title">How to refer</h2>
              <p className="pre">{str(e.referralRoute) || 'No referral route recorded. Phone the agency to ask.'}</p>
              <p className="contact">
                {e.phone ? <>Phone {str(e.phone)}</> : null}
                {e.website ? (
                  <>
                    {' '}
                    · <a href={str(e.website)}>{str(e.website)}</a>
                  </>
                ) : null}
                {e.address ? <> · {str(e.address)}</> : null}
                {e.email ? (
                  <>
                    {' '}
                    · <a href={`mailto:${str(e.email)}`}>{str(e.email)}</a>
                  </>
                ) : null}
              </p>
              {Array.isArray(e.otherPhones) && e.otherPhones.length ? (
                <details>
                  <summary>Other numbers ({e.otherPhones.length})</summary>
                  <ul>
                    {(e.otherPhones as string[]).map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </section>
          ) : null}
          {e.bio || e.description ? (
            <section className="card">
              <h2>About</h2>
              <p className="pre">{str(e.bio) || str(e.description)}</p>
            </section>
          ) : redacted.includes('bio') ? (
            <p className="muted">The biography is visible to coordinators only.</p>
          ) : null}
          {label === 'Collaboration' ? (
            <section className="card">
              <h2>Joint work</h2>
              <p>
                {formatDate(str(e.startedOn))} – {e.endedOn ? formatDate(str(e.endedOn)) : 'ongoing'} · outcome {str(e.outcome)}
              </p>
              <p>{str(e.summary)}</p>
            </section>
          ) : null}
          {synonyms.length ? (
            <section className="card">
              <h2>Also called</h2>
              <ul className="synonyms">
                {synonyms.map((s, i) => (
                  <li key={i}>
                    “{s.term}”{s.profession ? <span className="muted"> by {professionName(s.profession).toLowerCase()}s</span> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {label === 'Practitioner' ? (
            <Collaborators
              list={(e.recentCollaborators as PractitionerDetail['recentCollaborators'] | undefined) ?? null}
              fallback={by(['COLLABORATED', 'KNOWS'], 'Practitioner')}
            />
          ) : null}
        </div>
        <div className="profile-side">
          {hood.isLoading ? <Loading what="Loading connections" /> : null}
          {hood.isError ? <ErrorMessage error={hood.error} title="Connections could not be loaded" /> : null}
          {label === 'Practitioner' ? (
            <>
              <section className="card">
                <h2>Details</h2>
                <dl>
                  <dt>Languages</dt>
                  <dd>{((e.languages as string[] | undefined) ?? []).join(', ') || '—'}</dd>
                  <dt>Contact</dt>
                  <dd>
                    {e.email ? <a href={`mailto:${str(e.email)}`}>{str(e.email)}</a> : '—'}
                    {e.phone ? <div>{str(e.phone)}</div> : null}
                  </dd>
                  <dt>Last verified</dt>
                  <dd>{formatDate(lastVerifiedAt)}</dd>
                </dl>
              </section>
              <RelList title="Specialisms" items={by('HAS_SPECIALISM')} empty="None recorded." />
              <RelList title="Forums attended" items={by('ATTENDS')} empty="None recorded." />
              <RelList title="Localities served" items={by('SERVES')} />
            </>
          ) : null}
          {label === 'Agency' ? (
            <>
              <RelList title="People" items={by('WORKS_FOR')} empty="No staff recorded." />
              <RelList title="Specialisms offered" items={by('OFFERS')} />
              <RelList title="Forums convened" items={by('CONVENES')} />
              <RelList title="Localities served" items={by('SERVES')} />
              <RelList title="Part of" items={by('PART_OF')} />
              <AgencyLocations locations={(e.locations as AgencyDetail['locations'] | undefined) ?? []} />
            </>
          ) : null}
          {label === 'Specialism' ? (
            <>
              <RelList title="Practitioners" items={by('HAS_SPECIALISM')} empty="Nobody holds this specialism." />
              <RelList title="Agencies offering it" items={by('OFFERS')} />
              <RelList title="Needs it addresses" items={by('ADDRESSED_BY')} />
              <RelList title="Broader / narrower" items={by('BROADER')} />
            </>
          ) : null}
          {label === 'Need' ? (
            <>
              <RelList title="Addressed by specialisms" items={by('ADDRESSED_BY')} empty="No specialism is linked to this need." />
              <RelList title="Recent joint work on it" items={by('ADDRESSED')} />
            </>
          ) : null}
          {label === 'Forum' ? (
            <>
              <RelList title="Who attends" items={by('ATTENDS')} empty="No attendance recorded." />
              <RelList title="Convened by" items={by('CONVENES')} />
              <RelList title="Meets in" items={by('MEETS_IN')} />
            </>
          ) : null}
          {label === 'Locality' || label === 'Collaboration' ? (
            <RelList title="Connected" items={rels} empty="Nothing connected." />
          ) : null}
        </div>
      </div>
      <p className="muted small">
        Record {str(e.source) ? `from ${str(e.source)}, ` : ''}last changed {formatDate(str(e.updatedAt))}.
      </p>
    </article>
  );
}

function AgencyLocations({ locations }: { locations: AgencyDetail['locations'] }) {
  if (!locations.length) return null;
  return (
    <section className="card" aria-labelledby="locations-title">
      <h2 id="locations-title">Where it works ({locations.length})</h2>
      <ul>
        {locations.map((l) => (
          <li key={l.id}>
            <strong>{l.name}</strong>
            {l.address || l.postcode ? <div>{[l.address, l.postcode].filter(Boolean).join(' ')}</div> : null}
            {l.phone ? <div>Phone {l.phone}</div> : null}
            {l.openingTimes ? <div className="pre">Open: {l.openingTimes}</div> : null}
            {l.accessibility ? <div>Access: {l.accessibility}</div> : null}
            {l.provides.length ? <div>Offers here: {l.provides.join(', ')}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

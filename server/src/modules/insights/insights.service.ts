import type { InsightName, InsightsQuery } from '@knotwork/graph-schema';
import { stringify } from 'csv-stringify/sync';
import { InsightsSnapshot, type InsightsData } from '../../graph/insights.js';
import { NotFoundError } from '../../lib/errors.js';
import { dayOf } from '../graph/ties.repository.js';
import type { InsightsRepository } from './insights.repository.js';

/** How long a loaded snapshot is reused: insights are a planning view, minutes-old data is fine. */
export const SNAPSHOT_TTL_MS = 5 * 60_000;
const MAX_SNAPSHOTS = 16;

/** Cells starting with these could run as formulas in a spreadsheet: prefix them with a quote. */
const FORMULA = /^[=+\-@\t\r]/;
const safe = (v: unknown) => (typeof v === 'string' && FORMULA.test(v) ? `'${v}` : v);

export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((r) => r.map((v) => safe(v ?? '')))]);
}

/** Download name of an insight's CSV: the insight, the date, and the child's age when one was asked. */
export function csvFilename(name: InsightName, asOf: string, age: number | null): string {
  return `knotwork-${name}-${asOf}${age === null ? '' : `-age-${age}`}.csv`;
}

export function createInsightsService(repo: InsightsRepository) {
  type Entry = { at: number; snapshot: Promise<InsightsSnapshot>; ready: boolean; refreshing: boolean };
  const snapshots = new Map<string, Entry>();

  const loads = new Map<string, { at: number; data: Promise<InsightsData> }>();
  /** One bulk load per asOf shared by the whole-system and the scoped snapshots, for SNAPSHOT_TTL_MS. */
  const load = (asOf: string) => {
    const hit = loads.get(asOf);
    if (hit && Date.now() - hit.at < SNAPSHOT_TTL_MS) return hit.data;
    const data = repo.load(asOf);
    data.catch(() => loads.get(asOf)?.data === data && loads.delete(asOf));
    loads.set(asOf, { at: Date.now(), data });
    while (loads.size > 4) loads.delete(loads.keys().next().value!);
    return data;
  };

  const build = async (asOf: string, locality: string | undefined) => {
    const data = await load(asOf);
    if (locality && !data.localities.some((l) => l.id === locality)) throw new NotFoundError('Locality', locality);
    return new InsightsSnapshot(data, locality ?? null);
  };

  const remember = (key: string, snapshot: Promise<InsightsSnapshot>) => {
    const entry: Entry = { at: Date.now(), snapshot, ready: false, refreshing: false };
    snapshot.then(
      () => (entry.ready = true),
      () => snapshots.get(key) === entry && snapshots.delete(key),
    );
    snapshots.set(key, entry);
    while (snapshots.size > MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value!);
    return snapshot;
  };

  /**
   * The snapshot for (asOf, locality). A fresh one (< SNAPSHOT_TTL_MS) is reused; an older one is still answered
   * at once (its `computedAt` says how old) while a new one is loaded and fully computed in the background, then
   * replaces it — at 100k practitioners only the very first request waits for the whole computation.
   */
  async function snapshot(query: Pick<InsightsQuery, 'asOf' | 'locality'>): Promise<InsightsSnapshot> {
    const asOf = dayOf(query.asOf);
    const key = `${asOf}|${query.locality ?? ''}`;
    const hit = snapshots.get(key);
    if (!hit) return remember(key, build(asOf, query.locality));
    if (Date.now() - hit.at >= SNAPSHOT_TTL_MS && hit.ready && !hit.refreshing) {
      hit.refreshing = true;
      Promise.all([build(asOf, query.locality), hit.snapshot])
        .then(([fresh, stale]) => {
          fresh.warm(stale.coverageAges()); // and the ages asked of the stale one: no slow first request per age
          if (snapshots.get(key) === hit) remember(key, Promise.resolve(fresh));
        })
        .catch(() => undefined) // the stale snapshot stays; the next request tries again
        .finally(() => (hit.refreshing = false));
    }
    return hit.snapshot;
  }

  const meta = (s: InsightsSnapshot) => ({
    asOf: s.data.asOf,
    scope: s.scope ? s.locRef(s.scope) : null,
    computedAt: s.computedAt,
  });

  /**
   * JSON body and CSV text of one insight, and the CSV's file name. `age` (coverage and single-points only) is
   * echoed in their JSON and named in their CSV file name (`knotwork-coverage-<asOf>-age-<n>.csv`); the CSV
   * columns are the same with or without it.
   */
  async function compute(
    name: InsightName,
    query: InsightsQuery,
  ): Promise<{ json: object; csv: () => string; filename: string }> {
    const s = await snapshot(query);
    const age = query.age ?? null;
    const ageAware = name === 'coverage' || name === 'single-points';
    const filename = csvFilename(name, s.data.asOf, ageAware ? age : null);
    return { ...answer(name, query, s, age), filename };
  }

  function answer(name: InsightName, query: InsightsQuery, s: InsightsSnapshot, age: number | null): { json: object; csv: () => string } {
    switch (name) {
      case 'coverage': {
        const body = s.coverageResponse(age);
        const locs = new Map(body.localities.map((l) => [l.id, l]));
        const needs = new Map(body.needs.map((n) => [n.id, n]));
        return {
          json: { ...meta(s), age, ...body },
          csv: () =>
            toCsv(
              ['locality', 'locality_kind', 'need', 'domain', 'practitioners', 'agencies', 'flag'],
              body.cells.map((c) => [
                locs.get(c.localityId)!.name,
                locs.get(c.localityId)!.kind,
                needs.get(c.needId)!.name,
                needs.get(c.needId)!.domain,
                c.practitioners,
                c.agencies,
                c.flag,
              ]),
            ),
        };
      }
      case 'single-points': {
        const body = s.singlePoints(query.limit, age);
        return {
          json: { ...meta(s), age, ...body },
          csv: () =>
            toCsv(['kind', 'locality', 'subject', 'practitioner', 'agency', 'detail'], [
              ...body.specialisms.map((x) => ['specialism', x.locality.name, x.specialism.name, x.holder.name, x.holder.agencyName, 'only holder']),
              ...body.needs.map((x) => ['need', x.locality.name, x.need.name, x.holder.name, x.holder.agencyName, 'only practitioner covering it']),
              ...body.articulationPoints.map((x) => [
                'articulation-point',
                '',
                '',
                x.practitioner.name,
                x.practitioner.agencyName,
                `would split the network into groups of ${x.splitSizes.join(', ')}`,
              ]),
              ...body.bridges.map((x) => ['bridge', '', '', `${x.a.name} – ${x.b.name}`, '', `strength ${x.strength}: ${x.explanation}`]),
            ]),
        };
      }
      case 'brokers': {
        const body = s.brokers(query.limit);
        return {
          json: { ...meta(s), ...body },
          csv: () =>
            toCsv(
              ['practitioner', 'profession', 'agency', 'betweenness', 'constraint', 'effective_size', 'ties', 'agencies'],
              body.brokers.map((b) => [
                b.practitioner.name,
                b.practitioner.profession,
                b.practitioner.agencyName,
                b.betweenness,
                b.constraint,
                b.effectiveSize,
                b.ties,
                b.agencies,
              ]),
            ),
        };
      }
      case 'isolates': {
        const body = s.isolates();
        return {
          json: { ...meta(s), ...body },
          csv: () =>
            toCsv(['type', 'name', 'agency_or_sector', 'ties_or_members', 'external', 'internal', 'ei'], [
              ...body.practitioners.map((p) => ['isolated-practitioner', p.name, p.agencyName, p.ties, 0, p.ties, '']),
              ...body.agencies.map((a) => ['isolated-agency', a.name, a.sector, a.members, 0, '', '']),
              ...body.eiByAgency.map((a) => ['agency-ei', a.name, a.sector, '', a.external, a.internal, a.ei]),
              ...body.eiByLocality.map((l) => ['locality-ei', l.name, '', '', l.external, l.internal, l.ei]),
            ]),
        };
      }
      case 'agency-matrix': {
        const body = s.agencyMatrix();
        const names = new Map(body.agencies.map((a) => [a.id, a.name]));
        return {
          json: { ...meta(s), ...body },
          csv: () =>
            toCsv(
              ['agency_a', 'agency_b', 'collaborations'],
              body.cells.map((c) => [names.get(c.a), names.get(c.b), c.collaborations]),
            ),
        };
      }
      case 'forum-reach': {
        const body = s.forumReach();
        return {
          json: { ...meta(s), ...body },
          csv: () =>
            toCsv(
              ['forum', 'kind', 'attendees', 'agencies', 'agency_names', 'sectors', 'localities', 'strategic_attendees'],
              body.forums.map((f) => [
                f.name,
                f.kind,
                f.attendees,
                f.agencies.length,
                f.agencies.map((a) => a.name).join('; '),
                f.sectors.join('; '),
                f.localities.map((l) => l.name).join('; '),
                f.strategic,
              ]),
            ),
        };
      }
      case 'vertical-links': {
        const body = s.verticalLinks();
        return {
          json: { ...meta(s), ...body },
          csv: () =>
            toCsv(
              ['practitioner', 'profession', 'agency', 'operational_ties', 'agencies_reached'],
              body.strategic.map((p) => [p.name, p.profession, p.agencyName, p.operationalTies, p.agenciesReached]),
            ),
        };
      }
    }
  }

  return { compute, snapshot };
}

export type InsightsService = ReturnType<typeof createInsightsService>;

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { anonymous, signInAs } from '../../../test/factories.js';
import { buildTestApp } from '../../../test/helper.js';
import { importId } from '../transfer/import-plan.js';
import { runImport } from '../transfer/transfer.service.js';

/**
 * The HSDS 3 / ORUK read API over a real import (the San Mateo County sample). Each response is checked against
 * the shape of Open Referral UK's own published example payloads in ../shared/data/oruk-examples (same keys,
 * same JSON types, the same page envelope) as well as against the route's response schema.
 */
const DATA = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'data');
const example = (file: string) =>
  JSON.parse(readFileSync(join(DATA, 'oruk-examples', file), 'utf8')) as Record<string, unknown>;
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every key we send that the example also has carries the example's JSON type (null allowed where we know nothing). */
function sameShape(ours: unknown, theirs: unknown, path = '$'): string[] {
  if (theirs === null || theirs === undefined || ours === null) return [];
  if (typeOf(ours) !== typeOf(theirs)) return [`${path}: ${typeOf(ours)} where the example has ${typeOf(theirs)}`];
  if (Array.isArray(ours) && Array.isArray(theirs))
    return theirs.length ? ours.flatMap((o, i) => sameShape(o, theirs[0], `${path}[${i}]`)) : [];
  if (typeof ours === 'object' && typeof theirs === 'object') {
    return Object.entries(ours as Record<string, unknown>).flatMap(([k, v]) =>
      k in (theirs as object) ? sameShape(v, (theirs as Record<string, unknown>)[k], `${path}.${k}`) : [],
    );
  }
  return [];
}
const PAGE_KEYS = Object.keys(example('service_list.json')).sort();

let app: App;
let name: string;
let read: Awaited<ReturnType<typeof signInAs>>['inject'];
beforeAll(async () => {
  app = await buildTestApp();
  name = `hsds-${randomUUID().slice(0, 8)}`;
  const dir = join(DATA, 'ohana-sample-csv');
  await runImport(app.db, {
    format: 'ohana-csv',
    name,
    files: Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')])),
  });
  read = (await signInAs(app, 'viewer')).inject;
}, 180_000);
afterAll(async () => {
  await app?.db.write((tx) => tx.run('MATCH (n) WHERE n.source = $s DETACH DELETE n', { s: `import:${name}` }));
  await app?.close();
});

describe('HSDS 3 / ORUK read API', () => {
  it('pages organizations in the standard envelope', async () => {
    const res = await read({ method: 'GET', url: '/hsds/organizations?per_page=5&page=1' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(PAGE_KEYS);
    expect(body).toMatchObject({ page_number: 1, size: 5, first_page: true, empty: false });
    expect(body.total_pages).toBe(Math.ceil(body.total_items / 5));
    expect(sameShape(body, example('organization_list.json'))).toEqual([]);
    const last = (await read({ method: 'GET', url: `/hsds/organizations?per_page=5&page=${body.total_pages}` })).json();
    expect(last.last_page).toBe(true);
  });

  it('serves an organization with its services and locations, shaped like the ORUK example', async () => {
    const list = (await read({ method: 'GET', url: '/hsds/organizations?per_page=200' })).json();
    const pfs = list.contents.find((o: { name: string }) => o.name === 'Peninsula Family Service');
    const res = await read({ method: 'GET', url: `/hsds/organizations/${pfs.id}` });
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect(org.services.length).toBeGreaterThan(0);
    expect(org.services[0]).toMatchObject({ status: 'active', minimum_age: 55, maximum_age: 120 });
    expect(sameShape(org, example('organization_full.json'))).toEqual([]);
  });

  it('pages services, filters by taxonomy term and modified_after, and serves one by id', async () => {
    const all = (await read({ method: 'GET', url: '/hsds/services?per_page=200' })).json();
    expect(all.total_items).toBeGreaterThanOrEqual(26);
    expect(sameShape(all, example('service_list.json'))).toEqual([]);
    const one = all.contents.find((s: { service_at_locations: unknown[] }) => s.service_at_locations.length > 0);
    const byId = await read({ method: 'GET', url: `/hsds/services/${one.id}` });
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual(one);
    expect(sameShape(byId.json(), example('service_full.json'))).toEqual([]);

    const termId = one.attributes[0].taxonomy_term.id;
    const filtered = (await read({ method: 'GET', url: `/hsds/services?taxonomy_term_id=${termId}` })).json();
    expect(
      filtered.contents.every((s: { attributes: { taxonomy_term: { id: string } }[] }) =>
        s.attributes.some((a) => a.taxonomy_term.id === termId),
      ),
    ).toBe(true);
    const future = (await read({ method: 'GET', url: '/hsds/services?modified_after=2999-01-01T00:00:00Z' })).json();
    expect(future).toMatchObject({ total_items: 0, empty: true, contents: [] });
    expect((await read({ method: 'GET', url: `/hsds/services/${randomUUID()}` })).statusCode).toBe(404);
  });

  it('serves the taxonomy and its terms', async () => {
    const taxonomies = (await read({ method: 'GET', url: '/hsds/taxonomies' })).json();
    expect(taxonomies.contents).toHaveLength(1);
    const terms = (await read({ method: 'GET', url: '/hsds/taxonomy_terms?per_page=10' })).json();
    expect(terms.size).toBe(10);
    expect(sameShape(terms, example('taxonomy_term_list.json'))).toEqual([]);
  });

  it('refuses bad paging, and callers who are not signed in (HSDS_ACCESS=signed-in)', async () => {
    expect((await read({ method: 'GET', url: '/hsds/services?per_page=0' })).statusCode).toBe(400);
    expect((await read({ method: 'GET', url: '/hsds/services?modified_after=yesterday' })).statusCode).toBe(400);
    expect((await anonymous(app)({ method: 'GET', url: '/hsds/organizations' })).statusCode).toBe(401);
  });

  it('is documented in the OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/hsds/services', '/hsds/services/{id}', '/hsds/organizations', '/hsds/taxonomy_terms']),
    );
  });
});

describe('HSDS read API: a service keeps the terms its source gave (ORUK 1.0 feed with pc_ extensions)', () => {
  const feedName = `oruk1-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    const feed = readFileSync(join(import.meta.dirname, '..', 'transfer', 'testing', 'oruk1-feed.json'), 'utf8');
    await runImport(app.db, { format: 'oruk-json', name: feedName, files: { 'services.json': feed } });
  }, 120_000);
  afterAll(() =>
    app?.db.write((tx) => tx.run('MATCH (n) WHERE n.source = $s DETACH DELETE n', { s: `import:${feedName}` })),
  );

  it('serves eligibility, fees, languages, ages and the source’s service names, shaped like the ORUK example', async () => {
    // Looked up by the id the import gave it: the shared test database holds more organisations than one page.
    const hubId = importId(feedName, 'Agency', 'organization:org-77');
    const org = (await read({ method: 'GET', url: `/hsds/organizations/${hubId}` })).json();
    expect(org.services).toHaveLength(1);
    expect(org.services[0]).toMatchObject({
      name: 'Speech and language therapy',
      alternate_name: 'Early Years Speech and Language Drop-in; Talking Tots group',
      eligibility_description: 'Children under five and their parents or carers\nReferral from a health visitor',
      fees_description: 'Free\nPer term £15 waived for families on Universal Credit',
      minimum_age: 0,
      maximum_age: 4,
      languages: [expect.objectContaining({ name: 'English' }), expect.objectContaining({ name: 'Urdu' })],
    });
    expect(sameShape(org, example('organization_full.json'))).toEqual([]);
    const carersId = importId(feedName, 'Agency', 'organization:org-88');
    const service = (await read({ method: 'GET', url: `/hsds/organizations/${carersId}` })).json().services[0];
    expect(service).not.toHaveProperty('minimum_age'); // -1 in the feed: not stated, and nothing invented
  });
});

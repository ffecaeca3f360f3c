import { randomUUID } from 'node:crypto';
import { SearchQuery, type SearchHit } from '@knotwork/graph-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/helper.js';
import { createDb } from '../lib/db.js';
import { createMeiliClient } from '../plugins/external/meilisearch.js';
import { createDriver } from '../plugins/external/neo4j.js';
import { createSearchRepository } from '../modules/search/search.repository.js';
import type { SearchBackend } from './backend.js';
import { createDocumentsRepository } from './documents.repository.js';
import { FulltextSearchBackend, ThesaurusCache } from './fulltext-backend.js';
import { createFulltextRepository } from './fulltext.repository.js';
import { currentSynonyms } from './index-builder.js';
import { MeiliSearchBackend } from './meili-backend.js';
import { MeiliIndex } from './meili-index.js';
import type { SearchRequest } from './search-query.js';
import { createSearchFixture, deleteSearchFixture, type SearchFixture } from './testing/fixtures.repository.js';

/**
 * The shared contract: the same queries over the same data, against both backends. Other test files share the
 * database, so assertions look only at this fixture's ids (in the order the backend ranked them).
 */
const config = testConfig();
const driver = createDriver(config.neo4j);
const db = createDb(driver, config.neo4j.database);
const meili = createMeiliClient(config.meili!);
const documents = createDocumentsRepository(db);
const searchRepository = createSearchRepository(db);
const indexUid = `test_contract_${randomUUID().slice(0, 8)}`;
let fx: SearchFixture;

const backends: Record<string, SearchBackend> = {
  meilisearch: new MeiliSearchBackend(meili.client, indexUid, 5_000),
  'neo4j-fulltext': new FulltextSearchBackend(createFulltextRepository(db), documents, new ThesaurusCache(documents, 0)),
};

beforeAll(async () => {
  fx = await createSearchFixture(db);
  const index = new MeiliIndex(meili.client, indexUid);
  await index.ensure();
  await index.applySettings(await currentSynonyms(documents));
  await index.upsert(await documents.loadDocuments(fx.all));
});

afterAll(async () => {
  await deleteSearchFixture(db, fx).catch(() => undefined);
  await new MeiliIndex(meili.client, indexUid).drop().catch(() => undefined);
  meili.close();
  await driver.close();
});

describe.each(Object.keys(backends))('search contract on %s', { timeout: 120_000 }, (name) => {
  const backend = backends[name]!;
  const key = (id: string) => Object.entries(fx.ids).find(([, v]) => v === id)?.[0];

  async function search(params: Record<string, string | number>): Promise<{ hits: SearchHit[]; keys: string[]; raw: Awaited<ReturnType<SearchBackend['search']>> }> {
    const query = SearchQuery.parse({ limit: 100, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
    const req: SearchRequest = { ...query };
    if (query.locality) req.localityAncestors = await searchRepository.localityAncestors(query.locality);
    const raw = await backend.search(req);
    const mine = raw.hits.filter((h) => key(h.id));
    return { hits: mine, keys: mine.map((h) => key(h.id)!), raw };
  }

  it('finds a specialism and its practitioners despite a typo', async () => {
    const { keys } = await search({ q: 'speach therapy' });
    expect(keys).toEqual(expect.arrayContaining(['slt', 'amira']));
  });

  it('expands abbreviations through the thesaurus', async () => {
    const { keys } = await search({ q: 'SALT' });
    expect(keys).toEqual(expect.arrayContaining(['slt', 'amira', 'therapyService']));
    expect(keys).not.toContain('dev');
  });

  it("finds profiles written in another profession's words", async () => {
    const { keys } = await search({ q: 'communication difficulties' });
    expect(keys).toEqual(expect.arrayContaining(['slt', 'amira']));
  });

  it('finds the people who meet a need named in plain words', async () => {
    const { keys } = await search({ q: 'late talking' });
    expect(keys).toEqual(expect.arrayContaining(['speechNeed', 'amira']));
  });

  it('finds a multi-word need', async () => {
    const { keys } = await search({ q: 'family facing eviction' });
    expect(keys.slice(0, 5)).toEqual(expect.arrayContaining(['dev']));
  });

  it('filters by locality including nested localities and enclosing areas', async () => {
    const { keys } = await search({ q: '', locality: fx.ids.north! });
    expect(keys).toEqual(expect.arrayContaining(['amira', 'chloe', 'forum', 'therapyService', 'erin']));
    expect(keys).not.toContain('ben');
    expect(keys).not.toContain('dev');
    const south = await search({ q: '', locality: fx.ids.south! });
    expect(south.keys).toEqual(expect.arrayContaining(['ben', 'farah', 'dev', 'housingOptions', 'therapyService']));
    expect(south.keys).not.toContain('amira');
  });

  it('filters by age within the served range', async () => {
    const { keys } = await search({ q: 'speech and language therapist', age: 15, types: 'Practitioner' });
    expect(keys).toEqual(expect.arrayContaining(['ben', 'farah']));
    expect(keys).not.toContain('amira');
  });

  it('filters by profession, capacity, language, sector and type', async () => {
    // Scoped to the fixture's own authority, so the data of other tests (or a big demo) cannot crowd it out.
    const here = { locality: fx.ids.authority! };
    expect((await search({ q: '', profession: 'housing-officer', ...here })).keys).toEqual(['dev']);
    expect((await search({ q: '', capacity: 'closed', ...here })).keys).toEqual(['erin']);
    expect((await search({ q: '', language: 'somali', ...here })).keys).toEqual(['amira']);
    expect((await search({ q: '', sector: 'housing', ...here })).keys.sort()).toEqual(['dev', 'housingOptions']);
    const agencies = await search({ q: 'therapy', types: 'Agency' });
    expect(agencies.keys).toEqual(['therapyService']);
    expect(agencies.hits.every((h) => h.type === 'Agency')).toBe(true);
  });

  it('returns facets with counts', async () => {
    const { raw } = await search({ q: 'speech' });
    expect(raw.facets.type).toBeDefined();
    expect(raw.facets.type!.Practitioner).toBeGreaterThanOrEqual(3);
    expect(raw.facets.profession!['speech-and-language-therapist']).toBeGreaterThanOrEqual(3);
  });

  it('highlights matches in HTML-escaped text', async () => {
    const { hits } = await search({ q: 'speech therapy' });
    const amira = hits.find((h) => h.id === fx.ids.amira)!;
    expect(Object.values(amira.highlights).join(' ')).toMatch(/<mark>speech[^<]*<\/mark>/i);
    expect(amira.specialisms).toContain('Speech and language therapy');
    expect(amira.agencyName).toBe("Northshire Children's Therapy Service");
    const agency = (await search({ q: 'northshire therapy', types: 'Agency' })).hits[0]!;
    expect(agency.highlights.name).toContain('Children&#39;s');
  });

  it('never matches or shows a coordinators-only bio', async () => {
    expect((await search({ q: 'zanzibarquokka' })).keys).toEqual([]);
    const chloe = (await search({ q: 'Chloe Dunmore' })).hits.find((h) => h.id === fx.ids.chloe)!;
    expect(chloe.description).not.toContain('zanzibarquokka');
    expect(JSON.stringify(chloe)).not.toContain('01234');
  });

  it('ranks an equally relevant fresh profile above a stale one', async () => {
    const { keys, hits } = await search({ q: 'speech and language therapist', age: 15, types: 'Practitioner' });
    expect(keys.indexOf('farah')).toBeLessThan(keys.indexOf('ben'));
    expect(hits.find((h) => h.id === fx.ids.ben)!.stale).toBe(true);
  });

  it('says which backend answered', async () => {
    const { raw } = await search({ q: 'speech' });
    expect(raw.backend).toBe(name);
    expect(raw.total).toBeGreaterThanOrEqual(raw.hits.length);
  });
});

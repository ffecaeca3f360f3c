import { SearchableLabel } from '@knotwork/graph-schema';
import type { SearchBackend } from './backend.js';
import type { DocumentsRepository } from './documents.repository.js';
import type { FulltextRepository, ScoredId } from './fulltext.repository.js';
import { bioQuery, luceneClause, publicFieldsQuery, wordMatcher } from './lucene.js';
import type { SearchDocument } from './search-document.js';
import {
  HIGHLIGHTED,
  computeFacets,
  markWords,
  markersToHtml,
  matchesFilters,
  toHit,
  type SearchRequest,
  type SearchResult,
} from './search-query.js';
import { expandQuery, thesaurusGroups, type ThesaurusGroup } from './thesaurus.js';

/** Caches the thesaurus groups for a short while (the fallback needs them on every query). */
export class ThesaurusCache {
  private groups: ThesaurusGroup[] | null = null;
  private loadedAt = 0;
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly ttlMs = 30_000,
  ) {}
  async get(): Promise<ThesaurusGroup[]> {
    if (!this.groups || Date.now() - this.loadedAt > this.ttlMs) {
      this.groups = thesaurusGroups(await this.documents.loadThesaurus());
      this.loadedAt = Date.now();
    }
    return this.groups;
  }
  invalidate() {
    this.groups = null;
  }
}

/** How many candidates the fallback considers before filtering (it filters in memory). */
const CANDIDATES = 400;
const UNFILTERED_CANDIDATES = 150;
/**
 * Without query text the filters run in Cypher, and only the first nodes by name become documents: beyond that
 * the total comes from Cypher and the facets describe those first nodes only.
 */
const BROWSE_CANDIDATES = 300;

/**
 * The degraded fallback on Neo4j full-text (Lucene): fuzzy words, thesaurus expansion, and graph expansion
 * (a query matching a specialism or a need also finds the practitioners and agencies that hold it). The
 * candidates become the same SearchDocuments Meilisearch holds, filtered, faceted and highlighted by the
 * same code. Ranking approximates Meilisearch's rule: relevance (normalised score in tenths) first, then
 * freshness, then capacity.
 */
export class FulltextSearchBackend implements SearchBackend {
  readonly name = 'neo4j-fulltext' as const;

  constructor(
    private readonly fulltext: FulltextRepository,
    private readonly documents: DocumentsRepository,
    private readonly thesaurus: ThesaurusCache,
  ) {}

  async search(req: SearchRequest): Promise<SearchResult> {
    const started = performance.now();
    const groups = await this.thesaurus.get();
    const expansions = req.q.trim() ? expandQuery(req.q, groups) : [];
    const clause = req.q.trim() ? luceneClause(req.q, expansions) : null;

    let scored: ScoredId[];
    let browseTotal = 0;
    // Filtering happens after candidate generation, so filtered queries need a deeper pool.
    const filtered = Boolean(
      req.types?.length || req.locality || req.age !== undefined || req.sector?.length || req.profession?.length || req.language || req.capacity?.length,
    );
    const candidates = filtered ? CANDIDATES : UNFILTERED_CANDIDATES;
    if (clause) {
      const direct = await this.fulltext.query(publicFieldsQuery(clause), bioQuery(clause), candidates);
      const max = Math.max(...direct.map((d) => d.score), 1e-9);
      const normalised = direct.map((d) => ({ ...d, score: d.score / max }));
      // Only the best-matching specialisms and needs are expanded to their holders (a weak match on a popular
      // specialism would pull in thousands of practitioners at 100k scale).
      const seeds = (label: string, n: number) =>
        normalised
          .filter((d) => d.label === label && d.score >= 0.25)
          .slice(0, n)
          .map(({ id, score }) => ({ id, score }));
      const propagated = await this.fulltext.propagate(seeds('Specialism', 8), seeds('Need', 5), candidates);
      const best = new Map<string, number>();
      for (const s of [...normalised, ...propagated]) best.set(s.id, Math.max(best.get(s.id) ?? 0, s.score));
      scored = [...best].map(([id, score]) => ({ id, score, label: 'Practitioner' as const }));
    } else {
      let labels: SearchableLabel[] = req.types?.length ? [...req.types] : [...SearchableLabel.options];
      // Filters on attributes only some types have leave the others out (as on Meilisearch).
      if (req.profession?.length || req.capacity?.length || req.language) labels = labels.filter((l) => l === 'Practitioner');
      if (req.age !== undefined || req.sector?.length) labels = labels.filter((l) => l === 'Practitioner' || l === 'Agency');
      if (req.locality) labels = labels.filter((l) => l !== 'Specialism' && l !== 'Need');
      const browsed = labels.length
        ? await this.fulltext.browse(
            labels,
            {
              professions: req.profession?.length ? [...req.profession] : null,
              capacities: req.capacity?.length ? [...req.capacity] : null,
              sectors: req.sector?.length ? [...req.sector] : null,
              age: req.age ?? null,
              language: req.language ?? null,
              locality: req.locality ?? null,
              ancestors: req.localityAncestors ?? [],
            },
            BROWSE_CANDIDATES,
          )
        : { total: 0, page: [] };
      scored = browsed.page;
      browseTotal = browsed.total;
    }
    scored.sort((a, b) => b.score - a.score);
    const scores = new Map(scored.slice(0, clause ? candidates : BROWSE_CANDIDATES).map((s) => [s.id, s.score]));
    const docs = (await this.documents.loadDocuments([...scores.keys()])).filter((d) => matchesFilters(d, req));

    const bucket = (d: SearchDocument) => Math.round((scores.get(d.id) ?? 0) * 10);
    docs.sort(
      (a, b) =>
        bucket(b) - bucket(a) ||
        b.freshness - a.freshness ||
        b.capacityRank - a.capacityRank ||
        (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0) ||
        a.name.localeCompare(b.name),
    );
    const page = docs.slice(req.offset, req.offset + req.limit);
    const isMatch = clause ? wordMatcher(req.q, expansions) : null;
    return {
      hits: page.map((d) => toHit(d, isMatch ? highlight(d, isMatch) : {})),
      facets: computeFacets(docs),
      total: !clause && browseTotal > BROWSE_CANDIDATES ? browseTotal : docs.length,
      backend: 'neo4j-fulltext',
      processingTimeMs: Math.round(performance.now() - started),
    };
  }
}

function highlight(doc: SearchDocument, isMatch: (w: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attr of HIGHLIGHTED) {
    const v = (doc as unknown as Record<string, unknown>)[attr];
    const text = Array.isArray(v)
      ? (v as string[]).map((x) => markWords(x, isMatch)).filter((x) => x.includes('\uE000')).join(', ')
      : typeof v === 'string'
        ? markWords(v, isMatch)
        : '';
    if (text.includes('\uE000')) out[attr] = markersToHtml(text);
  }
  return out;
}

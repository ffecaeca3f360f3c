import { LocalitySelect } from '../components/LocalitySelect';
import { UnderstoodChips } from '../components/UnderstoodChips';
import { capacityLabels } from '../lib/labels';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { segments } from '../api/entities';
import { useSearch, useSearchPages, type SearchParams } from '../api/search';
import { Empty, ErrorMessage, Highlight, StaleBadge, TypeBadge } from '../components/ui';
import { domainName, formatDate, professionName, sectorName } from '../lib/format';
import type { DirectoryLabel } from '@knotwork/graph-schema';

const PAGE_SIZE = 30;

/** Below this width the filters sit above the results (styles.css, "Narrow screens"). */
const PHONE_QUERY = '(max-width: 900px)';

type ListFilter = 'types' | 'sector' | 'profession' | 'capacity';

/** Facet names the engine may return → the filter they drive. */
const facetToFilter: Record<string, ListFilter | 'language'> = {
  type: 'types',
  types: 'types',
  profession: 'profession',
  sector: 'sector',
  capacity: 'capacity',
  language: 'language',
  languages: 'language',
};
/** Type first: with results in one relevance-ordered list, it is the way to see one kind only. */
const facetOrder = ['types', 'profession', 'sector', 'capacity', 'language'];
const facetTitles: Record<string, string> = {
  types: 'Type',
  profession: 'Profession',
  sector: 'Sector',
  capacity: 'Capacity',
  language: 'Language',
};
const typeNames: Record<string, string> = {
  Practitioner: 'Practitioners',
  Agency: 'Agencies',
  Specialism: 'Specialisms',
  Need: 'Needs',
  Forum: 'Forums',
};

function facetValueName(filter: string, value: string) {
  if (filter === 'profession') return professionName(value);
  if (filter === 'sector') return sectorName(value);
  if (filter === 'capacity') return capacityLabels[value] ?? value;
  if (filter === 'types') return typeNames[value] ?? value;
  return value;
}

/** A chosen value the engine no longer counts (0 hits with the other filters) stays listed, so it can be unticked. */
function zeroCounts(chosen: string[] | undefined): Record<string, number> {
  return Object.fromEntries((chosen ?? []).map((v) => [v, 0]));
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function readParams(sp: URLSearchParams): SearchParams {
  const list = (k: string) => (sp.get(k) ? sp.get(k)!.split(',').filter(Boolean) : undefined);
  const age = sp.get('age');
  return {
    q: sp.get('q') ?? '',
    types: list('types'),
    sector: list('sector'),
    profession: list('profession'),
    capacity: list('capacity'),
    locality: sp.get('locality') ?? undefined,
    language: sp.get('language') ?? undefined,
    age: age !== null && age !== '' && !Number.isNaN(Number(age)) ? Number(age) : undefined,
    ignore: list('ignore'),
    literal: sp.get('literal') === 'true' || undefined,
  };
}

export function SearchPage() {
  const [sp, setSp] = useSearchParams();
  const params = readParams(sp);
  const [text, setText] = useState(params.q);
  const debouncedText = useDebounced(text, 200);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const resultsId = useId();

  // Typing updates the URL (replace, so Back leaves the page rather than stepping through keystrokes).
  useEffect(() => {
    if (debouncedText !== (sp.get('q') ?? '')) {
      const next = new URLSearchParams(sp);
      if (debouncedText) next.set('q', debouncedText);
      else next.delete('q');
      next.delete('ignore');
      next.delete('literal');
      setSp(next, { replace: true });
    }
  }, [debouncedText]);

  const hasFilters = Boolean(
    params.types ||
    params.sector ||
    params.profession ||
    params.capacity ||
    params.locality ||
    params.language ||
    params.age !== undefined,
  );
  const activeFilters =
    [params.types, params.sector, params.profession, params.capacity, params.locality, params.language].filter((v) =>
      Array.isArray(v) ? v.length > 0 : Boolean(v),
    ).length + (params.age !== undefined ? 1 : 0);
  // On a phone the filters start folded so the first result is on the first screen.
  const [filtersOpen, setFiltersOpen] = useState(() => !window.matchMedia(PHONE_QUERY).matches);
  const search = useSearchPages({ ...params, limit: PAGE_SIZE }, Boolean(params.q.trim()) || hasFilters);

  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(sp);
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
    setSp(next, { replace: true });
  };
  const toggle = (k: ListFilter, value: string) => {
    const cur = new Set(params[k] ?? []);
    if (cur.has(value)) cur.delete(value);
    else cur.add(value);
    setParam(k, [...cur].join(','));
  };
  const clearFilters = () => {
    const next = new URLSearchParams();
    if (params.q) next.set('q', params.q);
    setSp(next, { replace: true });
  };

  const first = search.data?.pages[0];
  // Engine order across pages; an id seen on an earlier page (the index moved between pages) is shown once.
  const hits = useMemo(() => {
    const seen = new Set<string>();
    return (search.data?.pages ?? []).flatMap((page) => page.hits).filter((h) => !seen.has(h.id) && seen.add(h.id));
  }, [search.data]);
  const total = first?.total ?? 0;
  // After "Show more", focus goes to the first of the new results so keyboard and screen-reader users carry on there.
  const focusFrom = useRef<number | null>(null);
  useEffect(() => {
    if (focusFrom.current === null || hits.length <= focusFrom.current) return;
    listRef.current?.querySelectorAll<HTMLAnchorElement>('a.result-link')[focusFrom.current]?.focus();
    focusFrom.current = null;
  }, [hits.length]);
  const showMore = () => {
    focusFrom.current = hits.length;
    void search.fetchNextPage();
  };

  const focusResult = (delta: number) => {
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.result-link') ?? [])];
    if (!links.length) return;
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = i === -1 ? (delta > 0 ? 0 : links.length - 1) : i + delta;
    if (next < 0) inputRef.current?.focus();
    else links[Math.min(next, links.length - 1)]!.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusResult(1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusResult(-1);
    } else if (e.key === 'Escape' && document.activeElement !== inputRef.current) {
      inputRef.current?.focus();
    }
  };

  // Type counts as if no type were ticked (the other filters still apply): ticking Needs must not make the
  // Practitioners count vanish, since ticking it too would add exactly that many.
  const allTypes = useSearch({ ...params, types: undefined, limit: 1 }, Boolean(params.types?.length));
  const facets =
    params.types?.length && allTypes.data
      ? { ...first?.facets, type: allTypes.data.facets.type ?? {} }
      : (first?.facets ?? {});
  const facetEntries = Object.entries(facets)
    .map(([name, values]) => [facetToFilter[name], values] as const)
    .filter((x): x is readonly [ListFilter | 'language', Record<string, number>] => Boolean(x[0]))
    .sort((a, b) => facetOrder.indexOf(a[0]) - facetOrder.indexOf(b[0]));

  return (
    <div className="search-page" onKeyDown={onKeyDown}>
      <h1 className="visually-hidden">Search</h1>
      <div className="search-box">
        <label htmlFor="search-input" className="search-label">
          Who can help? Search people, agencies, specialisms, needs and forums
        </label>
        <input
          id="search-input"
          ref={inputRef}
          type="search"
          placeholder="e.g. speech therapy, SALT, housing, bereavement"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
          autoFocus
          data-autofocus
          aria-controls={resultsId}
          aria-describedby="search-help"
        />
        <p id="search-help" className="hint">
          Spelling mistakes and other professions’ words are fine.{' '}
          <span className="pointer-only">Use ↓ and ↑ to move through results, Enter to open.</span>
        </p>
      </div>
      <div className="search-layout">
        <aside className="filters" aria-label="Filters">
          <h2>
            <button
              type="button"
              className="filters-toggle"
              aria-expanded={filtersOpen}
              aria-controls="filters-body"
              onClick={() => setFiltersOpen((o) => !o)}
            >
              Filters{activeFilters ? ` (${activeFilters} on)` : ''}
              <span aria-hidden="true" className="disclosure">
                {filtersOpen ? '▴' : '▾'}
              </span>
            </button>
          </h2>
          <div id="filters-body" hidden={!filtersOpen}>
            <label htmlFor="f-locality">Locality</label>
            <LocalitySelect
              id="f-locality"
              value={params.locality ?? ''}
              onChange={(v) => setParam('locality', v)}
              emptyLabel="Anywhere"
            />
            <label htmlFor="f-age">Age of the child</label>
            <input
              id="f-age"
              type="number"
              min={0}
              max={25}
              inputMode="numeric"
              value={params.age ?? ''}
              onChange={(e) => setParam('age', e.target.value)}
            />
            <label htmlFor="f-language">Language spoken</label>
            <input
              id="f-language"
              type="text"
              value={params.language ?? ''}
              onChange={(e) => setParam('language', e.target.value)}
            />
            {facetEntries
              .filter(([f]) => f !== 'language')
              .map(([filter, values]) => (
                <fieldset key={filter} className="facet">
                  <legend>{facetTitles[filter]}</legend>
                  {Object.entries({ ...zeroCounts(params[filter as ListFilter]), ...values })
                    .sort((a, b) => b[1] - a[1])
                    .slice(0, 12)
                    .map(([value, count]) => {
                      const f = filter as ListFilter;
                      const checked = (params[f] ?? []).includes(value);
                      const cid = `facet-${filter}-${value}`;
                      return (
                        <div key={value} className="check">
                          <input id={cid} type="checkbox" checked={checked} onChange={() => toggle(f, value)} />
                          <label htmlFor={cid}>
                            {facetValueName(filter, value)} <span className="count">({count})</span>
                          </label>
                        </div>
                      );
                    })}
                </fieldset>
              ))}
            {hasFilters ? (
              <button type="button" onClick={clearFilters}>
                Clear filters
              </button>
            ) : null}
          </div>
        </aside>
        <section className="results" aria-label="Results">
          <div aria-live="polite" className="results-status">
            {search.isFetching ? <span className="muted">Searching…</span> : null}
            {first && (params.q || hasFilters) ? (
              <span>
                <span data-testid="results-total">
                  {total} result{total === 1 ? '' : 's'}
                </span>
                {params.q ? ` for “${params.q}”` : ''}
                {total > 0
                  ? hits.length < total
                    ? `, best first: showing ${hits.length}`
                    : `, best first: showing all ${total}`
                  : ''}
              </span>
            ) : null}
          </div>
          <UnderstoodChips
            understood={first?.understood}
            onRemove={(code) => setParam('ignore', [...(params.ignore ?? []), code].join(','))}
            onLiteral={() => setParam('literal', 'true')}
          />
          {first?.degraded ? (
            <p className="warning" role="status">
              Search is running in a reduced mode: spelling tolerance and synonyms are limited until the search service
              is back.
            </p>
          ) : null}
          {search.isError ? <ErrorMessage error={search.error} /> : null}
          {!params.q && !hasFilters ? (
            <Empty>
              <h2>Start typing to search</h2>
              <p>Try a need or a profession in your own words, for example:</p>
              <ul className="suggestions">
                {['speech therapy', 'SALT', 'school attendance', 'housing', 'bereavement', 'young carer'].map((s) => (
                  <li key={s}>
                    <button type="button" className="chip" onClick={() => setText(s)}>
                      {s}
                    </button>
                  </li>
                ))}
              </ul>
            </Empty>
          ) : null}
          {first && hits.length === 0 && (params.q || hasFilters) ? (
            <Empty>
              <h2>No matches</h2>
              <ul>
                {hasFilters ? (
                  <li>
                    Remove some filters —{' '}
                    <button type="button" className="link-button" onClick={clearFilters}>
                      clear all filters
                    </button>
                  </li>
                ) : null}
                <li>Use a broader word, e.g. “speech” instead of a specific therapy.</li>
                <li>Describe the need rather than the service, e.g. “not going to school”.</li>
                <li>
                  Browse the <Link to="/network">network</Link> or build a <Link to="/team">team around the child</Link>
                  .
                </li>
              </ul>
            </Empty>
          ) : null}
          <ol id={resultsId} ref={listRef} className="result-list" aria-label="Results, best first">
            {hits.map((h) => (
              <li key={h.id} className="result">
                <Link className="result-link" to={`/${segments[h.type as DirectoryLabel]}/${h.id}`}>
                  <span className="result-name">
                    <Highlight html={h.highlights.name} fallback={h.name} />
                  </span>
                </Link>
                <div className="result-meta">
                  <TypeBadge type={h.type} />
                  {h.profession ? <span>{professionName(h.profession)}</span> : null}
                  {h.agencyName ? <span>{h.agencyName}</span> : null}
                  {h.sector ? <span>{sectorName(h.sector)}</span> : null}
                  {h.domain ? <span>{domainName(h.domain)}</span> : null}
                  {h.capacity ? (
                    <span className={`capacity capacity-${h.capacity}`}>{capacityLabels[h.capacity]}</span>
                  ) : null}
                  {h.localities?.length ? <span>{h.localities.slice(0, 3).join(', ')}</span> : null}
                  {h.stale !== undefined && (h.type === 'Practitioner' || h.type === 'Agency') ? (
                    <StaleBadge lastVerifiedAt={h.lastVerifiedAt} stale={h.stale} />
                  ) : null}
                </div>
                {h.specialisms?.length ? (
                  <p className="result-specialisms">
                    {h.highlights.specialisms ? (
                      <Highlight html={h.highlights.specialisms} fallback="" />
                    ) : (
                      h.specialisms.join(' · ')
                    )}
                  </p>
                ) : null}
                {h.description || h.highlights.description ? (
                  <p className="result-description">
                    <Highlight html={h.highlights.description} fallback={h.description.slice(0, 220)} />
                  </p>
                ) : null}
                {h.lastVerifiedAt && h.stale === undefined ? (
                  <p className="muted small">Verified {formatDate(h.lastVerifiedAt)}</p>
                ) : null}
              </li>
            ))}
          </ol>
          {search.hasNextPage ? (
            <p className="show-more">
              <button type="button" onClick={showMore} disabled={search.isFetchingNextPage}>
                {search.isFetchingNextPage ? 'Loading…' : `Show ${Math.min(PAGE_SIZE, total - hits.length)} more`}
              </button>{' '}
              <span className="muted">of {total - hits.length} not yet shown</span>
            </p>
          ) : null}
        </section>
      </div>
    </div>
  );
}

import type { SearchResponse } from '@knotwork/graph-schema';

type Understood = NonNullable<SearchResponse['understood']>;

/**
 * "Searching for: <needs> (age …)" — what the situation layer understood in the query (issue #19), each part
 * removable: removing one adds its code to `ignore`, "search as typed" turns the layer off.
 */
export function UnderstoodChips(props: {
  understood: Understood | undefined;
  onRemove: (code: string) => void;
  onLiteral: () => void;
}) {
  const u = props.understood;
  if (!u) return null;
  const terms = [...u.needs, ...u.specialisms];
  if (terms.length === 0 && !u.age) return null;
  return (
    <p className="understood" data-testid="understood">
      <span>Searching for: </span>
      {terms.map((t) => (
        <span key={t.code} className="chip">
          {t.label}{' '}
          <button type="button" aria-label={`Remove ${t.label}`} onClick={() => props.onRemove(t.code)}>
            ×
          </button>{' '}
        </span>
      ))}
      {u.age ? (
        <span className="chip">
          (age {u.age.min}–{u.age.max}, {u.age.label}){' '}
          <button type="button" aria-label={`Remove age ${u.age.label}`} onClick={() => props.onRemove(u.age!.code)}>
            ×
          </button>
        </span>
      ) : null}{' '}
      <button type="button" className="link" onClick={props.onLiteral}>
        Search the words as typed
      </button>
    </p>
  );
}

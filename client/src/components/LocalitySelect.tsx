import { useEntityList } from '../api/entities';

/** The directory's localities as a `<select>` of ids; the empty option means "no locality chosen". */
export function LocalitySelect({
  id,
  value,
  onChange,
  emptyLabel = 'Choose…',
  required = false,
  enabled = true,
}: {
  id: string;
  value: string;
  onChange: (localityId: string) => void;
  emptyLabel?: string;
  required?: boolean;
  /** False while the select is not shown (no request is made). */
  enabled?: boolean;
}) {
  const localities = useEntityList('Locality', { limit: 200 }, enabled);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required}>
      <option value="">{emptyLabel}</option>
      {(localities.data?.items ?? []).map((l) => (
        <option key={l.id} value={l.id}>
          {String(l.name)}
        </option>
      ))}
    </select>
  );
}

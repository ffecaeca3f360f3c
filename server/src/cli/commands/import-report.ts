import type { ImportReport, RejectedRecord } from '@knotwork/graph-schema';

const SHOWN = 30;
const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';
const where = (r: RejectedRecord) => `${r.file ?? ''}${r.line !== undefined ? `:${r.line}` : ''}${r.field ? ` [${r.field}]` : ''}`;

/** The import report as the CLI prints it: the diff, then every kind of loss or change, the first 30 of each. */
export function reportLines(report: ImportReport, fullReportWritten: boolean): string[] {
  const verb = report.dryRun ? 'would be' : '';
  const lines = [
    `import: ${report.dryRun ? 'dry run, nothing written. ' : ''}created${verb ? ` (${verb})` : ''}: ${counts(report.created)}`,
    `import: updated: ${counts(report.updated)}`,
    `import: unchanged (not written): ${counts(report.unchanged)}`,
  ];
  if (Object.keys(report.missing).length) {
    lines.push(
      report.sync
        ? `import: gone from the source, ${report.dryRun ? 'would be ' : ''}retired: ${counts(report.dryRun ? report.missing : report.retired)}`
        : `import: gone from the source (kept; --sync retires them): ${counts(report.missing)}`,
    );
  }
  for (const c of report.changes.slice(0, SHOWN)) {
    lines.push(`  ${c.change} ${c.label} ${c.name ? `"${c.name}" ` : ''}${c.id}${c.fields.length ? `: ${c.fields.join(', ')}` : ''}`);
  }
  const more = (n: number) => `  … ${n} more${fullReportWritten ? '' : ' (use --report FILE.json for all)'}`;
  lines.push(`import: ${report.rejected.length} records not imported, ${report.warnings.length} fields dropped or changed, ${report.unmappedFields.length} unmapped fields`);
  for (const r of report.rejected.slice(0, SHOWN)) lines.push(`  rejected ${where(r)}: ${r.reason}`);
  if (report.rejected.length > SHOWN) lines.push(more(report.rejected.length - SHOWN));
  for (const w of report.warnings.slice(0, SHOWN)) lines.push(`  warning ${where(w)}: ${w.reason}`);
  if (report.warnings.length > SHOWN) lines.push(more(report.warnings.length - SHOWN));
  for (const u of report.unmappedFields.slice(0, SHOWN)) lines.push(`  unmapped ${u.file} ${u.field} (${u.count} values)`);
  if (report.unmappedFields.length > SHOWN) lines.push(`  … ${report.unmappedFields.length - SHOWN} more unmapped fields`);
  const read = report.files.filter((f) => f.status === 'read');
  if (read.length) lines.push(`import: files read: ${read.map((f) => `${f.file}${f.records !== undefined ? ` (${f.records})` : ''}`).join(', ')}`);
  return lines;
}

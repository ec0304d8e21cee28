// File › Import spend…: how the file reads, which column is which (editable), the first lines as PlaceLens reads them.

import { useEffect, useRef } from 'react';
import { useApp } from '../../store/context';
import { COLUMN_ROLES, COLUMN_ROLE_LABEL, type ColumnRole } from '../../domain/spend-csv';
import { formatPounds } from '../../domain/money';
import { describeProblem } from '../../domain/problems';

const count = new Intl.NumberFormat('en-GB');

export function ImportDialog() {
  const draft = useApp((s) => s.importDraft);
  const setColumnRole = useApp((s) => s.setColumnRole);
  const confirm = useApp((s) => s.confirmImport);
  const cancel = useApp((s) => s.cancelImport);
  const first = useRef<HTMLSelectElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const open = draft !== null;

  useEffect(() => {
    if (!open) return;
    // Contracts data has no columns to choose: focus goes to the Import button instead.
    (first.current ?? confirmButton.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, cancel]);

  if (!draft) return null;
  const { preview, columns } = draft;
  const roleOf = (column: number): ColumnRole | '' => (Object.entries(columns) as [ColumnRole, number][]).find(([, i]) => i === column)?.[0] ?? '';
  const missing = (['date', 'supplier', 'amount'] as ColumnRole[]).filter((r) => columns[r] === undefined);
  const canImport = preview.headerRow > 0 && columns.amount !== undefined;

  return (
    <div className="alert-backdrop">
      <div className="import panel" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
        <h2 id="import-title">{preview.format === 'contracts' ? 'Import contracts' : 'Import spend'}: {preview.file}</h2>
        {preview.format === 'contracts' ? (
          <p data-testid="import-contracts">
            Contracts data (OCDS): {count.format(preview.dataRows)} releases, read as one line per award in its latest version. Award values are
            what was awarded, not what was paid; a framework&apos;s value can be a ceiling shared by many suppliers.
          </p>
        ) : preview.headerRow > 0 ? (
          <p>
            Header on row {preview.headerRow}
            {preview.headerRow > 1 ? ` (the ${preview.headerRow - 1} row${preview.headerRow > 2 ? 's' : ''} above it are skipped)` : ''}; {count.format(preview.dataRows)} rows
            below it; read as {preview.encoding}.
          </p>
        ) : (
          <p className="error">No header row found. PlaceLens looks for columns for the payment date, the supplier and the amount.</p>
        )}
        {preview.profile && (
          <p data-testid="import-profile">
            Columns set as when <strong>{preview.profile}</strong> was imported (same header). Change any of them below.
          </p>
        )}
        {missing.length > 0 && preview.headerRow > 0 && preview.format === 'table' && (
          <p className="warning" data-testid="import-missing">
            Not yet chosen: {missing.map((r) => COLUMN_ROLE_LABEL[r]).join(', ')}.{columns.amount === undefined ? ' The amount is needed to import.' : ''}
          </p>
        )}
        <div className="import-scroll">
          {preview.format === 'table' && (
          <table className="import-columns">
            <thead>
              <tr>
                <th scope="col">Column in the file</th>
                <th scope="col">Used as</th>
                <th scope="col">First values</th>
              </tr>
            </thead>
            <tbody>
              {preview.header.map((h, i) => (
                <tr key={i}>
                  <th scope="row">{h || `(column ${i + 1})`}</th>
                  <td>
                    <select
                      ref={i === 0 ? first : undefined}
                      value={roleOf(i)}
                      aria-label={`Use of column ${h || i + 1}`}
                      data-testid={`role-${i}`}
                      onChange={(e) => void setColumnRole(i, (e.target.value || null) as ColumnRole | null)}
                    >
                      <option value="">— not used —</option>
                      {COLUMN_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {COLUMN_ROLE_LABEL[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="sample">{preview.sampleRows.slice(0, 3).map((r) => r[i] ?? '').join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          )}
          <h3>The first lines as PlaceLens reads them</h3>
          <table className="import-lines" data-testid="import-lines">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Date</th>
                <th scope="col">Supplier</th>
                <th scope="col" className="num">Amount</th>
                <th scope="col">Department</th>
                <th scope="col">Location given</th>
              </tr>
            </thead>
            <tbody>
              {preview.sampleLines.slice(0, 8).map((l) => (
                <tr key={l.sourceRow}>
                  <td>{l.sourceRow}</td>
                  <td>{l.date ?? '—'}</td>
                  <td>{l.supplier || '—'}</td>
                  <td className="num">{formatPounds(l.amountPence)}</td>
                  <td>{l.department || '—'}</td>
                  <td>{l.lon !== null ? `${l.lon.toFixed(5)}, ${l.lat?.toFixed(5)}` : l.postcode || l.placeName || l.wardName || l.wardCode || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.problems.length > 0 && (
            <ul className="import-problems">
              {preview.problems.slice(0, 10).map((p, i) => (
                <li key={i} className={p.severity}>
                  {describeProblem(p)}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="buttons">
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button ref={confirmButton} type="button" className="primary" disabled={!canImport} onClick={() => void confirm()} data-testid="import-confirm">
            {preview.format === 'contracts' ? `Import ${count.format(preview.dataRows)} releases` : `Import ${count.format(preview.dataRows)} rows`}
          </button>
        </div>
      </div>
    </div>
  );
}

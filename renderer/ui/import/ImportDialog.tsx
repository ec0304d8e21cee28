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
  const setSheet = useApp((s) => s.setImportSheet);
  const setProfileName = useApp((s) => s.setImportProfileName);
  const confirm = useApp((s) => s.confirmImport);
  const cancel = useApp((s) => s.cancelImport);
  const first = useRef<HTMLSelectElement>(null);
  const sheetSelect = useRef<HTMLSelectElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const open = draft !== null;

  useEffect(() => {
    if (!open) return;
    // The sheet is the first choice when there is one; contracts data has no columns to choose, so the Import button.
    (sheetSelect.current ?? first.current ?? confirmButton.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, cancel]);

  if (!draft) return null;
  const { preview, columns, profileName } = draft;
  const roleOf = (column: number): ColumnRole | '' => (Object.entries(columns) as [ColumnRole, number][]).find(([, i]) => i === column)?.[0] ?? '';
  const missing = (['date', 'supplier', 'amount'] as ColumnRole[]).filter((r) => columns[r] === undefined);
  const canImport = preview.headerRow > 0 && columns.amount !== undefined;

  return (
    <div className="alert-backdrop">
      <div className="import panel" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
        <h2 id="import-title">{preview.format === 'contracts' ? 'Import contracts' : 'Import spend'}: {preview.file}</h2>
        {preview.sheets.length > 1 && (
          <p className="import-sheet">
            <label htmlFor="import-sheet">Sheet</label>{' '}
            <select id="import-sheet" ref={sheetSelect} value={preview.sheet ?? ''} data-testid="import-sheet" onChange={(e) => void setSheet(e.target.value)}>
              {preview.sheet === null && <option value="">— choose a sheet —</option>}
              {preview.sheets.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </p>
        )}
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
            Columns from the profile “<strong>{preview.profile}</strong>”, saved for files with this header. Change any of them below.
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
        {preview.format === 'table' && preview.headerRow > 0 && (
          <p className="import-profile-name">
            <label htmlFor="import-profile-name">Save these columns as</label>{' '}
            <input
              id="import-profile-name"
              type="text"
              value={profileName}
              maxLength={120}
              data-testid="import-profile-name"
              aria-describedby="import-profile-name-hint"
              onChange={(e) => setProfileName(e.target.value)}
            />{' '}
            <span id="import-profile-name-hint" className="hint">
              applied to the next file with the same header
            </span>
          </p>
        )}
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

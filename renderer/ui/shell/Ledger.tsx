// Every row and every penny: what was placed on the map, what was not and why.

import { useState } from 'react';
import { useApp } from '../../store/context';
import { PlaceReviewList } from './PlaceReview';
import { formatCompact, formatPounds } from '../../domain/money';
import { SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { LOCATE_METHOD_LABEL, UNLOCATED_LABEL, type LocateMethod, type UnlocatedReason } from '../../domain/locate';
import type { LedgerEntry } from '../../engine/contract';
import { describeProblem } from '../../domain/problems';

const count = new Intl.NumberFormat('en-GB');

const STATUS_LABEL: Record<string, string> = { placed: 'Placed', unlocated: 'Not placed yet', excluded: 'Not a spend line' };

/** A ledger row's amount: what rows that are not spend lines hold is said, not summed. */
function amountLabel(e: LedgerEntry): string {
  if (e.pence !== null) return formatPounds(e.pence);
  if (e.status !== 'excluded' || /not readable/.test(e.reason)) return 'not readable';
  return e.stated === undefined ? 'not counted' : `not counted (states ${formatPounds(e.stated)})`;
}

function reasonLabel(status: string, reason: string): string {
  if (status === 'placed') return `by ${LOCATE_METHOD_LABEL[reason as LocateMethod] ?? reason}`;
  if (status === 'unlocated') return UNLOCATED_LABEL[reason as UnlocatedReason] ?? reason;
  return reason;
}

export function Ledger() {
  const summary = useApp((s) => s.summary);
  const setPlaceBySupplierAddress = useApp((s) => s.setPlaceBySupplierAddress);
  const busy = useApp((s) => s.progress !== null);
  const [open, setOpen] = useState(false);
  if (!summary) return null;
  const unplaced = summary.lineCount - summary.placedLines;
  return (
    <details className="ledger panel" data-testid="ledger" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {count.format(summary.placedLines)} of {count.format(summary.lineCount)} spend lines placed ({formatCompact(summary.placedPence)} of{' '}
        {formatCompact(summary.totalPence)}){unplaced > 0 ? ` · ${count.format(unplaced)} not yet placed` : ''}
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Why</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {summary.ledger.map((e) => (
            <tr key={`${e.status}:${e.reason}`}>
              <td>{STATUS_LABEL[e.status] ?? e.status}</td>
              <td>{reasonLabel(e.status, e.reason)}</td>
              <td className="num">{count.format(e.rows)}</td>
              <td className="num">{amountLabel(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.dividedByArea.lines > 0 && (
        <p className="ledger-note" data-testid="divided-by-area">
          {count.format(summary.dividedByArea.lines)} placed lines ({formatPounds(summary.dividedByArea.pence)}) are at{' '}
          {count.format(summary.dividedByArea.places)} outlined {summary.dividedByArea.places === 1 ? 'place' : 'places'} that cross ward boundaries: each
          line&apos;s money is divided between the wards by how much of the place lies in each. Export CSV… gives each line&apos;s part in each ward.
        </p>
      )}
      <PlaceReviewList open={open} />
      <div className="ledger-note" data-testid="supplier-address">
        <label>
          <input
            type="checkbox"
            checked={summary.placeBySupplierAddress}
            disabled={busy}
            onChange={(e) => void setPlaceBySupplierAddress(e.currentTarget.checked)}
            data-testid="supplier-address-toggle"
          />{' '}
          Place lines that nothing else places at their supplier&apos;s own postcode
        </label>
        <p className="muted">
          Off unless you turn it on: where a supplier is based is not where it served. Lines placed this way are labelled
          so here and in briefs, count as approximately placed, and are left out of meeting places. It needs a supplier
          postcode or address column and a postcode directory.
        </p>
      </div>
      {summary.problemCount > 0 && (
        <details className="ledger-note ledger-problems" data-testid="input-problems">
          <summary>
            {count.format(summary.problemCount)} input problem{summary.problemCount === 1 ? '' : 's'}: where each is (file, row, column) and why, errors first
          </summary>
          <ul>
            {summary.problems.map((p, i) => (
              <li key={i} className={p.severity}>
                {describeProblem(p)}
              </li>
            ))}
            {summary.problemCount > summary.problems.length && (
              <li className="muted">…and {count.format(summary.problemCount - summary.problems.length)} more, kept in the project file (its problems table)</li>
            )}
          </ul>
        </details>
      )}
      <h3 className="ledger-heading">How spend was sorted into service areas</h3>
      <table data-testid="classification">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Service area</th>
            <th scope="col" className="num">Lines</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {summary.classification.map((c) => (
            <tr key={`${c.ruleId}:${c.serviceArea}`}>
              <td>{c.ruleId ?? 'no rule matched'}</td>
              <td>{SERVICE_AREA_LABEL[c.serviceArea]}</td>
              <td className="num">{count.format(c.lines)}</td>
              <td className="num">{formatPounds(c.pence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.duplicates.lines > 0 && (
        <div className="ledger-note" data-testid="duplicates">
          <strong>Suspected duplicates:</strong> {count.format(summary.duplicates.lines)} line{summary.duplicates.lines === 1 ? '' : 's'} ({formatPounds(summary.duplicates.pence)}) repeat
          another&apos;s supplier, date and amount. They are flagged, not removed: check them in the source.
          <ul>
            {summary.duplicates.examples.slice(0, 5).map((d, i) => (
              <li key={i}>
                {d.supplier}, {d.date}, {formatPounds(d.amountPence)} × {d.copies}: {d.where.join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {summary.beforeVintage && (
        <p className="ledger-note warning" data-testid="before-vintage">
          {count.format(summary.beforeVintage.lines)} placed line{summary.beforeVintage.lines === 1 ? '' : 's'} ({formatPounds(summary.beforeVintage.pence)}) are dated before
          these ward boundaries ({summary.beforeVintage.vintage}): their ward totals use boundaries that did not exist when the money was spent.
        </p>
      )}
      {summary.sources.some((s) => s.kind === 'contracts') && (
        <p className="ledger-note" data-testid="contracts-note">
          Lines from contracts data are award values: what was awarded, not what was paid. A framework&apos;s value can be a ceiling shared by
          many suppliers, so read them beside payments, not added to them.
        </p>
      )}
      <p className="muted small">
        Period: {summary.firstDate ?? '?'} to {summary.lastDate ?? '?'} · Sources: {summary.sources.map((s) => `${s.file} (${count.format(s.rows)} ${s.kind === 'contracts' ? 'releases' : 'rows'}, ${s.encoding})`).join('; ')}
        {summary.problemCount > 0 ? ` · ${count.format(summary.problemCount)} input problem${summary.problemCount === 1 ? '' : 's'} recorded` : ''}
      </p>
    </details>
  );
}

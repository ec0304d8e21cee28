// Data health's "Place names to check": phrases in lines' words that may name a place in the register, for a person
// to answer once per phrase; the lines follow the answer, now and in files imported later.

import { useEffect } from 'react';
import { useApp } from '../../store/context';
import { formatPounds } from '../../domain/money';

const count = new Intl.NumberFormat('en-GB');

export function PlaceReviewList({ open }: { open: boolean }) {
  const summary = useApp((s) => s.summary);
  const review = useApp((s) => s.placeReview);
  const note = useApp((s) => s.placeReviewNote);
  const load = useApp((s) => s.loadPlaceReview);
  const decide = useApp((s) => s.decidePlaceMatch);
  const busy = useApp((s) => s.progress !== null);

  // Read again whenever the project changes while Data health is open.
  useEffect(() => {
    if (open && summary) void load();
  }, [open, summary, load]);

  if (!review || (review.pending.length === 0 && review.decided.length === 0)) return null;
  return (
    <section className="ledger-note place-review" aria-labelledby="place-review-heading" data-testid="place-review">
      <h3 id="place-review-heading" className="ledger-heading">Place names to check</h3>
      <p className="muted">
        These lines&apos; words may name a place in the places register, but not surely enough to place them unasked. Answer once for
        each phrase: the lines, and any imported later with the same words, follow your answer.
      </p>
      {note && <p role="status" data-testid="place-review-note">{note}</p>}
      {review.pending.length === 0 ? (
        <p>Nothing is waiting: every phrase has an answer.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Words in the line</th>
              <th scope="col">Place</th>
              <th scope="col" className="num">Lines</th>
              <th scope="col" className="num">Amount</th>
              <th scope="col">Is it that place?</th>
            </tr>
          </thead>
          <tbody>
            {review.pending.map((item) => (
              <tr key={`${item.phrase}\u0000${item.place.name}\u0000${item.place.source}`} data-testid="place-review-item">
                <td>
                  {item.why}.
                  <div className="muted">For example: {item.examples.map((e) => `“${e}”`).join(', ')}</div>
                </td>
                <td>
                  {item.place.name} <span className="muted">({item.place.kind}; {item.place.source})</span>
                </td>
                <td className="num">{count.format(item.lines)}</td>
                <td className="num">{formatPounds(item.pence)}</td>
                <td>
                  <button type="button" disabled={busy} onClick={() => void decide(item.phrase, item.place, 'accept')} aria-label={`Yes: “${item.phrase}” is ${item.place.name}`}>
                    Yes, place them
                  </button>{' '}
                  <button type="button" disabled={busy} onClick={() => void decide(item.phrase, item.place, 'reject')} aria-label={`No: “${item.phrase}” is not ${item.place.name}`}>
                    No
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {review.decided.length > 0 && (
        <details>
          <summary>Answers given ({count.format(review.decided.length)})</summary>
          <ul data-testid="place-review-decided">
            {review.decided.map((d) => (
              <li key={`${d.phrase}\u0000${d.place.name}\u0000${d.place.source}`}>
                <q>{d.phrase}</q> {d.decision === 'accept' ? 'is' : 'is not'} {d.place.name}{' '}
                <button type="button" disabled={busy} onClick={() => void decide(d.phrase, d.place, null)} aria-label={`Forget the answer about “${d.phrase}”`}>
                  Forget this answer
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

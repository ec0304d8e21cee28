// A failure the user must read: which file, row or feature, and what was expected.

import { useEffect, useRef } from 'react';
import { useApp } from '../../store/context';
import { describeProblem } from '../../domain/problems';

const SHOWN = 50;

export function AlertDialog() {
  const alert = useApp((s) => s.alert);
  const dismiss = useApp((s) => s.dismissAlert);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (alert) button.current?.focus();
  }, [alert]);
  if (!alert) return null;
  return (
    <div className="alert-backdrop">
      <div className="alert panel" role="alertdialog" aria-modal="true" aria-labelledby="alert-title" data-testid="alert">
        <h2 id="alert-title">{alert.title}</h2>
        {alert.message && <p>{alert.message}</p>}
        {alert.problems.length > 0 && (
          <ul>
            {alert.problems.slice(0, SHOWN).map((p, i) => (
              <li key={i} className={p.severity}>
                {describeProblem(p)}
              </li>
            ))}
            {(alert.problemCount ?? alert.problems.length) > SHOWN && <li>…and {((alert.problemCount ?? alert.problems.length) - SHOWN).toLocaleString('en-GB')} more</li>}
          </ul>
        )}
        <div className="buttons">
          {alert.action && (
            <button
              type="button"
              className="primary"
              data-testid="alert-action"
              onClick={() => {
                const action = alert.action!;
                dismiss();
                void action.run();
              }}
            >
              {alert.action.label}
            </button>
          )}
          <button type="button" ref={button} onClick={dismiss}>
            {alert.action ? 'Cancel' : 'OK'}
          </button>
        </div>
      </div>
    </div>
  );
}

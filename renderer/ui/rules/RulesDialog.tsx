// Rules and missions: the ordered rules that sort spend into service areas and missions, edited, applied, exported.

import { useEffect, useRef } from 'react';
import { useApp } from '../../store/context';
import { SERVICE_AREAS, SERVICE_AREA_LABEL, type ServiceArea } from '../../domain/service-areas';
import type { ClassificationRule } from '../../domain/classify';
import type { MissionRule } from '../../domain/missions';
import type { RuleSet } from '../../domain/rule-set';
import { describeProblem } from '../../domain/problems';

const FIELD_LABEL: Record<ClassificationRule['field'], string> = {
  department: 'Department / unit',
  purpose: 'Purpose',
  supplier: 'Supplier',
  merchantCategory: 'Merchant category',
  cpv: 'CPV code starts with',
};

// Keywords are edited as one line of text; commas separate them, as a person would write a list.
const keywordsText = (keywords: readonly string[]) => keywords.join(', ');
const keywordsFrom = (text: string) => text.split(',').map((k) => k.trim()).filter(Boolean);

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}

function uniqueId(base: string, taken: readonly { id: string }[]): string {
  let n = taken.length + 1;
  while (taken.some((t) => t.id === `${base}-${n}`)) n++;
  return `${base}-${n}`;
}

export function RulesDialog() {
  const draft = useApp((s) => s.rulesDraft);
  const problems = useApp((s) => s.rulesProblems);
  const edit = useApp((s) => s.editRules);
  const apply = useApp((s) => s.applyRules);
  const close = useApp((s) => s.closeRules);
  const importRules = useApp((s) => s.importRules);
  const exportRules = useApp((s) => s.exportRules);
  const reset = useApp((s) => s.resetRules);
  const heading = useRef<HTMLHeadingElement>(null);
  const open = draft !== null;

  useEffect(() => {
    if (!open) return;
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, close]);

  if (!draft) return null;
  const set = (patch: Partial<RuleSet>) => edit({ ...draft, ...patch });
  const setRule = (i: number, patch: Partial<ClassificationRule>) => set({ rules: draft.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const setMissionRule = (i: number, patch: Partial<MissionRule>) => set({ missionRules: draft.missionRules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  return (
    <div className="alert-backdrop">
      <div className="rules panel" role="dialog" aria-modal="true" aria-labelledby="rules-title" data-testid="rules-dialog">
        <h2 id="rules-title" tabIndex={-1} ref={heading}>
          Rules and missions
        </h2>
        <p className="muted">
          Each spend line takes the service area of the first rule that matches it, top to bottom; a line no rule matches is “Other”. Keywords are
          whole words or phrases, any case, separated by commas. A line serves every mission one of its rules matches.
        </p>
        {problems.length > 0 && (
          <ul className="import-problems" data-testid="rules-problems">
            {problems.slice(0, 12).map((p, i) => (
              <li key={i} className={p.severity}>
                {describeProblem(p)}
              </li>
            ))}
          </ul>
        )}
        <div className="import-scroll">
          <h3>Service areas</h3>
          <table className="rules-table" data-testid="service-area-rules">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Rule</th>
                <th scope="col">Reads</th>
                <th scope="col">Keywords</th>
                <th scope="col">Service area</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.rules.map((r, i) => (
                <tr key={`${i}:${r.id}`}>
                  <td className="order">
                    <button type="button" aria-label={`Move ${r.id} up`} disabled={i === 0} onClick={() => set({ rules: moved(draft.rules, i, i - 1) })}>
                      ↑
                    </button>
                    <button type="button" aria-label={`Move ${r.id} down`} disabled={i === draft.rules.length - 1} onClick={() => set({ rules: moved(draft.rules, i, i + 1) })}>
                      ↓
                    </button>
                  </td>
                  <td>
                    <input aria-label={`Name of rule ${i + 1}`} value={r.id} onChange={(e) => setRule(i, { id: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={`What rule ${r.id} reads`} value={r.field} onChange={(e) => setRule(i, { field: e.target.value as ClassificationRule['field'] })}>
                      {(Object.keys(FIELD_LABEL) as ClassificationRule['field'][]).map((f) => (
                        <option key={f} value={f}>
                          {FIELD_LABEL[f]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      key={keywordsText(r.keywords)}
                      className="keywords"
                      aria-label={`Keywords of rule ${r.id}`}
                      data-testid={`rule-keywords-${r.id}`}
                      defaultValue={keywordsText(r.keywords)}
                      onBlur={(e) => setRule(i, { keywords: keywordsFrom(e.target.value) })}
                    />
                  </td>
                  <td>
                    <select aria-label={`Service area of rule ${r.id}`} data-testid={`rule-area-${r.id}`} value={r.serviceArea} onChange={(e) => setRule(i, { serviceArea: e.target.value as ServiceArea })}>
                      {SERVICE_AREAS.map((a) => (
                        <option key={a} value={a}>
                          {SERVICE_AREA_LABEL[a]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button type="button" aria-label={`Remove rule ${r.id}`} onClick={() => set({ rules: draft.rules.filter((_, j) => j !== i) })}>
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => set({ rules: [...draft.rules, { id: uniqueId('rule', draft.rules), serviceArea: 'other', field: 'purpose', keywords: [] }] })}>
            Add a rule
          </button>

          <h3>Missions</h3>
          <ul className="missions">
            {draft.missions.map((m, i) => (
              <li key={`${i}:${m.id}`}>
                <input aria-label={`Name of mission ${m.id}`} value={m.label} onChange={(e) => set({ missions: draft.missions.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })} />
                <button
                  type="button"
                  aria-label={`Remove mission ${m.label}`}
                  onClick={() => set({ missions: draft.missions.filter((_, j) => j !== i), missionRules: draft.missionRules.filter((r) => r.mission !== m.id) })}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => set({ missions: [...draft.missions, { id: uniqueId('mission', draft.missions), label: 'New mission' }] })}>
            Add a mission
          </button>
          <table className="rules-table" data-testid="mission-rules">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Reads</th>
                <th scope="col">Keywords</th>
                <th scope="col">Mission</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.missionRules.map((r, i) => (
                <tr key={`${i}:${r.id}`}>
                  <td>
                    <input aria-label={`Name of mission rule ${i + 1}`} value={r.id} onChange={(e) => setMissionRule(i, { id: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={`What mission rule ${r.id} reads`} value={r.field} onChange={(e) => setMissionRule(i, { field: e.target.value as MissionRule['field'] })}>
                      {(['department', 'purpose', 'supplier', 'merchantCategory'] as const).map((f) => (
                        <option key={f} value={f}>
                          {FIELD_LABEL[f]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      key={keywordsText(r.keywords)}
                      className="keywords"
                      aria-label={`Keywords of mission rule ${r.id}`}
                      data-testid={`mission-keywords-${r.id}`}
                      defaultValue={keywordsText(r.keywords)}
                      onBlur={(e) => setMissionRule(i, { keywords: keywordsFrom(e.target.value) })}
                    />
                  </td>
                  <td>
                    <select aria-label={`Mission of rule ${r.id}`} value={r.mission} onChange={(e) => setMissionRule(i, { mission: e.target.value })}>
                      {draft.missions.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button type="button" aria-label={`Remove mission rule ${r.id}`} onClick={() => set({ missionRules: draft.missionRules.filter((_, j) => j !== i) })}>
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            disabled={draft.missions.length === 0}
            onClick={() => set({ missionRules: [...draft.missionRules, { id: uniqueId('mission-rule', draft.missionRules), mission: draft.missions[0]!.id, field: 'purpose', keywords: [] }] })}
          >
            Add a mission rule
          </button>
        </div>
        <div className="buttons">
          <button type="button" onClick={() => void importRules()}>
            Import…
          </button>
          <button type="button" onClick={() => void exportRules()} data-testid="rules-export">
            Export…
          </button>
          <button type="button" onClick={reset}>
            Defaults
          </button>
          <span className="spacer" />
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void apply()} data-testid="rules-apply">
            Apply to every line
          </button>
        </div>
      </div>
    </div>
  );
}

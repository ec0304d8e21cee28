import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../renderer/domain/dates';

describe('parseDate', () => {
  it.each([
    ['31/03/2024', '2024-03-31'],
    ['1/4/22', '2022-04-01'],
    ['2024-03-31', '2024-03-31'],
    ['2024-03-31T00:00:00Z', '2024-03-31'],
    ['05-Jun-2023', '2023-06-05'],
    ['Jun-12', '2012-06-01'],
    ['45382', '2024-03-31'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDate(raw)).toEqual({ ok: true, iso });
  });

  it('flags a US-looking date and does not swap it', () => {
    const r = parseDate('03/31/2024');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/US date/);
  });

  it.each(['31/02/2024', 'yesterday', ''])('refuses %j', (raw) => {
    expect(parseDate(raw).ok).toBe(false);
  });
});

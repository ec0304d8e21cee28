import { describe, expect, it } from 'vitest';
import { makeClassifier } from '../../../renderer/domain/classify';

const classify = makeClassifier();
const line = (department: string, purpose = '', supplier = '') => ({ department, purpose, supplier });

describe('classify', () => {
  it('sorts by department first', () => {
    expect(classify(line('Adult Social Care', 'Tree works'))).toEqual({ serviceArea: 'social-care', ruleId: 'department-social-care' });
    expect(classify(line('Youth Services'))).toMatchObject({ serviceArea: 'youth' });
    expect(classify(line('Housing - Estate Management'))).toMatchObject({ serviceArea: 'estates' });
    expect(classify(line('Parks and Open Spaces'))).toMatchObject({ serviceArea: 'green-spaces' });
  });
  it('falls back to the purpose, then to "other" with no rule', () => {
    expect(classify(line('Corporate', 'Grounds maintenance'))).toEqual({ serviceArea: 'green-spaces', ruleId: 'purpose-green-spaces' });
    expect(classify(line('Finance', 'Audit fees'))).toEqual({ serviceArea: 'other', ruleId: null });
  });
  it('matches whole words only', () => {
    expect(classify(line('Sparkstone Consulting')).serviceArea).toBe('other');
  });
  it('uses the rules it is given', () => {
    const custom = makeClassifier([{ id: 'x', serviceArea: 'youth', field: 'supplier', keywords: ['scouts'] }]);
    expect(custom(line('', '', 'District Scouts'))).toEqual({ serviceArea: 'youth', ruleId: 'x' });
  });
});

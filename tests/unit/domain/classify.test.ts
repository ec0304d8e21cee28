import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, makeClassifier, memoByFields } from '../../../renderer/domain/classify';

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

describe('merchant-category rules', () => {
  const pcard = (merchantCategory: string | undefined, department = 'Corporate Services') => ({ department, purpose: 'Purchase card', supplier: 'Tesco', merchantCategory });
  const byMerchant = makeClassifier([
    { id: 'mcc-food', serviceArea: 'youth', field: 'merchantCategory', keywords: ['grocery stores', '5411', '0742'] },
    ...DEFAULT_RULES,
  ]);

  it('match words and phrases of the category, in any case, and only the category', () => {
    expect(byMerchant(pcard('Grocery Stores, Supermarkets'))).toEqual({ serviceArea: 'youth', ruleId: 'mcc-food' });
    expect(byMerchant(pcard('GROCERY STORES'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('Grocery Storesx'))).toMatchObject({ ruleId: null });
    expect(byMerchant({ department: 'Grocery Stores', purpose: '', supplier: '' })).toMatchObject({ ruleId: null });
  });

  it('match a code of digits exactly, not its first digits as CPV does, with or without the zero a spreadsheet drops', () => {
    expect(byMerchant(pcard('5411'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('5411 - Grocery Stores'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('05411'))).toMatchObject({ ruleId: 'mcc-food' });
    for (const other of ['54111', '15411', '541', '5412']) expect(byMerchant(pcard(other)), other).toMatchObject({ ruleId: null });
    expect(byMerchant(pcard('742'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('0742'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('7420'))).toMatchObject({ ruleId: null });
  });

  it('leave lines without a category to the rules after them', () => {
    expect(byMerchant(pcard(undefined, 'Youth Services'))).toEqual({ serviceArea: 'youth', ruleId: 'department-youth' });
    expect(byMerchant(pcard('', 'Parks'))).toEqual({ serviceArea: 'green-spaces', ruleId: 'department-green-spaces' });
  });

  it('tell lines apart by category when everything else repeats', () => {
    const cats = ['Grocery Stores', 'Book Stores', '5411', '5942'];
    expect(cats.map((c) => byMerchant(pcard(c)).ruleId)).toEqual(['mcc-food', null, 'mcc-food', null]);
  });
});

describe('classification decided once per combination of the fields the rules read', () => {
  it('tells lines apart by every field a rule reads, even when the others repeat', () => {
    const bySupplier = makeClassifier([
      { id: 'supplier-parks', serviceArea: 'green-spaces', field: 'supplier', keywords: ['parks trust'] },
      { id: 'purpose-youth', serviceArea: 'youth', field: 'purpose', keywords: ['youth club'] },
    ]);
    expect(bySupplier(line('Finance', 'Grant', 'City Parks Trust'))).toMatchObject({ ruleId: 'supplier-parks' });
    expect(bySupplier(line('Finance', 'Grant', 'Acme Ltd'))).toMatchObject({ ruleId: null });
    expect(bySupplier(line('Finance', 'Youth club', 'Acme Ltd'))).toMatchObject({ ruleId: 'purpose-youth' });
    expect(bySupplier(line('Finance', 'Grant', 'City Parks Trust'))).toMatchObject({ ruleId: 'supplier-parks' });
  });
  it('decides each combination once', () => {
    let calls = 0;
    const memo = memoByFields(['department', 'purpose'], (l) => (calls++, l.department + l.purpose));
    for (let i = 0; i < 1000; i++) expect(memo(line(i % 2 ? 'A' : 'B', 'p', `supplier ${i}`))).toBe(i % 2 ? 'Ap' : 'Bp');
    expect(calls).toBe(2);
  });
});

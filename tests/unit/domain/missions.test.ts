import { describe, expect, it } from 'vitest';
import { decodeMissions, encodeMissions, makeMissionClassifier } from '../../../renderer/domain/missions';

const classify = makeMissionClassifier();
const line = (department: string, purpose = '', supplier = '') => ({ department, purpose, supplier });

describe('missions', () => {
  it('puts a line in every mission it serves, in the order the missions are listed', () => {
    expect(classify(line("Children's Services", 'School meals'))).toEqual({ missions: ['food', 'young-people'], ruleIds: ['mission-food-purpose', 'mission-young-people-department'] });
    expect(classify(line('Housing - Estate Management', 'Communal repairs')).missions).toEqual(['estates']);
    expect(classify(line('Communities', 'Interpreting services')).missions).toEqual(['diversity']);
  });
  it('leaves a line in no mission when nothing matches, and matches whole words only', () => {
    expect(classify(line('Finance', 'Audit fees')).missions).toEqual([]);
    expect(classify(line('Finance', 'Seafood-free zone')).missions).toEqual([]);
    expect(classify(line('Finance', 'Foodbank grants')).missions).toEqual(['food']);
  });
  it('uses the missions and rules it is given', () => {
    const own = makeMissionClassifier([{ id: 'r', mission: 'net-zero', field: 'purpose', keywords: ['retrofit'] }], [{ id: 'net-zero', label: 'Net zero' }]);
    expect(own(line('', 'Retrofit of homes'))).toEqual({ missions: ['net-zero'], ruleIds: ['r'] });
  });
  it('reads the merchant category of purchase-card lines, by words or by MCC', () => {
    const own = makeMissionClassifier([{ id: 'mcc-food', mission: 'food', field: 'merchantCategory', keywords: ['eating places', '5411'] }]);
    const pcard = (merchantCategory?: string) => ({ department: 'Finance', purpose: 'Purchase card', supplier: 'Card spend', merchantCategory });
    expect(own(pcard('Eating Places, Restaurants'))).toEqual({ missions: ['food'], ruleIds: ['mcc-food'] });
    expect(own(pcard('5411')).missions).toEqual(['food']);
    expect(own(pcard('05411')).missions).toEqual(['food']);
    expect(own(pcard('54111')).missions).toEqual([]);
    expect(own(pcard(undefined)).missions).toEqual([]);
  });
  it('stores missions so that each can be found exactly', () => {
    expect(encodeMissions(['food', 'young-people'])).toBe(',food,young-people,');
    expect(decodeMissions(',food,young-people,')).toEqual(['food', 'young-people']);
    expect(encodeMissions([])).toBe('');
  });
});

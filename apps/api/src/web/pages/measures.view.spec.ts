import { count } from './measures.view';

describe('counts on the measure rows', () => {
  it('says one in the singular and others in the plural', () => {
    expect(count(1, 'working day')).toBe('1 working day');
    expect(count(2, 'working day')).toBe('2 working days');
    expect(count(0, 'manager change')).toBe('0 manager changes');
    expect(count(1, 'manager change')).toBe('1 manager change');
    expect(count(1.5, 'working day')).toBe('1.5 working days');
  });
});

import { leaseKey } from './postgres-lease';

describe('lease keys', () => {
  it('derives one stable signed 64-bit advisory lock key per lease name', () => {
    const key = leaseKey('caretrail-projector:caretrail_read');
    expect(key).toBe(leaseKey('caretrail-projector:caretrail_read'));
    expect(key).toMatch(/^-?\d+$/);
    const n = BigInt(key);
    expect(n >= -(2n ** 63n) && n < 2n ** 63n).toBe(true);
    expect(leaseKey('caretrail-projector:other_read')).not.toBe(key);
  });
});

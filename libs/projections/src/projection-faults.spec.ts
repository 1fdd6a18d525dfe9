import { StoreUnavailableError } from '@caretrail/event-store';
import { errorText, isTransientError } from './projection-faults';
import { CheckpointMovedError } from './projection.errors';

describe('which failures may make an event a fault', () => {
  it('never the databases being away, busy or racing: those are retried, nothing is skipped', () => {
    const transient = [
      new StoreUnavailableError('PostgreSQL store unavailable'),
      new CheckpointMovedError('moved'),
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
      Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }),
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
      Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('wrapped', { cause: Object.assign(new Error('locked'), { code: 'SQLITE_LOCKED' }) }),
    ];
    expect(transient.filter((e) => !isTransientError(e))).toEqual([]);
  });

  it('what the event itself causes: a fold that cannot read it, a row that cannot be written', () => {
    const faults = [
      new RangeError('date garbage is not a calendar date (YYYY-MM-DD)'),
      new TypeError("Cannot read properties of undefined (reading 'length')"),
      Object.assign(new Error('NOT NULL constraint failed'), { code: 'SQLITE_CONSTRAINT_NOTNULL' }),
      Object.assign(new Error('value too long'), { code: '22001' }),
      'a thrown string',
    ];
    expect(faults.filter((e) => isTransientError(e))).toEqual([]);
  });

  it('keeps the error text short and names its kind', () => {
    expect(errorText(new RangeError('bad date'))).toBe('RangeError: bad date');
    expect(errorText(new Error('x'.repeat(5000))).length).toBe(1000);
  });
});

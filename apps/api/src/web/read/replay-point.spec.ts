import { readReplayRequest, replayBanner, replayQuery } from './replay-point';

describe('replay controls', () => {
  it('means the live record when no date is given', () => {
    expect(readReplayRequest({})).toEqual({ point: null, values: { basis: 'recorded' }, error: null });
  });

  it('reads the GOV.UK date input and the basis', () => {
    const request = readReplayRequest({ 'asOf-day': '14', 'asOf-month': '3', 'asOf-year': '2025', basis: 'occurred' });
    expect(request.point).toEqual({ asOf: '2025-03-14', basis: 'occurred' });
    expect(replayQuery(request.point)).toBe('?asOf=2025-03-14&basis=occurred');
  });

  it('reads a link (asOf=YYYY-MM-DD) and fills the boxes back in; an unknown basis is "as recorded"', () => {
    const request = readReplayRequest({ asOf: '2025-02-05', basis: 'whenever' });
    expect(request.point).toEqual({ asOf: '2025-02-05', basis: 'recorded' });
    expect(request.values).toMatchObject({ 'asOf-day': '5', 'asOf-month': '2', 'asOf-year': '2025' });
  });

  it('refuses a date that does not exist, keeping what was typed', () => {
    const request = readReplayRequest({ 'asOf-day': '31', 'asOf-month': '2', 'asOf-year': '2025' });
    expect(request.point).toBeNull();
    expect(request.error).toMatch(/real date/);
    expect(request.values['asOf-day']).toBe('31');
  });

  it("takes the API's asOf range: from 1 January 2000 to tomorrow, and no week or ordinal dates", () => {
    expect(readReplayRequest({ asOf: '9999-12-31' })).toMatchObject({ point: null, error: 'The date to replay to must be today or in the past' });
    expect(readReplayRequest({ 'asOf-day': '31', 'asOf-month': '12', 'asOf-year': '1999' })).toMatchObject({
      point: null,
      error: 'The date to replay to must be on or after 1 January 2000',
    });
    expect(readReplayRequest({ asOf: '2025-W05-3' }).error).toMatch(/real date/);
    expect(readReplayRequest({ asOf: '2000-01-01' }).point).toEqual({ asOf: '2000-01-01', basis: 'recorded' });
  });

  it('says plainly which past view is shown', () => {
    expect(replayBanner({ asOf: '2025-03-14', basis: 'recorded' })).toMatch(
      /^You are looking at the record as it stood at the end of 14 March 2025 — as recorded then/,
    );
    expect(replayBanner({ asOf: '2025-03-14', basis: 'occurred' })).toMatch(
      /what had happened by the end of 14 March 2025 — as occurred, including entries recorded later/,
    );
  });
});

import { judgeAbsence, managerChanges, serviceManagerNotices, withoutRegisteredManager, type AbsenceFacts } from './manager-notices';

const absence = (change: Partial<AbsenceFacts> = {}): AbsenceFacts => ({
  managerId: 'm-1',
  managerName: 'Sam Patel',
  absenceStartedOn: '2026-02-10',
  notifiedOn: '2026-02-17',
  emergency: true,
  expectedReturnOn: null,
  returnedOn: null,
  ...change,
});

describe('statutory notice of a registered manager absence', () => {
  it('an emergency absence notified within 5 working days of its start is on time', () => {
    // Tuesday 10 February 2026: five working days later is Tuesday 17 February.
    const judged = judgeAbsence(absence(), '2026-03-01');
    expect(judged).toMatchObject({ notice: 'on-time', noticeDueBy: '2026-02-17' });
    expect(judged.noticeWords).toBe('Notified on time (due within 5 working days of the start, by 17 Feb 2026)');
  });

  it('an emergency absence notified on the sixth working day is late (and still recorded)', () => {
    expect(judgeAbsence(absence({ notifiedOn: '2026-02-18' }), '2026-03-01')).toMatchObject({
      notice: 'late',
      noticeWords: 'Notified late (due within 5 working days of the start, by 17 Feb 2026)',
    });
  });

  it('bank holidays are not working days', () => {
    // Friday 22 May 2026; Monday 25 May is a bank holiday, so five working days run to Monday 1 June.
    expect(judgeAbsence(absence({ absenceStartedOn: '2026-05-22', notifiedOn: '2026-06-01' }), '2026-06-02')).toMatchObject({
      notice: 'on-time',
      noticeDueBy: '2026-06-01',
    });
  });

  it('a planned absence is notified at least 28 days ahead', () => {
    const planned = absence({ emergency: false, absenceStartedOn: '2026-03-16', notifiedOn: '2026-02-16' });
    expect(judgeAbsence(planned, '2026-03-01')).toMatchObject({ notice: 'on-time', noticeDueBy: '2026-02-16' });
    expect(judgeAbsence({ ...planned, notifiedOn: '2026-02-17' }, '2026-03-01')).toMatchObject({
      notice: 'late',
      noticeWords: 'Notified late (due 28 days ahead, by 16 Feb 2026)',
    });
  });

  it('a planned absence known to last under 28 days needed no notice', () => {
    const short = absence({ emergency: false, absenceStartedOn: '2026-03-16', notifiedOn: '2026-03-01', expectedReturnOn: '2026-03-30' });
    expect(judgeAbsence(short, '2026-03-01')).toMatchObject({ notice: 'not-required', noticeWords: 'No notice needed: under 28 days' });
  });

  it('counts the days absent: to the return, or so far while it goes on', () => {
    expect(judgeAbsence(absence({ returnedOn: '2026-02-20' }), '2026-03-01')).toMatchObject({ days: 10, ongoing: false });
    expect(judgeAbsence(absence(), '2026-03-01')).toMatchObject({ days: 20, ongoing: true });
    expect(judgeAbsence(absence({ absenceStartedOn: '2026-03-16' }), '2026-03-01')).toMatchObject({ days: 0, ongoing: true });
  });
});

describe('a service without a registered manager', () => {
  const serviceRegisteredOn = '2025-01-10';

  it('counts from the day after the last registered manager left, both days included', () => {
    expect(withoutRegisteredManager([{ registeredOn: '2025-08-01', leftOn: '2025-12-31' }], serviceRegisteredOn, '2026-01-10')).toEqual({
      since: '2026-01-01',
      days: 10,
    });
  });

  it('counts from the service registration when it never had one', () => {
    expect(withoutRegisteredManager([{ registeredOn: null, leftOn: null }], serviceRegisteredOn, '2025-01-19')).toEqual({ since: '2025-01-10', days: 10 });
  });

  it('is not flagged while a registered manager is in post, including their last day', () => {
    expect(withoutRegisteredManager([{ registeredOn: '2025-08-01', leftOn: null }], serviceRegisteredOn, '2026-01-10')).toBeNull();
    expect(withoutRegisteredManager([{ registeredOn: '2025-08-01', leftOn: '2026-01-10' }], serviceRegisteredOn, '2026-01-10')).toBeNull();
  });
});

describe('a change of manager', () => {
  it('pairs each departure with the appointment that followed it', () => {
    const changes = managerChanges([
      { managerName: 'Sam Patel', startedOn: '2025-06-01', leftOn: '2025-12-31', basis: 'permanent' },
      { managerName: 'Alex Jones', startedOn: '2026-01-05', leftOn: '2026-02-01', basis: 'interim' },
    ]);
    expect(changes).toEqual([
      { leftManagerName: 'Sam Patel', leftOn: '2025-12-31', appointedManagerName: 'Alex Jones', startedOn: '2026-01-05', basis: 'interim' },
      { leftManagerName: 'Alex Jones', leftOn: '2026-02-01', appointedManagerName: null, startedOn: null, basis: null },
    ]);
  });
});

describe("a service's manager notices over entries written past the deciders", () => {
  const tenure = { managerName: 'Sam Patel', basis: 'permanent' as const, startedOn: '2026-01-05', registeredOn: '2026-01-20', leftOn: null };
  const stored = (change: Record<string, unknown>) => ({ ...absence(), ...change }) as unknown as AbsenceFacts;

  it('an absence whose dates are no dates is named, not judged, and the others are judged as usual', () => {
    const notices = serviceManagerNotices(
      {
        absences: [absence(), stored({ managerName: 'Lee Ward', notifiedOn: {} }), stored({ expectedReturnOn: 'garbage', emergency: 'yes' })],
        managerTenures: [tenure],
        recordBeganAt: '2026-01-01T09:00:00.000Z',
      },
      '2026-03-01',
    );
    expect(notices.absences).toHaveLength(1);
    expect(notices.absences[0]).toMatchObject({ managerName: 'Sam Patel', notice: 'on-time' });
    expect(notices.unreadableAbsences).toEqual([
      { managerId: 'm-1', managerName: 'Lee Ward', problems: ['notifiedOn is not a calendar date'] },
      { managerId: 'm-1', managerName: 'Sam Patel', problems: ['expectedReturnOn is not a calendar date', 'emergency is not yes or no'] },
    ]);
  });

  it('a tenure whose dates are no dates is left out of the vacancy and the changes of manager', () => {
    const garbled = { ...tenure, managerName: 'Kim Bell', leftOn: '2026-02-30' as never };
    const notices = serviceManagerNotices(
      { absences: [], managerTenures: [garbled, { ...tenure, startedOn: '2026-03-01' }], recordBeganAt: null },
      '2026-04-01',
    );
    expect(notices.managerChanges).toEqual([]);
    expect(notices.withoutRegisteredManager).toBeNull();
  });
});

import { createHash } from 'node:crypto';
import type { CareTrailCommand } from '@caretrail/domain';
import { DEMO_IDS, DEMO_ORGANISATIONS } from './demo-organisations';

/** One thing somebody did, as the demo records it: who, what, and when it reached CareTrail. */
export interface DemoStep {
  as: string;
  command: CareTrailCommand;
  /** When it was recorded; the same day as it happened unless the story says otherwise. */
  recordedAt?: string;
}

const M = {
  dana: '01900000-0000-7000-8000-000000000041',
  lee: '01900000-0000-7000-8000-000000000042',
  sam: '01900000-0000-7000-8000-000000000043',
};
const A = {
  audit: '01900000-0000-7000-8000-000000000051',
  training: '01900000-0000-7000-8000-000000000052',
  dailyNotes: '01900000-0000-7000-8000-000000000053',
  auditV1: '01900000-0000-7000-8000-000000000054',
  trainingV1: '01900000-0000-7000-8000-000000000055',
};
const concernId = DEMO_IDS.documentationConcern;
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00Z`).toISOString();
const uuid = (n: number) => `01900000-0000-7000-8000-${String(100 + n).padStart(12, '0')}`;

/** Digests stand in for documents the provider keeps; CareTrail never holds the documents themselves. */
const evidence = (name: string) => [{ name, sha256: createHash('sha256').update(name).digest('hex') }];

const weeklyUpdate = (periodEnding: string, submittedOn: string, summary: string, progress: [string, 'open' | 'in_progress', string][]): DemoStep => ({
  as: 'demo-provider-manager',
  command: {
    kind: 'SubmitPlanUpdate',
    concernId,
    periodEnding,
    actions: progress.map(([actionId, status, note]) => ({ actionId, status, note })),
    evidence: evidence(`Weekly records audit ${periodEnding}.xlsx`),
    summary,
    occurredAt: at(submittedOn, '16:00'),
  },
});

const ceoVisit = (n: number, visitedOn: string, findings: string): DemoStep => ({
  as: 'demo-provider-ceo',
  command: {
    kind: 'RecordConcernVisit',
    concernId,
    visitId: uuid(n),
    visitType: 'provider_senior_visit',
    announced: true,
    visitedOn,
    visitorRole: 'Chief executive',
    findings,
    occurredAt: at(visitedOn, '15:00'),
  },
});

/**
 * Maple Court: a supported-living service whose residents are happy but whose records lapsed after
 * a run of manager changes. The council raises a documentation concern; the provider answers with an
 * action plan (v1 returned, v2 accepted), updates it weekly (one update late), its chief executive
 * visits monthly, says the scrutiny feels disproportionate, and the concern is closed after re-audit.
 */
export function demoStory(): DemoStep[] {
  const registrations: DemoStep[] = DEMO_ORGANISATIONS.map((o) => ({
    as: 'demo-admin',
    command: {
      kind: 'RegisterOrganisation',
      organisationId: o.organisationId,
      organisationKind: o.organisationKind,
      name: o.name,
      occurredAt: at('2023-12-01'),
    },
  }));
  return [
    ...registrations,
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'RegisterService',
        serviceId: DEMO_IDS.mapleCourt,
        providerId: DEMO_IDS.provider,
        name: 'Maple Court',
        serviceType: 'supported_living',
        regulator: 'CQC',
        locationId: '1-2345678901',
        occurredAt: at('2024-01-02'),
      },
    },
    {
      as: 'demo-other-provider',
      command: {
        kind: 'RegisterService',
        serviceId: DEMO_IDS.kestrelHomecare,
        providerId: DEMO_IDS.otherProvider,
        name: 'Kestrel Homecare (Eastvale)',
        serviceType: 'domiciliary_care',
        regulator: 'CQC',
        locationId: '1-9876543210',
        occurredAt: at('2024-01-02'),
      },
    },
    {
      as: 'demo-council-officer',
      command: {
        kind: 'AwardContract',
        contractId: DEMO_IDS.contract,
        councilId: DEMO_IDS.council,
        providerId: DEMO_IDS.provider,
        serviceIds: [DEMO_IDS.mapleCourt],
        reference: 'NCC-SL-2024-017',
        startsOn: '2024-04-01',
        endsOn: '2027-03-31',
        occurredAt: at('2024-03-15'),
      },
    },
    // Each provider confirms the award made to it: only then does the contract give its council rights.
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'ConfirmContract',
        contractId: DEMO_IDS.contract,
        signedContract: { name: 'NCC-SL-2024-017 signed.pdf', sha256: '5d41402abc4b2a76b9719d911017c592ae1d1d5c2bb8d3cfa3c4a6d0e0bd6b9a' },
        occurredAt: at('2024-03-18'),
      },
    },
    {
      as: 'demo-other-council',
      command: {
        kind: 'AwardContract',
        contractId: DEMO_IDS.otherContract,
        councilId: DEMO_IDS.otherCouncil,
        providerId: DEMO_IDS.otherProvider,
        serviceIds: [DEMO_IDS.kestrelHomecare],
        reference: 'EBC-DOM-2022-004',
        startsOn: '2024-04-01',
        endsOn: '2026-03-31',
        occurredAt: at('2024-03-20'),
      },
    },
    { as: 'demo-other-provider', command: { kind: 'ConfirmContract', contractId: DEMO_IDS.otherContract, signedContract: null, occurredAt: at('2024-03-21') } },

    // Manager turnover: a registered manager leaves, an interim comes and goes, a new manager registers.
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'AppointManager',
        serviceId: DEMO_IDS.mapleCourt,
        managerId: M.dana,
        managerName: 'Dana Fox',
        startedOn: '2024-01-02',
        basis: 'permanent',
        occurredAt: at('2024-01-02', '11:00'),
      },
    },
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'RecordManagerRegistered',
        serviceId: DEMO_IDS.mapleCourt,
        managerId: M.dana,
        registeredOn: '2024-01-02',
        occurredAt: at('2024-01-02', '12:00'),
      },
    },
    {
      as: 'demo-regulator',
      command: {
        kind: 'PublishRating',
        serviceId: DEMO_IDS.mapleCourt,
        regulator: 'CQC',
        overall: 'good',
        keyQuestions: { safe: 'good', effective: 'good', caring: 'good', responsive: 'good', well_led: 'good' },
        publishedOn: '2024-06-12',
        reportReference: 'INS2-100200300',
        occurredAt: at('2024-06-12'),
      },
    },
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'RecordManagerLeft',
        serviceId: DEMO_IDS.mapleCourt,
        managerId: M.dana,
        leftOn: '2024-09-30',
        reason: 'Resigned to take a post nearer home',
        occurredAt: at('2024-09-30', '17:00'),
      },
    },
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'AppointManager',
        serviceId: DEMO_IDS.mapleCourt,
        managerId: M.lee,
        managerName: 'Lee Grant',
        startedOn: '2024-10-07',
        basis: 'interim',
        occurredAt: at('2024-10-07'),
      },
    },
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'RecordManagerLeft',
        serviceId: DEMO_IDS.mapleCourt,
        managerId: M.lee,
        leftOn: '2024-12-20',
        reason: 'Interim cover ended',
        occurredAt: at('2024-12-20', '17:00'),
      },
    },
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'AppointManager',
        serviceId: DEMO_IDS.mapleCourt,
        managerId: M.sam,
        managerName: 'Sam Okafor',
        startedOn: '2025-01-13',
        basis: 'permanent',
        occurredAt: at('2025-01-13'),
      },
    },

    // The council's monitoring visit finds the records gap and raises a concern.
    {
      as: 'demo-council-officer',
      command: {
        kind: 'RecordServiceVisit',
        serviceId: DEMO_IDS.mapleCourt,
        contractId: DEMO_IDS.contract,
        visitId: uuid(1),
        visitType: 'council_monitoring',
        announced: false,
        visitedOn: '2025-01-30',
        visitorRole: 'Quality-assurance officer',
        findings: 'Residents happy and well supported; daily records incomplete and six care plans past review after three changes of manager.',
        occurredAt: at('2025-01-30', '14:00'),
      },
    },
    {
      as: 'demo-council-officer',
      command: {
        kind: 'RaiseConcern',
        concernId,
        serviceId: DEMO_IDS.mapleCourt,
        contractId: DEMO_IDS.contract,
        category: 'documentation',
        severity: 'amber',
        source: 'monitoring_visit',
        summary: 'Daily records incomplete and care plans past review after a run of manager changes',
        occurredAt: at('2025-02-03', '09:30'),
      },
    },
    { as: 'demo-council-officer', command: { kind: 'NotifyConcernToProvider', concernId, method: 'email', occurredAt: at('2025-02-03', '10:00') } },
    {
      as: 'demo-council-officer',
      command: { kind: 'RequestActionPlan', concernId, dueOn: '2025-02-17', updateCadenceDays: 7, graceDays: 2, occurredAt: at('2025-02-03', '10:05') },
    },
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'AcknowledgeConcern',
        concernId,
        note: 'Received. Our new manager started in January; we will send a detailed plan within the fortnight.',
        occurredAt: at('2025-02-05', '11:00'),
      },
    },

    // Plan v1 is returned, v2 accepted; the council moves to enhanced monitoring meanwhile.
    {
      as: 'demo-provider-manager',
      command: {
        kind: 'SubmitActionPlan',
        concernId,
        version: 1,
        summary: 'Restore complete records within eight weeks',
        actions: [
          { actionId: A.auditV1, description: 'Review care plans', owner: 'Registered manager', dueOn: '2025-03-28', measure: 'Care plans reviewed' },
          { actionId: A.trainingV1, description: 'Staff training on recording', owner: 'Team', dueOn: '2025-04-11', measure: 'Training done' },
        ],
        occurredAt: at('2025-02-14', '15:00'),
      },
    },
    {
      as: 'demo-council-officer',
      command: {
        kind: 'ReturnActionPlan',
        concernId,
        version: 1,
        reasons: ['Actions need measurable outcomes', 'The training action has no named owner', 'Daily recording is not addressed'],
        occurredAt: at('2025-02-19', '12:00'),
      },
    },
    {
      as: 'demo-council-officer',
      command: {
        kind: 'EscalateConcern',
        concernId,
        toLevel: 1,
        reason: 'Enhanced monitoring while the plan is agreed',
        occurredAt: at('2025-02-19', '12:30'),
      },
    },
    {
      as: 'demo-provider-manager',
      command: {
        kind: 'SubmitActionPlan',
        concernId,
        version: 2,
        summary: 'Restore complete records within ten weeks, with weekly evidence',
        actions: [
          {
            actionId: A.audit,
            description: 'Audit every care plan and bring each up to date',
            owner: 'Registered manager',
            dueOn: '2025-03-28',
            measure: '18 of 18 care plans reviewed in date',
          },
          {
            actionId: A.training,
            description: 'Recording training for all support staff',
            owner: 'Training lead',
            dueOn: '2025-04-11',
            measure: 'Every support worker trained; attendance record',
          },
          {
            actionId: A.dailyNotes,
            description: 'Weekly manager audit of daily notes',
            owner: 'Registered manager',
            dueOn: '2025-04-30',
            measure: 'Four consecutive weekly audits with no gaps',
          },
        ],
        occurredAt: at('2025-02-24', '16:00'),
      },
    },
    { as: 'demo-council-officer', command: { kind: 'AcceptActionPlan', concernId, version: 2, occurredAt: at('2025-02-26', '11:00') } },

    // Weekly updates from the Wednesday of acceptance; the one for the week to 26 March comes late.
    weeklyUpdate('2025-03-05', '2025-03-05', 'Six care plans reviewed; training booked', [
      [A.audit, 'in_progress', '6 of 18 reviewed'],
      [A.training, 'open', 'Booked for April'],
      [A.dailyNotes, 'in_progress', 'First weekly audit done'],
    ]),
    ceoVisit(2, '2025-03-06', 'Met residents and staff; care plan audit well under way.'),
    weeklyUpdate('2025-03-12', '2025-03-12', 'Twelve care plans reviewed', [
      [A.audit, 'in_progress', '12 of 18 reviewed'],
      [A.training, 'open', 'Booked for April'],
      [A.dailyNotes, 'in_progress', 'Second weekly audit: two gaps'],
    ]),
    weeklyUpdate('2025-03-19', '2025-03-19', 'Sixteen care plans reviewed', [
      [A.audit, 'in_progress', '16 of 18 reviewed'],
      [A.training, 'open', 'Trainer confirmed'],
      [A.dailyNotes, 'in_progress', 'Third weekly audit: one gap'],
    ]),
    {
      as: 'demo-provider-ceo',
      command: {
        kind: 'RecordConcernComment',
        concernId,
        commentId: uuid(3),
        topic: 'proportionality',
        text: 'The people who live at Maple Court are happy, well supported and have good relationships with their staff. We have a detailed plan that we update every week and senior managers visit monthly. We ask the council to weigh that when it decides how closely to monitor us.',
        occurredAt: at('2025-03-20', '09:00'),
      },
    },
    {
      as: 'demo-provider-manager',
      command: {
        kind: 'ClaimActionCompletion',
        concernId,
        actionId: A.audit,
        note: 'All 18 care plans reviewed and in date',
        evidence: evidence('Care plan audit March 2025.pdf'),
        occurredAt: at('2025-03-26', '15:00'),
      },
    },
    {
      as: 'demo-council-officer',
      command: {
        kind: 'VerifyAction',
        concernId,
        actionId: A.audit,
        note: 'Sampled six care plans on the visit: all in date',
        occurredAt: at('2025-03-27', '14:00'),
      },
    },
    weeklyUpdate('2025-03-26', '2025-03-31', 'Care plan audit complete; update sent late because the manager was on leave', [
      [A.training, 'open', 'Training on 14 April'],
      [A.dailyNotes, 'in_progress', 'Fourth weekly audit: no gaps'],
    ]),
    {
      as: 'demo-provider-manager',
      command: {
        kind: 'ReviseActionDueDate',
        concernId,
        actionId: A.training,
        dueOn: '2025-04-25',
        basis: 'agreed',
        reason: 'Training provider cancelled; new date agreed with the QA officer',
        occurredAt: at('2025-04-01', '10:00'),
      },
    },
    weeklyUpdate('2025-04-02', '2025-04-02', 'Training rebooked by agreement', [
      [A.training, 'open', 'Rebooked for 22 April'],
      [A.dailyNotes, 'in_progress', 'Fifth weekly audit: no gaps'],
    ]),
    {
      as: 'demo-council-officer',
      command: { kind: 'DeescalateConcern', concernId, toLevel: 0, reason: 'Steady progress and weekly evidence', occurredAt: at('2025-04-02', '15:00') },
    },
    ceoVisit(4, '2025-04-03', 'Daily notes complete for the last three weeks; staff positive.'),
    weeklyUpdate('2025-04-09', '2025-04-09', 'Daily notes complete', [
      [A.training, 'open', 'Rebooked for 22 April'],
      [A.dailyNotes, 'in_progress', 'Sixth weekly audit: no gaps'],
    ]),
    weeklyUpdate('2025-04-16', '2025-04-16', 'Daily notes complete', [
      [A.training, 'open', 'Rebooked for 22 April'],
      [A.dailyNotes, 'in_progress', 'Seventh weekly audit: no gaps'],
    ]),
    {
      as: 'demo-provider-ceo',
      command: { kind: 'RecordManagerRegistered', serviceId: DEMO_IDS.mapleCourt, managerId: M.sam, registeredOn: '2025-04-22', occurredAt: at('2025-04-22') },
    },
    weeklyUpdate('2025-04-23', '2025-04-23', 'Training delivered to all support staff', [
      [A.training, 'in_progress', 'Delivered 22 April; certificates being collected'],
      [A.dailyNotes, 'in_progress', 'Eighth weekly audit: no gaps'],
    ]),
    {
      as: 'demo-provider-manager',
      command: {
        kind: 'ClaimActionCompletion',
        concernId,
        actionId: A.training,
        note: 'All 14 support workers trained on 22 April',
        evidence: evidence('Recording training attendance.pdf'),
        occurredAt: at('2025-04-24', '12:00'),
      },
    },
    {
      as: 'demo-provider-manager',
      command: {
        kind: 'ClaimActionCompletion',
        concernId,
        actionId: A.dailyNotes,
        note: 'Eight weekly audits, the last four with no gaps',
        evidence: evidence('Daily notes audits.xlsx'),
        occurredAt: at('2025-04-24', '12:30'),
      },
    },
    {
      as: 'demo-council-officer',
      command: {
        kind: 'RecordConcernVisit',
        concernId,
        visitId: uuid(5),
        visitType: 'pamms_audit',
        announced: true,
        visitedOn: '2025-04-29',
        visitorRole: 'Quality-assurance officer',
        findings: 'Re-audit: records complete, care plans in date, staff confident in recording.',
        occurredAt: at('2025-04-29', '13:00'),
      },
      recordedAt: at('2025-05-06', '09:00'),
    },
    {
      as: 'demo-council-officer',
      command: { kind: 'VerifyAction', concernId, actionId: A.training, note: 'Attendance record seen at the re-audit', occurredAt: at('2025-04-29', '16:00') },
    },
    {
      as: 'demo-council-officer',
      command: {
        kind: 'VerifyAction',
        concernId,
        actionId: A.dailyNotes,
        note: 'Daily notes sampled at the re-audit: complete',
        occurredAt: at('2025-04-29', '16:10'),
      },
    },
    ceoVisit(6, '2025-05-01', 'Celebrated the re-audit with the team.'),
    {
      as: 'demo-council-officer',
      command: {
        kind: 'CloseConcern',
        concernId,
        outcome: 'Re-audit found records complete and care plans in date; routine monitoring resumes',
        overrideReason: null,
        occurredAt: at('2025-05-07', '10:00'),
      },
    },
    ...kestrelStory(),
  ];
}

const K = {
  chris: '01900000-0000-7000-8000-000000000044',
  pat: '01900000-0000-7000-8000-000000000045',
  recruit: '01900000-0000-7000-8000-000000000056',
  alerts: '01900000-0000-7000-8000-000000000057',
  review: '01900000-0000-7000-8000-000000000058',
};

/**
 * Still open: a domiciliary provider rated 'requires improvement', its registered manager gone, missed
 * calls, a late acknowledgement, and weekly updates that stopped coming. What a council dashboard is for.
 */
function kestrelStory(): DemoStep[] {
  const kestrel = DEMO_IDS.kestrelHomecare;
  const missed = DEMO_IDS.missedCallsConcern;
  const provider = 'demo-other-provider';
  const council = 'demo-council-officer';
  const update = (periodEnding: string, submittedOn: string, summary: string, notes: [string, string, string]): DemoStep => ({
    as: provider,
    command: {
      kind: 'SubmitPlanUpdate',
      concernId: missed,
      periodEnding,
      summary,
      evidence: evidence(`Call monitoring report ${periodEnding}.csv`),
      occurredAt: at(submittedOn, '17:00'),
      actions: [
        { actionId: K.recruit, status: 'in_progress', note: notes[0] },
        { actionId: K.alerts, status: 'in_progress', note: notes[1] },
        { actionId: K.review, status: 'in_progress', note: notes[2] },
      ],
    },
  });
  return [
    {
      as: council,
      command: {
        kind: 'AwardContract',
        contractId: DEMO_IDS.kestrelContract,
        councilId: DEMO_IDS.council,
        providerId: DEMO_IDS.otherProvider,
        serviceIds: [kestrel],
        reference: 'NCC-DOM-2024-031',
        startsOn: '2024-04-01',
        endsOn: '2027-03-31',
        occurredAt: at('2024-03-22'),
      },
    },
    { as: provider, command: { kind: 'ConfirmContract', contractId: DEMO_IDS.kestrelContract, signedContract: null, occurredAt: at('2024-03-25') } },
    {
      as: provider,
      command: {
        kind: 'AppointManager',
        serviceId: kestrel,
        managerId: K.chris,
        managerName: 'Chris Dale',
        startedOn: '2024-01-02',
        basis: 'permanent',
        occurredAt: at('2024-01-02', '11:00'),
      },
    },
    {
      as: provider,
      command: { kind: 'RecordManagerRegistered', serviceId: kestrel, managerId: K.chris, registeredOn: '2024-01-02', occurredAt: at('2024-01-02', '12:00') },
    },
    {
      as: provider,
      command: {
        kind: 'RecordManagerLeft',
        serviceId: kestrel,
        managerId: K.chris,
        leftOn: '2026-08-28',
        reason: 'Left for a post with a neighbouring authority',
        occurredAt: at('2026-08-28', '17:00'),
      },
    },
    {
      as: provider,
      command: {
        kind: 'AppointManager',
        serviceId: kestrel,
        managerId: K.pat,
        managerName: 'Pat Moss',
        startedOn: '2026-09-07',
        basis: 'interim',
        occurredAt: at('2026-09-07'),
      },
    },
    {
      as: 'demo-regulator',
      command: {
        kind: 'PublishRating',
        serviceId: kestrel,
        regulator: 'CQC',
        overall: 'requires_improvement',
        keyQuestions: { safe: 'requires_improvement', effective: 'good', caring: 'good', responsive: 'requires_improvement', well_led: 'requires_improvement' },
        publishedOn: '2026-09-16',
        reportReference: 'INS2-400500600',
        occurredAt: at('2026-09-16'),
      },
    },
    {
      as: council,
      command: {
        kind: 'RaiseConcern',
        concernId: missed,
        serviceId: kestrel,
        contractId: DEMO_IDS.kestrelContract,
        category: 'staffing',
        severity: 'red',
        source: 'complaint',
        summary: 'Missed and late home-care calls reported by three families in September',
        occurredAt: at('2026-10-05', '09:00'),
      },
    },
    { as: council, command: { kind: 'NotifyConcernToProvider', concernId: missed, method: 'email', occurredAt: at('2026-10-05', '09:30') } },
    {
      as: council,
      command: { kind: 'RequestActionPlan', concernId: missed, dueOn: '2026-10-19', updateCadenceDays: 7, graceDays: 2, occurredAt: at('2026-10-05', '09:35') },
    },
    {
      as: provider,
      command: {
        kind: 'AcknowledgeConcern',
        concernId: missed,
        note: 'Acknowledged. Our interim manager is reviewing the rotas.',
        occurredAt: at('2026-10-15', '16:00'),
      },
    },
    {
      as: council,
      command: {
        kind: 'EscalateConcern',
        concernId: missed,
        toLevel: 1,
        reason: 'Late acknowledgement and a further missed call on 12 October',
        occurredAt: at('2026-10-16', '10:00'),
      },
    },
    {
      as: provider,
      command: {
        kind: 'SubmitActionPlan',
        concernId: missed,
        version: 1,
        summary: 'Stop missed calls within six weeks',
        actions: [
          {
            actionId: K.recruit,
            description: 'Recruit four care workers for the Northshire rounds',
            owner: 'Interim manager',
            dueOn: '2026-12-18',
            measure: 'Four starters with completed induction',
          },
          {
            actionId: K.alerts,
            description: 'Call-monitoring alerts to the on-call coordinator within 15 minutes of a missed visit',
            owner: 'Operations lead',
            dueOn: '2026-11-13',
            measure: 'Every late visit alerted; weekly report',
          },
          {
            actionId: K.review,
            description: 'Review every package that had a missed call with the person and their family',
            owner: 'Interim manager',
            dueOn: '2026-11-06',
            measure: 'Eleven reviews recorded',
          },
        ],
        occurredAt: at('2026-10-16', '15:00'),
      },
    },
    { as: council, command: { kind: 'AcceptActionPlan', concernId: missed, version: 1, occurredAt: at('2026-10-21', '11:00') } },
    update('2026-10-28', '2026-10-28', 'Two care workers offered posts; alerts configured', [
      'Two offers made',
      'Alerts live on two rounds',
      'Four of eleven reviews done',
    ]),
    update('2026-11-04', '2026-11-05', 'Alerts live on every round', ['Two offers accepted', 'Alerts live on all rounds', 'Nine of eleven reviews done']),
    {
      as: provider,
      command: {
        kind: 'ClaimActionCompletion',
        concernId: missed,
        actionId: K.review,
        note: 'All eleven package reviews recorded',
        evidence: evidence('Package reviews November 2026.pdf'),
        occurredAt: at('2026-11-06', '16:00'),
      },
    },
  ];
}

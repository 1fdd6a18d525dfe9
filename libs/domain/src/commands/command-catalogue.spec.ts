import type { Occurred, Recorded, DomainActor } from '../shared/decider';
import { fold } from '../shared/decider';
import { RecordNotFoundError } from '../shared/domain-error';
import { PLANNED } from '../testing/concern-history';
import { ACTORS, IDS, at } from '../testing/fixtures';
import * as domain from '../index';
import { COMMAND_KINDS, COMMAND_SPECS, commandSpecFor, type CareTrailCommand } from './command-catalogue';

/** A stand-in for the API's generic handler: load, fold, load refs, decide, append. */
function inMemoryHandler() {
  const streams = new Map<string, Recorded[]>();
  let id = 0;
  return {
    streams,
    run(command: CareTrailCommand, actor: DomainActor, now: string): Occurred[] {
      const spec = commandSpecFor(command.kind);
      if (!spec) throw new Error(`no spec for ${command.kind}`);
      const stream = spec.stream(command);
      const history = streams.get(stream) ?? [];
      if (spec.target === 'new' && history.length > 0) throw new Error(`${stream} exists`);
      if (spec.target === 'existing' && history.length === 0) throw new RecordNotFoundError(spec.recordType, spec.recordId(command));
      const state = fold(spec.decider, history);
      const refs: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(spec.refs?.(command, state) ?? {})) {
        const events = streams.get(ref.stream) ?? [];
        if (events.length === 0) throw new RecordNotFoundError(ref.recordType, ref.recordId);
        refs[name] = fold(ref.decider, events);
      }
      const decided = spec.decider.decide(command, state, { actor, now, refs });
      const stored = decided.map((e, i) => ({
        ...e,
        eventId: `e-${++id}`,
        recordedAt: now,
        streamVersion: history.length + i + 1,
        actor: { userId: actor.userId, organisationId: actor.organisationId, role: actor.role },
      })) as Recorded[];
      streams.set(stream, [...history, ...stored]);
      return decided;
    },
  };
}

describe('command catalogue', () => {
  it('has a spec for every command kind, filed under its own kind', () => {
    expect(COMMAND_KINDS).toHaveLength(56); // meetings: +3 (ScheduleMeeting, ShareMeetingAgenda, CompleteMeetingAction); managers: +1 (RecordManagerReturn)
    for (const kind of COMMAND_KINDS) expect(COMMAND_SPECS[kind].kind).toBe(kind);
    expect(commandSpecFor('NoSuchCommand')).toBeUndefined();
    expect(domain.COMMAND_SPECS).toBe(COMMAND_SPECS); // the package entry point loads without import cycles
  });

  it('names the streams and refs a command needs', () => {
    const raise = commandSpecFor('RaiseConcern')!;
    const command = { kind: 'RaiseConcern', concernId: 'c-9', serviceId: 's-9', contractId: 'k-9' };
    expect(raise.stream(command)).toBe('concern-c-9');
    const refs = raise.refs!(command, raise.decider.initialState());
    expect(Object.fromEntries(Object.entries(refs).map(([k, r]) => [k, r.stream]))).toEqual({ service: 'service-s-9', contract: 'contract-k-9' });

    const award = commandSpecFor('AwardContract')!;
    const awardRefs = award.refs!({ kind: 'AwardContract', providerId: 'p-1', serviceIds: ['s-1', 's-2'] } as never, award.decider.initialState());
    expect(Object.keys(awardRefs)).toEqual(['provider', 'service:s-1', 'service:s-2']);
    expect(awardRefs['service:s-2']).toMatchObject({ recordType: 'service', recordId: 's-2', stream: 'service-s-2' });

    const signed = commandSpecFor('RecordSignedContract')!;
    const signedRefs = signed.refs!(
      { kind: 'RecordSignedContract', councilId: 'k-1', providerId: 'p-1', serviceIds: ['s-1'] } as never,
      signed.decider.initialState(),
    );
    expect(Object.keys(signedRefs)).toEqual(['council', 'provider', 'service:s-1']);
  });

  it("later concern commands load the concern's own contract", () => {
    const escalate = commandSpecFor('EscalateConcern')!;
    expect(() => escalate.refs!({ kind: 'EscalateConcern', concernId: 'c-1' } as never, escalate.decider.initialState())).toThrow(RecordNotFoundError);
  });

  it('runs a concern from raising to completion through the specs alone', () => {
    const handler = inMemoryHandler();
    const now = at('2026-03-01', '12:00');
    const run = (command: object, actor: DomainActor) => handler.run(command as CareTrailCommand, actor, now);
    const concernId = IDS.concern;

    run(
      { kind: 'RegisterOrganisation', organisationId: IDS.provider, organisationKind: 'provider', name: 'Provider', occurredAt: at('2025-01-01') },
      ACTORS.admin,
    );
    run(
      {
        kind: 'RegisterService',
        serviceId: IDS.service,
        providerId: IDS.provider,
        name: '5 Fengates',
        serviceType: 'supported_living',
        regulator: 'CQC',
        locationId: null,
        occurredAt: at('2025-01-10'),
      },
      ACTORS.provider,
    );
    run(
      {
        kind: 'AwardContract',
        contractId: IDS.contract,
        councilId: IDS.council,
        providerId: IDS.provider,
        serviceIds: [IDS.service],
        reference: 'SL-1',
        startsOn: '2025-04-01',
        endsOn: '2027-03-31',
        occurredAt: at('2025-02-01'),
      },
      ACTORS.council,
    );
    run({ kind: 'ConfirmContract', contractId: IDS.contract, signedContract: null, occurredAt: at('2025-02-03') }, ACTORS.provider);
    run(
      {
        kind: 'RaiseConcern',
        concernId,
        serviceId: IDS.service,
        contractId: IDS.contract,
        category: 'documentation',
        severity: 'amber',
        source: 'monitoring_visit',
        summary: 'Records lapsed',
        occurredAt: at('2026-01-05'),
      },
      ACTORS.council,
    );
    run({ kind: 'NotifyConcernToProvider', concernId, method: 'email', occurredAt: at('2026-01-06') }, ACTORS.council);
    run({ kind: 'AcknowledgeConcern', concernId, note: 'On it', occurredAt: at('2026-01-07') }, ACTORS.provider);
    run({ kind: 'RequestActionPlan', concernId, dueOn: '2026-01-22', updateCadenceDays: 7, graceDays: 2, occurredAt: at('2026-01-08') }, ACTORS.council);
    run({ kind: 'SubmitActionPlan', concernId, version: 1, actions: PLANNED, summary: 'v1', occurredAt: at('2026-01-15') }, ACTORS.provider);
    run({ kind: 'AcceptActionPlan', concernId, version: 1, occurredAt: at('2026-01-20') }, ACTORS.council);
    run(
      { kind: 'SubmitPlanUpdate', concernId, periodEnding: '2026-01-27', actions: [], evidence: [], summary: 'Week 1', occurredAt: at('2026-01-27') },
      ACTORS.provider,
    );
    for (const actionId of ['A1', 'A2']) {
      run({ kind: 'ClaimActionCompletion', concernId, actionId, note: 'Done', evidence: [], occurredAt: at('2026-02-10') }, ACTORS.provider);
    }
    run({ kind: 'VerifyAction', concernId, actionId: 'A1', note: 'Seen', occurredAt: at('2026-02-12') }, ACTORS.council);
    const last = run({ kind: 'VerifyAction', concernId, actionId: 'A2', note: 'Seen', occurredAt: at('2026-02-12') }, ACTORS.council);
    expect(last.map((e) => e.type)).toEqual(['ActionVerified', 'ActionPlanCompleted']);
    run({ kind: 'CloseConcern', concernId, outcome: 'Resolved', overrideReason: null, occurredAt: at('2026-02-20') }, ACTORS.council);

    expect(handler.streams.get(`concern-${concernId}`)!.map((e) => e.type)).toEqual([
      'ConcernRaised',
      'ConcernNotifiedToProvider',
      'ConcernAcknowledged',
      'ActionPlanRequested',
      'ActionPlanSubmitted',
      'ActionPlanAccepted',
      'PlanUpdateSubmitted',
      'ActionCompletionClaimed',
      'ActionCompletionClaimed',
      'ActionVerified',
      'ActionVerified',
      'ActionPlanCompleted',
      'ConcernClosed',
    ]);
    expect(() => run({ kind: 'AcknowledgeConcern', concernId: 'nope', note: '', occurredAt: now }, ACTORS.provider)).toThrow(RecordNotFoundError);
  });
});

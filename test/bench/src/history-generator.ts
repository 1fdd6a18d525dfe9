import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventStore, NewEvent } from '@caretrail/event-store';

/*
 * A national-scale-shaped CareTrail history, written straight into a store through its append (the
 * events have the domain's shapes, libs/domain/src/events/*.events.ts, but skip the deciders): many
 * councils, providers and services, ten years of concerns with action plans, weekly updates, visits,
 * escalations and closures, and services with manager changes, ratings and enforcement.
 * Deterministic for a given size (seeded), so two runs measure the same history.
 */

export const GENERATOR_VERSION = 1;

/** Seeded PRNG (mulberry32). */
class Random {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A UUID-shaped id (version nibble 4), unique enough for a seeded run. */
  uuid(): string {
    const hex = (n: number) =>
      Math.floor(this.next() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + this.int(0, 3)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  }
}

const DAY = 86_400_000;
const START = Date.UTC(2016, 0, 4);
const END = Date.UTC(2025, 11, 19);
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

interface Actor {
  userId: string;
  organisationId: string;
  role: string;
}

/** One append: events for one stream, recorded at one instant. */
export interface AppendUnit {
  streamId: string;
  events: NewEvent[];
  recordedAt: string;
}

export interface HistoryManifest {
  generatorVersion: number;
  targetEvents: number;
  events: number;
  appends: number;
  councils: number;
  providers: number;
  services: number;
  concerns: number;
  /** The provider with the most concerns, for the provider timeline row. */
  busyProviderId: string;
  busyProviderEvents: number;
  /** A concern of median length and the longest one, for the concern rows. */
  concernId: string;
  concernEvents: number;
  longConcernId: string;
  longConcernEvents: number;
  /** A date half-way through the median concern's life, for the as-of replay. */
  asOf: string;
  generatedInSeconds: number;
}

const CATEGORIES = ['documentation', 'care_planning', 'medication', 'safeguarding', 'staffing', 'leadership', 'premises', 'infection_control'];
const SOURCES = ['monitoring_visit', 'pamms_audit', 'complaint', 'whistleblowing', 'safeguarding_referral', 'regulator'];
const SERVICE_TYPES = ['supported_living', 'residential_home', 'nursing_home', 'domiciliary_care', 'childrens_home'];
const RATINGS = ['outstanding', 'good', 'good', 'good', 'requires_improvement', 'requires_improvement', 'inadequate'];
const NOTES = [
  'Care plans audited for 12 of 18 people; the rest are booked for next week.',
  'Medication administration records checked daily by the deputy manager.',
  'Night staffing rota agreed; two agency shifts left to fill.',
  'Supervision sessions back on the monthly schedule for all staff.',
  'Daily notes template changed after feedback from the visiting officer.',
];

/** Everything the generator writes, as append units, in the order they are to be written. */
export class HistoryPlan {
  readonly manifest: Omit<HistoryManifest, 'events' | 'appends' | 'generatedInSeconds'>;
  private readonly random: Random;
  private readonly councils: { id: string; officer: Actor }[] = [];
  private readonly providers: { id: string; manager: Actor; ceo: Actor }[] = [];
  private readonly services: { id: string; providerIndex: number; councilIndex: number; contractId: string }[] = [];
  private readonly concernsPerService: number[];
  private eventSeq = 0;

  constructor(readonly targetEvents: number) {
    this.random = new Random(20_240_229 + targetEvents);
    const councils = Math.max(3, Math.min(150, Math.round(targetEvents / 6_500)));
    const providers = Math.max(4, Math.round(targetEvents / 500));
    const services = Math.round(providers * 2.5);
    // Organisations, services (~14 events each) and contracts take their share; concerns the rest (~38 each).
    const concerns = Math.max(2, Math.round((targetEvents - councils - providers - services * 14 - providers * 2) / 38));
    for (let i = 0; i < councils; i++) {
      const id = this.random.uuid();
      this.councils.push({ id, officer: { userId: `qa-${i}`, organisationId: id, role: 'qa_officer' } });
    }
    for (let i = 0; i < providers; i++) {
      const id = this.random.uuid();
      this.providers.push({
        id,
        manager: { userId: `rm-${i}`, organisationId: id, role: 'registered_manager' },
        ceo: { userId: `ceo-${i}`, organisationId: id, role: 'chief_executive' },
      });
    }
    for (let i = 0; i < services; i++) {
      // A few large providers hold many services (a Zipf-like tail), most hold two or three.
      const providerIndex = this.random.chance(0.3) ? Math.floor(this.random.next() ** 3 * providers) : i % providers;
      this.services.push({ id: this.random.uuid(), providerIndex, councilIndex: this.random.int(0, councils - 1), contractId: this.random.uuid() });
    }
    this.concernsPerService = new Array(services).fill(0);
    for (let c = 0; c < concerns; c++) {
      // Concerns cluster on some services (struggling ones have many).
      const s = this.random.chance(0.5) ? Math.floor(this.random.next() ** 2 * services) : this.random.int(0, services - 1);
      this.concernsPerService[s] += 1;
    }
    const perProvider = new Array(providers).fill(0);
    this.services.forEach((s, i) => (perProvider[s.providerIndex] += this.concernsPerService[i]));
    const busy = perProvider.indexOf(Math.max(...perProvider));
    this.manifest = {
      generatorVersion: GENERATOR_VERSION,
      targetEvents,
      councils,
      providers,
      services,
      concerns,
      busyProviderId: this.providers[busy].id,
      busyProviderEvents: 0,
      concernId: '',
      concernEvents: 0,
      longConcernId: '',
      longConcernEvents: 0,
      asOf: '',
    };
  }

  private event(type: string, data: Record<string, unknown>, occurredMs: number, actor: Actor): NewEvent {
    const n = ++this.eventSeq;
    const id = `0190${n.toString(16).padStart(8, '0')}`;
    return {
      eventId: `${id.slice(0, 8)}-${id.slice(8, 12)}-7${this.random.uuid().slice(15)}`,
      type,
      schemaVersion: 1,
      data,
      occurredAt: iso(occurredMs),
      actor,
      correlationId: this.random.uuid(),
      causationId: null,
      commandId: this.random.uuid(),
    };
  }

  /** Recorded when it happened, mostly; now and then days later (a backdated update). */
  private recordedAfter(occurredMs: number): string {
    const lag = this.random.chance(0.05) ? this.random.int(2, 20) * DAY : this.random.int(5, 240) * 60_000;
    return iso(occurredMs + lag);
  }

  /** Organisations, services (with their years of manager changes and ratings) and contracts. */
  *directory(): Generator<AppendUnit> {
    const admin: Actor = { userId: 'admin-1', organisationId: 'caretrail', role: 'admin' };
    for (const [i, c] of this.councils.entries()) {
      const at = START - 30 * DAY;
      yield {
        streamId: `organisation-${c.id}`,
        events: [this.event('OrganisationRegistered', { organisationId: c.id, kind: 'council', name: `Council ${i + 1}` }, at, admin)],
        recordedAt: iso(at),
      };
    }
    for (const [i, p] of this.providers.entries()) {
      const at = START - 20 * DAY;
      yield {
        streamId: `organisation-${p.id}`,
        events: [this.event('OrganisationRegistered', { organisationId: p.id, kind: 'provider', name: `Provider ${i + 1} Care Ltd` }, at, admin)],
        recordedAt: iso(at),
      };
    }
    for (const [i, s] of this.services.entries()) yield* this.serviceHistory(i, s);
    for (const s of this.services) {
      const council = this.councils[s.councilIndex];
      const provider = this.providers[s.providerIndex];
      const at = START - 10 * DAY;
      const events = [
        this.event(
          'ContractAwarded',
          {
            contractId: s.contractId,
            councilId: council.id,
            providerId: provider.id,
            serviceIds: [s.id],
            reference: `CT-${s.contractId.slice(0, 6)}`,
            startsOn: date(START),
            endsOn: date(START + 5 * 365 * DAY),
          },
          at,
          council.officer,
        ),
        this.event(
          'ContractExtended',
          { contractId: s.contractId, previousEndsOn: date(START + 5 * 365 * DAY), endsOn: date(END + 365 * DAY), reason: 'Extended after review' },
          START + 5 * 365 * DAY - 60 * DAY,
          council.officer,
        ),
      ];
      yield { streamId: `contract-${s.contractId}`, events, recordedAt: iso(at + 200 * DAY) };
    }
  }

  private *serviceHistory(index: number, s: (typeof this.services)[number]): Generator<AppendUnit> {
    const provider = this.providers[s.providerIndex];
    const stream = `service-${s.id}`;
    const events: NewEvent[] = [];
    const type = SERVICE_TYPES[index % SERVICE_TYPES.length];
    events.push(
      this.event(
        'ServiceRegistered',
        {
          serviceId: s.id,
          providerId: provider.id,
          name: `Service ${index + 1}`,
          serviceType: type,
          regulator: type === 'childrens_home' ? 'Ofsted' : 'CQC',
          locationId: `1-${100000 + index}`,
        },
        START - 15 * DAY,
        provider.ceo,
      ),
    );
    let managerId = this.random.uuid();
    events.push(
      this.event(
        'ManagerAppointed',
        { serviceId: s.id, managerId, managerName: `Manager ${index}-0`, startedOn: date(START), basis: 'permanent' },
        START,
        provider.ceo,
      ),
    );
    events.push(
      this.event(
        'ManagerRegistered',
        { serviceId: s.id, managerId, managerName: `Manager ${index}-0`, registeredOn: date(START + 40 * DAY) },
        START + 40 * DAY,
        provider.ceo,
      ),
    );
    // Manager changes every few years; ratings every two; enforcement now and then.
    for (let at = START + this.random.int(300, 1400) * DAY, m = 1; at < END; at += this.random.int(500, 1500) * DAY, m++) {
      const left = managerId;
      managerId = this.random.uuid();
      events.push(
        this.event(
          'ManagerLeft',
          { serviceId: s.id, managerId: left, managerName: `Manager ${index}-${m - 1}`, leftOn: date(at), reason: 'Resigned' },
          at,
          provider.ceo,
        ),
      );
      events.push(
        this.event(
          'ManagerAppointed',
          { serviceId: s.id, managerId, managerName: `Manager ${index}-${m}`, startedOn: date(at + 7 * DAY), basis: 'interim' },
          at + 7 * DAY,
          provider.ceo,
        ),
      );
      events.push(
        this.event(
          'ManagerRegistered',
          { serviceId: s.id, managerId, managerName: `Manager ${index}-${m}`, registeredOn: date(at + 70 * DAY) },
          at + 70 * DAY,
          provider.ceo,
        ),
      );
    }
    const inspector: Actor = { userId: 'inspector-1', organisationId: 'regulator-cqc', role: 'inspector' };
    for (let at = START + this.random.int(100, 700) * DAY; at < END; at += this.random.int(600, 900) * DAY) {
      const overall = this.random.pick(RATINGS);
      events.push(
        this.event(
          'RatingPublished',
          {
            serviceId: s.id,
            regulator: 'CQC',
            overall,
            keyQuestions: { safe: overall, effective: this.random.pick(RATINGS), caring: 'good', responsive: this.random.pick(RATINGS), well_led: overall },
            publishedOn: date(at),
            reportReference: `INS-${index}-${at}`,
          },
          at,
          inspector,
        ),
      );
      if (overall === 'inadequate') {
        events.push(
          this.event(
            'EnforcementActionRecorded',
            { serviceId: s.id, action: 'warning_notice', decidedOn: date(at + 14 * DAY), summary: 'Warning notice on safe care and treatment' },
            at + 14 * DAY,
            inspector,
          ),
        );
      }
    }
    events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    // Written in two appends: what was known at the start, and the years after.
    const cut = Math.min(3, events.length);
    yield { streamId: stream, events: events.slice(0, cut), recordedAt: this.recordedAfter(Date.parse(events[cut - 1].occurredAt)) };
    if (events.length > cut) yield { streamId: stream, events: events.slice(cut), recordedAt: iso(END) };
  }

  /** Every concern's life, in a few appends each (raised; plan; months of updates; closure). */
  *concerns(): Generator<AppendUnit> {
    let longest = 0;
    const lengths: { id: string; events: number; raisedMs: number; closedMs: number }[] = [];
    const busyProvider = this.manifest.busyProviderId;
    let busyEvents = 0;
    const window: AppendUnit[][] = [];
    for (const [si, s] of this.services.entries()) {
      for (let k = 0; k < this.concernsPerService[si]; k++) {
        const units = [...this.concernHistory(s)];
        const count = units.reduce((n, u) => n + u.events.length, 0);
        const id = units[0].streamId.slice('concern-'.length);
        lengths.push({
          id,
          events: count,
          raisedMs: Date.parse(units[0].events[0].occurredAt),
          closedMs: Date.parse(units[units.length - 1].events.at(-1)!.occurredAt),
        });
        if (count > longest) {
          longest = count;
          this.manifest.longConcernId = id;
          this.manifest.longConcernEvents = count;
        }
        if (this.providers[s.providerIndex].id === busyProvider) busyEvents += count;
        // Sixteen concerns in flight at once, one append of each in turn, as the feed of a live system
        // interleaves them (and so that concurrent writers have streams of their own to work on).
        window.push(units);
        if (window.length >= 16) yield* this.takeRound(window);
      }
    }
    while (window.length > 0) yield* this.takeRound(window);
    lengths.sort((a, b) => a.events - b.events);
    const median = lengths[Math.floor(lengths.length / 2)];
    this.manifest.concernId = median.id;
    this.manifest.concernEvents = median.events;
    this.manifest.asOf = date((median.raisedMs + median.closedMs) / 2);
    this.manifest.busyProviderEvents = busyEvents;
  }

  /** One unit of each concern in the window; concerns with nothing left leave it. */
  private *takeRound(window: AppendUnit[][]): Generator<AppendUnit> {
    for (const units of window) {
      const unit = units.shift();
      if (unit) yield unit;
    }
    for (let i = window.length - 1; i >= 0; i--) if (window[i].length === 0) window.splice(i, 1);
  }

  private *concernHistory(s: (typeof this.services)[number]): Generator<AppendUnit> {
    const r = this.random;
    const council = this.councils[s.councilIndex];
    const provider = this.providers[s.providerIndex];
    const concernId = r.uuid();
    const stream = `concern-${concernId}`;
    const qa = council.officer;
    const rm = provider.manager;
    let at = START + r.int(0, Math.floor((END - START) / DAY) - 400) * DAY + r.int(8, 17) * 3_600_000;
    const phase: NewEvent[] = [];
    const flush = function* (self: HistoryPlan): Generator<AppendUnit> {
      if (phase.length === 0) return;
      const events = phase.splice(0);
      yield { streamId: stream, events, recordedAt: self.recordedAfter(Date.parse(events[events.length - 1].occurredAt)) };
    };
    const severity = r.pick(['red', 'amber', 'amber', 'green']);
    phase.push(
      this.event(
        'ConcernRaised',
        {
          concernId,
          serviceId: s.id,
          providerId: provider.id,
          councilId: council.id,
          contractId: s.contractId,
          category: r.pick(CATEGORIES),
          severity,
          source: r.pick(SOURCES),
          summary: 'Records lapsed after a run of manager changes; care plans out of date for several people.',
        },
        at,
        qa,
      ),
    );
    phase.push(this.event('ConcernNotifiedToProvider', { concernId, method: r.pick(['email', 'letter', 'portal']) }, (at += 2 * 3_600_000), qa));
    yield* flush(this);
    phase.push(
      this.event(
        'ConcernAcknowledged',
        { concernId, note: 'Acknowledged; the registered manager is reviewing every care plan this week.' },
        (at += r.int(1, 8) * DAY),
        rm,
      ),
    );
    phase.push(this.event('ActionPlanRequested', { concernId, dueOn: date(at + 14 * DAY), updateCadenceDays: 7, graceDays: 2 }, (at += 3_600_000), qa));
    const actions = Array.from({ length: r.int(3, 6) }, (_, i) => ({
      actionId: r.uuid(),
      description: NOTES[i % NOTES.length],
      owner: `Deputy manager ${i + 1}`,
      dueOn: date(at + r.int(30, 120) * DAY),
      measure: 'Audit shows 100% compliance',
    }));
    phase.push(
      this.event(
        'ActionPlanSubmitted',
        { concernId, version: 1, actions, summary: 'Plan to bring every record up to date within three months.' },
        (at += r.int(5, 16) * DAY),
        rm,
      ),
    );
    let version = 1;
    if (r.chance(0.3)) {
      phase.push(
        this.event(
          'ActionPlanReturned',
          { concernId, version, reasons: ['Actions need measurable outcomes', 'Owners must be named'] },
          (at += r.int(2, 10) * DAY),
          qa,
        ),
      );
      version = 2;
      phase.push(
        this.event(
          'ActionPlanSubmitted',
          { concernId, version, actions, summary: 'Revised plan with named owners and measures.' },
          (at += r.int(3, 10) * DAY),
          rm,
        ),
      );
    }
    phase.push(this.event('ActionPlanAccepted', { concernId, version }, (at += r.int(2, 10) * DAY), qa));
    yield* flush(this);
    const weeks = r.int(4, 40);
    let escalated = false;
    for (let w = 1; w <= weeks; w++) {
      const updateAt = at + w * 7 * DAY + r.int(-1, 3) * DAY;
      phase.push(
        this.event(
          'PlanUpdateSubmitted',
          {
            concernId,
            planVersion: version,
            periodEnding: date(at + w * 7 * DAY),
            actions: actions.map((a, i) => ({ actionId: a.actionId, status: i < w / 8 ? 'in_progress' : 'open', note: NOTES[(w + i) % NOTES.length] })),
            evidence: [{ name: `week-${w}.pdf`, sha256: r.uuid().replace(/-/g, '').padEnd(64, '0') }],
            summary: 'Progress this week as set out in the plan.',
          },
          updateAt,
          rm,
        ),
      );
      if (w % 6 === 3)
        phase.push(
          this.event(
            'VisitConducted',
            {
              visitId: r.uuid(),
              serviceId: s.id,
              concernId,
              visitType: r.pick(['council_monitoring', 'provider_senior_visit', 'pamms_audit']),
              announced: r.chance(0.7),
              visitedOn: date(updateAt + DAY),
              visitorRole: 'QA officer',
              findings: 'Improvement seen in care plans; medication records still incomplete.',
            },
            updateAt + DAY,
            qa,
          ),
        );
      if (w === 5 && severity === 'red' && r.chance(0.4)) {
        escalated = true;
        phase.push(this.event('ConcernEscalated', { concernId, fromLevel: 0, toLevel: 1, reason: 'Updates late two weeks running' }, updateAt + 2 * DAY, qa));
      }
      if (w % 9 === 0)
        phase.push(
          this.event(
            'CommentRecorded',
            {
              commentId: r.uuid(),
              party: 'provider',
              topic: r.pick(['progress', 'proportionality', 'context']),
              text: 'We have acted on every point raised and ask that the progress is noted.',
            },
            updateAt + 3_600_000,
            provider.ceo,
          ),
        );
      if (w === Math.floor(weeks / 2) && r.chance(0.3)) {
        const a = actions[0];
        phase.push(
          this.event(
            'ActionDueDateRevised',
            {
              concernId,
              actionId: a.actionId,
              previousDueOn: a.dueOn,
              dueOn: date(Date.parse(a.dueOn) + 28 * DAY),
              basis: r.chance(0.6) ? 'agreed' : 'unilateral',
              reason: 'Training provider cancelled',
            },
            updateAt + 2 * 3_600_000,
            rm,
          ),
        );
      }
      // Months of updates arrive over time: one append per four weeks.
      if (w % 4 === 0) yield* flush(this);
    }
    at += (weeks + 1) * 7 * DAY;
    if (escalated)
      phase.push(this.event('ConcernDeescalated', { concernId, fromLevel: 1, toLevel: 0, reason: 'Updates back on cadence' }, (at -= 3 * DAY), qa));
    for (const a of actions) {
      phase.push(
        this.event(
          'ActionCompletionClaimed',
          {
            concernId,
            actionId: a.actionId,
            note: 'Completed; audit attached.',
            evidence: [{ name: 'audit.pdf', sha256: r.uuid().replace(/-/g, '').padEnd(64, '1') }],
          },
          (at += r.int(1, 4) * DAY),
          rm,
        ),
      );
      phase.push(this.event('ActionVerified', { concernId, actionId: a.actionId, note: 'Verified on the visit.' }, (at += r.int(1, 6) * DAY), qa));
    }
    phase.push(this.event('ActionPlanCompleted', { concernId, version }, (at += DAY), qa));
    phase.push(
      this.event(
        'ConcernClosed',
        { concernId, outcome: 'Improvements made and sustained', overrideReason: null, unverifiedActionIds: [] },
        (at += r.int(1, 10) * DAY),
        qa,
      ),
    );
    if (r.chance(0.08))
      phase.push(this.event('ConcernReopened', { concernId, reason: 'Records lapsed again at the next audit' }, (at += r.int(60, 300) * DAY), qa));
    yield* flush(this);
  }
}

/**
 * Writes a plan into a store with `writers` concurrent writers (concerns in parallel, as a busy
 * deployment would), each append recorded at its unit's instant through the store's clock.
 */
export async function writeHistory(
  openStore: (clock: () => Date) => Promise<EventStore>,
  targetEvents: number,
  onProgress: (events: number) => void,
  writers = 8,
): Promise<{ store: EventStore; manifest: HistoryManifest }> {
  const started = Date.now();
  const recordedAt = new AsyncLocalStorage<Date>();
  const store = await openStore(() => recordedAt.getStore() ?? new Date());
  const plan = new HistoryPlan(targetEvents);
  let events = 0;
  let appends = 0;
  const versions = new Map<string, number>();
  let lastReport = 0;
  const write = async (unit: AppendUnit) => {
    const expected = versions.get(unit.streamId) ?? 0;
    await recordedAt.run(new Date(unit.recordedAt), () => store.append(unit.streamId, unit.events, expected));
    versions.set(unit.streamId, expected + unit.events.length);
    events += unit.events.length;
    appends += 1;
    if (events - lastReport >= 50_000) {
      lastReport = events;
      onProgress(events);
    }
  };
  const drain = async (units: Iterator<AppendUnit>, concurrency: number) => {
    // Each worker takes the next stream's units in order; a stream's units never run concurrently.
    const byStream = new Map<string, Promise<void>>();
    const worker = async () => {
      for (let next = units.next(); !next.done; next = units.next()) {
        const unit = next.value;
        const before = byStream.get(unit.streamId);
        const mine = (before ?? Promise.resolve()).then(() => write(unit));
        byStream.set(unit.streamId, mine);
        await mine;
        if (byStream.get(unit.streamId) === mine) byStream.delete(unit.streamId);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  await drain(plan.directory(), writers);
  await drain(plan.concerns(), writers);
  const manifest: HistoryManifest = { ...plan.manifest, events, appends, generatedInSeconds: Math.round((Date.now() - started) / 1000) };
  return { store, manifest };
}

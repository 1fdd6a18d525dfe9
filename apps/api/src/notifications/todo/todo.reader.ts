import type { RecordedEvent } from '@caretrail/event-store';
import { activeGeneration, DASHBOARD, loadCouncilClocksEvents, loadScopeEvents, readableConcernCondition, type ReadDb } from '@caretrail/projections';
import { readableConcerns } from '../../access/read-access.policy';
import type { Identity } from '../../identity/identity';
import { concernTodo, todoList, type TodoList, type TodoParty } from './todo-list';

/** Concerns whose events are kept between page views (each checked against its newest position). */
const KEPT_CONCERNS = 1000;

/**
 * What is due for the signed-in person's organisation: its open concerns (those the read policy lets
 * it read), each folded from its events with the working-day calendar and its council's clocks.
 * A concern's events are read again only when its dashboard row says something new was recorded.
 */
export class TodoReader {
  private readonly kept = new Map<string, { position: number; events: RecordedEvent[] }>();

  constructor(
    private readonly db: ReadDb,
    private readonly options: { actionsWithinWorkingDays: number },
  ) {}

  async forIdentity(who: Identity, on: string): Promise<TodoList> {
    const party: TodoParty | null = who.organisationKind === 'provider' ? 'provider' : who.organisationKind === 'council' ? 'council' : null;
    if (party === null) return todoList(null, [], on);
    const column = party === 'provider' ? 'provider_id' : 'council_id';
    const open = await this.db
      .selectFrom('concern_summaries')
      .select(['concern_id', 'council_id', 'service_id', 'last_position'])
      .where('generation', '=', activeGeneration(DASHBOARD))
      .where(column, '=', who.organisationId)
      .where('state', '=', 'open')
      .where(readableConcernCondition('concern_summaries', readableConcerns(who)))
      .orderBy('concern_id')
      .execute();
    if (open.length === 0) return todoList(party, [], on);
    const serviceIds = [...new Set(open.map((c) => c.service_id))];
    const [clockEvents, services] = await Promise.all([
      loadCouncilClocksEvents(this.db, [...new Set(open.map((c) => c.council_id))]),
      this.db
        .selectFrom('service_managers')
        .select(['service_id', 'service_name'])
        .where('generation', '=', activeGeneration(DASHBOARD))
        .where('service_id', 'in', serviceIds)
        .execute(),
    ]);
    const serviceNames = new Map(services.map((s) => [s.service_id, s.service_name]));
    const items = [];
    for (const concern of open) {
      const events = await this.concernEvents(concern.concern_id, Number(concern.last_position));
      items.push(...concernTodo(party, events, clockEvents, { on, actionsWithinWorkingDays: this.options.actionsWithinWorkingDays, serviceNames }));
    }
    return todoList(party, items, on);
  }

  private async concernEvents(concernId: string, position: number): Promise<RecordedEvent[]> {
    const kept = this.kept.get(concernId);
    if (kept && kept.position === position) return kept.events;
    const events = await loadScopeEvents(this.db, { kind: 'concern', concernId });
    // Kept only when the events reach what the dashboard row was built from (the two read models may be apart a moment).
    if (events.some((e) => Number(e.globalPosition) === position)) {
      this.kept.delete(concernId);
      this.kept.set(concernId, { position, events });
      if (this.kept.size > KEPT_CONCERNS) this.kept.delete(this.kept.keys().next().value!);
    }
    return events;
  }
}

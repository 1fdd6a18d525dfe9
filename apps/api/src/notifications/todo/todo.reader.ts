import {
  activeGeneration,
  DASHBOARD,
  DUE_ITEM_KINDS,
  DUE_ITEMS,
  loadCouncilClocksEvents,
  readableConcernCondition,
  type DueItem,
  type DueItemKind,
  type ReadDb,
} from '@caretrail/projections';
import { councilClocksInForce, withDefaultClocks } from '@caretrail/timeline';
import { readableConcerns } from '../../access/read-access.policy';
import type { Identity } from '../../identity/identity';
import { dueItemTodo, todoList, type TodoItem, type TodoList, type TodoParty } from './todo-list';

/**
 * What is due for the signed-in person's organisation: the due-items read model's rows of its open
 * concerns (those the read policy lets it read), through the model's index on the organisation, each
 * judged against the day asked with the working-day calendar and its council's clocks. The cost
 * depends on how many items are due, not on how long the records are.
 */
export class TodoReader {
  constructor(
    private readonly db: ReadDb,
    private readonly options: { actionsWithinWorkingDays: number },
  ) {}

  async forIdentity(who: Identity, on: string): Promise<TodoList> {
    const party: TodoParty | null = who.organisationKind === 'provider' ? 'provider' : who.organisationKind === 'council' ? 'council' : null;
    if (party === null) return todoList(null, [], on);
    const column = party === 'provider' ? 'provider_id' : 'council_id';
    const rows = await this.db
      .selectFrom('due_items')
      .select(['concern_id', 'item_key', 'kind', 'council_id', 'provider_id', 'service_id', 'contract_id', 'due_on', 'state', 'facts'])
      .where('generation', '=', activeGeneration(DUE_ITEMS))
      .where(column, '=', who.organisationId)
      .where('kind', 'in', [...DUE_ITEM_KINDS[party]])
      .where(readableConcernCondition('due_items', readableConcerns(who)))
      .execute();
    if (rows.length === 0) return todoList(party, [], on);
    const acknowledging = [...new Set(rows.filter((r) => r.kind === 'acknowledge').map((r) => r.council_id))];
    const [clockEvents, services] = await Promise.all([
      loadCouncilClocksEvents(this.db, acknowledging),
      this.db
        .selectFrom('service_managers')
        .select(['service_id', 'service_name'])
        .where('generation', '=', activeGeneration(DASHBOARD))
        .where('service_id', 'in', [...new Set(rows.map((r) => r.service_id))])
        .execute(),
    ]);
    const defaults = withDefaultClocks();
    const clocks = councilClocksInForce(clockEvents, on, defaults);
    const options = {
      on,
      actionsWithinWorkingDays: this.options.actionsWithinWorkingDays,
      serviceNames: new Map(services.map((s) => [s.service_id, s.service_name])),
      acknowledgeWithinWorkingDays: (councilId: string) => (clocks.get(councilId)?.clocks ?? defaults).acknowledgeWithinWorkingDays,
    };
    const items: TodoItem[] = [];
    for (const row of rows) {
      const due: DueItem = {
        concernId: row.concern_id,
        itemKey: row.item_key,
        kind: row.kind as DueItemKind,
        councilId: row.council_id,
        providerId: row.provider_id,
        serviceId: row.service_id,
        contractId: row.contract_id,
        dueOn: row.due_on,
        state: row.state,
        facts: JSON.parse(row.facts) as DueItem['facts'],
      };
      const item = dueItemTodo(party, due, options);
      if (item) items.push(item);
    }
    return todoList(party, items, on);
  }
}

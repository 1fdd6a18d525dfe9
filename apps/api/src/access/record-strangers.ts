import { toDomainEvent } from '@caretrail/application';
import { concernDecider, concernStream, contractDecider, contractStream, fold, serviceDecider, serviceStream } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import type { Identity } from '../identity/identity';
import { readAccess } from './read-access.policy';

/**
 * Reads the event that opens a stream, its hash checked (the RecordOpeningQuery); null when there is
 * none. A record's parties are fixed by the event that opens its stream: one event read, not the stream.
 */
export type OpeningReader = (streamId: string) => Promise<RecordedEvent | null>;

/**
 * The records a route's path can name, each with the read policy's check of it. A person the read
 * policy refuses a record has no relation to it at all (its parties and those who read across may
 * read it); the check then says the record is not there (404), as for an id that never was.
 */
const RECORDS: readonly { param: string; check(openingOf: OpeningReader, who: Identity, id: string): Promise<void> }[] = [
  {
    param: 'concernId',
    check: async (openingOf, who, id) => {
      const opening = await openingOf(concernStream(id));
      if (opening) readAccess.concern(who, fold(concernDecider, [toDomainEvent(opening)]));
    },
  },
  {
    param: 'contractId',
    check: async (openingOf, who, id) => {
      const opening = await openingOf(contractStream(id));
      if (opening) readAccess.contract(who, fold(contractDecider, [toDomainEvent(opening)]));
    },
  },
  {
    param: 'serviceId',
    check: async (openingOf, who, id) => {
      const opening = await openingOf(serviceStream(id));
      if (opening) readAccess.service(who, fold(serviceDecider, [toDomainEvent(opening)]));
    },
  },
];

/**
 * Answers 404 to someone with no relation to a record a route names (a council about another
 * council's concern or contract, a provider about another provider's service), before any rule of the
 * route speaks: a 403 would tell a stranger that the id exists. Those the record knows but who lack
 * the right (the provider escalating its own concern) still get the rule's 403 from the domain.
 * A record not (yet) there is the route's own 404 to give.
 */
export async function assertNotStranger(openingOf: OpeningReader, who: Identity | undefined, params: Record<string, string | undefined>): Promise<void> {
  if (!who) return;
  for (const record of RECORDS) {
    const id = params[record.param];
    if (id !== undefined) await record.check(openingOf, who, id);
  }
}

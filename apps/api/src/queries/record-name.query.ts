import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RecordNotFoundError } from '@caretrail/domain';
import { ReadRecordQuery } from './read-record.query';

/**
 * The name of an organisation or a service for headings and links, from the record's held, verified
 * state (docs/long-records.md): a name costs the same however long the record grows. Names are not
 * confidential; a record that is not there is named as unknown.
 */
export class RecordNameQuery extends Query<string> {
  constructor(
    readonly kind: 'organisation' | 'service',
    readonly id: string,
  ) {
    super();
  }
}

@QueryHandler(RecordNameQuery)
export class RecordNameHandler implements IQueryHandler<RecordNameQuery> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ kind, id }: RecordNameQuery): Promise<string> {
    try {
      const { state } = await this.queries.execute(ReadRecordQuery.unchecked(kind, id));
      return state.name ?? `Unknown ${kind}`;
    } catch (error) {
      if (error instanceof RecordNotFoundError) return `Unknown ${kind}`;
      throw error;
    }
  }
}

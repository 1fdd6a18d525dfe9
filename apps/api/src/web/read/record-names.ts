import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RecordNameQuery } from '../../queries/record-name.query';

/**
 * Names of organisations and services for headings and links, through `RecordNameQuery` (the records'
 * held, verified states, docs/long-records.md): a name costs the same however long the record grows.
 */
@Injectable()
export class RecordNames {
  constructor(private readonly queries: QueryBus) {}

  async organisation(id: string | null): Promise<string> {
    if (!id) return '';
    return this.queries.execute(new RecordNameQuery('organisation', id));
  }

  async service(id: string | null): Promise<string> {
    if (!id) return '';
    return this.queries.execute(new RecordNameQuery('service', id));
  }
}

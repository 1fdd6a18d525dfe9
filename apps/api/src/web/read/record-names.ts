import { Injectable } from '@nestjs/common';
import { CommandExecutor } from '@caretrail/application';
import { organisationDecider, organisationStream, serviceDecider, serviceStream } from '@caretrail/domain';

/**
 * Names of organisations and services for headings and links, from their streams' held, verified
 * states (docs/long-records.md): a name costs the same however long the service's record grows.
 */
@Injectable()
export class RecordNames {
  constructor(private readonly executor: CommandExecutor) {}

  async organisation(id: string | null): Promise<string> {
    if (!id) return '';
    const { state } = await this.executor.loadState(organisationStream(id), organisationDecider);
    return state.name ?? 'Unknown organisation';
  }

  async service(id: string | null): Promise<string> {
    if (!id) return '';
    const { state } = await this.executor.loadState(serviceStream(id), serviceDecider);
    return state.name ?? 'Unknown service';
  }
}

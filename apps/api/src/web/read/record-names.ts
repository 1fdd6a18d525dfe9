import { Injectable } from '@nestjs/common';
import { CommandExecutor } from '@caretrail/application';
import { fold, organisationDecider, organisationStream, serviceDecider, serviceStream } from '@caretrail/domain';

/** Names of organisations and services for headings and links, folded from their own streams. */
@Injectable()
export class RecordNames {
  constructor(private readonly executor: CommandExecutor) {}

  async organisation(id: string | null): Promise<string> {
    if (!id) return '';
    const state = fold(organisationDecider, await this.executor.loadStream(organisationStream(id)));
    return state.name ?? 'Unknown organisation';
  }

  async service(id: string | null): Promise<string> {
    if (!id) return '';
    const state = fold(serviceDecider, await this.executor.loadStream(serviceStream(id)));
    return state.name ?? 'Unknown service';
  }
}

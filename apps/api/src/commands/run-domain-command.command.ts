import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@caretrail/application';
import type { CareTrailCommand } from '@caretrail/domain';

/** A user's action on its way to the domain: the domain command plus who sent it and why. */
export class RunDomainCommand extends Command<CommandResult> {
  constructor(
    readonly command: CareTrailCommand,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}

import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '@caretrail/application';
import { EventsRecorded } from './events-recorded.event';
import { RunDomainCommand } from './run-domain-command.command';

/**
 * The one handler for every domain command: each command's rules live in its CommandSpec and decider,
 * so there is nothing per-command to write here. Events are published only after the append succeeded.
 */
@CommandHandler(RunDomainCommand)
export class RunDomainCommandHandler implements ICommandHandler<RunDomainCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ command, meta }: RunDomainCommand): Promise<CommandResult> {
    const result = await this.executor.execute(command, meta);
    this.eventBus.publish(new EventsRecorded(result));
    return result;
  }
}

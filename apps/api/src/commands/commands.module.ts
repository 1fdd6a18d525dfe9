import { Module } from '@nestjs/common';
import { CommandDispatcher } from './command-dispatcher';
import { RunDomainCommandHandler } from './run-domain-command.handler';

/**
 * Commands on the CommandBus: the one handler that runs every domain command through the decider-driven
 * executor, and the dispatcher the API and the pages send them with (one instance, imported by both).
 */
@Module({
  providers: [RunDomainCommandHandler, CommandDispatcher],
  exports: [CommandDispatcher],
})
export class CommandsModule {}

import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { ContractsController } from './contracts.controller';

/** The contracts area's REST resources: award, confirmation, extension, end, default notices. */
@Module({ imports: [CommandsModule], controllers: [ContractsController] })
export class ContractsModule {}

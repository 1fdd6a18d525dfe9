import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { CouncilsController } from './councils.controller';

/** The councils area's REST resources: a council's own clocks. */
@Module({ imports: [CommandsModule], controllers: [CouncilsController] })
export class CouncilsModule {}

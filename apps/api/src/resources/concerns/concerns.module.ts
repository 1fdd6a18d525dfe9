import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { ConcernsController } from './concerns.controller';

/** The concerns area's REST resources: raising, notifying, acknowledging, escalating, suspending, closing and reopening a concern, its comments, corrections and restrictions, and the concern's record read. */
@Module({ imports: [CommandsModule], controllers: [ConcernsController] })
export class ConcernsModule {}

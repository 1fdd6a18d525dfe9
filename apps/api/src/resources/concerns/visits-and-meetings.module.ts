import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { MeetingsController } from './meetings.controller';
import { VisitReportsController } from './visit-reports.controller';

/** The visits and meetings area's REST resources on a concern: draft visit reports and the provider's challenges, multi-agency meetings with their minutes and actions. */
@Module({ imports: [CommandsModule], controllers: [VisitReportsController, MeetingsController] })
export class VisitsAndMeetingsModule {}

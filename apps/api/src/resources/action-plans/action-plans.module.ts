import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { ActionPlansController } from './action-plans.controller';

/** The action plans area's REST resources: requests, versions, reviews, updates and each action's progress. */
@Module({ imports: [CommandsModule], controllers: [ActionPlansController] })
export class ActionPlansModule {}

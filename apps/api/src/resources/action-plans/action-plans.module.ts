import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { ACTION_PLAN_PAGE_CONTROLLERS } from '../../web/web-controllers';
import { WebCoreModule } from '../../web/web-core.module';
import { ActionPlansController } from './action-plans.controller';

/** The action plans area: its REST resources (requests, versions, reviews, updates and each action's progress) and each action's page forms. */
@Module({ imports: [CommandsModule, WebCoreModule], controllers: [ActionPlansController, ...ACTION_PLAN_PAGE_CONTROLLERS] })
export class ActionPlansModule {}

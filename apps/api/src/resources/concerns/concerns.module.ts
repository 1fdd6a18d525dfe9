import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { CONCERN_PAGE_CONTROLLERS } from '../../web/web-controllers';
import { WebCoreModule } from '../../web/web-core.module';
import { ConcernsController } from './concerns.controller';

/** The concerns area: its REST resources (raising, notifying, acknowledging, escalating, suspending, closing and reopening a concern, its comments, corrections and restrictions, and the concern's record read) and its pages (raising a concern, the case file, its timeline and evidence bundle, its forms). */
@Module({ imports: [CommandsModule, WebCoreModule], controllers: [ConcernsController, ...CONCERN_PAGE_CONTROLLERS] })
export class ConcernsModule {}

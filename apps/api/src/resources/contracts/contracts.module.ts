import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { CONTRACT_PAGE_CONTROLLERS } from '../../web/web-controllers';
import { WebCoreModule } from '../../web/web-core.module';
import { ContractsController } from './contracts.controller';

/** The contracts area: its REST resources (award, confirmation, extension, end, default notices) and its pages. */
@Module({ imports: [CommandsModule, WebCoreModule], controllers: [ContractsController, ...CONTRACT_PAGE_CONTROLLERS] })
export class ContractsModule {}

import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { RatingsController } from './ratings.controller';

/** The regulator area's REST resources: ratings and enforcement at a service. */
@Module({ imports: [CommandsModule], controllers: [RatingsController] })
export class RegulatorModule {}

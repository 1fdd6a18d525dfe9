import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { ServicesController } from '../services/services.controller';
import { OrganisationsController } from './organisations.controller';

/** The organisations and services area's REST resources, with the management of a service (managers, absences, returns) and its identifiers. */
@Module({ imports: [CommandsModule], controllers: [OrganisationsController, ServicesController] })
export class OrganisationsModule {}

import { Module } from '@nestjs/common';
import { CommandsModule } from '../../commands/commands.module';
import { ORGANISATION_PAGE_CONTROLLERS } from '../../web/web-controllers';
import { WebCoreModule } from '../../web/web-core.module';
import { ServicesController } from '../services/services.controller';
import { OrganisationsController } from './organisations.controller';

/** The organisations and services area: its REST resources (with the management of a service: managers, absences, returns; and identifiers) and its pages (registering organisations and services, a council's clocks, the services list and pages, the providers). */
@Module({ imports: [CommandsModule, WebCoreModule], controllers: [OrganisationsController, ServicesController, ...ORGANISATION_PAGE_CONTROLLERS] })
export class OrganisationsModule {}

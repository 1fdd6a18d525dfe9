import { ActionPlansModule } from './action-plans/action-plans.module';
import { ConcernsModule } from './concerns/concerns.module';
import { VisitsAndMeetingsModule } from './concerns/visits-and-meetings.module';
import { ContractsModule } from './contracts/contracts.module';
import { CouncilsModule } from './councils/councils.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { RegulatorModule } from './ratings/regulator.module';
import { ReferenceModule } from './reference/reference.module';

/**
 * The REST resources, one Nest module per area of the domain, each owning its controllers and DTOs;
 * commands go through the CommandsModule's dispatcher onto the CommandBus, reads through the QueryBus.
 */
export const RESOURCE_MODULES = [
  OrganisationsModule,
  CouncilsModule,
  ContractsModule,
  ConcernsModule,
  VisitsAndMeetingsModule,
  ActionPlansModule,
  RegulatorModule,
  ReferenceModule,
];

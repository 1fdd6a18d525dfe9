import { ActionPlansController } from './action-plans/action-plans.controller';
import { ConcernsController } from './concerns/concerns.controller';
import { ContractsController } from './contracts/contracts.controller';
import { CouncilsController } from './councils/councils.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { RatingsController } from './ratings/ratings.controller';
import { QualityFrameworksController } from './reference/quality-frameworks.controller';
import { ServicesController } from './services/services.controller';
import { VisitReportsController } from './concerns/visit-reports.controller';
import { MeetingsController } from './concerns/meetings.controller';

/** Every REST controller, grouped by resource. */
export const RESOURCE_CONTROLLERS = [
  OrganisationsController,
  CouncilsController,
  ServicesController,
  ContractsController,
  ConcernsController,
  VisitReportsController,
  MeetingsController,
  ActionPlansController,
  RatingsController,
  QualityFrameworksController,
];

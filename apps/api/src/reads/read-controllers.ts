import { AdminProjectionsController } from './admin-projections.controller';
import { DashboardsController } from './dashboards.controller';
import { MeasuresController } from './measures.controller';
import { TimelinesController } from './timelines.controller';

/** Controllers of the read side: timelines, measures, dashboards, projection admin. */
export const READ_CONTROLLERS = [TimelinesController, MeasuresController, DashboardsController, AdminProjectionsController];

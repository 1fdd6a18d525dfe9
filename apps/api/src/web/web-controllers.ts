import { ConcernFormsController } from './pages/concern-forms.controller';
import { ContractPagesController } from './pages/contract-pages.controller';
import { ConcernPagesController } from './pages/concern-pages.controller';
import { EvidencePagesController } from './pages/evidence-pages.controller';
import { FooterPagesController } from './pages/footer-pages.controller';
import { IdentifierFormsController } from './pages/identifier-forms.controller';
import { ImportPagesController } from './import/import-pages.controller';
import { OrganisationFormsController } from './pages/organisation-forms.controller';
import { OidcSignInController } from './pages/oidc-sign-in.controller';
import { PlanActionFormsController } from './pages/plan-action-forms.controller';
import { DashboardController } from './pages/dashboard.controller';
import { ProviderPagesController } from './pages/provider-pages.controller';
import { RaiseConcernController } from './pages/raise-concern.controller';
import { ReportPagesController } from './pages/report-pages.controller';
import { RootController } from './pages/root.controller';
import { ServiceFormsController } from './pages/service-forms.controller';
import { ServiceListController } from './pages/service-list.controller';
import { ServicePagesController } from './pages/service-pages.controller';
import { SignInController } from './pages/sign-in.controller';
import { TodoPagesController } from './pages/todo-pages.controller';

/*
 * The page controllers, by the Nest module of their area that declares them (docs/architecture.md,
 * "Shape of the code"). Order matters within an area, and Nest registers an area's routes in the order
 * its module lists them: `concerns/new` before `concerns/:concernId`, the case file's own pages
 * (`concerns/:concernId/timeline`, `.../evidence`) before the forms (`concerns/:concernId/:form`), and
 * `services/new` and the service forms before the service page's `services/:serviceId/:form`. No route
 * of one area can take another's: each area's pages sit under paths of their own.
 */

/** The signed-in home (WebModule): sign-in, the start page, the dashboard, the to-do list, the history import, the footer pages. */
export const HOME_PAGE_CONTROLLERS = [
  RootController,
  SignInController,
  FooterPagesController,
  OidcSignInController,
  DashboardController,
  TodoPagesController,
  ImportPagesController,
];

/** Organisations and services (OrganisationsModule): registering them, a council's clocks, identifiers, the services list and pages, the providers. */
export const ORGANISATION_PAGE_CONTROLLERS = [
  // services/new before services/:serviceId.
  OrganisationFormsController,
  IdentifierFormsController,
  // Before the service page's controller: its forms (with the council's contracts) are served here.
  ServiceFormsController,
  ServicePagesController,
  ServiceListController,
  ProviderPagesController,
];

/** Contracts (ContractsModule). */
export const CONTRACT_PAGE_CONTROLLERS = [ContractPagesController];

/** Concerns (ConcernsModule): raising one, the case file, its timeline and evidence bundle, and its forms. */
export const CONCERN_PAGE_CONTROLLERS = [RaiseConcernController, ConcernPagesController, EvidencePagesController, ConcernFormsController];

/** Action plans (ActionPlansModule): each action's forms. */
export const ACTION_PLAN_PAGE_CONTROLLERS = [PlanActionFormsController];

/** Reports (ReportsModule): a council's report. */
export const REPORT_PAGE_CONTROLLERS = [ReportPagesController];

/** Every page controller: the session and CSRF middleware is applied to their routes (WebCoreModule). */
export const WEB_CONTROLLERS = [
  ...HOME_PAGE_CONTROLLERS,
  ...ORGANISATION_PAGE_CONTROLLERS,
  ...CONTRACT_PAGE_CONTROLLERS,
  ...CONCERN_PAGE_CONTROLLERS,
  ...ACTION_PLAN_PAGE_CONTROLLERS,
  ...REPORT_PAGE_CONTROLLERS,
];

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

/**
 * Every page controller. Order matters: `concerns/new` before `concerns/:id`, and the case file's own
 * pages (`concerns/:id/timeline`) before the forms (`concerns/:id/:form`).
 */
export const WEB_CONTROLLERS = [
  RootController,
  SignInController,
  FooterPagesController,
  OidcSignInController,
  DashboardController,
  ProviderPagesController,
  RaiseConcernController,
  ConcernPagesController,
  EvidencePagesController,
  ConcernFormsController,
  PlanActionFormsController,
  // services/new before services/:serviceId.
  OrganisationFormsController,
  IdentifierFormsController,
  // Before the service page's controller: its forms (with the council's contracts) are served here.
  ServiceFormsController,
  ServicePagesController,
  ServiceListController,
  ContractPagesController,
  TodoPagesController,
  ReportPagesController,
  ImportPagesController,
];

import type { Relation } from './access-relations';
import { withRenamedRoutes } from '../openapi/renamed-routes';

/**
 * Who may call what: every route of the API (method and OpenAPI path) and every page, in one table.
 * A route missing here is refused to everyone (and fails the access-matrix test), so a new route
 * cannot ship without a decision. Relations are stated per record; the guard enforces the part that
 * follows from who the caller is, the domain and `readAccess` the part that needs the record.
 */
export type AccessRule =
  | { public: true }
  | { allow: readonly Relation[] }
  /** Routes over a `{scope}` or `{form}` path parameter: one rule per value. */
  | {
      byParam: string;
      rules: Readonly<Record<string, readonly Relation[]>>;
      /**
       * The guard admits anyone some value admits, and the domain refuses the rest (403): so a page
       * form shows its refusal in the form's error summary rather than as a bare error page.
       */
      refusedByDomain?: true;
    };

const READ_ACROSS: Relation[] = ['regulator', 'auditor', 'admin'];
const ANYONE: Relation[] = ['ownProvider', 'otherProvider', 'commissioningCouncil', 'unrelatedCouncil', 'regulator', 'auditor', 'admin'];
const CONCERN_PARTIES: Relation[] = ['ownProvider', 'commissioningCouncil'];

export const READ = {
  concern: [...CONCERN_PARTIES, ...READ_ACROSS],
  /** Services are registered locations, public at the regulator; only other providers are kept out. */
  service: ANYONE.filter((r) => r !== 'otherProvider'),
  contract: [...CONCERN_PARTIES, ...READ_ACROSS],
  provider: ['ownProvider', ...READ_ACROSS] as Relation[],
  council: ['commissioningCouncil', ...READ_ACROSS] as Relation[],
};

const COUNCIL: Relation[] = ['commissioningCouncil'];
const PROVIDER: Relation[] = ['ownProvider'];
const REGULATOR: Relation[] = ['regulator'];
/** Those who speak on a record: its two parties and the regulator (never an auditor). */
const SPEAKERS: Relation[] = [...CONCERN_PARTIES, 'regulator'];

const scoped = (rules: Record<string, readonly Relation[]>): AccessRule => ({ byParam: 'scope', rules });
const byForm = (rules: Record<string, readonly Relation[]>): AccessRule => ({ byParam: 'form', rules });
const allow = (...relations: Relation[][]): AccessRule => ({ allow: relations.flat() });

/** The current plural paths (docs/api.md) admit whom their deprecated singular paths admit: openapi/renamed-routes.ts. */
export const API_ACCESS_POLICY: Readonly<Record<string, AccessRule>> = withRenamedRoutes({
  'GET /health': { public: true },
  'GET /evidence/public-key': allow(ANYONE),

  'POST /organisations': allow(['admin']),
  'GET /organisations/{organisationId}': allow(ANYONE),
  'GET /reference/quality-frameworks': allow(ANYONE),
  /** The domain admits only the provider itself (others 403) and administrators. */
  'POST /organisations/{organisationId}/identifiers': allow(PROVIDER, ['admin']),

  /** A council sets its own clocks (the domain refuses another council's staff); anyone may read them. */
  'POST /councils/{councilId}/clocks': allow(COUNCIL, ['admin']),
  'GET /councils/{councilId}/clocks': allow(ANYONE),

  'POST /services': allow(PROVIDER, ['admin']),
  'GET /services/{serviceId}': allow(READ.service),
  'POST /services/{serviceId}/identifiers': allow(PROVIDER, ['admin']),
  'POST /services/{serviceId}/managers': allow(PROVIDER),
  'POST /services/{serviceId}/managers/{managerId}/departure': allow(PROVIDER),
  'POST /services/{serviceId}/managers/{managerId}/registration': allow(PROVIDER),
  'POST /services/{serviceId}/managers/{managerId}/absences': allow(PROVIDER),
  'POST /services/{serviceId}/managers/{managerId}/returns': allow(PROVIDER),
  'POST /services/{serviceId}/visits': allow(SPEAKERS),
  'POST /services/{serviceId}/comments': allow(SPEAKERS),
  'POST /services/{serviceId}/corrections': allow(SPEAKERS),
  'POST /services/{serviceId}/retractions': allow(SPEAKERS),
  'POST /services/{serviceId}/ratings': allow(REGULATOR),
  'POST /services/{serviceId}/enforcement-actions': allow(REGULATOR),

  /**
   * Any council awards its own contracts, but an award gives it no rights (it is not yet the
   * commissioning council) until the provider confirms it; an administrator records a signed contract,
   * confirmed at once (docs/contracts.md).
   */
  'POST /contracts': allow(['commissioningCouncil', 'unrelatedCouncil', 'admin']),
  'GET /contracts/{contractId}': allow(READ.contract),
  /** The provider the award was made to (the domain refuses any other), or an administrator from the signed contract. */
  'POST /contracts/{contractId}/confirmation': allow(PROVIDER, ['admin']),
  'POST /contracts/{contractId}/extensions': allow(COUNCIL),
  'POST /contracts/{contractId}/ending': allow(COUNCIL),
  'POST /contracts/{contractId}/default-notices': allow(COUNCIL),
  'POST /contracts/{contractId}/comments': allow(CONCERN_PARTIES),
  'POST /contracts/{contractId}/corrections': allow(CONCERN_PARTIES),
  'POST /contracts/{contractId}/retractions': allow(CONCERN_PARTIES),

  'POST /concerns': allow(COUNCIL),
  'GET /concerns/{concernId}': allow(READ.concern),
  'POST /concerns/{concernId}/notification': allow(COUNCIL),
  'POST /concerns/{concernId}/acknowledgement': allow(PROVIDER),
  'POST /concerns/{concernId}/escalations': allow(COUNCIL),
  'POST /concerns/{concernId}/deescalations': allow(COUNCIL),
  'POST /concerns/{concernId}/placement-suspensions': allow(COUNCIL),
  'POST /concerns/{concernId}/placement-resumptions': allow(COUNCIL),
  'POST /concerns/{concernId}/closure': allow(COUNCIL),
  'POST /concerns/{concernId}/reopening': allow(COUNCIL),
  'POST /concerns/{concernId}/visits': allow(SPEAKERS),
  'POST /concerns/{concernId}/review-meetings': allow(COUNCIL),
  'POST /concerns/{concernId}/meetings': allow(COUNCIL),
  'POST /concerns/{concernId}/meetings/{meetingId}/agenda': allow(COUNCIL),
  'POST /concerns/{concernId}/meetings/{meetingId}/minutes': allow(COUNCIL),
  /** The council completes any meeting action; the provider those it owns (the domain refuses it the rest: meeting-action-owner-party). */
  'POST /concerns/{concernId}/meetings/{meetingId}/actions/{actionId}/completion': allow(CONCERN_PARTIES),
  /** Issue 16 item 3: the council drafts, decides (another officer than the author: the domain) and publishes; the provider challenges its own concern's drafts. */
  'POST /concerns/{concernId}/visit-reports': allow(COUNCIL),
  'POST /concerns/{concernId}/visit-reports/{visitId}/challenges': allow(PROVIDER),
  'POST /concerns/{concernId}/visit-reports/{visitId}/challenges/{challengeId}/decision': allow(COUNCIL),
  'POST /concerns/{concernId}/visit-reports/{visitId}/publication': allow(COUNCIL),
  'POST /concerns/{concernId}/comments': allow(SPEAKERS),
  /** Only the recorder of a restricted entry lifts its restriction (the domain: 403 for anyone else). */
  'POST /concerns/{concernId}/restriction-lifts': allow(SPEAKERS),
  'POST /concerns/{concernId}/corrections': allow(SPEAKERS),
  'POST /concerns/{concernId}/retractions': allow(SPEAKERS),
  'POST /concerns/{concernId}/action-plan/request': allow(COUNCIL),
  'POST /concerns/{concernId}/action-plan/versions': allow(PROVIDER),
  'POST /concerns/{concernId}/action-plan/versions/{version}/return': allow(COUNCIL),
  'POST /concerns/{concernId}/action-plan/versions/{version}/acceptance': allow(COUNCIL),
  'POST /concerns/{concernId}/action-plan/updates': allow(PROVIDER),
  'POST /concerns/{concernId}/action-plan/actions/{actionId}/due-date-revisions': allow(CONCERN_PARTIES),
  'POST /concerns/{concernId}/action-plan/actions/{actionId}/completion-claims': allow(PROVIDER),
  'POST /concerns/{concernId}/action-plan/actions/{actionId}/verification': allow(COUNCIL),
  'POST /concerns/{concernId}/action-plan/actions/{actionId}/verification-rejections': allow(COUNCIL),

  'GET /timelines/{scope}/{id}': scoped({ concerns: READ.concern, services: READ.service, providers: READ.provider, councils: READ.council }),
  'GET /measures/{scope}/{id}': scoped({ concerns: READ.concern, services: READ.service, providers: READ.provider, councils: READ.council }),
  'GET /evidence/{scope}/{id}': scoped({ concerns: READ.concern, services: READ.service, providers: READ.provider }),
  'GET /dashboards/councils/{councilId}': allow(READ.council),
  'GET /dashboards/providers/{providerId}': allow(READ.provider),

  /** A council's report on its commissioned services: its own people and administrators only (docs/reports.md). */
  'GET /reports/councils/{councilId}': allow(COUNCIL, ['admin']),
  'GET /reports/councils/{councilId}/public': allow(COUNCIL, ['admin']),
  'GET /reports/councils/{councilId}/bundle': allow(COUNCIL, ['admin']),

  /** Who looked: the provider itself, and those who read across services. */
  'GET /audit/reads': allow(READ.provider),

  'GET /admin/projections': allow(['admin']),
  /** E-mail contacts: each organisation keeps its own (another's is not there: 404), an administrator anyone's. */
  'GET /notifications/contacts': allow(ANYONE),
  'POST /notifications/contacts': allow(ANYONE),
  'DELETE /notifications/contacts/{contactId}': allow(ANYONE),
  'GET /admin/notifications': allow(['admin']),
  'POST /admin/notifications/{reference}/retry': allow(['admin']),
  'POST /admin/projections/{name}/rebuild': allow(['admin']),
});

/** Forms on a concern's pages, by slug: each says who may open and send it. */
const CONCERN_PAGE_FORMS: Record<string, readonly Relation[]> = {
  notify: COUNCIL,
  escalate: COUNCIL,
  deescalate: COUNCIL,
  close: COUNCIL,
  reopen: COUNCIL,
  'request-plan': COUNCIL,
  'return-plan': COUNCIL,
  'review-plan': COUNCIL,
  'accept-plan': COUNCIL,
  'suspend-placements': COUNCIL,
  'resume-placements': COUNCIL,
  'review-meeting': COUNCIL,
  'schedule-meeting': COUNCIL,
  'meeting-agenda': COUNCIL,
  'meeting-minutes': COUNCIL,
  'complete-meeting-action': [...COUNCIL, ...PROVIDER],
  acknowledge: PROVIDER,
  'submit-plan': PROVIDER,
  update: PROVIDER,
  'draft-report': COUNCIL,
  'challenge-finding': PROVIDER,
  'decide-challenge': COUNCIL,
  'publish-report': COUNCIL,
  visit: SPEAKERS,
  comment: SPEAKERS,
  correction: SPEAKERS,
  retract: SPEAKERS,
  'lift-restriction': SPEAKERS,
};
/** Forms on one action of a concern's plan: the provider claims and moves due dates, the council judges claims and records agreed dates. */
const ACTION_PAGE_FORMS: Record<string, readonly Relation[]> = {
  claim: PROVIDER,
  'revise-due-date': [...PROVIDER, ...COUNCIL],
  verify: COUNCIL,
  reject: COUNCIL,
};
const SERVICE_PAGE_FORMS: Record<string, readonly Relation[]> = {
  'appoint-manager': PROVIDER,
  'manager-left': PROVIDER,
  'register-manager': PROVIDER,
  'manager-absence': PROVIDER,
  'manager-return': PROVIDER,
  visit: SPEAKERS,
  comment: SPEAKERS,
  correction: SPEAKERS,
  retract: SPEAKERS,
  rating: REGULATOR,
  enforcement: REGULATOR,
  identifiers: [...PROVIDER, 'admin'],
};

/** Forms on a contract's page: the council's extension, ending and default notice; both parties' comments and withdrawals. */
const CONTRACT_PAGE_FORMS: Record<string, readonly Relation[]> = {
  extend: COUNCIL,
  end: COUNCIL,
  'default-notice': COUNCIL,
  comment: CONCERN_PARTIES,
  correction: CONCERN_PARTIES,
  retract: CONCERN_PARTIES,
};

/** The pages (signed in by session cookie), checked by the web session guard. */
export const PAGE_ACCESS_POLICY: Readonly<Record<string, AccessRule>> = {
  'GET /': { public: true },
  'GET /app': { public: true },
  'GET /app/sign-in': { public: true },
  'POST /app/sign-in': { public: true },
  /** OpenID sign-in: off to the issuer, and back with a code (the state cookie binds the two). */
  'GET /app/sign-in/start': { public: true },
  'GET /app/sign-in/callback': { public: true },
  'POST /app/sign-out': { public: true },
  /** The footer's pages: the accessibility statement, privacy notice and cookies, signed in or not. */
  'GET /app/accessibility': { public: true },
  'GET /app/privacy': { public: true },
  'GET /app/cookies': { public: true },
  'GET /app/dashboard': allow(['commissioningCouncil', 'unrelatedCouncil']),
  /** The dashboard's work queues, each on a page of its own (pages/work-queue.page.ts). */
  'GET /app/dashboard/plans-awaiting-review': allow(['commissioningCouncil', 'unrelatedCouncil']),
  'GET /app/dashboard/overdue-updates': allow(['commissioningCouncil', 'unrelatedCouncil']),
  'GET /app/dashboard/overdue-actions': allow(['commissioningCouncil', 'unrelatedCouncil']),
  'GET /app/dashboard/no-registered-manager': allow(['commissioningCouncil', 'unrelatedCouncil']),
  /** A council's contracts; a provider's contracts the reader may read (its own, a council's with it, all for the regulator). */
  'GET /app/dashboard/contracts': allow(['commissioningCouncil', 'unrelatedCouncil']),
  'GET /app/providers/{providerId}/contracts': allow(READ.service),
  /** The list shows a provider only itself; others see every provider's name. */
  'GET /app/providers': allow(ANYONE),
  /** The overview is the provider's services (public) with only the concerns the reader may read. */
  'GET /app/providers/{providerId}': allow(READ.service),
  'GET /app/concerns/new': allow(['commissioningCouncil', 'unrelatedCouncil']),
  'POST /app/concerns/new': allow(['commissioningCouncil', 'unrelatedCouncil']),
  'GET /app/concerns/{concernId}': allow(READ.concern),
  'GET /app/concerns/{concernId}/timeline': allow(READ.concern),
  'GET /app/concerns/{concernId}/evidence': allow(READ.concern),
  'GET /app/concerns/{concernId}/evidence.json': allow(READ.concern),
  /** A form opens for those who may send it (the case file offers it to them only: pages/offered-actions.ts). */
  'GET /app/concerns/{concernId}/{form}': byForm(CONCERN_PAGE_FORMS),
  'POST /app/concerns/{concernId}/{form}': { ...byForm(CONCERN_PAGE_FORMS), refusedByDomain: true },
  'GET /app/concerns/{concernId}/actions/{actionId}/{form}': byForm(ACTION_PAGE_FORMS),
  'POST /app/concerns/{concernId}/actions/{actionId}/{form}': byForm(ACTION_PAGE_FORMS),
  /** Services are public at the regulator: the list shows a provider only its own, others every registered one (pages/service-list.page.ts). */
  'GET /app/services': allow(ANYONE),
  'GET /app/services/{serviceId}': allow(READ.service),
  'GET /app/services/{serviceId}/{form}': byForm(SERVICE_PAGE_FORMS),
  'POST /app/services/{serviceId}/{form}': byForm(SERVICE_PAGE_FORMS),
  /** The provider confirms an award made to it, an administrator from the signed copy (docs/contracts.md); a stranger to the contract gets 404. */
  'GET /app/contracts/{contractId}/confirm': allow(PROVIDER, ['admin']),
  /** The history import (docs/importing.md): a council's officers; the domain decides each row (an administrator records no council steps). */
  'GET /app/import': allow(['commissioningCouncil', 'unrelatedCouncil']),
  'POST /app/import': allow(['commissioningCouncil', 'unrelatedCouncil']),
  'POST /app/import/record': allow(['commissioningCouncil', 'unrelatedCouncil']),
  /** The signed-in council's report (an administrator chooses a council); docs/reports.md. */
  'GET /app/report': allow(['commissioningCouncil', 'unrelatedCouncil', 'admin']),
  'GET /app/report/sources': allow(['commissioningCouncil', 'unrelatedCouncil', 'admin']),
  'GET /app/report/download': allow(['commissioningCouncil', 'unrelatedCouncil', 'admin']),
  'POST /app/contracts/{contractId}/confirm': allow(PROVIDER, ['admin']),
  /** A council sets its own clocks (the page refuses another council's staff), as on the API. */
  'GET /app/councils/{councilId}/clocks': allow(COUNCIL, ['admin']),
  'POST /app/councils/{councilId}/clocks': allow(COUNCIL, ['admin']),
  /**
   * The administrator registers organisations; a provider its own services (any provider: the page
   * registers the service as its own, so it is that service's provider), an administrator any provider's.
   */
  'GET /app/organisations/new': allow(['admin']),
  'POST /app/organisations/new': allow(['admin']),
  'GET /app/services/new': allow(['ownProvider', 'otherProvider', 'admin']),
  'POST /app/services/new': allow(['ownProvider', 'otherProvider', 'admin']),
  /** A provider records its own CQC provider id (the domain refuses another provider's), an administrator any provider's. */
  'GET /app/organisations/{organisationId}/identifiers': allow(PROVIDER, ['admin']),
  'POST /app/organisations/{organisationId}/identifiers': allow(PROVIDER, ['admin']),
  /** A council awards in its own name; an administrator records a signed contract (the API's rule). */
  'GET /app/contracts/new': allow(['commissioningCouncil', 'unrelatedCouncil', 'admin']),
  'POST /app/contracts/new': allow(['commissioningCouncil', 'unrelatedCouncil', 'admin']),
  /** A contract's page: its parties and those who read across; its forms for those who may send them. */
  'GET /app/contracts/{contractId}': allow(READ.contract),
  'GET /app/contracts/{contractId}/{form}': byForm(CONTRACT_PAGE_FORMS),
  'POST /app/contracts/{contractId}/{form}': byForm(CONTRACT_PAGE_FORMS),
  /** Each person's to-do list, of their own organisation (regulators and administrators have none). */
  'GET /app/todo': allow(ANYONE),
};

import request from 'supertest';
import { initialConcernState, type ConcernState, type PlanAction } from '@caretrail/domain';
import { API_ACCESS_POLICY, PAGE_ACCESS_POLICY, type AccessRule } from '../../apps/api/src/access/access-policy';
import { admittedRelations } from '../../apps/api/src/access/access-decision';
import { RELATIONS, type Relation } from '../../apps/api/src/access/access-relations';
import { actionOffers, concernOffers, contractOffers, providerOffers, registrationOffers, serviceOffers } from '../../apps/api/src/web/pages/offered-actions';
import { seedDemoStory, startTestApp, type TestApp } from '../support/test-app';
import { TOKEN_BY_RELATION } from './access-relations.fixture';

/**
 * The one access policy decides what the pages offer. Statically: every command the API lets a
 * relation record has a page form that relation may send, and no page form admits a relation its
 * command refuses; every form is offered by some page in some state. In the running application,
 * over the demo story: every link a page shows its reader (the offered forms among them) opens, never
 * a 403 or 404 ("Record an inspection" offered to the auditor, then refused, was the bug).
 */

const CONCERN_FORM = 'POST /app/concerns/{concernId}/{form}';
const ACTION_FORM = 'POST /app/concerns/{concernId}/actions/{actionId}/{form}';
const SERVICE_FORM = 'POST /app/services/{serviceId}/{form}';
const CONTRACT_FORM = 'POST /app/contracts/{contractId}/{form}';
interface PageForm {
  page: string;
  form?: string;
}
const concern = (form: string): PageForm => ({ page: CONCERN_FORM, form });
const action = (form: string): PageForm => ({ page: ACTION_FORM, form });
const service = (form: string): PageForm => ({ page: SERVICE_FORM, form });
const contract = (form: string): PageForm => ({ page: CONTRACT_FORM, form });

/** Each command of the API (by the policy's key) and the page forms that send it. */
const PAGE_FORMS_OF: Record<string, PageForm[]> = {
  'POST /organisations': [{ page: 'POST /app/organisations/new' }],
  'POST /councils/{councilId}/clocks': [{ page: 'POST /app/councils/{councilId}/clocks' }],
  'POST /services': [{ page: 'POST /app/services/new' }],
  'POST /services/{serviceId}/managers': [service('appoint-manager')],
  'POST /services/{serviceId}/managers/{managerId}/departure': [service('manager-left')],
  'POST /services/{serviceId}/managers/{managerId}/registration': [service('register-manager')],
  'POST /services/{serviceId}/managers/{managerId}/absences': [service('manager-absence')],
  'POST /services/{serviceId}/managers/{managerId}/returns': [service('manager-return')],
  'POST /services/{serviceId}/visits': [service('visit')],
  'POST /services/{serviceId}/comments': [service('comment')],
  'POST /services/{serviceId}/corrections': [service('correction')],
  'POST /services/{serviceId}/retractions': [service('retract')],
  'POST /services/{serviceId}/ratings': [service('rating')],
  'POST /services/{serviceId}/enforcement-actions': [service('enforcement')],
  'POST /services/{serviceId}/identifiers': [service('identifiers')],
  'POST /organisations/{organisationId}/identifiers': [{ page: 'POST /app/organisations/{organisationId}/identifiers' }],
  'POST /contracts': [{ page: 'POST /app/contracts/new' }],
  'POST /contracts/{contractId}/confirmation': [{ page: 'POST /app/contracts/{contractId}/confirm' }],
  'POST /contracts/{contractId}/extensions': [contract('extend')],
  'POST /contracts/{contractId}/ending': [contract('end')],
  'POST /contracts/{contractId}/default-notices': [contract('default-notice')],
  'POST /contracts/{contractId}/comments': [contract('comment')],
  'POST /contracts/{contractId}/corrections': [contract('correction')],
  'POST /contracts/{contractId}/retractions': [contract('retract')],
  'POST /concerns': [{ page: 'POST /app/concerns/new' }],
  'POST /concerns/{concernId}/notification': [concern('notify')],
  'POST /concerns/{concernId}/acknowledgement': [concern('acknowledge')],
  'POST /concerns/{concernId}/escalations': [concern('escalate')],
  'POST /concerns/{concernId}/deescalations': [concern('deescalate')],
  'POST /concerns/{concernId}/placement-suspensions': [concern('suspend-placements')],
  'POST /concerns/{concernId}/placement-resumptions': [concern('resume-placements')],
  'POST /concerns/{concernId}/closure': [concern('close')],
  'POST /concerns/{concernId}/reopening': [concern('reopen')],
  'POST /concerns/{concernId}/visits': [concern('visit')],
  'POST /concerns/{concernId}/review-meetings': [concern('review-meeting')],
  'POST /concerns/{concernId}/meetings': [concern('schedule-meeting')],
  'POST /concerns/{concernId}/meetings/{meetingId}/agenda': [concern('meeting-agenda')],
  'POST /concerns/{concernId}/meetings/{meetingId}/minutes': [concern('meeting-minutes')],
  'POST /concerns/{concernId}/meetings/{meetingId}/actions/{actionId}/completion': [concern('complete-meeting-action')],
  'POST /concerns/{concernId}/visit-reports': [concern('draft-report')],
  'POST /concerns/{concernId}/visit-reports/{visitId}/challenges': [concern('challenge-finding')],
  'POST /concerns/{concernId}/visit-reports/{visitId}/challenges/{challengeId}/decision': [concern('decide-challenge')],
  'POST /concerns/{concernId}/visit-reports/{visitId}/publication': [concern('publish-report')],
  'POST /concerns/{concernId}/comments': [concern('comment')],
  'POST /concerns/{concernId}/restriction-lifts': [concern('lift-restriction')],
  'POST /concerns/{concernId}/corrections': [concern('correction')],
  'POST /concerns/{concernId}/retractions': [concern('retract')],
  'POST /concerns/{concernId}/action-plan/request': [concern('request-plan')],
  'POST /concerns/{concernId}/action-plan/versions': [concern('submit-plan')],
  'POST /concerns/{concernId}/action-plan/versions/{version}/return': [concern('return-plan'), concern('review-plan')],
  'POST /concerns/{concernId}/action-plan/versions/{version}/acceptance': [concern('accept-plan'), concern('review-plan')],
  'POST /concerns/{concernId}/action-plan/updates': [concern('update')],
  'POST /concerns/{concernId}/action-plan/actions/{actionId}/due-date-revisions': [action('revise-due-date')],
  'POST /concerns/{concernId}/action-plan/actions/{actionId}/completion-claims': [action('claim')],
  'POST /concerns/{concernId}/action-plan/actions/{actionId}/verification': [action('verify')],
  'POST /concerns/{concernId}/action-plan/actions/{actionId}/verification-rejections': [action('reject')],
};

/** Routes that change no record of the scrutiny (operations, e-mail settings): no page is owed here. */
const NOT_RECORD_COMMANDS = [/^POST \/admin\//, /^(POST|DELETE) \/notifications\//];

/**
 * Where the record is chosen on the form itself, the page admits whoever could hold the API's relation
 * once they choose: any council opens "Raise a concern", which lists only the confirmed contracts it
 * holds (a council without one has nothing to choose, and the domain refuses a contract not its own);
 * any provider opens "Register a service", which registers the service as its own.
 */
const CHOSEN_ON_THE_FORM: Record<string, Relation[]> = { 'POST /concerns': ['unrelatedCouncil'], 'POST /services': ['otherProvider'] };

const isCommand = (key: string) => !key.startsWith('GET ') && !NOT_RECORD_COMMANDS.some((p) => p.test(key));
const relationsOf = (rule: AccessRule, params: Record<string, string> = {}): readonly Relation[] => {
  const admitted = admittedRelations(rule, params);
  return admitted === 'public' ? RELATIONS : admitted;
};
const pageRelations = ({ page, form }: PageForm) => relationsOf(PAGE_ACCESS_POLICY[page], form ? { form } : {});

describe('offered equals allowed: the policy, the commands and the forms', () => {
  // A route renamed on the API (the old name kept as a deprecated alias) carries the same rule object.
  const mappedRules = new Set(Object.keys(PAGE_FORMS_OF).map((k) => API_ACCESS_POLICY[k]));
  const commands = Object.keys(API_ACCESS_POLICY).filter(isCommand);

  it('every command of the API has a page form (or is a renamed route of one that has)', () => {
    expect(commands.filter((k) => !(k in PAGE_FORMS_OF) && !mappedRules.has(API_ACCESS_POLICY[k]))).toEqual([]);
    expect(Object.keys(PAGE_FORMS_OF).filter((k) => !(k in API_ACCESS_POLICY))).toEqual([]);
  });

  it.each(Object.keys(PAGE_FORMS_OF))('%s: each relation the API lets record it has a form it may send, and no form admits more', (key) => {
    const api = relationsOf(API_ACCESS_POLICY[key]);
    const forms = PAGE_FORMS_OF[key];
    for (const f of forms) expect({ form: f, page: PAGE_ACCESS_POLICY[f.page] === undefined ? 'missing' : 'present' }).toEqual({ form: f, page: 'present' });
    const onPages = new Set(forms.flatMap(pageRelations));
    expect({ key, withoutAPage: api.filter((r) => !onPages.has(r)) }).toEqual({ key, withoutAPage: [] });
    for (const f of forms)
      expect({
        key,
        form: f.form ?? f.page,
        refusedByTheApi: pageRelations(f).filter((r) => !api.includes(r) && !(CHOSEN_ON_THE_FORM[key] ?? []).includes(r)),
      }).toEqual({ key, form: f.form ?? f.page, refusedByTheApi: [] });
  });

  it('every form the pages serve sends a command of the API', () => {
    const sent = new Set(
      Object.values(PAGE_FORMS_OF)
        .flat()
        .map((f) => `${f.page} ${f.form ?? ''}`.trim()),
    );
    const served = [CONCERN_FORM, ACTION_FORM, SERVICE_FORM, CONTRACT_FORM].flatMap((page) => {
      const rule = PAGE_ACCESS_POLICY[page];
      return 'rules' in rule ? Object.keys(rule.rules).map((form) => `${page} ${form}`) : [];
    });
    expect(served.filter((f) => !sent.has(f))).toEqual([]);
  });
});

/** A concern in one of the states that change what is offered. */
function concernIn(
  stage: 'raised' | 'plan-under-review' | 'plan-running' | 'closed' | 'report-challenged' | 'restricted-entry' | 'meeting-called',
): ConcernState {
  const base = initialConcernState();
  const at = '2026-01-05T10:00:00.000Z';
  const plan = base.plan;
  const requested = { dueOn: '2026-02-01', updateCadenceDays: 7, graceDays: 2, at } as unknown as typeof plan.requested;
  const version = (status: string) => ({ version: 1, status, actions: [], summary: '', submittedAt: at }) as unknown as (typeof plan.versions)[number];
  const draftReport = {
    eventId: 'e',
    visitId: 'v',
    visitType: 'pamms_audit',
    announced: true,
    visitedOn: '2026-01-05',
    visitorRole: 'PAMMS assessor',
    findings: [
      { findingNo: 1, text: 'A', tags: [] },
      { findingNo: 2, text: 'B', tags: [] },
    ],
    challengeWindowWorkingDays: 14,
    sharedOn: '2026-01-05',
    challengeClosesOn: '2999-12-31',
    draftedBy: 'u',
    at,
    publishedAt: null,
    published: null,
    challenges: [{ eventId: 'e2', challengeId: 'ch', findingNo: 1, whatIsWrong: 'x', evidence: [], at, decision: null }],
  } as ConcernState['reports'][number];
  // A meeting called and not yet held, and an open action from an earlier one (issue 16 item 1).
  const meetingPlan = {
    eventId: 'm',
    meetingId: 'm',
    meetingKind: 'provider_concerns_meeting',
    meetingOn: '2026-02-10',
    invitations: [],
    agenda: null,
    heldEventId: null,
    at,
  } as ConcernState['meetingPlans'][number];
  const meetingAction = {
    actionId: 'ma',
    meetingId: 'm0',
    meetingKind: 'review_meeting',
    heldOn: '2026-01-05',
    description: 'Re-audit',
    owner: 'QA officer',
    dueOn: '2026-02-01',
    status: 'open',
    completion: null,
  } as ConcernState['meetingActions'][number];
  const byStage: Record<typeof stage, Partial<ConcernState>> = {
    raised: { status: 'raised' },
    'plan-under-review': { status: 'acknowledged', notifiedAt: at, acknowledgedAt: at, plan: { ...plan, requested, versions: [version('submitted')] } },
    'plan-running': {
      status: 'acknowledged',
      notifiedAt: at,
      acknowledgedAt: at,
      escalationLevel: 2,
      placementsSuspended: true,
      plan: { ...plan, requested, versions: [version('accepted')], acceptedVersion: 1 },
    },
    closed: { status: 'closed', notifiedAt: at, acknowledgedAt: at },
    // A draft report (its window open far ahead) with one finding challenged and one still open to challenge.
    'report-challenged': { status: 'acknowledged', notifiedAt: at, acknowledgedAt: at, reports: [draftReport] },
    // A comment restricted to named organisations (docs/restricted-entries.md): its recorder may lift the restriction.
    'restricted-entry': {
      status: 'raised',
      log: {
        comments: [],
        corrections: {},
        retractions: {},
        entries: { r: { eventId: 'r', type: 'RestrictedEntryRecorded', organisationId: 'council', occurredAt: at, fields: [], data: {} } },
      },
    },
    'meeting-called': { status: 'acknowledged', notifiedAt: at, acknowledgedAt: at, meetingPlans: [meetingPlan], meetingActions: [meetingAction] },
  };
  return { ...base, exists: true, concernId: 'c', councilId: 'council', providerId: 'provider', ...byStage[stage] } as ConcernState;
}

describe('offered equals allowed: every form is offered somewhere', () => {
  const slugsOf = (links: { href: string }[]) => links.map((l) => new URL(l.href, 'http://x').pathname.split('/').at(-1)!);
  const rulesOf = (page: string) => {
    const rule = PAGE_ACCESS_POLICY[page];
    return 'rules' in rule ? Object.keys(rule.rules) : [];
  };

  it('a concern offers each of its forms in some state (accept and return from the review page)', () => {
    const offered = new Set(
      (['raised', 'plan-under-review', 'plan-running', 'closed', 'report-challenged', 'restricted-entry', 'meeting-called'] as const).flatMap((s) =>
        slugsOf(concernOffers('c', concernIn(s))),
      ),
    );
    expect(rulesOf(CONCERN_FORM).filter((f) => !offered.has(f) && f !== 'return-plan' && f !== 'accept-plan')).toEqual([]);
  });

  it('an action of a running plan offers each of its forms to a relation the policy admits', () => {
    const state = concernIn('plan-running');
    const offered = new Set(
      (['open', 'completion_claimed'] as const).flatMap((status) =>
        RELATIONS.flatMap((r) => slugsOf(actionOffers('c', state, { actionId: 'a', description: 'Audit', status, inAcceptedPlan: true } as PlanAction, r))),
      ),
    );
    expect(rulesOf(ACTION_FORM).filter((f) => !offered.has(f))).toEqual([]);
  });

  it('a service and a contract offer each of their forms to a relation the policy admits; start pages offer the registrations', () => {
    // The return from absence is offered while the manager in post is absent.
    const serviceStates = [
      { manager: { registeredOn: null } },
      { manager: { managerId: 'm', registeredOn: null }, absences: [{ managerId: 'm', returnedOn: null }] },
    ];
    const onService = new Set(RELATIONS.flatMap((r) => serviceStates.flatMap((s) => slugsOf(serviceOffers('s', s, r)))));
    expect(rulesOf(SERVICE_FORM).filter((f) => !onService.has(f))).toEqual([]);
    const live = { contractId: 'k', serviceIds: ['s'], confirmation: {}, ended: null };
    const onContract = new Set(RELATIONS.flatMap((r) => slugsOf(contractOffers(live, r))));
    expect(rulesOf(CONTRACT_FORM).filter((f) => !onContract.has(f))).toEqual([]);
    expect(slugsOf(contractOffers({ ...live, confirmation: null }, 'ownProvider'))).toContain('confirm');
    expect(slugsOf(contractOffers({ ...live, confirmation: null }, 'admin'))).toContain('confirm');
    const admin = { organisationKind: 'admin', organisationId: 'caretrail', role: 'admin' } as const;
    expect(registrationOffers(admin).map((l) => l.href)).toEqual(['/app/organisations/new', '/app/services/new', '/app/contracts/new']);
    expect(registrationOffers({ organisationKind: 'provider', organisationId: 'p', role: 'chief_executive' }, 'p').map((l) => l.href)).toEqual([
      '/app/services/new',
    ]);
    expect(registrationOffers({ organisationKind: 'regulator', organisationId: 'r', role: 'auditor' })).toEqual([]);
    // A provider's overview offers its CQC provider id to the provider itself and the administrator only.
    expect(providerOffers('p', { organisationKind: 'provider', organisationId: 'p', role: 'chief_executive' }).map((l) => l.href)).toEqual([
      '/app/organisations/p/identifiers',
    ]);
    expect(providerOffers('p', admin).map((l) => l.href)).toEqual(['/app/organisations/p/identifiers']);
    expect(providerOffers('p', { organisationKind: 'provider', organisationId: 'q', role: 'chief_executive' })).toEqual([]);
    expect(providerOffers('p', { organisationKind: 'regulator', organisationId: 'r', role: 'inspector' })).toEqual([]);
  });
});

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The links of a page's main content (the service navigation and footer are the layout's). */
const linksOf = (html: string): string[] => {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? '';
  return [...main.matchAll(/href="(\/app[^"#]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
};
/** The links a page offers as things to record: "What you can record", an action's forms, the start pages' lists. */
const offeredOf = (html: string): string[] => {
  const blocks = [...html.matchAll(/What you can record<\/h2>\s*<ul[^>]*>([\s\S]*?)<\/ul>|<ul[^>]*data-offered[^>]*>([\s\S]*?)<\/ul>/g)].map(
    (m) => m[1] ?? m[2],
  );
  return blocks.flatMap((b) => [...b.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')));
};
/** Pages whose GET is a download or a replay of the same page: not followed. */
const NOT_FOLLOWED = [/asOf=/, /\.json(\?|$)/, /\/download(\?|$)/, /[?&]page=/, /\/sign-/];

describe('offered equals allowed: every link shown opens, for every relation', () => {
  jest.setTimeout(300_000);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await seedDemoStory(t);
  });
  afterAll(async () => t?.close());

  it.each([...RELATIONS])('%s', async (relation) => {
    const agent = request.agent(t.server as never);
    const form = await agent.get('/app/sign-in').expect(200);
    await agent
      .post('/app/sign-in')
      .type('form')
      .send({ identity: TOKEN_BY_RELATION[relation], _csrf: csrfOf(form.text) })
      .expect(303);

    const queue = ['/app'];
    const seen = new Set<string>();
    const refused: string[] = [];
    const offered = new Set<string>();
    while (queue.length > 0 && seen.size < 60) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await agent.get(path).redirects(3);
      if (res.status !== 200) {
        refused.push(`${path}: ${res.status}`);
        continue;
      }
      for (const link of offeredOf(res.text)) offered.add(link);
      for (const link of linksOf(res.text)) if (!seen.has(link) && !NOT_FOLLOWED.some((p) => p.test(link))) queue.push(link);
    }
    // Every offered form is opened, crawled or not.
    for (const link of offered) {
      if (seen.has(link)) continue;
      const res = await agent.get(link);
      if (res.status !== 200) refused.push(`offered ${link}: ${res.status}`);
    }
    expect({ relation, refused }).toEqual({ relation, refused: [] });
    // The auditor reads and never records; the others are offered something on the demo story.
    if (relation === 'auditor') expect([...offered]).toEqual([]);
    else expect(offered.size).toBeGreaterThan(0);
  });
});

import type { CareTrailCommand } from '@caretrail/domain';
import type { DemoStep } from '@caretrail/demo';
import request from 'supertest';

interface Route {
  path: string;
  /** Fields that live in the path (or are chosen by the server) and so leave the body. */
  omit: string[];
  /** The story's id the server replaces with one of its own, to map for later steps. */
  creates?: string;
}

const c = (cmd: Record<string, unknown>) => cmd as Record<string, string>;

/** Where each command of a story goes in the REST API: the same routes a client uses. */
function routeOf(command: CareTrailCommand): Route {
  const x = c(command as never);
  const concern = `/concerns/${x.concernId}`;
  const service = `/services/${x.serviceId}`;
  switch (command.kind) {
    case 'RegisterOrganisation':
      return { path: '/organisations', omit: ['organisationKind'] };
    case 'RegisterService':
      return { path: '/services', omit: ['serviceId'], creates: x.serviceId };
    case 'AwardContract':
      return { path: '/contracts', omit: ['contractId', 'councilId'], creates: x.contractId };
    case 'ConfirmContract':
      return { path: `/contracts/${x.contractId}/confirmation`, omit: ['contractId'] };
    case 'AppointManager':
      return { path: `${service}/managers`, omit: ['serviceId'] };
    case 'RecordManagerRegistered':
      return { path: `${service}/managers/${x.managerId}/registration`, omit: ['serviceId', 'managerId'] };
    case 'RecordManagerLeft':
      return { path: `${service}/managers/${x.managerId}/departure`, omit: ['serviceId', 'managerId'] };
    case 'PublishRating':
      return { path: `${service}/ratings`, omit: ['serviceId'] };
    case 'RecordServiceVisit':
      return { path: `${service}/visits`, omit: ['serviceId', 'visitId'] };
    case 'RaiseConcern':
      return { path: '/concerns', omit: ['concernId'], creates: x.concernId };
    case 'NotifyConcernToProvider':
      return { path: `${concern}/notification`, omit: ['concernId'] };
    case 'AcknowledgeConcern':
      return { path: `${concern}/acknowledgement`, omit: ['concernId'] };
    case 'EscalateConcern':
      return { path: `${concern}/escalations`, omit: ['concernId'] };
    case 'DeescalateConcern':
      return { path: `${concern}/deescalations`, omit: ['concernId'] };
    case 'CloseConcern':
      return { path: `${concern}/closure`, omit: ['concernId'] };
    case 'RequestActionPlan':
      return { path: `${concern}/action-plan/request`, omit: ['concernId'] };
    case 'SubmitActionPlan':
      return { path: `${concern}/action-plan/versions`, omit: ['concernId'] };
    case 'ReturnActionPlan':
      return { path: `${concern}/action-plan/versions/${x.version}/return`, omit: ['concernId', 'version'] };
    case 'AcceptActionPlan':
      return { path: `${concern}/action-plan/versions/${x.version}/acceptance`, omit: ['concernId', 'version'] };
    case 'SubmitPlanUpdate':
      return { path: `${concern}/action-plan/updates`, omit: ['concernId'] };
    case 'ReviseActionDueDate':
      return { path: `${concern}/action-plan/actions/${x.actionId}/due-date-revisions`, omit: ['concernId', 'actionId'] };
    case 'ClaimActionCompletion':
      return { path: `${concern}/action-plan/actions/${x.actionId}/completion-claims`, omit: ['concernId', 'actionId'] };
    case 'VerifyAction':
      return { path: `${concern}/action-plan/actions/${x.actionId}/verification`, omit: ['concernId', 'actionId'] };
    case 'RecordConcernVisit':
      return { path: `${concern}/visits`, omit: ['concernId', 'visitId'] };
    case 'RecordConcernComment':
      return { path: `${concern}/comments`, omit: ['concernId', 'commentId'] };
    default:
      throw new Error(`The story driver has no route for ${command.kind}`);
  }
}

const withoutNulls = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));

/**
 * Plays a story through the HTTP API as its people, step by step, mapping the story's record ids to
 * the ids the server gives. Returns the global position of the last step.
 */
export async function playStoryOverHttp(server: unknown, steps: readonly DemoStep[]): Promise<{ ids: Map<string, string>; position: number }> {
  const ids = new Map<string, string>();
  const mapIds = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => ids.get(id) ?? id);
  let position = 0;
  for (const step of steps) {
    const mapped = JSON.parse(mapIds(JSON.stringify(step.command))) as CareTrailCommand;
    const route = routeOf(mapped);
    const body = withoutNulls(Object.fromEntries(Object.entries(mapped).filter(([k]) => k !== 'kind' && !route.omit.includes(k))));
    if (mapped.kind === 'RegisterOrganisation') body.kind = mapped.organisationKind;
    const res = await request(server as never)
      .post(route.path)
      .set('Authorization', `Bearer ${step.as}`)
      .send(body);
    if (res.status !== 201) throw new Error(`${step.command.kind} by ${step.as} was answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (route.creates) ids.set(route.creates, res.body.id);
    position = res.body.position;
  }
  return { ids, position };
}

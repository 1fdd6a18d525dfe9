import type { ConcernState, PlanAction } from '@caretrail/domain';
import { buildTimeline, computeMeasures, type TimelineEntry } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import { cadenceChart, type CadenceChart } from '../charts/cadence-chart.svg';
import type { ConcernRecord } from '../read/concern-record.reader';
import { londonToday } from '../rendering/date-format';
import { humanise } from '../rendering/nunjucks-environment';
import type { ActionLink, PlanActionLink } from './concern-parties.view';
import { offeredConcernActions, offeredPlanActions } from './offered-actions';
import { compareVersions, type ComparedVersion } from './plan-version-diff';
import { actionBadge, concernBadge, LEVEL_NAMES, levelBadge, severityBadge, versionBadge, type Badge } from './status-badges';

export interface ConcernNames {
  service: string;
  council: string;
  provider: string;
}

export interface LifecycleStep {
  at: string;
  text: string;
}

/** Everything the case file template shows, worked out from the folded record and the timeline library. */
export interface ConcernCaseFile {
  title: string;
  exists: boolean;
  state: ConcernState;
  names: ConcernNames;
  badges: { status: Badge; severity: Badge; level: Badge };
  lifecycle: LifecycleStep[];
  escalations: { at: string; direction: string; from: string; to: string; reason: string }[];
  plans: { request: ConcernState['plan']['requested']; versions: (ComparedVersion & { badge: Badge })[]; completedAt: string | null }[];
  /** Each action of the accepted plan, with the forms the reader may use on it (none in a replay). */
  actions: (PlanAction & { badge: Badge; links: PlanActionLink[] })[];
  /** Whether any action offers the reader a form (the table then has a column for them). */
  actionFormsOffered: boolean;
  cadence: CadenceChart[];
  corrections: { eventId: string; kind: string; original: string; corrected: string; reasons: string[]; at: string }[];
  actionLinks: ActionLink[];
  timeline: TimelineEntry[];
}

export function concernCaseFile(record: ConcernRecord, who: Identity, names: ConcernNames, today = londonToday()): ConcernCaseFile {
  const { state } = record;
  const timeline = buildTimeline(record.events);
  const on = record.replay?.asOf ?? today;
  const measures = computeMeasures(record.events, { on });
  const runs = measures.cadenceAdherence.byConcern.find((c) => c.concernId === record.id)?.runs ?? [];
  const plans = [...state.earlierPlans, state.plan].filter((p) => p.requested !== null);
  const actions = Object.values(state.plan.actions)
    .filter((a) => a.inAcceptedPlan)
    .map((a) => ({ ...a, badge: actionBadge(a.status), links: offeredPlanActions(record, who, a) }));
  return {
    title: state.exists ? `${humanise(state.category)} concern at ${names.service}` : 'Concern not yet raised',
    exists: state.exists,
    state,
    names,
    badges: { status: concernBadge(state.status), severity: severityBadge(state.severity), level: levelBadge(state.escalationLevel) },
    lifecycle: lifecycleOf(state),
    escalations: state.escalations.map((e) => ({
      at: e.at,
      direction: e.direction === 'up' ? 'Escalated' : 'De-escalated',
      from: `${e.fromLevel}: ${LEVEL_NAMES[e.fromLevel]}`,
      to: `${e.toLevel}: ${LEVEL_NAMES[e.toLevel]}`,
      reason: e.reason,
    })),
    plans: plans.map((p) => ({
      request: p.requested,
      versions: compareVersions(p.versions).map((v) => ({ ...v, badge: versionBadge(v.version.status) })),
      completedAt: p.completedAt,
    })),
    actions,
    actionFormsOffered: actions.some((a) => a.links.length > 0),
    cadence: runs.map((run, i) => cadenceChart(run, `cadence-${i + 1}`)),
    corrections: correctionsOf(timeline),
    actionLinks: offeredConcernActions(record, who),
    timeline,
  };
}

/** The concern's own steps, oldest first: raised, notified, acknowledged, placements, closures and reopenings. */
function lifecycleOf(state: ConcernState): LifecycleStep[] {
  const steps: LifecycleStep[] = [];
  if (state.raisedAt) steps.push({ at: state.raisedAt, text: `Raised (source: ${humanise(state.source)})` });
  if (state.notifiedAt) steps.push({ at: state.notifiedAt, text: `Notified to the provider by ${state.notificationMethod ?? 'an unknown method'}` });
  if (state.acknowledgedAt) steps.push({ at: state.acknowledgedAt, text: `Acknowledged by the provider${state.acknowledgementNote ? `: ${state.acknowledgementNote}` : ''}` });
  for (const p of state.placementChanges) steps.push({ at: p.at, text: `${p.suspended ? 'Placements suspended' : 'Placements resumed'}: ${p.reason}` });
  for (const c of state.closures) steps.push({ at: c.at, text: `Closed: ${c.outcome}${c.overrideReason ? ` (closed with actions unverified: ${c.overrideReason})` : ''}` });
  for (const r of state.reopenings) steps.push({ at: r.at, text: `Reopened: ${r.reason}` });
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Each corrected entry with its original reading beside the corrected one (the timeline library applies corrections). */
function correctionsOf(timeline: readonly TimelineEntry[]): ConcernCaseFile['corrections'] {
  return timeline
    .filter((e) => e.flags.corrected !== null)
    .map((e) => ({
      eventId: e.eventId,
      kind: humanise(e.kind),
      original: e.summary,
      corrected: e.flags.corrected!.summaryAfterCorrection,
      reasons: e.flags.corrected!.reasons,
      at: e.occurredAt,
    }));
}

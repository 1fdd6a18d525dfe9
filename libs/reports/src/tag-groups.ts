import { CQC_KEY_QUESTIONS, PAMMS_DOMAINS, tagMatches, type LocalDate, type ReferenceGroup } from '@caretrail/domain';
import { actionRegister, evidenceIds, isConcernOpen, withDefaultClocks, type ActionRecord, type ConcernHistory } from '@caretrail/timeline';
import type { CouncilRecord, DatedEvent } from './council-record';
import type { Figure } from './report-model';
import type { ReportPeriod } from './report-period';

/** One PAMMS domain or CQC key question and what the council's record tagged with it (or a tag under it). */
export interface TagGroupRow {
  framework: 'pamms' | 'cqc';
  /** The group's tag: `pamms:<domain>` or `cqc:<key-question>`; a standard or quality statement under it counts here. */
  tag: string;
  name: string;
  /** Visits in the period whose findings are tagged under the group. */
  visits: Figure;
  /** Findings of visit reports published in the period tagged under the group. */
  findings: Figure;
  /** Plan actions the council first accepted in the period tagged under the group. */
  actionsAgreed: Figure;
  /** Tagged actions still owed at the end of the period: accepted, not verified, of an open concern. */
  actionsOpen: Figure;
  /** Of those, the ones past their agreed due date at the end of the period. */
  actionsOverdue: Figure;
}

export interface TagGroups {
  /** The last day looked at: the period's end, or the evaluation date when earlier. */
  end: LocalDate;
  pamms: TagGroupRow[];
  cqc: TagGroupRow[];
}

const tagsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []);
const under = (tags: readonly string[], group: string): boolean => tags.some((t) => tagMatches(t, group));

interface TaggedAction {
  action: ActionRecord;
  tags: string[];
  /** The day the council first accepted it. */
  agreedOn: LocalDate;
  /** Still owed at the end: not verified by then, not dropped or replaced, its concern open. */
  open: boolean;
}

/**
 * The tags of an action: those of the latest accepted plan version holding it (corrections applied),
 * since a later version may retag it.
 */
function actionTags(action: ActionRecord): string[] {
  const submissions = action.evidence.filter((e) => e.type === 'ActionPlanSubmitted');
  for (const submitted of [...submissions].reverse()) {
    const planned = (Array.isArray(submitted.data['actions']) ? (submitted.data['actions'] as Record<string, unknown>[]) : []).find(
      (a) => a && a['actionId'] === action.actionId,
    );
    if (planned) return tagsIn(planned['tags']);
  }
  return [];
}

/** The council's concerns' plan actions as they stood at the end of `end`, with their tags. */
function taggedActions(record: CouncilRecord, end: LocalDate): TaggedAction[] {
  const byConcern = new Map<string, DatedEvent[]>();
  for (const e of record.events) {
    if (e.occurredOn > end || !e.streamId.startsWith('concern-')) continue;
    const list = byConcern.get(e.streamId) ?? [];
    list.push(e);
    byConcern.set(e.streamId, list);
  }
  return record.concerns.flatMap((concern) => {
    const events = byConcern.get(`concern-${concern.concernId}`) ?? [];
    const history: ConcernHistory = {
      concernId: concern.concernId,
      serviceId: concern.serviceId,
      category: concern.category,
      raised: null,
      councilId: record.councilId,
      clocks: withDefaultClocks(),
      clocksEvent: null,
      events,
    };
    const open = isConcernOpen(history);
    return actionRegister(history).map((action) => ({
      action,
      tags: actionTags(action),
      agreedOn: action.evidence.find((e) => e.type === 'ActionPlanAccepted')?.occurredOn ?? end,
      open: open && action.verifiedOn === null && !action.droppedByLaterVersion && !action.replacedByNewPlan,
    }));
  });
}

/**
 * Visits and published findings the council's record holds for the period: every one on the council's
 * own concerns; on a service's own record (a visit not about a concern) only those the council itself
 * or the service's provider recorded, so another council's visits to a shared service are never counted.
 */
function periodVisits(record: CouncilRecord, from: LocalDate, end: LocalDate) {
  const ownConcerns = new Set(record.concerns.map((c) => `concern-${c.concernId}`));
  const inPeriod = (e: DatedEvent) => e.occurredOn >= from && e.occurredOn <= end;
  const visits = record.events.filter((e) => {
    if (e.type !== 'VisitConducted' || !inPeriod(e)) return false;
    if (ownConcerns.has(e.streamId)) return true;
    if (!e.streamId.startsWith('service-')) return false;
    const service = record.services.get(e.streamId.slice('service-'.length));
    return service !== undefined && (e.actor.organisationId === record.councilId || e.actor.organisationId === service.providerId);
  });
  const findings = record.events
    .filter((e) => e.type === 'VisitReportPublished' && inPeriod(e) && ownConcerns.has(e.streamId))
    .flatMap((e) =>
      (Array.isArray(e.data['findings']) ? (e.data['findings'] as Record<string, unknown>[]) : []).map((f) => ({ event: e, tags: tagsIn(f?.['tags']) })),
    );
  return { visits: visits.map((e) => ({ event: e, tags: tagsIn(e.data['tags']) })), findings };
}

/**
 * The report's grouping by PAMMS domain and CQC key question (issue 16 item 4): for the period (to
 * the evaluation date when earlier), per group, the visits and published findings tagged with it or
 * a tag under it, the plan actions the council agreed, and those still open and overdue at the end.
 * An item tagged under two groups counts in each. Computed from the report's own inputs (the as-of
 * selection already made, corrections applied), so live, replayed and bundled reports agree.
 */
export function tagGroups(record: CouncilRecord, period: ReportPeriod, end: LocalDate): TagGroups {
  const { visits, findings } = periodVisits(record, period.from, end);
  const actions = taggedActions(record, end);
  const rows = (framework: 'pamms' | 'cqc', groups: readonly ReferenceGroup[]): TagGroupRow[] =>
    groups.map((group) => {
      const tag = `${framework}:${group.id}`;
      const key = (name: string) => `byTag.${framework}.${group.id}.${name}`;
      const tagged = actions.filter((a) => under(a.tags, tag));
      const agreed = tagged.filter((a) => a.agreedOn >= period.from && a.agreedOn <= end);
      const open = tagged.filter((a) => a.open);
      const overdue = open.filter((a) => a.action.agreedDueOn < end);
      const groupVisits = visits.filter((v) => under(v.tags, tag));
      const groupFindings = findings.filter((f) => under(f.tags, tag));
      const actionFigure = (name: string, list: TaggedAction[]): Figure => ({
        key: key(name),
        value: list.length,
        eventIds: evidenceIds(list.flatMap((a) => a.action.evidence)),
      });
      return {
        framework,
        tag,
        name: group.name,
        visits: { key: key('visits'), value: groupVisits.length, eventIds: evidenceIds(groupVisits.map((v) => v.event)) },
        findings: { key: key('findings'), value: groupFindings.length, eventIds: evidenceIds(groupFindings.map((f) => f.event)) },
        actionsAgreed: actionFigure('actionsAgreed', agreed),
        actionsOpen: actionFigure('actionsOpen', open),
        actionsOverdue: actionFigure('actionsOverdue', overdue),
      };
    });
  return { end, pamms: rows('pamms', PAMMS_DOMAINS), cqc: rows('cqc', CQC_KEY_QUESTIONS) };
}

import { VISIT_PARTIES, VISIT_TYPES, correctableFieldsOf, isRetracted, type CareTrailCommand, type RecordLog } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { buildTimeline } from '@caretrail/timeline';
import { v7 as uuidv7 } from 'uuid';
import { commandFields } from '../../resources/shared/command.dto';
import { correctionRequestErrors } from '../../resources/shared/correction-changes';
import { CorrectionDto, RetractionDto } from '../../resources/shared/record-entries.dto';
import { VisitDto } from '../../resources/shared/visit.dto';
import { sideOf } from '../pages/concern-parties.view';
import type { ConcernRecord } from '../read/concern-record.reader';
import { formatDate } from '../rendering/date-format';
import { visitTypeWords } from '../pages/record-words';
import { humanise } from '../rendering/nunjucks-environment';
import { backToConcern } from './concern-lifecycle.forms';
import { dateFromParts } from './date-parts';
import { options, text, yesNo } from './form-values';
import type { FormScope, FormValues, WebForm } from './web-form';

type ConcernForm<D extends object> = WebForm<ConcernRecord, D>;

/** The visit types the reader's side conducts (the domain's own table of who records which). */
const visitTypesFor = (scope: FormScope<ConcernRecord>) => {
  const side = sideOf(scope.who, scope.record.state);
  const own = VISIT_TYPES.filter((t) => VISIT_PARTIES[t] === side);
  // "PAMMS audit", not "Pamms audit": the one table of visit words.
  return options(own.length > 0 ? own : VISIT_TYPES, visitTypeWords);
};

export const visitForm: ConcernForm<VisitDto> = {
  slug: 'visit',
  view: 'forms/visit.njk',
  title: () => 'Record a visit',
  dto: VisitDto,
  labels: {
    visitType: 'the type of visit',
    announced: 'whether the visit was announced',
    visitedOn: 'the date of the visit',
    visitorRole: "the visitor's role",
    findings: 'the findings',
  },
  dateFields: ['visitedOn'],
  fieldOfRule: { 'date-not-in-future': 'visitedOn', 'visit-party': 'visitType' },
  viewData: (scope) => ({ visitTypes: visitTypesFor(scope) }),
  toDto: (values) => ({
    visitType: text(values, 'visitType'),
    announced: yesNo(values, 'announced'),
    visitedOn: dateFromParts(values, 'visitedOn'),
    visitorRole: text(values, 'visitorRole'),
    findings: text(values, 'findings'),
  }),
  command: (dto, scope) => ({ kind: 'RecordConcernVisit', concernId: scope.record.id, visitId: uuidv7(), ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'visit-recorded'),
};

/** The comment form asks who may read the comment (restriction.forms.ts, docs/restricted-entries.md). */
export { commentForm } from './restriction.forms';

/**
 * The fields this page can correct: those the domain lets a correction change on the entry's type
 * (CORRECTABLE_FIELDS) that are typed as text here (lists and choices are corrected through the API).
 */
const correctableFields = (entry: { type: string; data: Record<string, unknown> }): string[] =>
  correctableFieldsOf(entry.type).filter((k) => typeof entry.data[k] === 'string');

/**
 * Correcting an entry: the new values of its text fields are recorded beside it with a reason; the
 * original stays. The page lists the entries this organisation recorded (only the recorder corrects:
 * the domain's rule decides), then the chosen entry's fields, each checked by the rules of the request
 * that recorded it (the same check as the API's).
 */
export function correctionForm<R>(
  of: (record: R) => RetractableRecord,
  command: (record: RetractableRecord, dto: CorrectionDto) => CareTrailCommand,
  done: (scope: FormScope<R>) => { href: string; outcome: string },
): WebForm<R, CorrectionDto> {
  const targetOf = (scope: FormScope<R>, values: FormValues) => {
    const id = text(values, 'targetEventId') ?? scope.params.target;
    return of(scope.record).entries.find((e) => e.eventId === id) ?? null;
  };
  return {
    slug: 'correction',
    view: 'forms/correction.njk',
    title: () => 'Correct an entry',
    dto: CorrectionDto,
    labels: { targetEventId: 'the entry to correct', reason: 'the reason for the correction', changes: 'the corrected fields' },
    fieldOfRule: {
      'correction-changes-required': 'changes',
      'correction-changes-known-fields': 'changes',
      'correction-field-correctable': 'changes',
      'correction-field-valid': 'changes',
      'only-recorder-corrects': 'targetEventId',
      'correction-target-in-stream': 'targetEventId',
      'period-ending-on-cadence': 'changes.periodEnding',
      'one-update-per-period': 'changes.periodEnding',
    },
    defaults: (scope) => {
      const target = targetOf(scope, {});
      return target ? { targetEventId: target.eventId, changes: Object.fromEntries(correctableFields(target).map((k) => [k, target.data[k]])) } : {};
    },
    viewData: (scope, values) => {
      const target = targetOf(scope, values);
      const { entries } = of(scope.record);
      const summaries = buildTimeline([...entries]);
      // Offer the entries this organisation recorded; only the recorder may correct (the domain's rule decides).
      const own = entries.filter((e) => e.actor.organisationId === scope.who.organisationId && correctableFields(e).length > 0);
      return {
        target: target && {
          eventId: target.eventId,
          summary: summaries.find((e) => e.eventId === target.eventId)?.summary ?? target.type,
          fields: correctableFields(target).map((k) => ({ key: k, label: humanise(k), original: target.data[k] })),
        },
        candidates: own.map((e) => ({
          value: e.eventId,
          text: summaries.find((x) => x.eventId === e.eventId)?.summary ?? e.type,
          hint: `${humanise(e.type)}, ${formatDate(e.occurredAt)}`,
        })),
      };
    },
    toDto: (values, scope) => {
      const target = targetOf(scope, values);
      const typed = (values.changes ?? {}) as Record<string, unknown>;
      const changes = target
        ? Object.fromEntries(
            correctableFields(target)
              .filter((k) => typeof typed[k] === 'string' && (typed[k] as string).trim() !== target.data[k])
              .map((k) => [k, (typed[k] as string).trim()]),
          )
        : {};
      return { targetEventId: text(values, 'targetEventId'), reason: text(values, 'reason'), changes };
    },
    // The same check as the API's: each changed field against the rules of the request that recorded the entry.
    check: async (dto, scope) =>
      (await correctionRequestErrors(of(scope.record).log, dto, scope.who.organisationId)).map(({ field, messages }) => {
        const key = field.split('.').pop() ?? field;
        return { path: field, message: messages[0].replace(new RegExp(`^${key}\\b`), humanise(key)) };
      }),
    command: (dto, scope) => command(of(scope.record), dto),
    done,
  };
}

export const concernCorrectionForm: ConcernForm<CorrectionDto> = correctionForm<ConcernRecord>(
  (record) => ({ id: record.id, entries: record.events, log: record.live.log }),
  (record, dto) => ({ kind: 'CorrectConcernEntry', concernId: record.id, ...commandFields(dto) }),
  (scope) => backToConcern(scope, 'entry-corrected'),
);

/** An entry's kind and date, and a comment's own words (its summary names only its topic). */
const hintOf = (e: RecordedEvent): string => {
  const words = typeof e.data.text === 'string' ? `: "${e.data.text.length > 80 ? `${e.data.text.slice(0, 79)}…` : e.data.text}"` : '';
  return `${humanise(e.type)}, ${formatDate(e.occurredAt)}${words}`;
};

/** What a retraction form needs of its record: the record's own entries (its stream) and its log. */
export interface RetractableRecord {
  id: string;
  /** The record's own stream (a service page's scope also holds its concerns' events). */
  entries: readonly RecordedEvent[];
  log: RecordLog;
}

/**
 * Withdrawing an entry: it stays on the record, struck through with the reason. The page lists the
 * entries this organisation recorded that stand (the domain's rule: only the recorder retracts).
 */
export function retractionForm<R>(
  of: (record: R) => RetractableRecord,
  command: (record: RetractableRecord, dto: RetractionDto) => CareTrailCommand,
  done: (scope: FormScope<R>) => { href: string; outcome: string },
): WebForm<R, RetractionDto> {
  return {
    slug: 'retract',
    view: 'forms/retract.njk',
    title: () => 'Withdraw an entry',
    dto: RetractionDto,
    labels: { targetEventId: 'the entry to withdraw', reason: 'why the entry is withdrawn' },
    fieldOfRule: {
      'only-recorder-corrects': 'targetEventId',
      'correction-target-in-stream': 'targetEventId',
      'entry-already-retracted': 'targetEventId',
      'cannot-target-retraction': 'targetEventId',
    },
    viewData: (scope) => {
      const record = of(scope.record);
      const summaries = buildTimeline([...record.entries]);
      const own = record.entries.filter(
        (e) => e.actor.organisationId === scope.who.organisationId && e.type !== 'EntryRetracted' && !isRetracted(record.log, e.eventId),
      );
      return {
        candidates: own
          .reverse()
          .map((e) => ({ value: e.eventId, text: summaries.find((x) => x.eventId === e.eventId)?.summary ?? humanise(e.type), hint: hintOf(e) })),
      };
    },
    toDto: (values) => ({ targetEventId: text(values, 'targetEventId'), reason: text(values, 'reason') }),
    command: (dto, scope) => command(of(scope.record), dto),
    done,
  };
}

export const concernRetractionForm: ConcernForm<RetractionDto> = retractionForm<ConcernRecord>(
  (record) => ({ id: record.id, entries: record.events, log: record.live.log }),
  (record, dto) => ({ kind: 'RetractConcernEntry', concernId: record.id, ...commandFields(dto) }),
  (scope) => backToConcern(scope, 'entry-retracted'),
);

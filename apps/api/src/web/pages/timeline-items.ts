import type { ConcernState, RecordLog } from '@caretrail/domain';
import { effectiveData } from '@caretrail/domain';
import { entryKindWords, partyName, type TimelineEntry } from '@caretrail/timeline';
import { formatDate, formatDateTime } from '../rendering/date-format';
import { escapeHtml } from '../rendering/escape-html';
import { humanise } from '../rendering/nunjucks-environment';
import { meetingDetails } from './meeting-items';
import { fieldName, valueWords, visitTypeWords } from './record-words';
import { mayReadRestricted, sealedContentOf } from './restricted-entries.view';

/** Params for one MOJ Timeline item. */
export interface TimelineItem {
  label: { text: string };
  html: string;
  datetime: { timestamp: string; type: 'datetime' };
  byline: { text: string };
  attributes: Record<string, string>;
}

/**
 * What a timeline can say of an entry beyond its one line: the record's log (the concern's or the
 * service's own, held and verified) gives each entry's data as recorded and as corrected. Entries of
 * another record (a concern on a service's timeline) show their line and flags only.
 */
export interface EntryContent {
  log: RecordLog;
  /** An action's description by its id (plan updates and claims name actions by id). */
  describeAction?: (actionId: string) => string;
  /** Who reads: a restricted entry's content is shown only to its readers (docs/restricted-entries.md). */
  restricted?: RestrictedReading;
}

/** The reader of a timeline, for its restricted entries: readers are judged on the live record's log. */
export interface RestrictedReading {
  organisationId: string;
  live: RecordLog;
  nameOf: (organisationId: string) => string;
}

/** A restricted entry's content to its readers only, to whom it is restricted; a lift's who and to whom. */
function restrictedDetails(
  kind: string,
  eventId: string,
  data: Record<string, unknown>,
  actorOrganisationId: string,
  reading: RestrictedReading | undefined,
): string {
  const names = (v: unknown) =>
    list(v)
      .map((id) => (reading ? reading.nameOf(text(id)) : text(id)))
      .join(', ');
  if (kind === 'EntryRestrictionLifted') {
    return paraOf('Lifted by', reading ? reading.nameOf(actorOrganisationId) : '') + paraOf('Disclosed to', names(data.disclosedTo));
  }
  const readable = reading !== undefined && mayReadRestricted(reading.live, eventId, reading.organisationId);
  const content = readable ? sealedContentOf(data) : null;
  return (
    paraOf('Restricted to', names(data.restrictedTo)) +
    (content
      ? paraOf('About', humanise(content.topic).toLowerCase()) + paraOf('Comment', content.text)
      : '<p class="govuk-body-s govuk-!-margin-bottom-1">Your organisation cannot read its content.</p>')
  );
}

const pluralWorkingDays = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const paraOf = (label: string, value: string) =>
  value ? `<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}</p>` : '';
const bullets = (label: string, items: string[]) =>
  items.length === 0
    ? ''
    : `<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>${escapeHtml(label)}:</strong></p><ul class="govuk-list govuk-list--bullet govuk-body-s">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
const evidenceItems = (v: unknown) =>
  list(v).map((e) => {
    const item = e as { name?: unknown; sha256?: unknown };
    return `${text(item.name)}${typeof item.sha256 === 'string' ? ` (SHA-256 ${item.sha256.slice(0, 12)}…)` : ''}`;
  });
const CHALLENGE_OUTCOMES_WORDS: Record<string, string> = { upheld: 'Upheld', partly_upheld: 'Partly upheld', not_upheld: 'Not upheld' };
const STATUS = (s: unknown) => (s === 'open' ? 'not started' : s === 'in_progress' ? 'in progress' : humanise(text(s)).toLowerCase());

/** The content of an entry in plain English, from its data as it reads now. */
export function entryDetails(type: string, data: Record<string, unknown>, describeAction: (id: string) => string = (id) => id, summary = ''): string {
  // A reason or note the entry's line already says in full is not said twice.
  const para = (label: string, value: string) => (value && summary.includes(value) ? '' : paraOf(label, value));
  switch (type) {
    case 'ConcernRaised':
      return para('What the council found', text(data.summary));
    case 'ConcernAcknowledged':
      return para('Note', text(data.note));
    case 'ConcernEscalated':
    case 'ConcernDeescalated':
    case 'PlacementsSuspended':
    case 'PlacementsResumed':
    case 'ConcernReopened':
    case 'ContractExtended':
    case 'ContractEnded':
    case 'ManagerLeft':
    case 'ActionVerificationRejected':
      return para('Reason', text(data.reason));
    case 'ConcernClosed':
      return para('Outcome', text(data.outcome)) + para('Closed with actions unverified because', text(data.overrideReason));
    case 'ActionPlanSubmitted':
      return (
        para('Summary', text(data.summary)) +
        bullets(
          'Actions',
          list(data.actions).map((a) => valueWords(a, describeAction)),
        )
      );
    case 'ActionPlanReturned':
      return bullets('Returned because', list(data.reasons).map(text));
    case 'PlanUpdateSubmitted':
      return (
        para('Summary', text(data.summary)) +
        bullets(
          'Progress on each action',
          list(data.actions).map((a) => {
            const item = a as { actionId?: unknown; status?: unknown; note?: unknown };
            return `${describeAction(text(item.actionId))}: ${STATUS(item.status)}${text(item.note) ? ` — ${text(item.note)}` : ''}`;
          }),
        ) +
        (list(data.evidence).length ? bullets('Evidence', evidenceItems(data.evidence)) : para('Evidence', 'None given'))
      );
    case 'ActionCompletionClaimed':
      return para('Note', text(data.note)) + (list(data.evidence).length ? bullets('Evidence', evidenceItems(data.evidence)) : para('Evidence', 'None given'));
    case 'ActionVerified':
      return para('Note', text(data.note));
    case 'ActionDueDateRevised':
      return para('Reason', text(data.reason));
    case 'VisitConducted':
      return para('Type', visitTypeWords(text(data.visitType))) + para('Findings', text(data.findings));
    case 'VisitReportDrafted':
      return (
        para('Type', visitTypeWords(text(data.visitType))) +
        bullets(
          'Findings',
          list(data.findings).map((f) => {
            const item = f as { findingNo?: unknown; text?: unknown };
            return `${String(item.findingNo)}. ${text(item.text)}`;
          }),
        ) +
        para(
          'Challenges close',
          `${formatDate(text(data.challengeClosesOn))} (${pluralWorkingDays(Number(data.challengeWindowWorkingDays))} from ${formatDate(text(data.sharedOn))})`,
        )
      );
    case 'VisitFindingChallenged':
      return (
        para('What the provider says is wrong', text(data.whatIsWrong)) +
        (list(data.evidence).length ? bullets('Evidence', evidenceItems(data.evidence)) : para('Evidence', 'None given'))
      );
    case 'FindingChallengeDecided':
      return (
        para('Decision', CHALLENGE_OUTCOMES_WORDS[text(data.outcome)] ?? humanise(text(data.outcome))) +
        para('Reasons', text(data.reasons)) +
        para('Finding as amended', text(data.amendedFinding))
      );
    case 'VisitReportPublished':
      return bullets(
        'Findings as published, each with its challenge and decision',
        list(data.findings).map((f) => {
          const item = f as {
            findingNo?: unknown;
            text?: unknown;
            draftText?: unknown;
            challenge?: { whatIsWrong?: unknown } | null;
            decision?: { outcome?: unknown; reasons?: unknown; reviewerRole?: unknown } | null;
          };
          const amended = text(item.draftText) && text(item.draftText) !== text(item.text) ? ` (amended; the draft said: ${text(item.draftText)})` : '';
          const challenge = item.challenge ? ` — Challenged by the provider: ${text(item.challenge.whatIsWrong)}` : '';
          const decision = item.decision
            ? ` — Decision: ${CHALLENGE_OUTCOMES_WORDS[text(item.decision.outcome)] ?? humanise(text(item.decision.outcome))} by ${text(item.decision.reviewerRole)}: ${text(item.decision.reasons)}`
            : '';
          return `${String(item.findingNo)}. ${text(item.text)}${amended}${challenge}${decision}`;
        }),
      );
    case 'ReviewMeetingHeld':
      return bullets('Attendees', list(data.attendees).map(text)) + bullets('Decisions', list(data.decisions).map(text)) + meetingDetails(type, data);
    case 'MeetingScheduled':
    case 'MeetingAgendaShared':
    case 'MeetingActionCompleted':
      return meetingDetails(type, data);
    case 'CommentRecorded':
      return para('Comment', text(data.text));
    case 'RatingPublished': {
      const kq = data.keyQuestions && typeof data.keyQuestions === 'object' ? Object.entries(data.keyQuestions as Record<string, unknown>) : [];
      return (
        para('Overall', humanise(text(data.overall))) +
        para('Key questions', kq.map(([q, r]) => `${humanise(q)}: ${r ? humanise(text(r)) : 'not rated'}`).join('; ')) +
        para('Published', formatDate(text(data.publishedOn))) +
        para('Report', text(data.reportReference))
      );
    }
    case 'EnforcementActionRecorded':
      return para('Action', humanise(text(data.action))) + para('Decided', formatDate(text(data.decidedOn))) + para('Summary', text(data.summary));
    case 'DefaultNoticeIssued':
      return para('Reason', text(data.reason));
    default:
      return '';
  }
}

/**
 * A timeline entry (built by the timeline library) as an MOJ Timeline item: the summary, what the
 * entry holds (when its record's log is at hand), both dates when they differ, and the flags in words:
 * recorded late, corrected (each field before and after), withdrawn (struck through, with the reason),
 * superseded.
 */
export function timelineItem(entry: TimelineEntry, content?: EntryContent): TimelineItem {
  const { flags } = entry;
  const parts: string[] = [];
  const logged = content?.log.entries[entry.eventId];
  const describe = content?.describeAction ?? ((id: string) => id);
  const now = logged && content ? (effectiveData(content.log, entry.eventId) ?? logged.data) : null;
  const summary = flags.corrected ? flags.corrected.summaryAfterCorrection : entry.summary;
  const details =
    !now || !logged
      ? ''
      : entry.kind === 'RestrictedEntryRecorded' || entry.kind === 'EntryRestrictionLifted'
        ? restrictedDetails(entry.kind, entry.eventId, logged.data, logged.organisationId, content?.restricted)
        : entryDetails(entry.kind, now, describe, summary);
  if (flags.retracted) {
    parts.push(
      `<div class="app-retracted"><p class="govuk-body"><del>${escapeHtml(summary)}</del></p>${details ? `<del class="app-retracted__details">${details}</del>` : ''}</div>`,
    );
    parts.push(`<p class="govuk-body-s"><strong class="govuk-tag govuk-tag--red">Withdrawn</strong> Reason: ${escapeHtml(flags.retracted.reason)}</p>`);
  } else {
    parts.push(`<p class="govuk-body">${escapeHtml(summary)}</p>${details}`);
  }
  if (entry.recordedOn !== entry.occurredOn || flags.recordedLate) {
    const late = flags.recordedLate
      ? ` <strong class="govuk-tag govuk-tag--orange">Recorded late: ${pluralWorkingDays(flags.recordedWorkingDaysAfter)} after</strong>`
      : '';
    parts.push(`<p class="govuk-body-s">Recorded ${escapeHtml(formatDateTime(entry.recordedAt))}.${late}</p>`);
  }
  if (flags.corrected) {
    const changed = Object.keys(flags.corrected.changes);
    const rows = changed
      .map((field) => {
        const before = logged ? valueWords(logged.data[field], describe) : null;
        const after = valueWords(now ? now[field] : flags.corrected!.changes[field], describe);
        return before !== null && before === after
          ? ''
          : `<li><strong>${escapeHtml(fieldName(field))}</strong>: ${before !== null ? `was <del>${escapeHtml(before)}</del>, ` : ''}now ${escapeHtml(after)}</li>`;
      })
      .join('');
    const firstRead =
      flags.corrected.summaryAfterCorrection !== entry.summary
        ? `<p class="govuk-body-s govuk-!-margin-bottom-1">First recorded as: ${escapeHtml(entry.summary)}</p>`
        : '';
    parts.push(
      `<div class="app-correction"><p class="govuk-body-s govuk-!-margin-bottom-1"><strong class="govuk-tag govuk-tag--blue">Corrected</strong></p>` +
        `${rows ? `<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-1">${rows}</ul>` : ''}${firstRead}` +
        `<p class="govuk-body-s">Reason: ${escapeHtml(flags.corrected.reasons.join('; '))}</p></div>`,
    );
  }
  if (flags.superseded) {
    parts.push(`<p class="govuk-body-s"><strong class="govuk-tag govuk-tag--grey">Superseded</strong> by plan version ${flags.superseded.byVersion}</p>`);
  }
  return {
    label: { text: entryKindWords(entry.kind) },
    html: parts.join(''),
    datetime: { timestamp: entry.occurredAt, type: 'datetime' },
    byline: { text: partyName(entry.party) },
    attributes: { 'data-event-id': entry.eventId, 'data-kind': entry.kind },
  };
}

export const timelineItems = (entries: readonly TimelineEntry[], content?: EntryContent): TimelineItem[] => entries.map((e) => timelineItem(e, content));

/** For the heading of a timeline page: how many entries in all and from when to when. */
export function timelineRange(total: number, first: string | null, last: string | null): string {
  if (total === 0 || !first || !last) return 'No entries';
  return `${total} ${total === 1 ? 'entry' : 'entries'}, ${formatDate(first)} to ${formatDate(last)}`;
}

/** An action's description by its id, from any plan or version of the concern (as it reads now). */
export function actionDescriber(state: ConcernState): (actionId: string) => string {
  const plans = [...state.earlierPlans, state.plan];
  return (actionId) => {
    for (const p of plans) {
      const found = p.actions[actionId] ?? p.versions.flatMap((v) => v.actions).find((a) => a.actionId === actionId);
      if (found) return found.description;
    }
    return 'An action no longer in the plan';
  };
}

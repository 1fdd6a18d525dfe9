import { commandFields } from '../../resources/shared/command.dto';
import { AcknowledgeConcernDto, CloseConcernDto, EscalationDto, NotifyConcernDto, ReasonDto } from '../../resources/concerns/concerns.dto';
import { decisionLogOf, EscalateDto } from '../../resources/concerns/decision-log.dto';
import type { ConcernRecord } from '../read/concern-record.reader';
import { consequenceOptions, DECISION_DATE_FIELDS, DECISION_INPUTS, DECISION_LABELS, DECISION_RULES, decisionFrom } from './decision-log.fields';
import { LEVEL_NAMES } from '../pages/status-badges';
import { integer, text } from './form-values';
import type { FormScope, WebForm } from './web-form';

type ConcernForm<D extends object> = WebForm<ConcernRecord, D>;

export const backToConcern = (scope: FormScope<ConcernRecord>, outcome: string) => ({ href: `/app/concerns/${scope.record.id}`, outcome });

export const NOTIFY_METHODS = ['portal', 'email', 'letter', 'meeting'] as const;

export const notifyForm: ConcernForm<NotifyConcernDto> = {
  slug: 'notify',
  view: 'forms/notify.njk',
  title: () => 'Notify the provider',
  dto: NotifyConcernDto,
  labels: { method: 'how you told the provider' },
  viewData: () => ({ methods: NOTIFY_METHODS.map((m) => ({ value: m, text: m === 'portal' ? 'Through CareTrail' : m.charAt(0).toUpperCase() + m.slice(1) })) }),
  toDto: (values) => ({ method: text(values, 'method') }),
  command: (dto, scope) => ({ kind: 'NotifyConcernToProvider', concernId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'notified'),
};

export const acknowledgeForm: ConcernForm<AcknowledgeConcernDto> = {
  slug: 'acknowledge',
  view: 'forms/acknowledge.njk',
  title: () => 'Acknowledge the concern',
  dto: AcknowledgeConcernDto,
  labels: { note: 'a note to the council' },
  toDto: (values) => ({ note: text(values, 'note') }),
  command: (dto, scope) => {
    const { note, ...rest } = dto;
    return { kind: 'AcknowledgeConcern', concernId: scope.record.id, ...commandFields(rest), note: note ?? '' };
  },
  done: (scope) => backToConcern(scope, 'acknowledged'),
};

/**
 * Escalating and de-escalating share a form; the domain checks the direction against the current
 * level. An escalation may carry its decision log (who decided, the consequence for placements, the
 * risk assessment, the criteria for lifting).
 */
const levelForm = (direction: 'escalate' | 'deescalate'): ConcernForm<EscalateDto> => ({
  slug: direction,
  view: 'forms/escalation.njk',
  title: () => (direction === 'escalate' ? 'Escalate the concern' : 'De-escalate the concern'),
  dto: direction === 'escalate' ? EscalateDto : EscalationDto,
  labels: { toLevel: 'the new level', reason: 'the reason', ...(direction === 'escalate' ? DECISION_LABELS : {}) },
  ...(direction === 'escalate' ? { inputOf: DECISION_INPUTS, dateFields: DECISION_DATE_FIELDS } : {}),
  fieldOfRule: {
    'escalation-must-raise-level': 'toLevel',
    'deescalation-must-lower-level': 'toLevel',
    'escalation-level-in-range': 'toLevel',
    ...(direction === 'escalate' ? DECISION_RULES : {}),
  },
  viewData: (scope) => ({
    currentLevel: `${scope.record.state.escalationLevel}: ${LEVEL_NAMES[scope.record.state.escalationLevel]}`,
    levels: LEVEL_NAMES.map((name, level) => ({ value: String(level), text: `Level ${level}: ${name}` })),
    withDecision: direction === 'escalate',
    consequences: consequenceOptions(false),
  }),
  toDto: (values) => ({
    toLevel: integer(values, 'toLevel'),
    reason: text(values, 'reason'),
    ...(direction === 'escalate' ? { decision: decisionFrom(values) } : {}),
  }),
  command: (dto, scope) => {
    const { decision, ...rest } = dto;
    return direction === 'escalate'
      ? { kind: 'EscalateConcern', concernId: scope.record.id, ...commandFields(rest), decision: decisionLogOf(decision) }
      : { kind: 'DeescalateConcern', concernId: scope.record.id, ...commandFields(rest) };
  },
  done: (scope) => backToConcern(scope, direction === 'escalate' ? 'escalated' : 'deescalated'),
});

export const escalateForm = levelForm('escalate');
export const deescalateForm = levelForm('deescalate');

export const closeForm: ConcernForm<CloseConcernDto> = {
  slug: 'close',
  view: 'forms/close.njk',
  title: () => 'Close the concern',
  dto: CloseConcernDto,
  labels: { outcome: 'the outcome', overrideReason: 'why you are closing with actions unverified' },
  fieldOfRule: { 'close-with-unverified-actions-needs-override': 'overrideReason' },
  toDto: (values) => ({ outcome: text(values, 'outcome'), overrideReason: text(values, 'overrideReason') || undefined }),
  command: (dto, scope) => {
    const { overrideReason, ...rest } = dto;
    return { kind: 'CloseConcern', concernId: scope.record.id, ...commandFields(rest), overrideReason: overrideReason ?? null };
  },
  done: (scope) => backToConcern(scope, 'closed'),
};

export const reopenForm: ConcernForm<ReasonDto> = {
  slug: 'reopen',
  view: 'forms/reason.njk',
  title: () => 'Reopen the concern',
  dto: ReasonDto,
  labels: { reason: 'why the concern is reopened' },
  toDto: (values) => ({ reason: text(values, 'reason') }),
  command: (dto, scope) => ({ kind: 'ReopenConcern', concernId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'reopened'),
};

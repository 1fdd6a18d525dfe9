import { isRetracted, restrictedReaders } from '@caretrail/domain';
import { v7 as uuidv7 } from 'uuid';
import { commandFields } from '../../resources/shared/command.dto';
import { ConcernCommentDto, LiftRestrictionDto } from '../../resources/concerns/concern-comment.dto';
import { COMMENT_TOPICS } from '@caretrail/domain';
import type { PartyOrganisation } from '../read/concern-organisations';
import { organisationNamer } from '../read/concern-organisations';
import type { ConcernRecord } from '../read/concern-record.reader';
import { formatDate } from '../rendering/date-format';
import { humanise } from '../rendering/nunjucks-environment';
import { sealedContentOf } from '../pages/restricted-entries.view';
import { backToConcern } from './concern-lifecycle.forms';
import { options, text } from './form-values';
import type { FieldError } from './form-validation';
import type { FormScope, FormValues, WebForm } from './web-form';

type ConcernForm<D extends object> = WebForm<ConcernRecord, D>;

/** Ticked checkboxes as a list, whatever shape the body parser gave them. */
const ticked = (values: FormValues, key: string): string[] => {
  const raw = values[key];
  return (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim());
};

/** The organisations party to the concern other than the reader's own: whom a restricted entry can be given to. */
const othersOf = (scope: FormScope<ConcernRecord>): PartyOrganisation[] =>
  (scope.record.organisations ?? []).filter((o) => o.organisationId !== scope.who.organisationId);
const partyWords = (o: PartyOrganisation) => `${o.name} (${o.kind === 'council' ? 'the council' : o.kind === 'provider' ? 'the provider' : 'the regulator'})`;

/** Names outside the concern's parties are refused on the pages (the API takes any organisation id). */
function unknownOrganisations(ids: readonly string[], scope: FormScope<ConcernRecord>, path: string, what: string): FieldError[] {
  const known = new Set(othersOf(scope).map((o) => o.organisationId));
  return ids.some((id) => id !== scope.who.organisationId && !known.has(id)) ? [{ path, message: `Choose ${what} from the organisations listed` }] : [];
}

/**
 * Who may read a concern's comment: everyone who reads the concern, the recorder alone, or the
 * recorder and organisations party to the concern it ticks (docs/restricted-entries.md).
 */
export const RESTRICT_CHOICES = [
  { value: 'everyone', text: 'Everyone who can read this concern' },
  {
    value: 'own',
    text: 'Only my organisation',
    hint: "For example a whistleblower's account. Others see that a restricted entry exists and when, never what it says.",
  },
  {
    value: 'named',
    text: 'My organisation and the organisations I choose',
    hint: 'For example police material shared with the regulator. Others see that a restricted entry exists and when, never what it says.',
  },
];

export const commentForm: ConcernForm<ConcernCommentDto> = {
  slug: 'comment',
  view: 'forms/comment.njk',
  title: () => 'Add a comment',
  dto: ConcernCommentDto,
  labels: {
    topic: 'what the comment is about',
    text: 'your comment',
    restrictedTo: 'who may read the comment',
    'restrictedTo.*': 'the organisations who may read the comment',
  },
  inputOf: { 'restrictedTo.*': 'restrictedTo' },
  fieldOfRule: { 'restriction-organisations': 'restrictedTo' },
  viewData: (scope, values) => ({
    topics: options(COMMENT_TOPICS, humanise),
    restrictChoices: RESTRICT_CHOICES,
    organisations: othersOf(scope).map((o) => ({
      value: o.organisationId,
      text: partyWords(o),
      checked: ticked(values, 'organisations').includes(o.organisationId),
    })),
  }),
  toDto: (values, scope) => {
    const choice = text(values, 'restrictedTo');
    const chosen = ticked(values, 'organisations');
    return {
      topic: text(values, 'topic'),
      text: text(values, 'text'),
      ...(choice === 'own' ? { restrictedTo: [scope.who.organisationId] } : {}),
      // None ticked: an empty list, refused by `check` (an empty list would otherwise mean "not restricted").
      ...(choice === 'named' ? { restrictedTo: chosen.length > 0 ? [scope.who.organisationId, ...chosen] : [] } : {}),
    };
  },
  check: async (dto, scope) => {
    if (dto.restrictedTo === undefined) return [];
    if (dto.restrictedTo.length === 0) return [{ path: 'restrictedTo', message: 'Choose the organisations who may read the comment besides yours' }];
    return unknownOrganisations(dto.restrictedTo, scope, 'restrictedTo', 'the organisations who may read the comment');
  },
  command: (dto, scope) => ({ kind: 'RecordConcernComment', concernId: scope.record.id, commentId: uuidv7(), ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'comment-recorded'),
};

/** The restricted entries the reader's organisation recorded and may still lift (not withdrawn), newest first. */
const liftable = (scope: FormScope<ConcernRecord>) => {
  const log = scope.record.live.log;
  return Object.values(log.entries)
    .filter((e) => e.type === 'RestrictedEntryRecorded' && e.organisationId === scope.who.organisationId && !isRetracted(log, e.eventId))
    .reverse();
};

/**
 * Lifting a restriction: the organisation that recorded a restricted entry discloses it to more of the
 * concern's parties, with a reason. The lift is the disclosure log (who, when, to whom); the entry
 * itself never changes. Only the recorder lifts (the domain's rule), so the form lists only the
 * entries the reader's organisation recorded.
 */
export const liftRestrictionForm: ConcernForm<LiftRestrictionDto> = {
  slug: 'lift-restriction',
  view: 'forms/lift-restriction.njk',
  title: () => 'Lift the restriction of an entry',
  dto: LiftRestrictionDto,
  labels: {
    targetEventId: 'the restricted entry',
    disclosedTo: 'the organisations to disclose it to',
    'disclosedTo.*': 'the organisations to disclose it to',
    reason: 'the reason for lifting the restriction',
  },
  inputOf: { 'disclosedTo.*': 'disclosedTo' },
  fieldOfRule: {
    'only-recorder-lifts-restriction': 'targetEventId',
    'restriction-target': 'targetEventId',
    'entry-already-retracted': 'targetEventId',
    'restriction-lift-new-readers': 'disclosedTo',
    'restriction-organisations': 'disclosedTo',
    'restriction-lift-reason-required': 'reason',
  },
  defaults: (scope) => (scope.params.target ? { targetEventId: scope.params.target } : {}),
  viewData: (scope, values) => {
    const nameOf = organisationNamer(scope.record.organisations ?? []);
    const log = scope.record.live.log;
    const candidates = liftable(scope);
    const chosen = text(values, 'targetEventId') ?? scope.params.target;
    const chosenReaders = candidates.some((e) => e.eventId === chosen) ? restrictedReaders(log, chosen!) : [];
    return {
      candidates: candidates.map((e) => {
        const content = sealedContentOf(e.data);
        const words = content ? `: "${content.text.length > 80 ? `${content.text.slice(0, 79)}…` : content.text}"` : '';
        return {
          value: e.eventId,
          text: `Restricted ${humanise(String(e.data['kind'] ?? 'entry')).toLowerCase()} of ${formatDate(e.occurredAt)}${words}`,
          hint: `Readable now by ${restrictedReaders(log, e.eventId).map(nameOf).join(', ')}`,
        };
      }),
      // Once an entry is chosen, those who can read it already are not offered (the domain would refuse them).
      organisations: othersOf(scope)
        .filter((o) => !chosenReaders.includes(o.organisationId))
        .map((o) => ({ value: o.organisationId, text: partyWords(o), checked: ticked(values, 'disclosedTo').includes(o.organisationId) })),
    };
  },
  toDto: (values) => ({ targetEventId: text(values, 'targetEventId'), disclosedTo: ticked(values, 'disclosedTo'), reason: text(values, 'reason') }),
  check: async (dto, scope) => unknownOrganisations(dto.disclosedTo, scope, 'disclosedTo', 'the organisations to disclose it to'),
  command: (dto, scope) => ({ kind: 'LiftConcernEntryRestriction', concernId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'restriction-lifted'),
};

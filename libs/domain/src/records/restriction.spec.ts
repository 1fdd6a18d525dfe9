import type { LiftConcernEntryRestriction, RecordConcernComment } from '../concern/concern.commands';
import { concernDecider } from '../concern/concern.decider';
import { openConcern } from '../testing/concern-history';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import { given } from '../testing/given-when-then';
import { restrictedReaders } from './restriction.rules';

const concernId = IDS.concern;
const ctx = (actor = ACTORS.council) => ({ actor, now: NOW, refs: { contract: contractAwarded() } });
const police = 'police-1';

const comment = (change: Partial<RecordConcernComment> = {}): RecordConcernComment => ({
  kind: 'RecordConcernComment',
  concernId,
  commentId: 'c-1',
  topic: 'context',
  text: 'Police are investigating an allegation; do not contact the manager.',
  occurredAt: at('2026-02-07'),
  restrictedTo: [police],
  ...change,
});
const lift = (change: Partial<LiftConcernEntryRestriction> = {}): LiftConcernEntryRestriction => ({
  kind: 'LiftConcernEntryRestriction',
  concernId,
  targetEventId: 'evt-r',
  disclosedTo: [IDS.provider],
  reason: 'Police have closed the investigation',
  occurredAt: at('2026-03-01'),
  ...change,
});
/** The concern with the council's restricted comment recorded as evt-r. */
const withRestricted = () => {
  const [event] = concernDecider.decide(comment(), given(concernDecider, openConcern()).state, ctx());
  return [...openConcern(), by(ACTORS.council, event, 'evt-r')];
};

describe('restricted comments', () => {
  it('given an open concern, when the council comments restricted to the police, then the content is sealed and the council is one of its readers', () => {
    given(concernDecider, openConcern())
      .when(comment(), ctx())
      .then([
        {
          type: 'RestrictedEntryRecorded',
          occurredAt: at('2026-02-07'),
          data: {
            entryId: 'c-1',
            kind: 'comment',
            party: 'council',
            restrictedTo: [IDS.council, police],
            sealed: { content: { topic: 'context', text: 'Police are investigating an allegation; do not contact the manager.' } },
          },
        },
      ]);
  });

  it('a comment restricted to its recorder alone (a whistleblower account kept by the council) names just the council, once', () => {
    given(concernDecider, openConcern())
      .when(comment({ restrictedTo: [IDS.council, IDS.council] }), ctx())
      .thenMatch([{ data: { restrictedTo: [IDS.council] } }]);
  });

  it('without restrictedTo (or with none named) a comment is an ordinary comment', () => {
    given(concernDecider, openConcern())
      .when(comment({ restrictedTo: undefined }), ctx())
      .thenMatch([{ type: 'CommentRecorded' }]);
    given(concernDecider, openConcern())
      .when(comment({ restrictedTo: [] }), ctx())
      .thenMatch([{ type: 'CommentRecorded' }]);
  });

  it('rules: comment-party and comment-text-required hold for restricted comments; restrictedTo names organisations', () => {
    given(concernDecider, openConcern()).when(comment(), ctx(ACTORS.otherCouncil)).thenForbidden('comment-party');
    given(concernDecider, openConcern())
      .when(comment({ text: ' ' }), ctx())
      .thenFails('comment-text-required');
    given(concernDecider, openConcern())
      .when(comment({ restrictedTo: [' '] }), ctx())
      .thenFails('restriction-organisations');
    given(concernDecider, openConcern())
      .when(comment({ restrictedTo: Array.from({ length: 21 }, (_, i) => `org-${i}`) }), ctx())
      .thenFails('restriction-organisations');
  });

  it('the restricted entry is logged (not as a readable comment), readable by the organisations it names', () => {
    const state = given(concernDecider, withRestricted()).state;
    expect(state.log.comments).toEqual([]);
    expect(restrictedReaders(state.log, 'evt-r')).toEqual([IDS.council, police]);
  });
});

describe('lifting a restriction', () => {
  it('given a restricted comment, when its recorder lifts it for the provider, then the disclosure log says to whom and why', () => {
    given(concernDecider, withRestricted())
      .when(lift(), ctx())
      .then([
        {
          type: 'EntryRestrictionLifted',
          occurredAt: at('2026-03-01'),
          data: { targetEventId: 'evt-r', disclosedTo: [IDS.provider], reason: 'Police have closed the investigation' },
        },
      ]);
  });

  it('after the lift the provider is a reader; those who could read it already are left out of a later lift', () => {
    const [lifted] = concernDecider.decide(lift(), given(concernDecider, withRestricted()).state, ctx());
    const history = [...withRestricted(), by(ACTORS.council, lifted, 'evt-l')];
    expect(restrictedReaders(given(concernDecider, history).state.log, 'evt-r')).toEqual([IDS.council, police, IDS.provider]);
    given(concernDecider, history)
      .when(lift({ disclosedTo: [IDS.provider, police] }), ctx())
      .thenFails('restriction-lift-new-readers');
    given(concernDecider, history)
      .when(lift({ disclosedTo: [IDS.provider, 'regulator-1'] }), ctx())
      .thenMatch([{ data: { disclosedTo: ['regulator-1'] } }]);
  });

  it('rule only-recorder-lifts-restriction: the provider, or a council that recorded nothing here, cannot lift it', () => {
    given(concernDecider, withRestricted()).when(lift(), ctx(ACTORS.provider)).thenForbidden('only-recorder-lifts-restriction');
    given(concernDecider, withRestricted()).when(lift(), ctx(ACTORS.otherCouncil)).thenForbidden('only-recorder-lifts-restriction');
  });

  it('rules: the target is a restricted entry of this record; a reason is given', () => {
    given(concernDecider, withRestricted())
      .when(lift({ targetEventId: 'evt-none' }), ctx())
      .thenFails('restriction-target');
    given(concernDecider, withRestricted())
      .when(lift({ reason: '' }), ctx())
      .thenFails('restriction-lift-reason-required');
    given(concernDecider, withRestricted())
      .when(lift({ disclosedTo: [] }), ctx())
      .thenFails('restriction-lift-new-readers');
  });
});

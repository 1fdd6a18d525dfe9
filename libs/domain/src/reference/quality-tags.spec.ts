import { concernDecider } from '../concern/concern.decider';
import type { RecordConcernVisit } from '../concern/concern.commands';
import type { SubmitActionPlan } from '../concern/action-plan.commands';
import { upcastEventData } from '../events/upcasting';
import { CORRECTABLE_FIELDS } from '../records/correctable-fields';
import { openConcern, planRequested, PLANNED } from '../testing/concern-history';
import { given, recorded } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, contractAwarded } from '../testing/fixtures';
import { CQC_KEY_QUESTIONS, PAMMS_DOMAINS, QUALITY_TAGS, qualityTagsProblem, tagMatches } from './quality-frameworks';

const concernId = IDS.concern;
const council = { actor: ACTORS.council, now: NOW, refs: { contract: contractAwarded() } };
const provider = { actor: ACTORS.provider, now: NOW, refs: { contract: contractAwarded() } };
const MEDICINES = 'pamms:safeguarding-and-safety/management-of-medicines';

const visit = (tags?: string[]): RecordConcernVisit => ({
  kind: 'RecordConcernVisit',
  concernId,
  visitId: 'v-1',
  visitType: 'council_monitoring',
  announced: true,
  visitedOn: '2026-02-05',
  visitorRole: 'QA officer',
  findings: 'MAR charts incomplete',
  tags,
  occurredAt: at('2026-02-05', '15:00'),
});
const submit = (tags: string[][]): SubmitActionPlan => ({
  kind: 'SubmitActionPlan',
  concernId,
  version: 1,
  summary: 'Plan',
  occurredAt: at('2026-01-15'),
  actions: PLANNED.map((a, i) => ({ ...a, tags: tags[i] })),
});

describe('quality reference data', () => {
  it('has every tag once, each id in kebab case, under five PAMMS domains and five CQC key questions', () => {
    const ids = [...PAMMS_DOMAINS, ...CQC_KEY_QUESTIONS].flatMap((g) => [g.id, ...g.items.map((i) => i.id)]);
    ids.forEach((id) => expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/));
    expect(PAMMS_DOMAINS).toHaveLength(5);
    expect(CQC_KEY_QUESTIONS).toHaveLength(5);
    expect(QUALITY_TAGS.size).toBe(10 + PAMMS_DOMAINS.reduce((n, d) => n + d.items.length, 0) + 34);
  });

  it('matches a tag to itself and to the group above it, never to a sibling or a lookalike prefix', () => {
    expect(tagMatches(MEDICINES, MEDICINES)).toBe(true);
    expect(tagMatches(MEDICINES, 'pamms:safeguarding-and-safety')).toBe(true);
    expect(tagMatches('pamms:safeguarding-and-safety/cleanliness-and-infection-control', MEDICINES)).toBe(false);
    expect(tagMatches('cqc:safe', 'cqc:saf')).toBe(false);
  });

  it('checks lists of tags: known, at most 20, none twice', () => {
    expect(qualityTagsProblem([MEDICINES, 'cqc:well-led'])).toBeNull();
    expect(qualityTagsProblem(['pamms:medicines'])).toMatch(/item 1 \(pamms:medicines\) must be a tag from the reference data/);
    expect(qualityTagsProblem([MEDICINES, MEDICINES])).toMatch(/listed twice/);
    expect(qualityTagsProblem(new Array(21).fill(MEDICINES))).toMatch(/at most 20/);
    expect(qualityTagsProblem('cqc:safe')).toMatch(/list/);
  });
});

describe('tagged findings and actions', () => {
  it('given an open concern, when the council records a visit with tags, then the finding carries them and the concern shows them', () => {
    const [event] = concernDecider.decide(visit([MEDICINES, 'cqc:safe/medicines-optimisation']), given(concernDecider, openConcern()).state, council);
    expect(event).toMatchObject({ type: 'VisitConducted', data: { tags: [MEDICINES, 'cqc:safe/medicines-optimisation'] } });
    expect(given(concernDecider, [...openConcern(), recorded(event)]).state.visits[0].tags).toEqual([MEDICINES, 'cqc:safe/medicines-optimisation']);
  });

  it('a visit without tags records an empty list', () => {
    given(concernDecider, openConcern())
      .when(visit(), council)
      .thenMatch([{ type: 'VisitConducted', data: { tags: [] } }]);
  });

  it('rule quality-tags-from-reference-data: a visit tagged outside the reference data is refused', () => {
    given(concernDecider, openConcern())
      .when(visit(['pamms:medicines']), council)
      .thenFails('quality-tags-from-reference-data');
  });

  it('given a requested plan, when the provider submits actions with tags, then each action carries its own', () => {
    given(concernDecider, [...openConcern(), planRequested()])
      .when(submit([[MEDICINES], []]), provider)
      .thenMatch([
        {
          type: 'ActionPlanSubmitted',
          data: {
            actions: [
              { actionId: 'A1', tags: [MEDICINES] },
              { actionId: 'A2', tags: [] },
            ],
          },
        },
      ]);
  });

  it('rule quality-tags-from-reference-data: an action tagged outside the reference data is refused', () => {
    given(concernDecider, [...openConcern(), planRequested()])
      .when(submit([[MEDICINES], ['cqc:kind']]), provider)
      .thenFails('quality-tags-from-reference-data');
  });
});

describe('older events and corrections', () => {
  it('a version-1 VisitConducted reads with no tags; a version-1 plan with none on each action', () => {
    expect(upcastEventData('VisitConducted', 1, { visitId: 'v-1', findings: 'x' })).toEqual({ visitId: 'v-1', findings: 'x', tags: [] });
    const stored = { concernId, version: 1, actions: [{ actionId: 'A1', description: 'x' }], summary: 's' };
    expect(upcastEventData('ActionPlanSubmitted', 1, stored)).toEqual({ ...stored, actions: [{ actionId: 'A1', description: 'x', tags: [] }] });
    expect(stored.actions[0]).not.toHaveProperty('tags');
  });

  it('tags may be corrected, checked against the reference data; plan actions recorded before tagging may be corrected without them', () => {
    expect(CORRECTABLE_FIELDS.VisitConducted.tags([MEDICINES])).toBeNull();
    expect(CORRECTABLE_FIELDS.VisitConducted.tags(['x'])).toMatch(/reference data/);
    const action = { actionId: 'A1', description: 'x', owner: 'o', dueOn: '2026-02-01', measure: 'm' };
    expect(CORRECTABLE_FIELDS.ActionPlanSubmitted.actions([action])).toBeNull();
    expect(CORRECTABLE_FIELDS.ActionPlanSubmitted.actions([{ ...action, tags: ['x'] }])).toMatch(/tags item 1/);
  });
});

import type { Measures, TimelineEntry } from '@caretrail/timeline';
import { deriveMeasures, deriveTimeline } from './bundle-content';
import { brief, jsonDifferences, type JsonDifference } from './json-diff';
import type { ManifestFacts } from './bundle-manifest.check';
import { emptyCheck, type BundleProblem, type CheckResult } from './verification-report';

/** Beyond this many differences in one section the rest are counted, not listed: one cause makes many. */
const MAX_LISTED = 20;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function listDifferences(differences: readonly JsonDifference[], section: string, label: (d: JsonDifference) => string = (d) => d.path): BundleProblem[] {
  const problems = differences.slice(0, MAX_LISTED).map((d) => ({
    where: label(d),
    problem: `the bundle has ${brief(d.bundle)}, recomputed from its events ${brief(d.recomputed)}`,
  }));
  if (differences.length > MAX_LISTED) {
    problems.push({ where: section, problem: `${differences.length - MAX_LISTED} further differences not listed` });
  }
  return problems;
}

/** The bundle's timeline against the one rebuilt from its events: entries matched by event id, then field by field. */
export function compareTimeline(given: unknown, recomputed: readonly TimelineEntry[]): BundleProblem[] {
  if (!Array.isArray(given)) return [{ where: 'timeline', problem: 'missing or not a list' }];
  const problems: BundleProblem[] = [];
  const idOf = (entry: unknown) => (isRecord(entry) && typeof entry['eventId'] === 'string' ? entry['eventId'] : null);
  const givenAt = new Map<string, number>();
  given.forEach((entry: unknown, i) => {
    const id = idOf(entry);
    if (id === null) problems.push({ where: `timeline[${i}]`, problem: 'has no event id' });
    else if (givenAt.has(id)) problems.push({ where: `timeline[${i}]`, problem: `a second entry for event ${id} (first at timeline[${givenAt.get(id)}])` });
    else givenAt.set(id, i);
  });
  const expectedIds = new Set(recomputed.map((e) => e.eventId));
  recomputed.forEach((entry, i) => {
    if (!givenAt.has(entry.eventId))
      problems.push({ where: 'timeline', problem: `no entry for event ${entry.eventId} (${entry.kind}), which belongs at timeline[${i}]` });
  });
  for (const [id, i] of givenAt) {
    if (!expectedIds.has(id))
      problems.push({
        where: `timeline[${i}]`,
        problem: `an entry for event ${id}, which none of the bundle's selected events gives (an event was dropped or the entry added)`,
      });
  }
  const order = recomputed.map((e) => e.eventId).filter((id) => givenAt.has(id));
  const givenOrder = [...givenAt.keys()].filter((id) => expectedIds.has(id));
  const misplaced = order.findIndex((id, k) => givenOrder[k] !== id);
  if (misplaced >= 0) {
    problems.push({
      where: `timeline[${givenAt.get(givenOrder[misplaced])}]`,
      problem: `out of order: the entry for event ${order[misplaced]} should come here (timeline order is occurredAt, then feed position)`,
    });
  }
  const differences: JsonDifference[] = [];
  const eventOf = new Map<string, string>();
  for (const entry of recomputed) {
    const at = givenAt.get(entry.eventId);
    if (at === undefined) continue;
    const found = jsonDifferences(given[at], entry, `timeline[${at}]`);
    for (const d of found) eventOf.set(d.path, entry.eventId);
    differences.push(...found);
  }
  problems.push(...listDifferences(differences, 'timeline', (d) => `${d.path} (event ${eventOf.get(d.path)})`));
  return problems;
}

export function compareMeasures(given: unknown, recomputed: Measures): BundleProblem[] {
  if (!isRecord(given)) return [{ where: 'measures', problem: 'missing or not an object' }];
  return listDifferences(jsonDifferences(given, recomputed, 'measures'), 'measures');
}

/**
 * Rebuilds the timeline and the ten measures from the bundle's selected events (the measures with
 * the council clock settings it carries, and only those) with the same pure functions as the live view, and compares them with the bundle's, so a reader can trust each figure
 * without trusting whoever made the bundle.
 */
export function checkRecomputation(bundle: Record<string, unknown>, facts: ManifestFacts, eventsWellFormed: boolean): CheckResult {
  const result = emptyCheck();
  const { selected, measured, computedWith, measuredOn } = facts;
  if (!eventsWellFormed || selected === null || measured === null || computedWith === null || measuredOn === null) {
    const why = !eventsWellFormed ? 'some events are malformed' : 'the manifest does not say how (asOf, basis, generatedAt or computedWith is unreadable)';
    result.problems.push({ where: 'timeline, measures', problem: `not recomputed: ${why}` });
    return result;
  }
  try {
    const timeline = deriveTimeline(selected, computedWith);
    const problems = compareTimeline(bundle['timeline'], timeline);
    result.problems.push(...problems);
    if (problems.length === 0) result.passed.push(`timeline: ${timeline.length} entries rebuilt from the events, identical to the bundle's`);
  } catch (error) {
    result.problems.push({ where: 'timeline', problem: `could not be rebuilt from the events (${(error as Error).message})` });
  }
  try {
    const measures = deriveMeasures(measured, measuredOn, computedWith);
    const problems = compareMeasures(bundle['measures'], measures);
    result.problems.push(...problems);
    const councils = measures.councilClocks.length;
    const clocks = councils === 0 ? 'the default clocks' : `the clock settings of ${councils} council${councils === 1 ? '' : 's'} carried in the bundle`;
    if (problems.length === 0)
      result.passed.push(
        `measures: all ten recomputed from the events on ${measuredOn} with ${clocks}, identical to the bundle's, with the same input event ids`,
      );
  } catch (error) {
    result.problems.push({ where: 'measures', problem: `could not be recomputed from the events (${(error as Error).message})` });
  }
  return result;
}

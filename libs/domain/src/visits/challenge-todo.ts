import type { ConcernState } from '../concern/concern.state';
import type { VisitType } from '../events/visit.events';
import type { Instant, LocalDate } from '../shared/primitives';
import { challengeWindowOpen, publicationBlocker } from './visit-report.rules';

/** One thing to do about a visit report's challenge (issue 16 item 3), for a to-do list. */
export interface ChallengeTodo {
  /** challenge-open: the provider may still challenge; to-decide: a challenge awaits the council's senior reviewer; to-publish: the council may publish. */
  kind: 'challenge-open' | 'challenge-to-decide' | 'report-to-publish';
  concernId: string;
  visitId: string;
  visitType: VisitType;
  visitedOn: LocalDate;
  /** The findings concerned: not yet challenged (challenge-open), or the one challenged (challenge-to-decide). */
  findingNos: number[];
  challengeId: string | null;
  /** The last day to challenge (challenge-open); null otherwise. */
  dueOn: LocalDate | null;
  /** The concern's form that does it. */
  form: 'challenge-finding' | 'decide-challenge' | 'publish-report';
}

/**
 * The provider's open challenges (drafts in their window with findings not yet challenged) and the
 * council's challenges awaiting a decision and reports ready to publish, on one concern as of `now`.
 * The to-do calls it per open concern of the party (the concern's provider, or its council).
 */
export function challengeTodos(party: 'provider' | 'council', concern: ConcernState, now: Instant): ChallengeTodo[] {
  if (!concern.exists || concern.status === 'closed') return [];
  const concernId = concern.concernId as string;
  return concern.reports.flatMap((r): ChallengeTodo[] => {
    const base = { concernId, visitId: r.visitId, visitType: r.visitType, visitedOn: r.visitedOn };
    if (party === 'provider') {
      const open = r.findings.filter((f) => !r.challenges.some((c) => c.findingNo === f.findingNo)).map((f) => f.findingNo);
      return challengeWindowOpen(r, now) && open.length > 0
        ? [{ ...base, kind: 'challenge-open', findingNos: open, challengeId: null, dueOn: r.challengeClosesOn, form: 'challenge-finding' }]
        : [];
    }
    const toDecide: ChallengeTodo[] = r.challenges
      .filter((c) => c.decision === null)
      .map((c) => ({ ...base, kind: 'challenge-to-decide', findingNos: [c.findingNo], challengeId: c.challengeId, dueOn: null, form: 'decide-challenge' }));
    const toPublish: ChallengeTodo[] = publicationBlocker(r, now) === null ? [{ ...base, kind: 'report-to-publish', findingNos: [], challengeId: null, dueOn: null, form: 'publish-report' }] : [];
    return [...toDecide, ...toPublish];
  });
}

import { concernRecord } from './concern-record';
import { EventHistory } from './event-history';
import { serviceRecord } from './service-record';

/**
 * Test-only: the story behind CareTrail, in events. Records at 5 Fengates lapsed after manager
 * changes; the council raises a concern; the provider answers with a plan it updates weekly, its
 * chief executive visits, and it says the scrutiny is disproportionate.
 */
export function fengatesStory() {
  const h = new EventHistory();
  h.organisation('2025-01-06', 'council-1', 'council', 'Northshire County Council');
  h.organisation('2025-01-06', 'provider-1', 'provider', 'Fengates Care');
  h.organisation('2025-01-06', 'cqc', 'regulator', 'Care Quality Commission');
  const s = serviceRecord(h);
  s.registered('2025-01-06');
  const c = concernRecord(h);
  const raised = c.raised('2025-03-03T10:00:00Z');
  const notified = c.notified('2025-03-03T10:30:00Z');
  const acknowledged = c.acknowledged('2025-03-05T09:00:00Z');
  const requested = c.planRequested('2025-03-05T15:00:00Z', { dueOn: '2025-03-19' });
  const v1 = c.planSubmitted('2025-03-12', 1, [{ actionId: 'A1', dueOn: '2025-03-31', description: 'Audit every care record' }]);
  const returned = c.planReturned('2025-03-13', 1, ['Actions lack owners']);
  const v2 = c.planSubmitted('2025-03-14', 2, [{ actionId: 'A1', dueOn: '2025-03-31', description: 'Audit every care record' }]);
  const accepted = c.planAccepted('2025-03-17', 2);
  // The chief executive's visit, written up a week later
  const visit = c.visit({ occurred: '2025-03-18', recorded: '2025-03-25' }, 'provider_senior_visit', '2025-03-18');
  const update = c.update('2025-03-21', '2025-03-14');
  const correction = h.corrected('2025-03-21T15:00:00Z', update, { periodEnding: '2025-03-21' }, 'Wrong week ending');
  const wrongComment = c.comment('2025-03-24', 'provider', 'general', 'Meant for another concern');
  const retraction = h.retracted('2025-03-24T12:00:00Z', wrongComment, 'Posted on the wrong concern');
  const comment = c.comment('2025-03-26', 'provider', 'proportionality', 'Weekly updates and monthly visits are in place');
  return {
    h,
    events: h.events,
    raised,
    notified,
    acknowledged,
    requested,
    v1,
    returned,
    v2,
    accepted,
    visit,
    update,
    correction,
    wrongComment,
    retraction,
    comment,
  };
}

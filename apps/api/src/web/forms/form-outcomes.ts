/** The success banner after a form is sent, by the outcome key its redirect carries (`?done=`). */
const OUTCOMES: Record<string, string> = {
  raised: 'Concern raised. Notify the provider so they can acknowledge it.',
  notified: 'Provider notified',
  acknowledged: 'Concern acknowledged',
  escalated: 'Escalation recorded',
  deescalated: 'De-escalation recorded',
  closed: 'Concern closed',
  reopened: 'Concern reopened',
  'plan-requested': 'Action plan requested',
  'plan-submitted': 'Action plan submitted for review',
  'plan-returned': 'Plan returned to the provider with your reasons',
  'plan-accepted': 'Plan accepted: updates are now expected on the agreed cadence',
  'update-submitted': 'Plan update submitted',
  'action-claimed': 'Completion claimed: the council will verify the action',
  'action-verified': 'Action verified',
  'action-rejected': 'Claim rejected: the action is back in progress',
  'due-date-revised': 'Due date revised',
  'visit-recorded': 'Visit recorded',
  'comment-recorded': 'Comment added',
  'entry-corrected': 'Correction recorded beside the original entry',
  'manager-appointed': 'Manager appointment recorded',
  'manager-left': 'Manager departure recorded',
  'contract-confirmed': 'Contract confirmed: the council may now act under it',
};

export const successMessage = (key: unknown): string | null => (typeof key === 'string' ? (OUTCOMES[key] ?? null) : null);

import { isReadableConcern, readableConcernsOf } from '@caretrail/projections';
import type { ContactParty, MessageConcern } from './notification-dispatcher';

/**
 * Whether a contact may be e-mailed about a concern: read as a person of its organisation, by the read
 * rule (readableConcernsOf, the rule the API's read policy applies). Nobody is e-mailed about a record
 * they may not read.
 */
export const contactMayRead = (contact: ContactParty, concern: MessageConcern): boolean => isReadableConcern(readableConcernsOf(contact), concern);

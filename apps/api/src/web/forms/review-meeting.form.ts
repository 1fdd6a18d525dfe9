import { v7 as uuidv7 } from 'uuid';
import { ReviewMeetingDto } from '../../resources/concerns/concerns.dto';
import { commandFields } from '../../resources/shared/command.dto';
import type { ConcernRecord } from '../read/concern-record.reader';
import { backToConcern } from './concern-lifecycle.forms';
import { dateFromParts } from './date-parts';
import { lines } from './form-values';
import type { WebForm } from './web-form';

/** A review meeting on the concern: its day, who attended (posts, not names) and what was decided, one per line. */
export const reviewMeetingForm: WebForm<ConcernRecord, ReviewMeetingDto> = {
  slug: 'review-meeting',
  view: 'forms/review-meeting.njk',
  title: () => 'Record a review meeting',
  dto: ReviewMeetingDto,
  labels: {
    heldOn: 'the date of the meeting',
    attendees: 'who attended',
    'attendees.*': 'each attendee',
    decisions: 'the decisions',
    'decisions.*': 'each decision',
  },
  inputOf: { 'attendees.*': 'attendees', 'decisions.*': 'decisions' },
  dateFields: ['heldOn'],
  fieldOfRule: { 'date-not-in-future': 'heldOn' },
  toDto: (values) => ({ heldOn: dateFromParts(values, 'heldOn'), attendees: lines(values, 'attendees'), decisions: lines(values, 'decisions') }),
  command: (dto, scope) => ({ kind: 'RecordReviewMeeting', concernId: scope.record.id, meetingId: uuidv7(), ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'review-meeting-recorded'),
};

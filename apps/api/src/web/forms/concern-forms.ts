import type { ConcernRecord } from '../read/concern-record.reader';
import { acceptPlanForm, planUpdateForm, requestPlanForm, returnPlanForm, submitPlanForm } from './action-plan.forms';
import { acknowledgeForm, closeForm, deescalateForm, escalateForm, notifyForm, reopenForm } from './concern-lifecycle.forms';
import { placementsForms } from './placements.forms';
import { liftRestrictionForm } from './restriction.forms';
import { commentForm, concernCorrectionForm, concernRetractionForm, visitForm } from './record-entries.forms';
import { reviewMeetingForm } from './review-meeting.form';
import { meetingForms } from './meeting.forms';
import { visitReportForms } from './visit-report.forms';
import type { WebForm } from './web-form';

/** Every form on a concern, by the last segment of its address. */
export const CONCERN_FORMS: Record<string, WebForm<ConcernRecord, object>> = Object.fromEntries(
  [
    notifyForm,
    acknowledgeForm,
    escalateForm,
    deescalateForm,
    closeForm,
    reopenForm,
    requestPlanForm,
    submitPlanForm,
    returnPlanForm,
    acceptPlanForm,
    planUpdateForm,
    visitForm,
    commentForm,
    concernCorrectionForm,
    concernRetractionForm,
    liftRestrictionForm,
    ...placementsForms,
    reviewMeetingForm,
    ...visitReportForms,
    ...meetingForms,
  ].map((form) => [form.slug, form as unknown as WebForm<ConcernRecord, object>]),
);

/** The review page shows both the accept and the return forms; it opens as the return form. */
CONCERN_FORMS['review-plan'] = CONCERN_FORMS['return-plan'];

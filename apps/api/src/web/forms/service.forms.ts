import { v7 as uuidv7 } from 'uuid';
import { AppointManagerDto, ManagerLeftDto } from '../../resources/services/services.dto';
import { commandFields } from '../../resources/shared/command.dto';
import type { ServiceRecord } from '../read/service-record.reader';
import { dateFromParts } from './date-parts';
import { text } from './form-values';
import {
  enforcementForm,
  managerAbsenceForm,
  managerReturnForm,
  ratingForm,
  registerManagerForm,
  serviceCommentForm,
  serviceCorrectionForm,
  serviceRetractionForm,
  serviceVisitForm,
} from './service-record.forms';
import { serviceIdentifiersForm } from './identifier.forms';
import type { FormScope, WebForm } from './web-form';

type ServiceForm<D extends object> = WebForm<ServiceRecord, D>;

const backToService = (scope: FormScope<ServiceRecord>, outcome: string) => ({ href: `/app/services/${scope.record.id}`, outcome });

export const appointManagerForm: ServiceForm<AppointManagerDto> = {
  slug: 'appoint-manager',
  view: 'forms/appoint-manager.njk',
  title: () => 'Record a new manager',
  dto: AppointManagerDto,
  labels: { managerName: "the manager's name", startedOn: 'their first day in post', basis: 'whether the appointment is interim or permanent' },
  dateFields: ['startedOn'],
  fieldOfRule: { 'manager-dates-in-order': 'startedOn', 'date-not-in-future': 'startedOn' },
  toDto: (values) => ({ managerName: text(values, 'managerName'), startedOn: dateFromParts(values, 'startedOn'), basis: text(values, 'basis') }),
  command: (dto, scope) => ({ kind: 'AppointManager', serviceId: scope.record.id, managerId: uuidv7(), ...commandFields(dto) }),
  done: (scope) => backToService(scope, 'manager-appointed'),
};

export const managerLeftForm: ServiceForm<ManagerLeftDto> = {
  slug: 'manager-left',
  view: 'forms/manager-left.njk',
  title: (scope) => `Record that ${scope.record.state.manager?.managerName ?? 'the manager'} left`,
  dto: ManagerLeftDto,
  labels: { leftOn: 'their last day in post', reason: 'why they left' },
  dateFields: ['leftOn'],
  fieldOfRule: { 'manager-dates-in-order': 'leftOn', 'manager-must-be-in-post': 'leftOn', 'date-not-in-future': 'leftOn' },
  viewData: (scope) => ({ manager: scope.record.state.manager }),
  toDto: (values) => ({ leftOn: dateFromParts(values, 'leftOn'), reason: text(values, 'reason') }),
  command: (dto, scope, values) => ({
    kind: 'RecordManagerLeft',
    serviceId: scope.record.id,
    // The manager the page showed; the domain refuses it if they are no longer in post.
    managerId: text(values, 'managerId') || (scope.record.state.manager?.managerId ?? ''),
    ...commandFields(dto),
  }),
  done: (scope) => backToService(scope, 'manager-left'),
};

export const SERVICE_FORMS: Record<string, WebForm<ServiceRecord, object>> = Object.fromEntries(
  [
    appointManagerForm,
    managerLeftForm,
    registerManagerForm,
    managerAbsenceForm,
    managerReturnForm,
    serviceVisitForm,
    serviceCommentForm,
    serviceCorrectionForm,
    serviceRetractionForm,
    ratingForm,
    enforcementForm,
    serviceIdentifiersForm,
  ].map((form) => [form.slug, form as unknown as WebForm<ServiceRecord, object>]),
);

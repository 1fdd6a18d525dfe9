import type { RefRequest } from '../shared/command-spec';
import { serviceStream } from '../shared/stream-names';
import { serviceDecider } from './service.decider';
import type { ServiceState } from './service.state';

/** Loads a service for another record's decision. */
export const serviceRef = (serviceId: string): RefRequest<ServiceState> => ({
  stream: serviceStream(serviceId),
  decider: serviceDecider,
  recordType: 'service',
  recordId: serviceId,
});

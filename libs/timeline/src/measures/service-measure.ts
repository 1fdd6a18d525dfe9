import type { LocalDate } from '@caretrail/domain';
import type { Evidenced } from './measure-result';

/** A measure of services (the registered-manager measures, turnover and concerns): per service and overall. */
export interface ServiceMeasure<S extends Evidenced & { serviceId: string }, A extends Evidenced> {
  measure: string;
  on: LocalDate;
  definition: string;
  byService: S[];
  overall: A;
}

import type { LocalDate, RegulatorName } from '../shared/primitives';

export const RATINGS = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export type Rating = (typeof RATINGS)[number];
export const KEY_QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led'] as const;
export type KeyQuestion = (typeof KEY_QUESTIONS)[number];

export interface RatingPublished {
  type: 'RatingPublished';
  data: {
    serviceId: string;
    regulator: RegulatorName;
    overall: Rating;
    keyQuestions: Record<KeyQuestion, Rating | null>;
    publishedOn: LocalDate;
    reportReference: string | null;
  };
}

export const ENFORCEMENT_ACTIONS = [
  'warning_notice',
  'requirement_notice',
  'conditions_imposed',
  'special_measures',
  'suspension_of_registration',
  'cancellation_of_registration',
  'prosecution',
] as const;
export type EnforcementAction = (typeof ENFORCEMENT_ACTIONS)[number];

export interface EnforcementActionRecorded {
  type: 'EnforcementActionRecorded';
  data: { serviceId: string; action: EnforcementAction; decidedOn: LocalDate; summary: string };
}

import type { CommandResult } from '@caretrail/application';
import type { CareTrailCommand } from '@caretrail/domain';
import type { Identity } from '../../identity/identity';
import type { FieldError } from './form-validation';

/** What a person typed, as the urlencoded body parser gives it (nested for repeated rows). */
export type FormValues = Record<string, unknown>;

/** What a form works on: who is acting, the record (folded) and today's London date. */
export interface FormScope<R> {
  who: Identity;
  record: R;
  /** The record's version when the form was shown, sent back as expectedVersion. */
  version: number | null;
  today: string;
  params: Record<string, string>;
}

/**
 * One form of the pages: how to show it, how its fields become the API's DTO (validated by the same
 * class-validator classes), and which domain command it sends through the CommandDispatcher.
 */
export interface WebForm<R, D extends object = object> {
  slug: string;
  view: string;
  title(scope: FormScope<R>): string;
  dto: new () => D;
  /** Each DTO field's name as a sentence uses it ("a reason"); `*` stands for a row number. */
  labels: Record<string, string>;
  /** A DTO field entered through another input (a combined choice): errors go to that input. */
  inputOf?: Record<string, string>;
  /** DTO fields typed in a GOV.UK date input (three boxes). */
  dateFields?: string[];
  defaults?(scope: FormScope<R>): FormValues;
  viewData?(scope: FormScope<R>, values: FormValues): Record<string, unknown>;
  /** A button that changes the form instead of sending it (add another row): the new values, else null. */
  adjust?(values: FormValues): FormValues | null;
  toDto(values: FormValues, scope: FormScope<R>): Record<string, unknown>;
  /** Checks the valid DTO needs the record for (a correction's changes against the entry's own rules). */
  check?(dto: D, scope: FormScope<R>): Promise<FieldError[]>;
  /** `values` carries what the page showed (a hidden version number, the entry being corrected). */
  command(dto: D, scope: FormScope<R>, values: FormValues): CareTrailCommand;
  /** The field a broken domain rule is about, so its message links there. */
  fieldOfRule?: Record<string, string>;
  /** Where Back and Cancel go; the record the form belongs to when absent. */
  back?(scope: FormScope<R>): string;
  /** Where to go after success, and the outcome key for the banner. */
  done(scope: FormScope<R>, result: CommandResult, dto: D): { href: string; outcome: string };
}

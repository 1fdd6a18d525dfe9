import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { toErrorBody } from '../../errors/http-error.filter';
import { PageRenderer } from '../rendering/page-renderer';
import { CSRF_FIELD } from '../session/csrf-protection';
import type { WebRequest } from '../session/web-session';
import { anchorOf, fieldParams, type FormState } from './form-fields';
import { labelFor, validateWithDto, type FieldError } from './form-validation';
import type { FormScope, FormValues, WebForm } from './web-form';

/** Refusals a person can act on are shown on the form; faults go to the error page. */
const SHOWN_ON_FORM = new Set([403, 404, 409, 422]);

/**
 * Shows and sends every form the same way: GOV.UK error summary and inline errors, values kept,
 * the API's DTO validation, then the domain command through the API's CommandDispatcher.
 */
@Injectable()
export class FormHandler {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly pages: PageRenderer,
  ) {}

  show<R>(req: WebRequest, res: Response, form: WebForm<R>, scope: FormScope<R>, values?: FormValues, errors: FieldError[] = [], status = 200): void {
    const shown = values ?? { ...(form.defaults?.(scope) ?? {}), expectedVersion: scope.version ?? '' };
    const state: FormState = { values: shown, fieldErrors: Object.fromEntries(errors.map((e) => [e.path, e.message])) };
    this.pages.send(
      req,
      res,
      form.view,
      {
        title: form.title(scope),
        form: state,
        field: (path: string) => fieldParams(state, path),
        action: req.originalUrl.split('?')[0],
        backLink: form.back?.(scope) ?? backFrom(req.originalUrl),
        errors: errors.map((e) => ({ text: e.message, href: e.path === '' ? '#main-content' : anchorOf(e.path, form.dateFields) })),
        scope,
        ...(form.viewData?.(scope, shown) ?? {}),
      },
      status,
    );
  }

  async submit<R, D extends object>(req: WebRequest, res: Response, form: WebForm<R, D>, scope: FormScope<R>): Promise<void> {
    const { [CSRF_FIELD]: _csrf, ...values } = (req.body ?? {}) as FormValues;
    const adjusted = form.adjust?.(values);
    if (adjusted) return this.show(req, res, form as WebForm<R>, scope, adjusted);

    const plain = form.toDto(values, scope);
    if (values.expectedVersion !== undefined && values.expectedVersion !== '') plain.expectedVersion = Number(values.expectedVersion);
    const validated = await validateWithDto(form.dto, plain, form.labels, form.dateFields);
    const { dto } = validated;
    const errors = validated.errors.length === 0 && form.check ? await form.check(dto, scope) : validated.errors;
    if (errors.length > 0) {
      const shown = errors.map((e) => ({ ...e, path: inputOf(form, e.path) }));
      // One message per input: a combined choice can fail on two DTO fields at once.
      const unique = shown.filter((e, i) => shown.findIndex((x) => x.path === e.path) === i);
      return this.show(req, res, form as WebForm<R>, scope, values, unique, 400);
    }

    try {
      // The dispatcher reads expectedVersion from the body, as the API does: give it the validated number only.
      req.body =
        (dto as { expectedVersion?: number }).expectedVersion === undefined ? {} : { expectedVersion: (dto as { expectedVersion?: number }).expectedVersion };
      const result = await this.dispatcher.run(form.command(dto, scope, values), scope.who, req);
      const { href, outcome } = form.done(scope, result, dto);
      res.redirect(303, `${href}?done=${outcome}`);
    } catch (error) {
      const body = toErrorBody(error);
      if (!SHOWN_ON_FORM.has(body.statusCode)) throw error;
      const rulePath = (body.rule && form.fieldOfRule?.[body.rule]) ?? firstField(form);
      const path = inputOf(form, rulePath);
      const message = body.statusCode === 409 ? `${body.message}. Your answers are kept below.` : body.message;
      this.show(req, res, form as WebForm<R>, scope, values, [{ path, message }], body.statusCode);
    }
  }
}

/** The input a DTO field is typed in: itself, or the one `inputOf` names (`attendees.*` for every line of a list). */
const inputOf = (form: WebForm<unknown>, path: string): string => form.inputOf?.[path] ?? form.inputOf?.[path.replace(/\.\d+(?=\.|$)/g, '.*')] ?? path;

/** A rule about the whole form links to its first field. */
const firstField = (form: WebForm<unknown>): string => Object.keys(form.labels).find((k) => !k.includes('*')) ?? '';

/** A form's back link: the record it belongs to. */
const backFrom = (url: string): string => url.split('?')[0].replace(/\/[^/]+$/, '') || '/app';

export { labelFor };

import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from '../errors/problem-details';

/** Control characters other than tab, newline and carriage return; and halves of surrogate pairs. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 32;
/** No command has these fields; as keys they reach for prototypes, so they are refused, not dropped. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses (400) a body with text no record should hold: NUL and other control characters, lone
 * surrogates (not valid UTF-8 once stored, so a hash over them could not be checked again),
 * `__proto__`/`constructor`/`prototype` keys (class-transformer would silently drop them), or
 * nesting deeper than any command has. Runs once for every route, before validation.
 */
export function rejectUnsafeText(req: Request, res: Response, next: NextFunction): void {
  const problem = findProblem(req.body, 'body', 0);
  if (!problem) return next();
  sendProblem(req, res, {
    statusCode: 400,
    error: 'Bad Request',
    message: `${problem.field} ${problem.message}`,
    fields: [{ field: problem.field, messages: [problem.message] }],
  });
}

function findProblem(value: unknown, field: string, depth: number): { field: string; message: string } | undefined {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) return { field, message: 'must not contain control characters' };
    if (LONE_SURROGATE.test(value)) return { field, message: 'must be valid Unicode text (it has half of a surrogate pair)' };
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { field, message: `is nested more than ${MAX_DEPTH} levels deep` };
  for (const [key, child] of Object.entries(value)) {
    const name = Array.isArray(value) ? `${field}[${key}]` : `${field}.${key}`;
    if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) return { field: name, message: 'is not a field any request has' };
    const keyProblem = findProblem(key, name, depth + 1);
    if (keyProblem) return keyProblem;
    const found = findProblem(child, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

const store = new AsyncLocalStorage<string>();

/** The request's correlation id, wherever in its handling one is asked for (audit rows, logs). */
export const currentCorrelationId = (): string | undefined => store.getStore();

/** Runs the rest of the request inside its correlation id (set by the request logger as req.id). */
export const correlationContext = (req: Request, _res: Response, next: NextFunction) => store.run(String((req as Request & { id?: unknown }).id ?? ''), next);

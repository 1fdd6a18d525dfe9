import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { londonToday } from '../../web/rendering/date-format';
import { homeFor } from '../../web/rendering/navigation';
import type { WebRequest } from '../../web/session/web-session';
import { TodoReader } from './todo.reader';

/** What the layout shows: the header's count link, and on the start page a banner for a late or approaching item. */
export interface TodoLocals {
  count: number;
  overdueCount: number;
  approachingCount: number;
  /** Set on the person's start page only. */
  banner: { overdue: boolean; text: string } | null;
}

/**
 * Before a signed-in page is rendered, works out the person's to-do counts for the layout
 * (res.locals.todo, read by the PageRenderer). A failure never stops the page: it just has no count.
 */
@Injectable()
export class TodoCountInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Todo');

  constructor(private readonly todo: TodoReader) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<WebRequest>();
      const res = context.switchToHttp().getResponse<Response>();
      const who = req.webIdentity;
      if (who && req.method === 'GET' && req.path.startsWith('/app') && (who.organisationKind === 'provider' || who.organisationKind === 'council')) {
        try {
          const list = await this.todo.forIdentity(who, londonToday());
          const onStart = req.path === homeFor(who);
          const banner =
            !onStart || (list.overdueCount === 0 && list.approachingCount === 0)
              ? null
              : list.overdueCount > 0
                ? { overdue: true, text: `${list.overdueCount} ${list.overdueCount === 1 ? 'item is' : 'items are'} overdue` }
                : { overdue: false, text: `${list.approachingCount} ${list.approachingCount === 1 ? 'item is' : 'items are'} due within 2 working days` };
          res.locals.todo = { count: list.count, overdueCount: list.overdueCount, approachingCount: list.approachingCount, banner } satisfies TodoLocals;
          // The to-do page itself shows this list rather than working it out twice.
          res.locals.todoList = list;
        } catch (error) {
          this.logger.warn(`to-do count not shown: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    return next.handle();
  }
}

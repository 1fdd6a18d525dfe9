import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import type { TodoList } from '../../notifications/todo/todo-list';
import { TodoReader } from '../../notifications/todo/todo.reader';
import { londonToday } from '../rendering/date-format';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

/** What is due for the signed-in person's organisation, computed from the record and the working-day calendar. */
@WebController()
export class TodoPagesController {
  constructor(
    private readonly todo: TodoReader,
    private readonly pages: PageRenderer,
  ) {}

  @Get('todo')
  async todoPage(@WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    const list = (res.locals.todoList as TodoList | undefined) ?? (await this.todo.forIdentity(who, londonToday()));
    this.pages.send(req, res, 'todo.njk', { title: 'To do', list });
  }
}

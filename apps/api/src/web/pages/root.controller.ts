import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { homeFor } from '../rendering/navigation';
import { SignedOutAllowed } from '../session/web-session.guard';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

/** `/` and `/app` send people to where they start. */
@WebController('')
export class RootController {
  @Get()
  @SignedOutAllowed()
  root(@Req() req: WebRequest, @Res() res: Response) {
    res.redirect(303, req.webIdentity ? homeFor(req.webIdentity) : '/app/sign-in');
  }

  @Get('app')
  @SignedOutAllowed()
  app(@Req() req: WebRequest, @Res() res: Response) {
    res.redirect(303, req.webIdentity ? homeFor(req.webIdentity) : '/app/sign-in');
  }
}

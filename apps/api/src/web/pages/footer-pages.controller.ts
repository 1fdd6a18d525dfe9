import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedOutAllowed } from '../session/web-session.guard';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

/**
 * The pages the footer links to on every page, signed in or not: the accessibility statement, the
 * privacy notice and the cookies page. Their text is in the views (footer/*.njk).
 */
@WebController()
export class FooterPagesController {
  constructor(private readonly pages: PageRenderer) {}

  @Get('accessibility')
  @SignedOutAllowed()
  accessibility(@Req() req: WebRequest, @Res() res: Response) {
    this.pages.send(req, res, 'footer/accessibility.njk', { title: 'Accessibility statement for CareTrail' });
  }

  @Get('privacy')
  @SignedOutAllowed()
  privacy(@Req() req: WebRequest, @Res() res: Response) {
    this.pages.send(req, res, 'footer/privacy.njk', { title: 'Privacy notice' });
  }

  @Get('cookies')
  @SignedOutAllowed()
  cookies(@Req() req: WebRequest, @Res() res: Response) {
    this.pages.send(req, res, 'footer/cookies.njk', { title: 'Cookies' });
  }
}

import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { dirname, join } from 'node:path';
import { govukFrontendDir, mojFrontendDir, webSourceDir } from './web-paths';

/**
 * Serves the precompiled GOV.UK and MOJ Frontend files straight from the installed packages (no Sass
 * build), and CareTrail's own stylesheets. The packages' CSS asks for fonts and images under /assets.
 */
export function mountWebAssets(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const options = { index: false, maxAge: '1h' } as const;
  express.useStaticAssets(join(govukFrontendDir(), 'govuk', 'assets'), { ...options, prefix: '/assets/' });
  express.useStaticAssets(join(mojFrontendDir(), 'moj', 'assets'), { ...options, prefix: '/assets/' });
  express.useStaticAssets(join(govukFrontendDir(), 'govuk'), { ...options, prefix: '/assets/govuk/' });
  express.useStaticAssets(join(mojFrontendDir(), 'moj'), { ...options, prefix: '/assets/moj/' });
  express.useStaticAssets(join(webSourceDir(), 'static'), { ...options, maxAge: 0, prefix: '/assets/caretrail/' });
  // alphagov/accessible-autocomplete: the raise-concern page's service choice, as an enhancement of its select.
  express.useStaticAssets(join(dirname(require.resolve('accessible-autocomplete')), '..', 'dist'), { ...options, prefix: '/assets/accessible-autocomplete/' });
}

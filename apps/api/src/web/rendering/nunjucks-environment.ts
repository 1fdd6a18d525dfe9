import nunjucks from 'nunjucks';
import { humanise, plural } from '@caretrail/timeline';
import { join } from 'node:path';
import { formatDate, formatDateTime, formatTime } from './date-format';
import { govukFrontendDir, mojFrontendDir, webSourceDir } from './web-paths';

/** One Nunjucks environment: CareTrail's views first, then the GOV.UK and MOJ component templates. */
export function createNunjucksEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([join(webSourceDir(), 'views'), govukFrontendDir(), mojFrontendDir()], {
    noCache: options.watch ?? false,
  });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  env.addFilter('govukDate', (value: string, style?: 'long' | 'short') => formatDate(value, style));
  env.addFilter('govukTime', formatTime);
  env.addFilter('govukDateTime', formatDateTime);
  // The MOJ Timeline macro formats its dates with these two filters (moment in the prototype kit).
  env.addFilter('mojDate', (value: string, type?: string) => (type === 'date' ? formatDate(value) : formatDateTime(value)));
  env.addFilter('date', (value: string) => formatDateTime(value));
  env.addFilter('humanise', (value: string | null | undefined) => humanise(value));
  // `{{ n | plural('working day') }}` → "1 working day", "14 working days".
  env.addFilter('plural', (n: number, one: string, many?: string) => plural(n, one, many));
  return env;
}

/** `council_monitoring` → "Council monitoring": enum values as readers say them (the one humanise, in @caretrail/timeline). */
export { humanise };

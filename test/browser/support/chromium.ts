import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CARETRAIL_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. In CI a missing Chromium is a failure (the suite must not
 * pass by doing nothing); on a laptop the suite is skipped with the reason printed.
 */
export function chromiumAvailability(): { available: boolean; reason: string } {
  if (existsSync(CHROMIUM_PATH)) return { available: true, reason: '' };
  const reason = `Chromium not found at ${CHROMIUM_PATH} (install it with: apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`Browser tests cannot run in CI: ${reason}`);
  console.warn(`Skipping the browser tests: ${reason}`);
  return { available: false, reason };
}

/** Debian's Chromium, headless, driven by playwright-core (which brings no browser of its own). */
export const launchChromium = (extraArgs: string[] = []): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });

import type { Page } from 'playwright-core';

/**
 * Driving the pages with the keyboard alone: Tab / Shift+Tab to move, arrow keys and Space in radio
 * groups, Enter or Space to follow a link or press a button, typing into the field that has focus.
 * Every element reached by Tab is checked for the GOV.UK focus indicator on the way.
 *
 * The in-page code is plain JavaScript text (the project compiles without the DOM library, and a
 * compiled function could carry helpers the page does not have); it runs through the DevTools
 * protocol, which the pages' Content-Security-Policy does not govern.
 */

/** What has focus, as a keyboard user would meet it. */
export interface Focused {
  /** `body` when no element has focus (before the first Tab, or after the last). */
  tag: string;
  id: string;
  name: string;
  type: string;
  classes: string;
  /** The label of a field, or the text of a link or button. */
  label: string;
  checked: boolean;
  inMain: boolean;
  /** Radios sharing this radio's name in its form. */
  groupSize: number;
  /** The key `tabThroughPage` gave the element (null when it did not expect it to be a Tab stop). */
  key: string | null;
  /** How the focus shows: the GOV.UK yellow as background, outline or box-shadow; null when it does not. */
  indicator: string | null;
  /** A readable one-line description for failure messages. */
  describe: string;
}

/**
 * GOV.UK Frontend's focus states all use the focus colour #ffdd00 (computed as rgb(255, 221, 0)):
 * links, buttons, the skip link and details summaries get it as background (govuk-focused-text, and
 * the button's :focus rule), inputs, textareas, selects and the error summary as a 3px outline
 * (govuk-focused-form-input), and radios and checkboxes as a box-shadow ring on the label's ::before
 * (the input itself is transparent). The focused element, or for a radio its label's ::before, must
 * show one of them.
 */
const FOCUSED_SOURCE = `(() => {
  const YELLOW = 'rgb(255, 221, 0)';
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return { tag: 'body', id: '', name: '', type: '', classes: '', label: '', checked: false, inMain: false, groupSize: 0, key: null, indicator: null, describe: 'no element (the page itself)' };
  }
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute('type') || '').toLowerCase();
  const choice = tag === 'input' && (type === 'radio' || type === 'checkbox');
  const labelEl = el.labels && el.labels.length ? el.labels[0] : null;
  const squash = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const label = squash(labelEl ? labelEl.innerText : el.getAttribute('aria-label') || el.innerText || el.value || '');
  const shown = [];
  const look = (node, pseudo, where) => {
    if (!node) return;
    const s = getComputedStyle(node, pseudo);
    if (s.backgroundColor === YELLOW) shown.push(where + ' yellow background');
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor === YELLOW) shown.push(where + ' yellow outline');
    if (s.boxShadow.includes(YELLOW)) shown.push(where + ' yellow box-shadow');
  };
  if (choice) look(labelEl, '::before', 'label::before');
  else look(el, null, 'element');
  const rect = el.getBoundingClientRect();
  const visible = choice ? labelEl && labelEl.getBoundingClientRect().width > 0 : rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  const groupSize = tag === 'input' && type === 'radio' && el.form
    ? Array.from(el.form.elements).filter((e) => e.type === 'radio' && e.name === el.name).length
    : 0;
  const describe = tag + (type ? '[type=' + type + ']' : '') + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : '') + (label ? ' "' + label.slice(0, 70) + '"' : '');
  return {
    tag, id: el.id || '', name: el.getAttribute('name') || '', type, classes: el.className && typeof el.className === 'string' ? el.className : '',
    label, checked: Boolean(el.checked), inMain: Boolean(el.closest('main')), groupSize,
    key: el.getAttribute('data-kbd-key'),
    indicator: visible && shown.length ? shown.join(', ') : null,
    describe,
  };
})()`;

export const focused = (page: Page): Promise<Focused> => page.evaluate(FOCUSED_SOURCE) as Promise<Focused>;

/** What to Tab to: a test on the focused element, or the fields it must have. */
export type Target = ((f: Focused) => boolean) | { id?: string; name?: string; tag?: string; label?: string | RegExp };

function matcher(target: Target): (f: Focused) => boolean {
  if (typeof target === 'function') return target;
  return (f) =>
    (target.id === undefined || f.id === target.id) &&
    (target.name === undefined || f.name === target.name) &&
    (target.tag === undefined || f.tag === target.tag) &&
    (target.label === undefined || (typeof target.label === 'string' ? f.label === target.label : target.label.test(f.label)));
}

const describeTarget = (target: Target) =>
  typeof target === 'function' ? target.toString() : JSON.stringify(target, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));

/** Fails unless the focused element shows the GOV.UK focus indicator. */
export function expectIndicator(f: Focused): void {
  if (f.tag !== 'body' && f.indicator === null) throw new Error(`No visible GOV.UK focus indicator (#ffdd00) on ${f.describe}`);
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, checking the focus indicator at every
 * stop; fails with the stops it went through when the target is never reached.
 */
export async function tabTo(page: Page, target: Target, options: { max?: number; back?: boolean; what?: string } = {}): Promise<Focused> {
  const { max = 80, back = false, what = describeTarget(target) } = options;
  const matches = matcher(target);
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    expectIndicator(f);
    if (matches(f)) return f;
    stops.push(f.describe);
  }
  throw new Error(`Pressed ${back ? 'Shift+Tab' : 'Tab'} ${max} times on ${page.url()} without reaching ${what}. Focus went through:\n  ${stops.join('\n  ')}`);
}

/** Presses Tab once and returns what has focus (indicator checked). */
export async function tab(page: Page): Promise<Focused> {
  await page.keyboard.press('Tab');
  const f = await focused(page);
  expectIndicator(f);
  return f;
}

/**
 * In the radio group that has focus, selects the radio whose label matches, with the arrow keys (or
 * Space when it is the focused one already); fails if the group has no such radio.
 */
export async function chooseRadio(page: Page, label: RegExp): Promise<Focused> {
  let f = await focused(page);
  if (f.type !== 'radio') throw new Error(`Expected a radio to have focus, not ${f.describe}`);
  const seen: string[] = [];
  for (let i = 0; i <= f.groupSize; i++) {
    if (label.test(f.label)) {
      if (!f.checked) await page.keyboard.press('Space');
      f = await focused(page);
      expectIndicator(f);
      if (!f.checked) throw new Error(`Space did not select ${f.describe}`);
      return f;
    }
    seen.push(f.label);
    await page.keyboard.press('ArrowDown');
    f = await focused(page);
    expectIndicator(f);
    if (f.type !== 'radio') throw new Error(`ArrowDown left the radio group for ${f.describe}`);
    if (!f.checked) throw new Error(`ArrowDown moved to ${f.describe} without selecting it`);
  }
  throw new Error(`No radio labelled ${label} in the group; the arrow keys went through: ${seen.join(' | ')}`);
}

/** Presses a key that leads to another page (Enter on a link, Enter or Space on a submit button) and waits for it. */
export async function pressAndLoad(page: Page, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}

/** Tabs to a link or button by its text and follows or presses it with the key given. */
export async function activate(page: Page, label: string | RegExp, key: 'Enter' | 'Space' = 'Enter', max?: number): Promise<Focused> {
  const f = await tabTo(page, (x) => (x.tag === 'a' || x.tag === 'button') && (typeof label === 'string' ? x.label === label : label.test(x.label)), {
    max,
    what: `the link or button "${label}"`,
  });
  await pressAndLoad(page, key);
  return f;
}

/**
 * Marks every element a keyboard user should be able to reach by Tab on the page as it stands (each
 * visible link, button, field and details summary, one stop per radio group, anything with
 * tabindex >= 0), with a key in `data-kbd-key`; returns the keys and descriptions.
 */
const MARK_SOURCE = `(() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const expected = {};
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    el.removeAttribute('data-kbd-key');
    if (el.disabled || el.tabIndex < 0) continue;
    if (el.tagName === 'INPUT' && el.type === 'hidden') continue;
    if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') continue;
    const choice = el.type === 'radio' || el.type === 'checkbox';
    const box = choice && el.labels && el.labels.length ? el.labels[0] : el;
    if (!box.checkVisibility({ visibilityProperty: true })) continue;
    const key = el.type === 'radio' && el.form ? 'radios:' + Array.from(document.forms).indexOf(el.form) + ':' + el.name : 'el:' + n++;
    el.setAttribute('data-kbd-key', key);
    const label = ((el.labels && el.labels.length ? el.labels[0].innerText : el.getAttribute('aria-label') || el.innerText || el.value || '') + '').replace(/\\s+/g, ' ').trim();
    expected[key] = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (label ? ' "' + label.slice(0, 70) + '"' : '');
  }
  return expected;
})()`;

export interface TabSweep {
  /** Every stop, in order, from the top of the page round to where focus came back to. */
  stops: Focused[];
  /** Elements a keyboard user should reach that Tab never reached. */
  unreached: string[];
  /** Stops without the GOV.UK focus indicator. */
  withoutIndicator: string[];
  /** Set when focus cycled without passing the end of the page: a focus trap. */
  trap: string | null;
}

/**
 * Tabs through the whole of a freshly loaded page (nothing focused yet) and round again: every element
 * that should be a Tab stop must be reached, each must show the focus indicator, and focus must pass
 * the end of the page, out of the document or straight back to its first Tab stop, never cycle
 * inside it (a trap).
 */
export async function tabThroughPage(page: Page, max = 300): Promise<TabSweep> {
  const start = await focused(page);
  if (start.tag !== 'body') throw new Error(`tabThroughPage starts from a page with nothing focused, not from ${start.describe}`);
  const expected = (await page.evaluate(MARK_SOURCE)) as Record<string, string>;
  const order = Object.keys(expected); // document order
  const stops: Focused[] = [];
  const seen = new Set<string>();
  let leftPage = false;
  let trap: string | null = `focus never came round in ${max} presses of Tab`;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag === 'body') {
      // Out of the document (headless Chromium has no browser controls to take it): the end was passed.
      leftPage = true;
      continue;
    }
    const key = f.key ?? `unexpected:${f.describe}`;
    if (seen.has(key)) {
      const last = stops.at(-1)?.key;
      const passedEnd = leftPage || (key === order[0] && last === order.at(-1));
      trap = passedEnd ? null : `after ${stops.at(-1)?.describe ?? 'nothing'} focus went back to ${f.describe} without passing the end of the page`;
      break;
    }
    seen.add(key);
    stops.push(f);
  }
  return {
    stops,
    unreached: order.filter((key) => !seen.has(key)).map((key) => expected[key]),
    withoutIndicator: stops.filter((s) => s.indicator === null).map((s) => s.describe),
    trap,
  };
}

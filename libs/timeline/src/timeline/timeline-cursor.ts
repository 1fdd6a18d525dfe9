import type { TimelineEntry } from './timeline-entry';

/** A place in the timeline's order: the instant it happened (ms) and the global position. */
export interface TimelinePosition {
  occurredAtMs: number;
  globalPosition: number;
}

export class InvalidCursorError extends RangeError {
  constructor(cursor: string) {
    super(`Not a timeline cursor: ${cursor}`);
    this.name = 'InvalidCursorError';
  }
}

const PREFIX = 't1:';

/**
 * Opaque to callers (base64url), but the same for the read model and the replay path, so a cursor
 * from one pages the other. The version prefix lets the format change without misreading old ones.
 */
export function encodeCursor(entry: Pick<TimelineEntry, 'occurredAt' | 'globalPosition'>): string {
  return Buffer.from(`${PREFIX}${Date.parse(entry.occurredAt)}:${entry.globalPosition}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): TimelinePosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^t1:(-?\d+):(\d+)$/.exec(text);
  if (!match) throw new InvalidCursorError(cursor);
  return { occurredAtMs: Number(match[1]), globalPosition: Number(match[2]) };
}

/** Compares an entry with a position in the timeline's order. */
export const compareWithPosition = (entry: Pick<TimelineEntry, 'occurredAt' | 'globalPosition'>, at: TimelinePosition): number =>
  Date.parse(entry.occurredAt) - at.occurredAtMs || entry.globalPosition - at.globalPosition;

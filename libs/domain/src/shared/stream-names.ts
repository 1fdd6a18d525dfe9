/** Every CareTrail stream is `<category>-<record id>`, so a record's id names its stream. */
export const STREAM_CATEGORIES = ['organisation', 'service', 'contract', 'concern'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

export const streamName = (category: StreamCategory, id: string): string => `${category}-${id}`;

export const organisationStream = (id: string): string => streamName('organisation', id);
export const serviceStream = (id: string): string => streamName('service', id);
export const contractStream = (id: string): string => streamName('contract', id);
export const concernStream = (id: string): string => streamName('concern', id);

export function parseStreamName(stream: string): { category: StreamCategory; id: string } | null {
  const dash = stream.indexOf('-');
  if (dash < 0) return null;
  const category = stream.slice(0, dash) as StreamCategory;
  if (!STREAM_CATEGORIES.includes(category)) return null;
  return { category, id: stream.slice(dash + 1) };
}

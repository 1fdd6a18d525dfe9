/** The headline measures in words live in @caretrail/timeline (words/measure-words.ts), shared with the printable bundle. */
export { count, measureRows, type MeasureRow } from '@caretrail/timeline';

/*
 * The record's plain words (entry names, field names, visit types, values) live in @caretrail/timeline
 * (words/record-words.ts), shared with the printable evidence bundle.
 */
export { VISIT_TYPES, visitTypeWords, entryName, fieldName, valueWords } from '@caretrail/timeline';

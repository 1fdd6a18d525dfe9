/**
 * @caretrail/reports: a council's report on its commissioned services, computed from the record's
 * events by pure functions (no framework), and its forms: tables, CSV, spreadsheet, printable HTML,
 * a public summary without staff names, and a signed bundle that verifies offline.
 */
export * from './report-period';
export * from './report-model';
export * from './council-record';
export { figure, share } from './period-figures';
export * from './council-report';
export * from './tag-groups';
export * from './report-tables';
export * from './report-csv';
export * from './report-xlsx';
export * from './rating-chart.svg';
export * from './report-html.renderer';
export * from './public-summary';
export * from './report-bundle';

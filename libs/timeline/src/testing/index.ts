/**
 * @caretrail/timeline/testing: the timeline library's made-up histories for tests (an event history
 * builder, a concern's and a service's record, the Fengates story). Tests of other libraries import
 * them from here, never from a file behind it. Not compiled into the build (.swcrc leaves out testing/).
 */
export * from './event-history';
export * from './concern-record';
export * from './service-record';
export * from './concern-story';

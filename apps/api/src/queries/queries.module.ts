import { Global, Module } from '@nestjs/common';
import { ReadDashboardHandler } from './read-dashboard.query';
import { ReadFreshness } from './read-freshness';
import { ReadRecordHandler } from './read-record.handler';
import { ReadMeasuresHandler } from './read-measures.query';
import { ReadTimelineHandler } from './read-timeline.query';
import { RecordNameHandler } from './record-name.query';
import { RecordOpeningHandler } from './record-opening.query';
import { ResolveScopeHandler } from './resolve-scope.query';

/**
 * The read side's query handlers on the QueryBus: the API's controllers, the pages' readers and (through
 * the plain functions of `@caretrail/application`'s reads) the CLI read the same way. See
 * docs/architecture.md, "Shape of the code".
 */
@Global()
@Module({
  providers: [
    ReadRecordHandler,
    ResolveScopeHandler,
    ReadTimelineHandler,
    ReadMeasuresHandler,
    RecordNameHandler,
    RecordOpeningHandler,
    ReadDashboardHandler,
    ReadFreshness,
  ],
  exports: [ReadFreshness],
})
export class QueriesModule {}

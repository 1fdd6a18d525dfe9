import { Global, Module } from '@nestjs/common';
import { CouncilReporter } from './council-reporter';
import { ReportsController } from './reports.controller';

/** A council's report on its commissioned services (issue 15): the API here, the pages in the web module. */
@Global()
@Module({
  controllers: [ReportsController],
  providers: [CouncilReporter],
  exports: [CouncilReporter],
})
export class ReportsModule {}

import { Global, Module } from '@nestjs/common';
import { CouncilReporter } from './council-reporter';
import { ReportsController } from './reports.controller';
import { REPORT_PAGE_CONTROLLERS } from '../web/web-controllers';
import { WebCoreModule } from '../web/web-core.module';

/** A council's report on its commissioned services (issue 15): its API and its pages. */
@Global()
@Module({
  imports: [WebCoreModule],
  controllers: [ReportsController, ...REPORT_PAGE_CONTROLLERS],
  providers: [CouncilReporter],
  exports: [CouncilReporter],
})
export class ReportsModule {}

import { Module } from '@nestjs/common';
import { HOME_PAGE_CONTROLLERS } from './web-controllers';
import { WebCoreModule } from './web-core.module';

/**
 * The signed-in home's pages: sign-in, the start page, the dashboard, the to-do list, the history
 * import and the footer pages. The pages of each area of the record are declared by that area's module
 * (organisations and services, contracts, concerns, action plans, reports), each importing WebCoreModule.
 */
@Module({
  imports: [WebCoreModule],
  controllers: HOME_PAGE_CONTROLLERS,
})
export class WebModule {}

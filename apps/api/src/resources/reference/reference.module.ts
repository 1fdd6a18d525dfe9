import { Module } from '@nestjs/common';
import { QualityFrameworksController } from './quality-frameworks.controller';

/** Reference data kept in the project: the PAMMS domains and standards, the CQC key questions and quality statements. */
@Module({ controllers: [QualityFrameworksController] })
export class ReferenceModule {}

import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { CQC_KEY_QUESTIONS, PAMMS_DOMAINS, QUALITY_REFERENCE_VERSION, QUALITY_TAGS, type ReferenceGroup } from '@caretrail/domain';
import { ApiRead } from '../../openapi/api-operations';

class ReferenceItemDto {
  @ApiProperty({ example: 'management-of-medicines' })
  id!: string;

  @ApiProperty({ example: 'Management of medicines' })
  name!: string;
}

class ReferenceGroupDto extends ReferenceItemDto {
  @ApiProperty({ type: ReferenceItemDto, isArray: true })
  items!: ReferenceItemDto[];
}

class QualityTagDto {
  @ApiProperty({ example: 'pamms:safeguarding-and-safety/management-of-medicines' })
  tag!: string;

  @ApiProperty({ example: 'PAMMS: Safeguarding and safety: Management of medicines' })
  label!: string;
}

class QualityFrameworksDto {
  @ApiProperty({ example: QUALITY_REFERENCE_VERSION, description: 'Which lists are in force (a label, not a record version)' })
  referenceVersion!: string;

  @ApiProperty({ type: ReferenceGroupDto, isArray: true, description: 'PAMMS domains and their standards' })
  pamms!: ReferenceGroupDto[];

  @ApiProperty({ type: ReferenceGroupDto, isArray: true, description: "CQC's five key questions and their quality statements" })
  cqc!: ReferenceGroupDto[];

  @ApiProperty({ type: QualityTagDto, isArray: true, description: 'Every tag an action or a finding may carry, with its label' })
  tags!: QualityTagDto[];
}

const groups = (list: readonly ReferenceGroup[]) => list.map((g) => ({ id: g.id, name: g.name, items: g.items.map((i) => ({ id: i.id, name: i.name })) }));

/** The reference data actions and findings are tagged from (docs/procedure.md): not confidential, any signed-in user reads it. */
@ApiTags('reference')
@Controller('reference')
export class QualityFrameworksController {
  @ApiRead(
    'Read the PAMMS and CQC reference data',
    'The PAMMS domains and standards and the CQC quality statements under the five key questions that actions and visit findings are tagged with, and every tag with its label.',
    QualityFrameworksDto,
  )
  @Get('quality-frameworks')
  qualityFrameworks(): QualityFrameworksDto {
    return {
      referenceVersion: QUALITY_REFERENCE_VERSION,
      pamms: groups(PAMMS_DOMAINS),
      cqc: groups(CQC_KEY_QUESTIONS),
      tags: [...QUALITY_TAGS].map(([tag, label]) => ({ tag, label })),
    };
  }
}

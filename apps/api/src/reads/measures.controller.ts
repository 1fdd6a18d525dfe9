import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { readPointFields, readPointOf } from '@caretrail/application';
import type { Measures } from '@caretrail/timeline';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { ReadMeasuresQuery } from '../queries/read-measures.query';
import { SCOPE_KINDS, type ScopeKind } from '../queries/scope-kind';
import { ReplayQueryDto } from './read-query.dto';
import { ScopeKindPipe } from './scope-kind.pipe';
import { ApiRead } from '../openapi/api-operations';
import { MeasuresDto } from '../openapi/read-responses.dto';

/**
 * The ten responsiveness measures of a scope, each with the ids of the events it was computed from.
 * Each concern is judged by its council's clocks in force on the evaluation date (replay: only the
 * settings the same as-of selection shows); measures of a service's managers use the defaults.
 */
@ApiTags('measures')
@Controller('measures')
export class MeasuresController {
  constructor(private readonly queries: QueryBus) {}

  @ApiRead(
    'Read measures',
    "The measures of a concern, a service, a provider or a council's portfolio (time to acknowledge, plans on time, updates on time, ...), live or as of a date.",
    MeasuresDto,
  )
  @Get(':scope/:id')
  @ApiParam({ name: 'scope', enum: SCOPE_KINDS })
  async measures(
    @Param('scope', ScopeKindPipe) kind: ScopeKind,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ReplayQueryDto,
    @CurrentIdentity() who: Identity,
  ): Promise<Measures & { asOf: string | null; basis: string | null }> {
    const point = readPointOf(q);
    return { ...readPointFields(point), ...(await this.queries.execute(new ReadMeasuresQuery(who, kind, id, point, q.minPosition))) };
  }
}

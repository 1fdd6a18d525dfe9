import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { loadMeasureEvents, MeasuresReader } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { endOfLondonDay, replayMeasures, toLondonDate, type Measures } from '@caretrail/timeline';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { READ_DATABASE } from '../store/store.module';
import { ReplayQueryDto } from './read-query.dto';
import { SCOPE_KINDS, ScopeAccess, type ScopeKind } from './scope-access.service';
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
  /** Live figures held per scope and brought up to date from the rows added since (docs/performance.md). */
  private readonly live: MeasuresReader;

  constructor(
    private readonly scopes: ScopeAccess,
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
  ) {
    this.live = new MeasuresReader(read.db);
  }

  @ApiRead('Read measures', "The measures of a concern, a service, a provider or a council's portfolio (time to acknowledge, plans on time, updates on time, ...), live or as of a date.", MeasuresDto)
  @Get(':scope/:id')
  @ApiParam({ name: 'scope', enum: SCOPE_KINDS })
  async measures(
    @Param('scope', ScopeKindPipe) kind: ScopeKind,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ReplayQueryDto,
    @CurrentIdentity() who: Identity,
  ): Promise<Measures & { asOf: string | null; basis: string | null }> {
    const scope = await this.scopes.resolve(who, kind, id);
    await this.scopes.waitFor(q.minPosition);
    if (!q.asOf) {
      return { asOf: null, basis: null, ...(await this.live.live(scope, toLondonDate(new Date()))) };
    }
    const basis = q.basis ?? 'recorded';
    const events = await loadMeasureEvents(this.read.db, scope, basis === 'recorded' ? { recordedBy: endOfLondonDay(q.asOf) } : {});
    return { asOf: q.asOf, basis, ...replayMeasures(events, { asOf: q.asOf, basis }) };
  }
}

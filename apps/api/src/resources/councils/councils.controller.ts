import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { readPointFields, readPointOf } from '@caretrail/application';
import { loadCouncilClocksEvents } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { asOf as selectAsOf, clocksOfCouncil, endOfLondonDay, toLondonDate } from '@caretrail/timeline';
import type { Request } from 'express';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { ReadFreshness } from '../../queries/read-freshness';
import { ReadRecordQuery } from '../../queries/read-record.query';
import { READ_DATABASE } from '../../store/store.module';
import { commandFields } from '../shared/command.dto';
import { CouncilClocksQueryDto, SetCouncilClocksDto } from './council-clocks.dto';
import { ApiCommand, ApiRead } from '../../openapi/api-operations';
import { CouncilClocksViewDto } from '../../openapi/read-responses.dto';

const Id = () => Param('councilId', ParseUUIDPipe);

/** A council's clocks: recorded history on its own stream, so measures and replay use the ones in force. */
@ApiTags('councils')
@Controller('councils')
export class CouncilsController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly queries: QueryBus,
    private readonly freshness: ReadFreshness,
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
  ) {}

  @ApiCommand(
    "Set a council's clocks",
    'A council sets its own working-day limits (to acknowledge a concern, to submit a plan, ...), from a date. Only that council may set them (rule council-sets-own-clocks).',
  )
  @Post(':councilId/clocks')
  setClocks(@Id() councilId: string, @Body() dto: SetCouncilClocksDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { reason, occurredAt, ...clocks } = commandFields(dto);
    return this.commands.run({ kind: 'SetCouncilClocks', councilId, clocks, reason, occurredAt }, who, req);
  }

  /**
   * The clocks in force at the end of today, or of `asOf` on the chosen basis: what the measures of the
   * council's concerns are judged by. Clocks are not confidential; any signed-in user may read them.
   */
  @ApiRead("Read a council's clocks", "The council's working-day limits in force (or on a date), with the defaults it has not changed.", CouncilClocksViewDto)
  @Get(':councilId/clocks')
  async clocks(@Id() councilId: string, @Query() q: CouncilClocksQueryDto, @CurrentIdentity() who: Identity) {
    // The council as it is now: a date before its record began still answers, with the defaults.
    await this.queries.execute(ReadRecordQuery.by(who, 'council', councilId));
    await this.freshness.waitFor(q.minPosition);
    const point = readPointOf(q);
    const on = point?.asOf ?? toLondonDate(new Date());
    const stored = await loadCouncilClocksEvents(this.read.db, [councilId], point?.basis === 'recorded' ? { recordedBy: endOfLondonDay(on) } : {});
    const visible = point ? selectAsOf(stored, point.asOf, point.basis) : stored;
    const inForce = clocksOfCouncil(visible, councilId, on);
    return { ...readPointFields(point), on, ...inForce, defaults: !inForce.councilSet };
  }
}

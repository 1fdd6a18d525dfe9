import { BadRequestException, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { serializeBundle } from '@caretrail/evidence';
import type { Response } from 'express';
import { ExportEvidenceQuery } from '../../evidence/evidence-exporter';
import { sendPrintableBundle } from '../../evidence/printable-bundle';
import type { Identity } from '../../identity/identity';
import { readReplayRequest } from '../read/replay-point';
import { WebIdentity } from '../session/web-identity.decorator';
import { WebController } from './web-controller.decorator';

/** A bundle as of a date that is not one is refused, not quietly exported live. */
function replayPointOf(query: Record<string, unknown>) {
  const { point, error } = readReplayRequest(query);
  if (error) throw new BadRequestException({ message: `Invalid request: asOf (${error})`, fields: [{ field: 'asOf', messages: [error] }] });
  return point;
}

/**
 * A concern's signed evidence bundle from its case file: the file to keep or send (it verifies offline
 * with `caretrail verify`), and its printable rendering. The same query as the API's.
 */
@WebController()
export class EvidencePagesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('concerns/:concernId/evidence.json')
  async download(@Param('concernId', ParseUUIDPipe) id: string, @WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const point = replayPointOf(query);
    const { bundle, name } = await this.queries.execute(new ExportEvidenceQuery(who, 'concern', id, point?.asOf, point?.basis));
    res.setHeader('Content-Disposition', `attachment; filename="${name}.json"`);
    res.type('application/json').send(serializeBundle(bundle));
  }

  @Get('concerns/:concernId/evidence')
  async printable(@Param('concernId', ParseUUIDPipe) id: string, @WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const point = replayPointOf(query);
    const { bundle, name } = await this.queries.execute(new ExportEvidenceQuery(who, 'concern', id, point?.asOf, point?.basis));
    res.send(sendPrintableBundle(res, bundle, `${name}.json`));
  }
}

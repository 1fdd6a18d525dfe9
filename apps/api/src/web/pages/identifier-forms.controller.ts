import { ForbiddenException, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RecordNotFoundError } from '@caretrail/domain';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { ReadRecordQuery } from '../../queries/read-record.query';
import { FormHandler } from '../forms/form-handler';
import { providerIdentifiersForm, type ProviderIdentifiersRecord } from '../forms/identifier.forms';
import type { FormScope } from '../forms/web-form';
import { londonToday } from '../rendering/date-format';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

const Id = () => Param('organisationId', ParseUUIDPipe);

/**
 * A provider's CQC provider id recorded after registration, `/app/organisations/:id/identifiers`
 * (a service's identifiers are a service form: `/app/services/:id/identifiers`). The page policy
 * admits providers and administrators; the domain refuses another provider
 * (`provider-records-own-identifiers`), shown in the form's error summary.
 */
@WebController()
export class IdentifierFormsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly forms: FormHandler,
  ) {}

  @Get('organisations/:organisationId/identifiers')
  async show(@Id() id: string, @WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    this.forms.show(req, res, providerIdentifiersForm, await this.scope(who, id));
  }

  @Post('organisations/:organisationId/identifiers')
  async submit(@Id() id: string, @WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    await this.forms.submit(req, res, providerIdentifiersForm, await this.scope(who, id));
  }

  private async scope(who: Identity, organisationId: string): Promise<FormScope<ProviderIdentifiersRecord>> {
    const read = await this.queries.execute(ReadRecordQuery.by(who, 'organisation', organisationId));
    if (read.state.kind !== 'provider') throw new RecordNotFoundError('provider', organisationId);
    if (who.organisationKind === 'provider' && who.organisationId !== organisationId)
      throw new ForbiddenException('A provider records only its own identifiers');
    return { who, record: { organisationId, state: read.state }, version: read.version, today: londonToday(), params: {} };
  }
}

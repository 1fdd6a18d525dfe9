import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { commandFields, occurredAtOf } from '../shared/command.dto';
import { ReadRecordQuery } from '../../queries/read-record.query';
import { ProviderIdentifiersDto, RegisterOrganisationDto } from './register-organisation.dto';
import { ApiCommand, ApiRecordRead } from '../../openapi/api-operations';
import { OrganisationViewDto } from '../../openapi/read-responses.dto';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly queries: QueryBus,
  ) {}

  @ApiCommand('Register an organisation', 'An administrator registers a council, provider or regulator.')
  @Post()
  register(@Body() dto: RegisterOrganisationDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run(
      {
        kind: 'RegisterOrganisation',
        organisationId: dto.organisationId ?? uuidv7(),
        organisationKind: dto.kind,
        name: dto.name,
        cqcProviderId: dto.cqcProviderId ?? null,
        occurredAt: occurredAtOf(dto),
      },
      who,
      req,
    );
  }

  @ApiCommand(
    "Record a provider's identifiers",
    'The provider itself (or an administrator) records its CQC provider id as it now is, with the reason; left out, it is cleared. The format is in docs/procedure.md. The page form: /app/organisations/{organisationId}/identifiers.',
  )
  @Post(':organisationId/identifiers')
  identifiers(
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() dto: ProviderIdentifiersDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    const { cqcProviderId, ...rest } = dto;
    return this.commands.run({ kind: 'RecordProviderIdentifiers', organisationId, ...commandFields(rest), cqcProviderId: cqcProviderId ?? null }, who, req);
  }

  /** Organisations' names and kinds are not confidential: any signed-in user may read them. */
  @ApiRecordRead('Read an organisation', 'The organisation: its name, kind and identifiers.', OrganisationViewDto)
  @Get(':organisationId')
  async get(@Param('organisationId', ParseUUIDPipe) id: string, @CurrentIdentity() who: Identity) {
    const view = await this.queries.execute(ReadRecordQuery.by(who, 'organisation', id));
    return { id, version: view.version, ...view.state };
  }
}

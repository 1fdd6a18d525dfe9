import { BadRequestException, Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { readPointFields, readPointOf } from '@caretrail/application';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { commandFields } from '../shared/command.dto';
import { assertNoCorrectionErrors, correctionRequestErrors } from '../shared/correction-changes';
import { CommentDto, CorrectionDto, RetractionDto } from '../shared/record-entries.dto';
import { ReplayQueryDto } from '../../reads/read-query.dto';
import { ReadRecordQuery } from '../../queries/read-record.query';
import { AwardContractDto, ConfirmContractDto, DefaultNoticeDto, EndContractDto, ExtendContractDto } from './contracts.dto';
import { ApiCommand, ApiRecordRead } from '../../openapi/api-operations';
import { ContractViewDto } from '../../openapi/read-responses.dto';

const Id = () => Param('contractId', ParseUUIDPipe);

@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly queries: QueryBus,
  ) {}

  /**
   * A council awards a contract in its own name; it awaits the provider's confirmation and gives no
   * rights until then. An administrator records one from the signed contract, confirmed at once.
   */
  @Post()
  @ApiCommand(
    'Award a contract',
    "A council awards a contract in its own name: it awaits the provider's confirmation and gives the council no rights until then. An administrator records one from the signed contract (councilId and signedContract required), confirmed at once (docs/contracts.md).",
  )
  award(@Body() dto: AwardContractDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { councilId, signedContract, ...fields } = commandFields(dto);
    const contractId = uuidv7();
    if (who.organisationKind === 'admin') {
      const missing = [
        ...(councilId === undefined ? [{ field: 'councilId', messages: ['councilId is required: the council named on the signed contract'] }] : []),
        ...(signedContract === undefined
          ? [{ field: 'signedContract', messages: ['signedContract is required: an administrator records a contract from its signed copy'] }]
          : []),
      ];
      if (missing.length > 0) throw badRequest(missing);
      return this.commands.run({ kind: 'RecordSignedContract', contractId, councilId: councilId!, signedContract: signedContract!, ...fields }, who, req);
    }
    if (signedContract !== undefined) {
      throw badRequest([
        {
          field: 'signedContract',
          messages: ["signedContract is recorded by an administrator or with the provider's confirmation; a council's award awaits the provider"],
        },
      ]);
    }
    return this.commands.run({ kind: 'AwardContract', contractId, councilId: councilId ?? who.organisationId, ...fields }, who, req);
  }

  /** The provider confirms an award made to it (or an administrator, from the signed contract): only then does it give the council rights. */
  @Post([':contractId/confirmations', ':contractId/confirmation'])
  @ApiCommand(
    'Confirm a contract award',
    'The provider the award was made to confirms it (or an administrator, from the signed contract); only then does the contract give the council rights over concerns at its services.',
  )
  confirm(@Id() contractId: string, @Body() dto: ConfirmContractDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { signedContract, ...fields } = commandFields(dto);
    return this.commands.run({ kind: 'ConfirmContract', contractId, signedContract: signedContract ?? null, ...fields }, who, req);
  }

  @ApiRecordRead(
    'Read a contract',
    'The contract with its term, extensions, default notices and confirmation, folded from its stream. With asOf, as it stood at the end of that day. A stranger to the contract gets 404.',
    ContractViewDto,
  )
  @Get(':contractId')
  async get(@Id() id: string, @Query() asOf: ReplayQueryDto, @CurrentIdentity() who: Identity) {
    const point = readPointOf(asOf);
    const view = await this.queries.execute(ReadRecordQuery.by(who, 'contract', id, { point, audit: 'read' }));
    const { log: _log, ...state } = view.state;
    // An award gives its council no rights until confirmed: say so rather than leave it to be inferred.
    const status = state.ended ? 'ended' : state.confirmation ? 'confirmed' : 'awaiting_confirmation';
    return { id, version: view.version, ...readPointFields(point), status, ...state };
  }

  @ApiCommand('Extend a contract', 'The commissioning council extends the term of a contract to a new end date.')
  @Post(':contractId/extensions')
  extend(@Id() contractId: string, @Body() dto: ExtendContractDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ExtendContract', contractId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('End a contract', 'The commissioning council ends a contract on a date, with the reason.')
  @Post([':contractId/endings', ':contractId/ending'])
  end(@Id() contractId: string, @Body() dto: EndContractDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'EndContract', contractId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Record a default notice', 'The commissioning council records a notice of default served on the provider under the contract.')
  @Post(':contractId/default-notices')
  defaultNotice(@Id() contractId: string, @Body() dto: DefaultNoticeDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { concernId, remedyBy, ...rest } = dto;
    return this.commands.run(
      { kind: 'IssueDefaultNotice', contractId, ...commandFields(rest), concernId: concernId ?? null, remedyBy: remedyBy ?? null },
      who,
      req,
    );
  }

  @ApiCommand('Comment on a contract', 'A party to the contract adds a comment to its record.')
  @Post(':contractId/comments')
  comment(@Id() contractId: string, @Body() dto: CommentDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordContractComment', contractId, commentId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Correct an entry of a contract',
    "Records a correction of an earlier entry's fields (never an edit); each changed field is validated as the original request validated it.",
  )
  @Post(':contractId/corrections')
  async correct(@Id() contractId: string, @Body() dto: CorrectionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { state } = await this.queries.execute(ReadRecordQuery.unchecked('contract', contractId));
    assertNoCorrectionErrors(await correctionRequestErrors(state.log, dto, who.organisationId));
    return this.commands.run({ kind: 'CorrectContractEntry', contractId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Retract an entry of a contract', 'Records that an earlier entry is withdrawn, with the reason; it stays in the record, shown as retracted.')
  @Post(':contractId/retractions')
  retract(@Id() contractId: string, @Body() dto: RetractionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RetractContractEntry', contractId, ...commandFields(dto) }, who, req);
  }
}

const badRequest = (fields: { field: string; messages: string[] }[]) =>
  new BadRequestException({ message: `Invalid request: ${fields.map((f) => `${f.field} (${f.messages.join('; ')})`).join(', ')}`, fields });

import { Body, Controller, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { commandFields } from '../shared/command.dto';
import { EnforcementActionDto, PublishRatingDto } from './ratings.dto';
import { ApiCommand } from '../../openapi/api-operations';

/** The regulator's record on a service: ratings and enforcement. */
@ApiTags('ratings')
@Controller('services/:serviceId')
export class RatingsController {
  constructor(private readonly commands: CommandDispatcher) {}

  @ApiCommand('Publish a rating', 'The regulator publishes a rating of the service (overall and per key question).')
  @Post('ratings')
  publish(@Param('serviceId', ParseUUIDPipe) serviceId: string, @Body() dto: PublishRatingDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { reportReference, keyQuestions, ...rest } = dto;
    return this.commands.run(
      { kind: 'PublishRating', serviceId, ...commandFields(rest), keyQuestions: { ...keyQuestions }, reportReference: reportReference ?? null },
      who,
      req,
    );
  }

  @ApiCommand('Record an enforcement action', 'The regulator records an enforcement action taken against the service.')
  @Post('enforcement-actions')
  enforce(@Param('serviceId', ParseUUIDPipe) serviceId: string, @Body() dto: EnforcementActionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordEnforcementAction', serviceId, ...commandFields(dto) }, who, req);
  }
}

import { BadRequestException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandResult } from '@caretrail/application';
import type { CareTrailCommand } from '@caretrail/domain';
import type { Request, Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { Identity } from '../identity/identity';
import { RunDomainCommand } from './run-domain-command.command';

/** What a client gets back from any command: the record, its new version, and where the feed is. */
export interface CommandResponse extends CommandResult {
  id: string;
}

/** Reads `If-Match: "3"` (or `3`), or an expectedVersion field of the body, when the client sent one. */
export function expectedVersionOf(request: Request, bodyVersion?: number): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header === '*') return bodyVersion;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(String(header));
  if (!match)
    throw new BadRequestException({
      message: 'If-Match must be a record version, e.g. "3"',
      fields: [{ field: 'If-Match', messages: ['must be a record version, e.g. "3"'] }],
    });
  return Number(match[1]);
}

/**
 * A command's answer names the record it was recorded on: `Location` is where to read it (201 for a new
 * record or a new entry on one) and `ETag` its version now, strong, as the record's reads send it.
 */
export function setRecordHeaders(response: Response | undefined, result: Pick<CommandResult, 'recordType' | 'recordId' | 'version'>): void {
  if (!response) return;
  response.setHeader('ETag', `"${result.version}"`);
  response.setHeader('Location', `/${result.recordType}s/${result.recordId}`);
}

/** Turns an HTTP request into a domain command on the CommandBus, with its metadata. */
@Injectable()
export class CommandDispatcher {
  constructor(private readonly commandBus: CommandBus) {}

  async run(command: CareTrailCommand, identity: Identity, request: Request): Promise<CommandResponse> {
    const correlationHeader = request.headers['x-correlation-id'];
    const commandId = uuidv7();
    const { displayName: _d, organisationName: _o, ...actor } = identity;
    const result = await this.commandBus.execute(
      new RunDomainCommand(command, {
        actor,
        commandId,
        correlationId: typeof correlationHeader === 'string' && correlationHeader.length <= 100 ? correlationHeader : commandId,
        causationId: null,
        expectedVersion: expectedVersionOf(request, (request.body as { expectedVersion?: number } | undefined)?.expectedVersion),
      }),
    );
    setRecordHeaders(request.res, result);
    return { id: result.recordId, ...result };
  }
}

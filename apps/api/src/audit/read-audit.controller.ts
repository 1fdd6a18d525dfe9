import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ReadDatabase } from '@caretrail/read-store';
import { readAccess } from '../access/read-access.policy';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { READ_DATABASE } from '../store/store.module';
import { ReadAuditQueryDto } from './read-audit.dto';
import { ReadAuditLog } from './read-audit.log';
import { ApiRead } from '../openapi/api-operations';
import { ReadAuditDto } from '../openapi/read-responses.dto';

/** Who read a provider's records: for the provider itself, and those who read across services. */
@ApiTags('audit')
@Controller('audit')
export class ReadAuditController {
  constructor(
    private readonly audit: ReadAuditLog,
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
  ) {}

  @ApiRead(
    "Read who read a provider's records",
    "The latest reads of a provider's concerns and services: who, when, what and the correlation id. For the provider itself and those who read across services.",
    ReadAuditDto,
  )
  @Get('reads')
  async reads(@Query() q: ReadAuditQueryDto, @CurrentIdentity() who: Identity) {
    readAccess.provider(who, q.providerId);
    await this.audit.flush(); // what was read a moment ago is in the answer
    const rows = await this.read.db
      .selectFrom('read_audit')
      .selectAll()
      .where('provider_id', '=', q.providerId)
      .orderBy('read_at', 'desc')
      .limit(q.limit ?? 100)
      .execute();
    return {
      providerId: q.providerId,
      reads: rows.map((r) => ({
        readAt: r.read_at,
        who: { userId: r.user_id, organisationId: r.organisation_id, organisationKind: r.organisation_kind, role: r.role },
        action: r.action,
        scope: { kind: r.scope_kind, id: r.scope_id },
        correlationId: r.correlation_id,
      })),
    };
  }
}

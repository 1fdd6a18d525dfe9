import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig } from '@caretrail/config';
import { concernDecider, concernStream, serviceDecider, serviceStream } from '@caretrail/domain';
import { ProjectionHost, ProjectionNotCaughtUpError, type RecordScope } from '@caretrail/projections';
import { readableConcerns, readAccess } from '../access/read-access.policy';
import type { Identity } from '../identity/identity';
import { RecordReader } from '../resources/shared/record-reader';
import { ReadAuditLog, type ReadAction } from '../audit/read-audit.log';

export const SCOPE_KINDS = ['concerns', 'services', 'providers', 'councils'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/**
 * Turns a scope in a URL into a RecordScope the reader may see, and waits (bounded) until the read
 * models include a position the client wrote, so a user who records something sees it at once. The
 * scope carries the concerns its reader may read (the read policy's one rule), and every query over
 * it keeps to them: a service's timeline shows another council's concern to no one that council's
 * concern read would refuse.
 */
@Injectable()
export class ScopeAccess {
  constructor(
    private readonly records: RecordReader,
    private readonly projections: ProjectionHost,
    private readonly config: AppConfig,
    private readonly audit: ReadAuditLog,
  ) {}

  /** Checks the read policy, and records who looked at a provider's records (or exported them). */
  async resolve(who: Identity, kind: ScopeKind, id: string, action: ReadAction = 'read'): Promise<RecordScope> {
    return { ...(await this.checked(who, kind, id, action)), readableConcerns: readableConcerns(who) };
  }

  private async checked(who: Identity, kind: ScopeKind, id: string, action: ReadAction): Promise<RecordScope> {
    switch (kind) {
      case 'concerns': {
        const concern = await this.records.read('concern', id, concernStream(id), concernDecider);
        readAccess.concern(who, concern.state);
        this.audit.record(who, action, { kind, id }, concern.state.providerId);
        return { kind: 'concern', concernId: id };
      }
      case 'services': {
        const service = await this.records.read('service', id, serviceStream(id), serviceDecider);
        readAccess.service(who, service.state);
        this.audit.record(who, action, { kind, id }, service.state.providerId);
        return { kind: 'service', serviceId: id };
      }
      case 'providers':
        readAccess.provider(who, id);
        this.audit.record(who, action, { kind, id }, id);
        return { kind: 'provider', providerId: id };
      case 'councils':
        readAccess.council(who, id);
        return { kind: 'council', councilId: id };
    }
  }

  async waitFor(position: number | undefined): Promise<void> {
    if (position === undefined) return;
    try {
      await this.projections.waitFor(position, this.config.CARETRAIL_READ_WAIT_MS);
    } catch (error) {
      if (error instanceof ProjectionNotCaughtUpError) {
        throw new ServiceUnavailableException(`The read models have not reached position ${position} yet; try again shortly`);
      }
      throw error;
    }
  }
}

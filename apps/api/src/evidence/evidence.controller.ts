import { BadRequestException, Controller, Get, Inject, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { serializeBundle, type BundleScopeKind, type DeploymentSigningKey } from '@caretrail/evidence';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { ReplayQueryDto } from '../reads/read-query.dto';
import { ScopeAccess } from '../reads/scope-access.service';
import { ExportEvidenceQuery } from './evidence-exporter';
import { sendPrintableBundle } from './printable-bundle';
import { EVIDENCE_SIGNER } from './evidence-signer.provider';
import { ApiEvidence, ApiRead } from '../openapi/api-operations';

class EvidenceQueryDto extends ReplayQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'html'], description: 'json: the signed bundle to verify offline; html: its printable rendering' })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}

class PublicKeyDto {
  @ApiProperty() algorithm!: 'Ed25519';
  @ApiProperty() publicKey!: string;
  @ApiProperty() keyFingerprint!: string;
}

const BUNDLE_SCOPES: Record<string, { kind: BundleScopeKind }> = {
  concerns: { kind: 'concern' },
  services: { kind: 'service' },
  providers: { kind: 'provider' },
};

/** Signed evidence bundles of a concern, a service or a provider, optionally as of a date. */
@ApiTags('evidence')
@Controller('evidence')
export class EvidenceController {
  constructor(
    private readonly scopes: ScopeAccess,
    private readonly queries: QueryBus,
    @Inject(EVIDENCE_SIGNER) private readonly signer: DeploymentSigningKey,
  ) {}

  /** The key bundles are signed with: publish its fingerprint so readers can trust what they verify. */
  @ApiRead('Read the evidence signing key', 'The Ed25519 public key that signs evidence bundles, to verify one offline (caretrail verify).', PublicKeyDto)
  @Get('public-key')
  publicKey(): PublicKeyDto {
    return { algorithm: 'Ed25519', publicKey: this.signer.publicKeyPem, keyFingerprint: this.signer.keyFingerprint };
  }

  @ApiEvidence(
    'Export an evidence bundle',
    'A signed bundle of the record of a concern, a service or a provider (its events, hash chain and signature), to verify offline; format=html gives its printable rendering.',
  )
  @Get(':scope/:id')
  @ApiParam({ name: 'scope', enum: Object.keys(BUNDLE_SCOPES) })
  async bundle(
    @Param('scope') scopeName: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: EvidenceQueryDto,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const target = BUNDLE_SCOPES[scopeName];
    if (!target) {
      throw new BadRequestException({
        message: 'scope must be concerns, services or providers',
        fields: [{ field: 'scope', messages: ['must be concerns, services or providers'] }],
      });
    }
    await this.scopes.waitFor(q.minPosition);
    const { bundle, name } = await this.queries.execute(new ExportEvidenceQuery(who, target.kind, id, q.asOf, q.basis));
    if (q.format === 'html') {
      return sendPrintableBundle(res, bundle, `${name}.json`);
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.json"`);
    return serializeBundle(bundle);
  }
}

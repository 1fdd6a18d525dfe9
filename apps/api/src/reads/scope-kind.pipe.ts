import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { SCOPE_KINDS, type ScopeKind } from '../queries/scope-kind';

export class ScopeKindPipe implements PipeTransform<string, ScopeKind> {
  transform(value: string): ScopeKind {
    if ((SCOPE_KINDS as readonly string[]).includes(value)) return value as ScopeKind;
    throw new BadRequestException({
      message: `scope must be one of ${SCOPE_KINDS.join(', ')}`,
      fields: [{ field: 'scope', messages: [`must be one of ${SCOPE_KINDS.join(', ')}`] }],
    });
  }
}

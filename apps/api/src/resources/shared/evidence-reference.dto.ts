import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsText } from './validation.decorators';

/** A document's name and SHA-256 digest; the document itself stays with its owner. */
export class EvidenceReferenceDto {
  @IsText(300, 'Care plan audit March 2025.pdf')
  name!: string;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[0-9a-f]{64}$/, { message: '$property must be a SHA-256 digest: 64 lowercase hex characters' })
  sha256!: string;
}

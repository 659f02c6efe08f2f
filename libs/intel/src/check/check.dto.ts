import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';

/** `POST /v1/check`: 1–1000 values. Each item is checked on its own and a bad one answered in place (check-items.ts). */
export class CheckDto {
  @ApiProperty({
    description: 'Values to screen (payees, callers, links): `{"value","type"?,"region"?}`, 1–1000.',
    type: 'array',
    minItems: 1,
    maxItems: 1000,
    items: {
      type: 'object',
      required: ['value'],
      properties: {
        value: { type: 'string', maxLength: 2048 },
        type: { type: 'string', enum: ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'] },
        region: { type: 'string', pattern: '^[A-Z]{2}$' },
      },
    },
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  items: unknown[];
}

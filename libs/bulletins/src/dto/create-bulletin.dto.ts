import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { availableLanguages } from '../core';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A language with a locale file under libs/bulletins/src/locales (read when validating, so a new file needs no code). */
export function IsAvailableLanguage(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAvailableLanguage',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && availableLanguages().includes(value),
        defaultMessage: () => `each language must be one of: ${availableLanguages().join(', ')}`,
      },
    },
    { each: true },
  );
}

/** `POST /v1/bulletins`. The period is [from, to) in days; from < to and at most 92 days are checked by the service. */
export class CreateBulletinDto {
  @IsString()
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @IsString()
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD (the first day after the period)' })
  to: string;

  /** Defaults to every available language. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsAvailableLanguage()
  languages?: string[];
}

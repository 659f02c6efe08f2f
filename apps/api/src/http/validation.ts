import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorDetail, RequestError } from '@scamintel/common';

/** Flattens class-validator's tree into `indicators[0].value`-style paths (CONTRACT §4). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const path = !parent ? e.property : /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`;
    for (const message of Object.values(e.constraints ?? {})) out.push({ path, message });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new RequestError('validation_failed', 'the request is not valid', flattenValidationErrors(errors).slice(0, 100)),
  });
}

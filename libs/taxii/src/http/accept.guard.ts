import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { acceptsTaxii, TAXII_MEDIA_TYPE } from '../media-types';
import { TaxiiError } from '../taxii-error';

/** 406 unless the Accept header admits the TAXII 2.1 media type. Runs after authentication (the global guard). */
@Injectable()
export class TaxiiAcceptGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const accept = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers.accept;
    if (!acceptsTaxii(accept))
      throw new TaxiiError('not_acceptable', `this server answers with ${TAXII_MEDIA_TYPE} only; accept it (or */*)`);
    return true;
  }
}

import { AppError, WebErrorCode } from '@scamintel/common';

/**
 * Errors of the pages. `unauthenticated` with a Location header is answered as a redirect to the console's
 * sign-in page; `forbidden` is a failed CSRF check or a key that may not sign in.
 */
export class WebError extends AppError<WebErrorCode> {
  readonly domain = 'web';
}

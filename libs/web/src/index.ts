export * from './web.module';
export * from './http/error-pages';
export { isHtmlRoute, FORM_TYPE } from './http/html-route';
export { CSP, SECURITY_HEADERS } from './http/security-headers';

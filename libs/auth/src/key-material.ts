import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; a recognisable prefix helps secret scanners spot leaked keys. */
export function generateApiKey(): string {
  return `si_${randomBytes(32).toString('base64url')}`;
}

/**
 * Keys are high-entropy random strings, so a plain SHA-256 is as strong as a slow hash here and keeps every
 * authenticated request to one indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

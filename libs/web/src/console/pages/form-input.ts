/** A value from a closed list, or undefined. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * Where a console form sends the analyst back to: the page it was posted from (a console path only), with a
 * notice of what was done; the fragment keeps their place in a long list.
 */
export function backTo(given: string | undefined, fallback: string, params: Record<string, string>, fragment?: string): string {
  const base = given && /^\/console\/[\w\-/]*(\?[^#]*)?$/.test(given) ? given : fallback;
  const url = new URL(base, 'http://console.invalid');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return `${url.pathname}${url.search}${fragment ? `#${fragment}` : ''}`;
}

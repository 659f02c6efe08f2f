/**
 * Bounds a parsed JSON body before class-transformer walks it: its recursion would overflow the stack on
 * deeply nested input, and a huge array costs time even when validation will reject it. Iterative, so the
 * check itself cannot overflow.
 */
export interface ShapeLimits {
  maxDepth: number;
  maxArrayLength: number;
  maxKeys: number;
}

export const DEFAULT_SHAPE_LIMITS: ShapeLimits = { maxDepth: 32, maxArrayLength: 1000, maxKeys: 200_000 };

export function shapeProblem(body: unknown, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS): string | undefined {
  const stack: [unknown, number][] = [[body, 0]];
  let keys = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels`;
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayLength) return `an array longer than ${limits.maxArrayLength} items`;
      keys += v.length;
      for (const item of v) stack.push([item, depth + 1]);
    } else {
      const entries = Object.values(v as Record<string, unknown>);
      keys += entries.length;
      for (const item of entries) stack.push([item, depth + 1]);
    }
    if (keys > limits.maxKeys) return `more than ${limits.maxKeys} values`;
  }
  return undefined;
}

/**
 * Settles like `p`, or rejects with `Error(message)` after `ms`. The caller stops waiting; `p` itself runs on
 * (its late rejection is handled by the race, never reported as unhandled).
 */
export async function withTimeout<T>(p: Promise<T>, ms: number, message = 'timed out'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

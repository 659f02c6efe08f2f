import { Presets, SingleBar } from 'cli-progress';

export interface ProgressState {
  /** Bytes of the file read so far (the bar's position: the row count is not known in advance). */
  bytes: number;
  ok: number;
  failed: number;
}

export interface Progress {
  start(totalBytes: number): void;
  update(s: ProgressState): void;
  stop(s: ProgressState): void;
}

export const formatBytes = (n: number): string =>
  n >= 1024 ** 3
    ? `${(n / 1024 ** 3).toFixed(1)} GiB`
    : n >= 1024 ** 2
      ? `${(n / 1024 ** 2).toFixed(1)} MiB`
      : n >= 1024
        ? `${(n / 1024).toFixed(1)} KiB`
        : `${n} B`;

export const formatSeconds = (s: number): string => {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.ceil(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
};

/** A bar with rows/s and ETA (by bytes) when stderr is a terminal. */
export function ttyProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const bar = new SingleBar(
    {
      stream,
      format: 'import |{bar}| {percentage}% | {rows} rows, {failed} failed | {speed} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 40,
      fps: 8,
      barsize: 30,
    },
    Presets.shades_classic,
  );
  let started = 0;
  const payload = (s: ProgressState) => {
    const secs = (Date.now() - started) / 1000;
    return { rows: s.ok + s.failed, failed: s.failed, speed: secs > 0 ? Math.round((s.ok + s.failed) / secs) : 0 };
  };
  return {
    start(total) {
      started = Date.now();
      bar.start(Math.max(1, total), 0, payload({ bytes: 0, ok: 0, failed: 0 }));
    },
    update: (s) => bar.update(s.bytes, payload(s)),
    stop(s) {
      bar.update(bar.getTotal(), payload(s));
      bar.stop();
    },
  };
}

/** One plain line every `everyMs` when stderr is not a terminal (logs, CI, pipes). */
export function lineProgress(stream: NodeJS.WritableStream = process.stderr, everyMs = 2000): Progress {
  let total = 1;
  let started = 0;
  let last: ProgressState = { bytes: 0, ok: 0, failed: 0 };
  let timer: NodeJS.Timeout | undefined;
  const line = () => {
    const secs = (Date.now() - started) / 1000;
    const rows = last.ok + last.failed;
    const share = Math.min(1, last.bytes / total);
    const eta = share > 0 ? (secs / share) * (1 - share) : Number.POSITIVE_INFINITY;
    stream.write(
      `progress: ${rows} rows (${last.ok} ok, ${last.failed} failed), ${Math.floor(share * 100)}% of ${formatBytes(total)}, ${secs > 0 ? Math.round(rows / secs) : 0} rows/s, eta ${formatSeconds(eta)}\n`,
    );
  };
  return {
    start(t) {
      total = Math.max(1, t);
      started = Date.now();
      timer = setInterval(line, everyMs);
      timer.unref();
    },
    update(s) {
      last = s;
    },
    stop(s) {
      last = s;
      if (timer) clearInterval(timer);
    },
  };
}

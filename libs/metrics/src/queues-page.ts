import { JobSummary, QueueCounts, QUEUE_STATES } from './queue-inspector';

export interface QueueOverview extends QueueCounts {
  jobs: JobSummary[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function jobRows(jobs: JobSummary[]): string {
  if (!jobs.length) return '<p class="none">no failed, active, waiting or delayed jobs</p>';
  const rows = jobs.map(
    (j) =>
      `<tr class="${j.state}"><td>${escapeHtml(j.state)}</td><td><code>${escapeHtml(j.id)}</code></td><td>${escapeHtml(j.name)}</td><td>${j.attemptsMade}/${j.attempts}</td>` +
      `<td>${escapeHtml(j.enqueuedAt ?? '')}</td><td>${escapeHtml(j.processedAt ?? j.delayUntil ?? '')}</td><td>${escapeHtml(j.finishedAt ?? '')}</td><td>${escapeHtml(j.failedReason ?? '')}</td></tr>`,
  );
  return `<table><thead><tr><th>state</th><th>job id</th><th>name</th><th>attempts</th><th>enqueued</th><th>started / due</th><th>finished</th><th>failure</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A self-contained page (no script, no external asset) that refreshes itself every 5 s. */
export function renderQueuesPage(nodeId: string, queues: QueueOverview[], generatedAt: string): string {
  const sections = queues.map((q) => {
    const counts = QUEUE_STATES.map((s) => `<td class="n">${q.counts[s]}</td>`).join('');
    return `<section><h2>${escapeHtml(q.name)}${q.paused ? ' <span class="paused">paused</span>' : ''}</h2>
<table class="counts"><thead><tr>${QUEUE_STATES.map((s) => `<th>${s}</th>`).join('')}</tr></thead><tbody><tr>${counts}</tr></tbody></table>
${jobRows(q.jobs)}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>queues · ${escapeHtml(nodeId)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.5em}
table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.failed td{background:#fdecea}.paused{color:#b26a00;font-size:.8em}
.none,footer{color:#777}code{font-size:.9em}</style></head>
<body><h1>Queues of node <code>${escapeHtml(nodeId)}</code></h1>
${sections.join('\n')}
<footer><p>Generated ${escapeHtml(generatedAt)}; refreshes every 5 s. Job payloads are not shown.
JSON: <code>GET /admin/queues?format=json</code>. Retry a failed job:
<code>curl -X POST -H "Authorization: Bearer $ADMIN_KEY" …/admin/queues/&lt;queue&gt;/jobs/&lt;id&gt;/retry</code></p></footer>
</body></html>`;
}

import { ClusteringService } from '@scamintel/campaigns';
import { defineCommand, parseOptions } from './command';

export const campaignsRebuild = defineCommand({
  usage: 'campaigns:rebuild [--json]',
  summary: "recompute every campaign from the report ledger, analysts' links and partners' links (same result as the worker)",
  context: 'campaigns',
  parse(args) {
    const { values: v } = parseOptions(args, { json: { type: 'boolean' } }, 0);
    return { json: !!v.json };
  },
  async run(app, p, _config, io) {
    const started = Date.now();
    const r = await app.get(ClusteringService, { strict: false }).rebuild();
    const ms = Date.now() - started;
    if (p.json) io.out(`${JSON.stringify({ ...r, ms })}\n`);
    else io.out(`campaigns rebuilt in ${ms} ms: ${r.values} values, ${r.links} links, ${r.groups} groups, ${r.campaigns} campaigns\n`);
    return 0;
  },
});

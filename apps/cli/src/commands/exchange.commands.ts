import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { addPartnerFromFile, syncPartner } from '@scamintel/exchange';
import { UsageError, cliActor, defineCommand, parseOptions, reportAppError } from './command';

export const partnersAdd = defineCommand({
  usage: 'partners:add <partner.json> [--json]',
  summary: 'register or update a partner node from the same JSON as POST /v1/admin/partners (audited)',
  context: 'exchange',
  parse(args) {
    const { values: v, positionals } = parseOptions(args, { json: { type: 'boolean' } }, 1);
    const file = path.resolve(positionals[0]);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${positionals[0]}`);
    return { file, json: !!v.json };
  },
  async run(app, p, _config, io) {
    try {
      const { created, partner } = await addPartnerFromFile(app, p.file, cliActor());
      io.out(
        p.json
          ? `${JSON.stringify({ created, partner })}\n`
          : `${created ? 'added' : 'updated'} partner ${partner.nodeId} (${partner.jurisdiction}) at ${partner.baseUrl}\n`,
      );
      return 0;
    } catch (e) {
      return reportAppError(e, io);
    }
  },
});

export const exchangeSync = defineCommand({
  usage: 'exchange:sync --partner <node-id> [--json]',
  summary:
    'exchange with the partner now, from this process, by its mode: push what its policy allows and it lacks, pull its outbox, or both',
  context: 'exchange',
  parse(args) {
    const { values: v } = parseOptions(args, { partner: { type: 'string' }, json: { type: 'boolean' } }, 0);
    if (!v.partner || !/^[a-z0-9-]{2,32}$/.test(v.partner)) throw new UsageError('--partner <node-id> is required ([a-z0-9-]{2,32})');
    return { partner: v.partner, json: !!v.json };
  },
  async run(app, p, _config, io) {
    try {
      const summary = await syncPartner(app, p.partner);
      io.out(p.json ? `${JSON.stringify(summary)}\n` : `synced ${p.partner}: ${JSON.stringify(summary)}\n`);
      return 0;
    } catch (e) {
      if (e instanceof Error && 'failure' in e) {
        io.err(`sync with ${p.partner} failed (${String((e as { failure: unknown }).failure)}): ${e.message}\n`);
        return 1;
      }
      return reportAppError(e, io);
    }
  },
});

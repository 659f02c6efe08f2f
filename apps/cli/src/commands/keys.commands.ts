import { KeysService } from '@scamintel/auth';
import { AppError } from '@scamintel/common';
import { KEYED_TRUST, ROLES, type KeyedTrust, type Role } from '@scamintel/vocabulary';
import { UUID, UsageError, cliActor, defineCommand, oneOf, organisation, parseOptions } from './command';

export const keysCreate = defineCommand({
  usage: 'keys:create --role <reporter|analyst|partner|admin> --org <name> [--trust <low|medium|high>] [--partner-node <node-id>] [--json]',
  summary: 'create an API key; prints its id and the key (shown once)',
  context: 'keys',
  parse(args) {
    const { values: v } = parseOptions(
      args,
      {
        role: { type: 'string' },
        org: { type: 'string' },
        trust: { type: 'string' },
        'partner-node': { type: 'string' },
        json: { type: 'boolean' },
      },
      0,
    );
    const role = oneOf<Role>('role', v.role, ROLES);
    const partnerNodeId = v['partner-node'];
    if (partnerNodeId !== undefined && !/^[a-z0-9-]{2,32}$/.test(partnerNodeId))
      throw new UsageError('--partner-node must match [a-z0-9-]{2,32}');
    if (role === 'partner' && !partnerNodeId) throw new UsageError('a partner key needs --partner-node <node-id>');
    return {
      role,
      organisation: organisation(v.org),
      trust: oneOf<KeyedTrust>('trust', v.trust, KEYED_TRUST, 'medium'),
      partnerNodeId,
      json: !!v.json,
    };
  },
  async run(app, p, _config, io) {
    const { id, key, row } = await app
      .get(KeysService, { strict: false })
      .create(cliActor(), { role: p.role, organisation: p.organisation, trust: p.trust, partnerNodeId: p.partnerNodeId });
    if (p.json) {
      io.out(
        `${JSON.stringify({ id, key, role: row.role, organisation: row.organisation, trust: row.trust, partnerNodeId: row.partnerNodeId, createdAt: row.createdAt })}\n`,
      );
    } else {
      io.out(
        `created ${row.role} key for ${row.organisation} (trust ${row.trust}${row.partnerNodeId ? `, partner node ${row.partnerNodeId}` : ''})\n`,
      );
      io.out(`id:  ${id}\nkey: ${key}\n`);
      io.err('Store the key now: it is shown once and kept only as a hash.\n');
    }
    return 0;
  },
});

export const keysRevoke = defineCommand({
  usage: 'keys:revoke <key-id> [--json]',
  summary: 'revoke an API key (within KEY_CACHE_TTL_MS in every API process)',
  context: 'keys',
  parse(args) {
    const { values: v, positionals } = parseOptions(args, { json: { type: 'boolean' } }, 1);
    if (!UUID.test(positionals[0]))
      throw new UsageError(`${JSON.stringify(positionals[0])} is not a key id (a UUID, as printed by keys:create)`);
    return { id: positionals[0].toLowerCase(), json: !!v.json };
  },
  async run(app, p, _config, io) {
    try {
      const row = await app.get(KeysService, { strict: false }).revoke(cliActor(), p.id);
      io.out(
        p.json
          ? `${JSON.stringify({ id: row.id, revokedAt: row.revokedAt })}\n`
          : `revoked ${row.role} key ${row.id} of ${row.organisation} (revoked at ${new Date(row.revokedAt!).toISOString()})\n`,
      );
      return 0;
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') {
        io.err(`no key with id ${p.id}\n`);
        return 1;
      }
      throw e;
    }
  },
});

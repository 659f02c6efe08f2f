import { KeysService } from '@scamintel/auth';
import { AppError } from '@scamintel/common';
import { KEYED_TRUST, ROLES, SECTORS, type KeyedTrust, type Role, type Sector } from '@scamintel/vocabulary';
import { UUID, UsageError, cliActor, defineCommand, oneOf, organisation, parseOptions, reportAppError } from './command';

export const keysCreate = defineCommand({
  usage:
    'keys:create --role <reporter|analyst|partner|admin> --org <name> [--trust <low|medium|high>] [--partner-node <node-id>] ' +
    '[--sector <bank|telco|platform|government|ngo|other>] [--bank-codes <c1,c2>] [--platforms <p1,p2>] [--jurisdiction <CC>] [--json]',
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
        sector: { type: 'string' },
        'bank-codes': { type: 'string' },
        platforms: { type: 'string' },
        jurisdiction: { type: 'string' },
        json: { type: 'boolean' },
      },
      0,
    );
    const list = (s: string | undefined) =>
      s === undefined
        ? undefined
        : s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean);
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
      sector: v.sector === undefined ? undefined : oneOf<Sector>('sector', v.sector, SECTORS),
      bankCodes: list(v['bank-codes']),
      platforms: list(v.platforms),
      jurisdiction: v.jurisdiction,
      json: !!v.json,
    };
  },
  async run(app, p, _config, io) {
    let created;
    try {
      created = await app.get(KeysService, { strict: false }).create(cliActor(), {
        role: p.role,
        organisation: p.organisation,
        trust: p.trust,
        partnerNodeId: p.partnerNodeId,
        sector: p.sector,
        bankCodes: p.bankCodes,
        platforms: p.platforms,
        jurisdiction: p.jurisdiction,
      });
    } catch (e) {
      return reportAppError(e, io);
    }
    const { id, key, row } = created;
    const profile = { sector: row.sector, bankCodes: row.bankCodes, platforms: row.platforms, jurisdiction: row.jurisdiction };
    if (p.json) {
      io.out(
        `${JSON.stringify({ id, key, role: row.role, organisation: row.organisation, trust: row.trust, partnerNodeId: row.partnerNodeId, ...profile, createdAt: row.createdAt })}\n`,
      );
    } else {
      const orgProfile = row.sector
        ? `, ${row.sector}${row.bankCodes.length ? ` ${row.bankCodes.join(',')}` : ''}${row.platforms.length ? ` ${row.platforms.join(',')}` : ''}${row.jurisdiction ? ` in ${row.jurisdiction}` : ''}`
        : '';
      io.out(
        `created ${row.role} key for ${row.organisation} (trust ${row.trust}${row.partnerNodeId ? `, partner node ${row.partnerNodeId}` : ''}${orgProfile})\n`,
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

import { AuditService } from '@scamintel/audit';
import { defineCommand, parseOptions } from './command';

export const auditVerify = defineCommand({
  usage: 'audit:verify [--json]',
  summary: 'check the audit log hash chain and the heads partners witnessed; exit 1 when broken',
  context: 'audit',
  parse(args) {
    const { values: v } = parseOptions(args, { json: { type: 'boolean' } }, 0);
    return { json: !!v.json };
  },
  async run(app, p, _config, io) {
    const r = await app.get(AuditService, { strict: false }).verify();
    if (p.json) io.out(`${JSON.stringify(r)}\n`);
    else if (r.ok) io.out(`audit log ok: ${r.entries} entries, head ${r.head}\n`);
    else io.out(`audit log BROKEN at seq ${r.firstBadSeq}: ${r.reason}\n`);
    return r.ok ? 0 : 1;
  },
});

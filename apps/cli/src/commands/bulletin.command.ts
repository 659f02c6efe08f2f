import * as path from 'node:path';
import { BulletinsService } from '@scamintel/bulletins';
import { UsageError, cliActor, defineCommand, displayPath, parseOptions, reportAppError } from './command';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const bulletinGenerate = defineCommand({
  usage: 'bulletin:generate --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--lang en,ko] [--out <dir>] [--publish]',
  summary: 'build the bulletin of a period now (a draft, or published with --publish) and write its files',
  context: 'bulletins',
  parse(args) {
    const { values: v } = parseOptions(
      args,
      { from: { type: 'string' }, to: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' }, publish: { type: 'boolean' } },
      0,
    );
    if (!v.from || !DATE.test(v.from) || !v.to || !DATE.test(v.to))
      throw new UsageError('--from and --to are required, as YYYY-MM-DD (the period is [from, to))');
    return {
      from: v.from,
      to: v.to,
      languages: v.lang
        ? v.lang
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean)
        : undefined,
      out: v.out ? path.resolve(v.out) : undefined,
      publish: !!v.publish,
    };
  },
  async run(app, p, config, io) {
    const bulletins = app.get(BulletinsService, { strict: false });
    try {
      const row = await bulletins.request({ from: p.from, to: p.to, languages: p.languages, requestedBy: cliActor() });
      // Generated here rather than waiting for a worker; the queued job finds it done and skips it.
      await bulletins.generate(row.id, row.revision, { finalAttempt: true });
      if (p.publish) await bulletins.publish(row.id, cliActor());
      const files = await bulletins.writeFiles(row.id, p.out ?? config.bulletins.outDir);
      io.out(
        `bulletin ${row.id} (${p.from} to ${p.to}, version ${row.version})${p.publish ? ' published' : ' draft'}; wrote:\n${files.map((f) => `  ${displayPath(f)}`).join('\n')}\n`,
      );
      return 0;
    } catch (e) {
      return reportAppError(e, io);
    }
  },
});

import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      nodeId: 'local',
      jurisdiction: 'SG',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/scamintel',
      redisUrl: 'redis://127.0.0.1:6379/0',
      queuePrefix: 'scamintel:local',
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
    });
  });

  it('derives the queue prefix from the node id', () => {
    expect(loadConfig({ NODE_ID: 'kr-knpa', JURISDICTION: 'KR' }).queuePrefix).toBe('scamintel:kr-knpa');
  });

  it('accepts one Redis Cluster hash tag in the queue prefix, and nothing else in braces', () => {
    expect(loadConfig({ QUEUE_PREFIX: '{scamintel:sg-spf}' }).queuePrefix).toBe('{scamintel:sg-spf}');
    expect(loadConfig({ QUEUE_PREFIX: 'x:{sg}:y' }).queuePrefix).toBe('x:{sg}:y');
    for (const bad of ['{a}{b}', '{}', 'a{b', 'a b', `{${'x'.repeat(64)}}`])
      expect(() => loadConfig({ QUEUE_PREFIX: bad })).toThrow(ConfigError);
  });

  it('reports every bad variable, one line each', () => {
    try {
      loadConfig({ NODE_ID: 'Bad Id', JURISDICTION: 'korea', PORT: '99999', DATABASE_URL: 'mysql://x', BOOTSTRAP_ADMIN_KEY: 'short' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const lines = (e as ConfigError).problems;
      expect(lines).toHaveLength(5);
      expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['BOOTSTRAP_ADMIN_KEY', 'DATABASE_URL', 'JURISDICTION', 'NODE_ID', 'PORT']);
    }
  });
});

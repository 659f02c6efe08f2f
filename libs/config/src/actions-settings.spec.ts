import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseActionsSettings } from './actions-settings';
import { ConfigError, loadConfig } from './load-config';

const GOOD = {
  kinds: {
    freeze_account: { ackMinutes: 60, lifetimeDays: null },
    block_number: { ackMinutes: 10, lifetimeDays: 7 },
    takedown: { ackMinutes: 1440, lifetimeDays: null },
    restrict: { ackMinutes: 60, lifetimeDays: 30 },
  },
};

describe('actions settings', () => {
  it('the shipped config/actions.json is the contract: block_number 10 minutes / 7 days, restrict 30 days', () => {
    const c = loadConfig({});
    expect(c.actions.kinds.block_number).toEqual({ ackMinutes: 10, lifetimeDays: 7 });
    expect(c.actions.kinds.restrict.lifetimeDays).toBe(30);
    expect(c.actions.expiryIntervalMs).toBe(60_000);
    expect(c.webhooks).toEqual({ allowPrivate: false, attempts: 8, retryBaseMs: 5000, disableAfter: 5, timeoutMs: 10_000 });
  });

  it('accepts a complete file', () => {
    expect(parseActionsSettings(GOOD)).toEqual({ settings: GOOD.kinds, problems: [] });
  });

  it('names every problem', () => {
    const bad = {
      kinds: {
        ...GOOD.kinds,
        block_number: { ackMinutes: 0, lifetimeDays: 7 },
        restrict: { ackMinutes: 60, lifetimeDays: 1.5, colour: 'red' },
        seize_car: { ackMinutes: 1, lifetimeDays: 1 },
      },
    };
    delete (bad.kinds as Record<string, unknown>).takedown;
    expect(parseActionsSettings(bad).problems.sort()).toEqual([
      'kinds.block_number.ackMinutes: must be an integer from 1 to 525600',
      'kinds.restrict.colour: unknown setting',
      'kinds.restrict.lifetimeDays: must be null or an integer from 1 to 3650',
      'kinds.seize_car: unknown action kind',
      'kinds.takedown: missing',
    ]);
    expect(parseActionsSettings([]).problems).toEqual(['kinds: must be an object with one entry per action kind']);
  });

  it('a bad file or variable stops the start with one line each', () => {
    const file = path.join(tmpdir(), `actions-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ kinds: { ...GOOD.kinds, takedown: { ackMinutes: -1, lifetimeDays: null } } }));
    try {
      loadConfig({ ACTIONS_CONFIG_FILE: file, WEBHOOK_ALLOW_PRIVATE: 'maybe', ACTIONS_EXPIRY_INTERVAL_MS: '5' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'ACTIONS_CONFIG_FILE: kinds.takedown.ackMinutes: must be an integer from 1 to 525600',
        'ACTIONS_EXPIRY_INTERVAL_MS: "5" must be an integer from 1000 to 86400000',
        'WEBHOOK_ALLOW_PRIVATE: "maybe" must be true or false',
      ]);
    }
  });
});

import type { ActionsSettings } from '@scamintel/vocabulary';
import { ackDueAt, isDueToExpire, isOverdue } from './sla';

const SETTINGS = {
  freeze_account: { ackMinutes: 60, lifetimeDays: null },
  block_number: { ackMinutes: 10, lifetimeDays: 7 },
  takedown: { ackMinutes: 1440, lifetimeDays: null },
  restrict: { ackMinutes: 60, lifetimeDays: 30 },
} satisfies ActionsSettings;
const at = (iso: string) => new Date(iso);

describe('SLA and expiry with an injected clock', () => {
  it('a telco has 10 minutes to acknowledge a block; overdue after, not at, the deadline; never once acknowledged', () => {
    const due = ackDueAt('block_number', at('2026-12-01T00:00:00Z'), SETTINGS);
    expect(due).toEqual(at('2026-12-01T00:10:00Z'));
    expect(isOverdue({ state: 'requested', ackDueAt: due }, at('2026-12-01T00:09:59Z'))).toBe(false);
    expect(isOverdue({ state: 'requested', ackDueAt: due }, at('2026-12-01T00:10:00Z'))).toBe(false);
    expect(isOverdue({ state: 'requested', ackDueAt: due }, at('2026-12-01T00:10:01Z'))).toBe(true);
    expect(isOverdue({ state: 'acknowledged', ackDueAt: due }, at('2026-12-02T00:00:00Z'))).toBe(false);
    expect(isOverdue({ state: 'requested', ackDueAt: null }, at('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('takedowns get a day, freezes an hour', () => {
    expect(ackDueAt('takedown', at('2026-12-01T00:00:00Z'), SETTINGS)).toEqual(at('2026-12-02T00:00:00Z'));
    expect(ackDueAt('freeze_account', at('2026-12-01T00:00:00Z'), SETTINGS)).toEqual(at('2026-12-01T01:00:00Z'));
  });

  it('a done block expires at its lifetime, not before; only done actions expire', () => {
    const expiresAt = at('2026-12-08T00:00:00Z');
    expect(isDueToExpire({ state: 'done', expiresAt }, at('2026-12-07T23:59:59Z'))).toBe(false);
    expect(isDueToExpire({ state: 'done', expiresAt }, at('2026-12-08T00:00:00Z'))).toBe(true);
    expect(isDueToExpire({ state: 'released', expiresAt }, at('2027-01-01T00:00:00Z'))).toBe(false);
    expect(isDueToExpire({ state: 'done', expiresAt: null }, at('2099-01-01T00:00:00Z'))).toBe(false);
  });
});

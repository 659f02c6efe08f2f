import type { IndicatorType } from './indicator-types';

/** Disruption actions (CONTRACT §12): what an organisation is asked to do about a value. */
export const ACTION_KINDS = ['freeze_account', 'block_number', 'takedown', 'restrict'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STATES = ['requested', 'acknowledged', 'done', 'declined', 'released', 'expired'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export const isActionKind = (v: unknown): v is ActionKind => (ACTION_KINDS as readonly unknown[]).includes(v);
export const isActionState = (v: unknown): v is ActionState => (ACTION_STATES as readonly unknown[]).includes(v);

/** The indicator types each kind acts on: a bank freezes accounts, a telco blocks numbers, a platform takes down. */
export const KIND_TYPES: Readonly<Record<ActionKind, readonly IndicatorType[]>> = {
  freeze_account: ['bank_account'],
  restrict: ['bank_account'],
  block_number: ['phone'],
  takedown: ['url', 'domain', 'social_handle'],
};

/** Per kind: how soon the organisation must acknowledge, and how long a done action lasts (null = until released). */
export interface ActionKindSettings {
  ackMinutes: number;
  lifetimeDays: number | null;
}
export type ActionsSettings = Readonly<Record<ActionKind, ActionKindSettings>>;

import { TLP_MARKING_IDS } from './tlp';
import { StixObject } from './types';

/** Fixed date for the objects below: they are definitions, identical on every node and in every bundle. */
const DEFINED = '2026-01-01T00:00:00.000Z';

/** The scamintel project, creator of the extension definitions (STIX requires one for extension-definition). */
export const SCAMINTEL_IDENTITY_ID = 'identity--4d69b887-a520-41be-b5f8-74897d81349e';

/** Property extension carrying scamintel fields on `indicator` (and node fields on the sender `identity`). */
export const SCAMINTEL_PROPERTIES_EXT = 'extension-definition--c889c4e3-a15f-4669-9eae-7bc1a838feb4';

export const CUSTOM_SCO_EXT = {
  'phone-number': 'extension-definition--0f3b8cec-b094-4c13-bafe-f1278d7efae1',
  'bank-account': 'extension-definition--64afc4e4-5ff4-45da-823a-d16a96c935c6',
  'cryptocurrency-wallet': 'extension-definition--3dc21665-4413-4d7a-8805-36e6535c3173',
  'scamintel-pseudonym': 'extension-definition--6b50c518-a14c-461c-93e6-2a34b0f82326',
} as const;
export type CustomScoType = keyof typeof CUSTOM_SCO_EXT;

const clear = [TLP_MARKING_IDS.clear];

export const scamintelIdentity = (): StixObject => ({
  type: 'identity',
  spec_version: '2.1',
  id: SCAMINTEL_IDENTITY_ID,
  created: DEFINED,
  modified: DEFINED,
  name: 'scamintel',
  identity_class: 'system',
  description: 'Scam-intelligence exchange software; author of the scamintel STIX extensions.',
  object_marking_refs: clear,
});

function definition(id: string, name: string, description: string, schema: string, types: string[]): StixObject {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id,
    created_by_ref: SCAMINTEL_IDENTITY_ID,
    created: DEFINED,
    modified: DEFINED,
    name,
    description,
    schema,
    version: '1.0.0',
    extension_types: types,
    object_marking_refs: clear,
  };
}

const scoSchema = (what: string) =>
  `Cyber-observable with one required string property \`value\`: ${what}. Id-contributing property: value (STIX 2.1 §2.9, UUIDv5 over the JCS of {"value":…}).`;

export function extensionDefinitions(): StixObject[] {
  return [
    definition(
      SCAMINTEL_PROPERTIES_EXT,
      'scamintel-properties',
      'Exchange fields of a scamintel node on indicator and identity objects.',
      'On indicator: indicator_type (phone|url|domain|email|ip|bank_account|crypto_wallet|social_handle), fingerprint (hex SHA-256 of indicator_type + "\\n" + value as sent), ' +
        'verdict (scam|suspicious|unknown|legitimate, per sending jurisdiction), pseudonymised (boolean; value is then HMAC-SHA256 under the bilateral key, hex), ' +
        'reporters (integer), attributes (object), narratives (array of strings, only under a shareNarrative policy). On identity: node_id, jurisdiction (ISO 3166-1 alpha-2).',
      ['property-extension'],
    ),
    definition(CUSTOM_SCO_EXT['phone-number'], 'phone-number', 'A telephone number.', scoSchema('E.164, e.g. +6591234567'), ['new-sco']),
    definition(
      CUSTOM_SCO_EXT['bank-account'],
      'bank-account',
      'A bank account.',
      scoSchema('<CC>:<bank code>:<digits>, <CC>::<digits> or IBAN:<IBAN>'),
      ['new-sco'],
    ),
    definition(
      CUSTOM_SCO_EXT['cryptocurrency-wallet'],
      'cryptocurrency-wallet',
      'A cryptocurrency wallet address.',
      scoSchema('the address as canonicalised by scamintel (base58check as written, bech32 and 0x-hex lower case)'),
      ['new-sco'],
    ),
    definition(
      CUSTOM_SCO_EXT['scamintel-pseudonym'],
      'scamintel-pseudonym',
      'An indicator value replaced by a keyed pseudonym for bilateral matching.',
      'Cyber-observable with required string properties `value` (hex HMAC-SHA256 of the canonical value under the key both nodes share) and `indicator_type` (the scamintel type of the hidden value). Id-contributing properties: indicator_type, value.',
      ['new-sco'],
    ),
  ];
}

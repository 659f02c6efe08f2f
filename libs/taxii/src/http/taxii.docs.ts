import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { EXAMPLE } from '@scamintel/common';
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from '../media-types';
import { TaxiiErrorMessage } from './taxii.response';

/** Route documentation of the TAXII controller: its common notes, error answers and examples. */
export const TAXII_NOTE =
  'TAXII 2.1 (CONTRACT §8). HTTP Basic with an API key as the password (any user name), or Bearer; a partner or analyst key. ' +
  'TAXII clients use the URL with a trailing slash; both forms are served. The request must accept `' +
  TAXII_MEDIA_TYPE +
  '` (406 otherwise) and every answer, errors included, has that media type.';

type ErrorDoc = string | { description: string; example: unknown };

/** TAXII error answers (TAXII error message resources, with the TAXII media type of the controller). */
export const TaxiiErrors = (errors: Record<number, ErrorDoc>) =>
  applyDecorators(
    ...Object.entries(errors).map(([status, doc]) =>
      ApiResponse({
        status: Number(status),
        type: TaxiiErrorMessage,
        ...(typeof doc === 'string' ? { description: doc } : doc),
        ...(status === '401'
          ? { headers: { 'WWW-Authenticate': { description: '`Basic realm="scamintel"`', schema: { type: 'string' } } } }
          : {}),
      }),
    ),
  );

const taxiiError = (id: string, status: number, title: string, code: string, description: string, details?: Record<string, string>) => ({
  title,
  description,
  error_id: id,
  error_code: code,
  http_status: String(status),
  ...(details ? { details } : {}),
});

export const AUTH_ERRORS: Record<number, ErrorDoc> = {
  401: {
    description: 'Missing, unknown or revoked key.',
    example: taxiiError('req-1', 401, 'Authentication required', 'unauthenticated', 'an API key is required (Authorization: Bearer <key>)'),
  },
  403: 'A key of another role than partner or analyst.',
  406: `The Accept header does not admit ${TAXII_MEDIA_TYPE}.`,
};
export const COLLECTION_ERRORS: Record<number, ErrorDoc> = {
  ...AUTH_ERRORS,
  400: 'Malformed request.',
  404: 'No such collection, or one this key may not see (the same answer).',
};
export const QUERY_ERRORS: Record<number, ErrorDoc> = {
  ...COLLECTION_ERRORS,
  400: {
    description: 'A bad parameter (timestamp, filter value, limit) or a `next` from other filters or another collection.',
    example: taxiiError('req-2', 400, 'Bad request', 'validation_failed', 'the request is not valid', {
      added_after: 'an RFC 3339 timestamp, e.g. 2026-11-20T02:15:00.123456Z',
    }),
  },
};
export const OBJECT_ERRORS: Record<number, ErrorDoc> = {
  ...QUERY_ERRORS,
  404: 'No such collection for this key, or no such object in it.',
};
export const READ_ONLY: ErrorDoc = {
  description: 'The collection is read-only (also: a key of another role than partner or analyst).',
  example: taxiiError('req-3', 403, 'Forbidden', 'forbidden', 'this collection is read-only (can_write: false)'),
};

export const DATE_HEADERS = {
  'X-TAXII-Date-Added-First': {
    description: 'date_added of the first object in this answer (absent when it has none).',
    schema: { type: 'string' },
  },
  'X-TAXII-Date-Added-Last': {
    description: 'date_added of the last object in this answer; pass it as `added_after` to poll for what comes next.',
    schema: { type: 'string' },
  },
};

export const COLLECTION_EXAMPLE = {
  id: 'b152d0ac-7b4b-57d7-a449-d4d4a9446073',
  alias: 'kr-knpa',
  title: 'sg-spf → kr-knpa',
  description: 'What sg-spf (SG) shares with kr-knpa (KR) under their bilateral policy: TLP up to AMBER; …',
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
};
export const PUBLIC_COLLECTION_EXAMPLE = {
  id: 'c347a9e6-44f4-52e2-8df3-944e54a15333',
  alias: 'public',
  title: 'sg-spf: public',
  description: 'Indicators of SG that any partner or analyst may read: TLP:CLEAR only, …',
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
};

export const INDICATOR_EXAMPLE = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--7a94270a-8133-5614-b12d-a21158982ccc',
  created_by_ref: 'identity--ae46c455-14a0-52d2-8d62-048d8639aae0',
  created: '2026-11-02T03:10:00.000Z',
  modified: '2026-11-20T02:16:00.850Z',
  indicator_types: ['malicious-activity'],
  pattern: "[phone-number:value = '+6581234567']",
  pattern_type: 'stix',
  pattern_version: '2.1',
  valid_from: '2026-11-02T03:10:00.000Z',
  confidence: 82,
  revoked: false,
  labels: ['impersonation_bank'],
  object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
  extensions: {
    'extension-definition--c889c4e3-a15f-4669-9eae-7bc1a838feb4': {
      extension_type: 'property-extension',
      indicator_type: 'phone',
      fingerprint: EXAMPLE.phone.fingerprint,
      verdict: 'scam',
      pseudonymised: false,
      reporters: 3,
    },
  },
};

export const MANIFEST_EXAMPLE = {
  more: false,
  objects: [
    {
      id: INDICATOR_EXAMPLE.id,
      date_added: '2026-11-20T02:16:00.850123Z',
      version: INDICATOR_EXAMPLE.modified,
      media_type: STIX_MEDIA_TYPE,
    },
  ],
};

/** Summary and description of each TAXII operation, by controller method. */
export const OPS = {
  discovery: { summary: 'TAXII discovery: this server and its API root.', description: TAXII_NOTE },
  apiRoot: { summary: 'TAXII API root.', description: `${TAXII_NOTE} \`max_content_length\` is the body limit of the TAXII routes.` },
  collections: {
    summary: 'The collections this key may read: `public` and, for a partner key, its own (analysts: every partner’s).',
    description: `${TAXII_NOTE} A collection per registered partner (id: UUIDv5 of this node and the partner's node id; alias: the partner's node id) holds exactly what the exchange sends that partner under its policy; \`public\` (alias \`public\`) holds TLP:CLEAR only, values in clear, no narratives. All are read-only.`,
  },
  collection: { summary: 'One collection, by id or alias.', description: TAXII_NOTE },
  objects: {
    summary: 'STIX objects of a collection, oldest added first, paged by `limit` and `next`.',
    description:
      `${TAXII_NOTE} First the objects every record refers to (this node's identity, the scamintel identity, extension definitions, TLP markings; date_added 1970-01-01), ` +
      "then per indicator its observable, `indicator` and `sighting`, with date_added = the indicator's last change to the microsecond; a later change adds them again with a new version (`modified`). " +
      'Objects are read below the export horizon (an indicator becomes visible once no transaction that started before its change is still open). `more` is exact.',
  },
  add: {
    summary: 'Add objects: refused, every collection here is read-only (`can_write: false`).',
    description: `${TAXII_NOTE} Content-Type must be ${TAXII_MEDIA_TYPE} (415 otherwise), a body over 1 MiB is a 413; a well-formed request then gets 403.`,
  },
  manifest: {
    summary:
      'Manifest of a collection: id, date_added, version and media type of each object, in the order and paging of the objects route.',
    description: TAXII_NOTE,
  },
  object: {
    summary: 'One object of a collection (each object has a single version here).',
    description: `${TAXII_NOTE} Ids are not stored: the object is found by scanning the collection's indicators and judging only the one whose objects carry the id.`,
  },
  versions: {
    summary: 'Versions of one object (a single one here: its `modified`, or date_added for an observable).',
    description: TAXII_NOTE,
  },
  remove: { summary: 'Delete an object: refused, every collection here is read-only.', description: TAXII_NOTE },
};

export const DISCOVERY_EXAMPLE = {
  title: 'scamintel sg-spf (SG)',
  description:
    'Scam indicators of this node as STIX 2.1: a collection per partner under its bilateral policy, and a public TLP:CLEAR collection.',
  default: '/taxii2/api/',
  api_roots: ['/taxii2/api/'],
};
export const API_ROOT_EXAMPLE = {
  title: 'scamintel sg-spf',
  description: 'Read-only collections of scam indicators …',
  versions: [TAXII_MEDIA_TYPE],
  max_content_length: 1048576,
};
export const COLLECTIONS_EXAMPLE = { collections: [PUBLIC_COLLECTION_EXAMPLE, COLLECTION_EXAMPLE] };
export const OBJECTS_EXAMPLE = { more: true, next: 'WzEsImIxNTJkMGFjLi4uIl0', objects: [INDICATOR_EXAMPLE] };
export const OBJECT_FOUND = 'Envelope with the object (none when `match[version]` or `added_after` exclude it).';
export const OBJECT_EXAMPLE = { more: false, objects: [INDICATOR_EXAMPLE] };
export const VERSIONS_EXAMPLE = { more: false, versions: [INDICATOR_EXAMPLE.modified] };

export const ADD_BODY = {
  description: 'A TAXII envelope.',
  schema: { type: 'object' as const, properties: { objects: { type: 'array' as const, items: { type: 'object' as const } } } },
};
export const ADD_ERRORS: Record<number, ErrorDoc> = {
  ...COLLECTION_ERRORS,
  400: 'The body is not JSON.',
  403: READ_ONLY,
  413: 'Body over max_content_length (1 MiB).',
  415: `Content-Type is not ${TAXII_MEDIA_TYPE}.`,
};
export const DELETE_ERRORS: Record<number, ErrorDoc> = { ...COLLECTION_ERRORS, 403: READ_ONLY };

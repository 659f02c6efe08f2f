import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/*
 * Every answer an e2e test receives is checked against docs/openapi.json, so the documented shapes cannot drift
 * from the real ones (issue 11).
 *
 * Matching: the request path (query and a trailing slash left out) is matched against the document's path
 * templates, a `{param}` standing for one segment; when several match, the one with the most literal segments
 * wins (`/v1/indicators/normalize` before `/v1/indicators/{fingerprint}`). The operation is that template's
 * method; the answer is the operation's response for the exact status (then `4XX`-style ranges, then `default`);
 * its media type is the documented content whose type/subtype equals the answer's `Content-Type` and whose
 * parameters, charset aside, it carries (`application/taxii+json;version=2.1`).
 *
 * A path that no documented route matches may only answer 404, in a shape the document uses for its 404 answers
 * of that media type (the contract's `Error`; TAXII's error resource under /taxii2): tests probe unknown routes.
 *
 * Failures: a route, method, status or media type the document does not have; a body where none is documented;
 * a JSON media type whose body is not JSON; a body that breaks its schema. Each fails the test it happened in, once
 * the test ends (so a test cannot catch it away, and answers seen by a proxy count too), listing every problem. Schemas are strict: OpenAPI 3.0
 * `nullable` becomes JSON Schema's `null` alternative, and every object that lists its properties is closed
 * (unknown fields fail) unless it says otherwise with `additionalProperties` (STIX objects, maps, `attributes`).
 */

type Json = Record<string, any>;

export interface ObservedResponse {
  method: string;
  /** Absolute URL or path, with or without a query. */
  url: string;
  status: number;
  contentType: string | null;
  /** The body as received. */
  text: string;
}

/** Paths outside the document by design: the document and its Swagger UI, and the web pages (libs/web, HTML). */
const OUTSIDE_THE_DOCUMENT = [/^\/docs(-json)?(\/|$)/, /^\/(check|report|bulletins|console|static)?(\/|$)/];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const DOC_ONLY_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator'];
const REF_PREFIX = '#/components/schemas/';
/** Marks the `null` alternative a `nullable` became, so its "must be null" is not reported when the value is not null. */
const NULL_BRANCH = 'nullable';

export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

interface Route {
  template: string;
  regex: RegExp;
  literals: number;
  item: Json;
}

interface MediaRange {
  essence: string;
  params: Map<string, string>;
}

function parseMedia(text: string): MediaRange {
  const [essence, ...rest] = text.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0)
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .toLowerCase(),
      );
  }
  return { essence: essence.trim().toLowerCase(), params };
}

/** The documented media type an answer's Content-Type matches: same type/subtype, every documented parameter but charset. */
function matchMedia(documented: string[], contentType: string | null): string | undefined {
  if (!contentType) return undefined;
  const actual = parseMedia(contentType);
  return documented.find((k) => {
    const doc = parseMedia(k);
    return (
      doc.essence === actual.essence && [...doc.params].every(([name, value]) => name === 'charset' || actual.params.get(name) === value)
    );
  });
}

const isJson = (essence: string) => essence === 'application/json' || essence.endsWith('+json');

/** An OpenAPI 3.0 schema as a JSON Schema ajv can enforce (see the header comment for `nullable` and closed objects). */
export function toJsonSchema(schema: unknown, where = '$'): unknown {
  if (Array.isArray(schema)) return schema.map((s, i) => toJsonSchema(s, `${where}[${i}]`));
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    if (!s.$ref.startsWith(REF_PREFIX)) throw new Error(`${where}: only component references are supported (${s.$ref})`);
    return { $ref: `openapi#/$defs/${s.$ref.slice(REF_PREFIX.length)}` };
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (DOC_ONLY_KEYWORDS.includes(k) || k === 'nullable') continue;
    if (k === 'properties')
      out[k] = Object.fromEntries(Object.entries(v as Json).map(([name, p]) => [name, toJsonSchema(p, `${where}.${name}`)]));
    else if (['items', 'additionalProperties', 'not'].includes(k) || ['allOf', 'anyOf', 'oneOf'].includes(k))
      out[k] = typeof v === 'boolean' ? v : toJsonSchema(v, `${where}.${k}`);
    else out[k] = v;
  }
  if (out.properties && out.additionalProperties === undefined) {
    if (Array.isArray(out.allOf) && out.allOf.length > 1)
      throw new Error(`${where}: allOf of several closed objects cannot validate anything; use one class that extends the other`);
    out.additionalProperties = false;
  }
  return s.nullable === true ? { anyOf: [{ type: 'null', $comment: NULL_BRANCH }, out] } : out;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  const all = errors ?? [];
  // A nullable value that is not null is judged by its other branch alone: that branch's errors say what is wrong.
  const nullBranch = (e: ErrorObject) => (e.parentSchema as Json | undefined)?.$comment === NULL_BRANCH;
  const relevant = all.filter(
    (e) =>
      !nullBranch(e) && !(e.keyword === 'anyOf' && all.some((o) => o !== e && !nullBranch(o) && o.instancePath.startsWith(e.instancePath))),
  );
  return relevant.map((e) => {
    const at = e.instancePath || '(body)';
    if (e.keyword === 'additionalProperties') return `${at} has a field the document does not know: ${e.params.additionalProperty}`;
    if (e.keyword === 'required') return `${at} lacks required field ${e.params.missingProperty}`;
    return `${at} ${e.message}${e.keyword === 'enum' ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`;
  });
}

/** The rules of one OpenAPI document, ready to judge observed answers. */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();
  /** The schemas of every documented 404, per media type. */
  private readonly notFound = new Map<string, Set<string>>();

  constructor(doc: Json) {
    this.ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true, verbose: true });
    addFormats(this.ajv);
    const components = Object.entries((doc.components?.schemas ?? {}) as Json).map(([name, schema]) => [name, toJsonSchema(schema, name)]);
    this.ajv.addSchema({ $id: 'openapi', $defs: Object.fromEntries(components) });
    this.routes = Object.entries((doc.paths ?? {}) as Json).map(([template, item]) => {
      const parts = template.split('/');
      const pattern = parts.map((p) => (/^\{[^}]+\}$/.test(p) ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
      return { template, regex: new RegExp(`^${pattern}$`), literals: parts.filter((p) => p && !p.startsWith('{')).length, item };
    });
    this.routes.sort((a, b) => b.literals - a.literals);
    for (const { item } of this.routes)
      for (const m of METHODS)
        for (const [media, c] of Object.entries((item[m]?.responses?.['404']?.content ?? {}) as Json)) {
          if (!this.notFound.has(media)) this.notFound.set(media, new Set());
          if (c.schema) this.notFound.get(media)!.add(JSON.stringify(c.schema));
        }
  }

  static fromFile(file = path.join(__dirname, '..', '..', 'docs', 'openapi.json')): OpenApiContract {
    return new OpenApiContract(JSON.parse(readFileSync(file, 'utf8')));
  }

  /** What is wrong with an answer, per the document; empty when it conforms. */
  problems(r: ObservedResponse): string[] {
    const url = new URL(r.url, 'http://localhost');
    const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
    if (OUTSIDE_THE_DOCUMENT.some((re) => re.test(pathname))) return [];
    const method = r.method.toLowerCase();
    const label = `${r.method.toUpperCase()} ${url.pathname} → ${r.status}`;
    const matching = this.routes.filter((route) => route.regex.test(pathname));
    if (!matching.length) {
      // A path no route serves may only answer 404, in a shape the document gives its 404s (CONTRACT §4; TAXII's own).
      const mediaKey = r.status === 404 ? matchMedia([...this.notFound.keys()], r.contentType) : undefined;
      if (!mediaKey) return [`${label}: no such route in the document`];
      return this.validateJson({ anyOf: [...this.notFound.get(mediaKey)!].map((t) => JSON.parse(t)) }, `${label} (unknown route)`, r.text);
    }
    const route = matching.find((m) => m.item[method]);
    if (!route) return [`${label}: the document has no ${method.toUpperCase()} for ${matching[0].template}`];
    const where = `${method.toUpperCase()} ${route.template} → ${r.status}`;
    const responses = (route.item[method].responses ?? {}) as Json;
    const status = String(r.status);
    const key = [status, `${status[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key) return [`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`];
    const content = (responses[key].content ?? {}) as Json;
    if (!Object.keys(content).length) return r.text === '' ? [] : [`${where}: a body where the document has none`];
    if (!r.contentType) return [`${where}: no Content-Type (documented: ${Object.keys(content).join(', ')})`];
    const mediaKey = matchMedia(Object.keys(content), r.contentType);
    if (!mediaKey) return [`${where}: media type ${r.contentType} not documented (documented: ${Object.keys(content).join(', ')})`];
    const schema = content[mediaKey].schema;
    if (!schema) return [];
    if (!isJson(parseMedia(r.contentType).essence)) return this.validate(schema, `${where} (${mediaKey})`, r.text);
    return this.validateJson(schema, `${where} (${mediaKey})`, r.text);
  }

  /** Examples of the document that break their own schema (request and response bodies): examples must not drift either. */
  exampleProblems(): string[] {
    const out: string[] = [];
    for (const { template, item } of this.routes)
      for (const m of METHODS) {
        const op = item[m];
        if (!op) continue;
        const bodies: [string, Json][] = [
          ...Object.entries((op.requestBody?.content ?? {}) as Json).map(([media, c]): [string, Json] => [`request ${media}`, c]),
          ...Object.entries((op.responses ?? {}) as Json).flatMap(([status, r]) =>
            Object.entries((r.content ?? {}) as Json).map(([media, c]): [string, Json] => [`${status} ${media}`, c]),
          ),
        ];
        for (const [what, c] of bodies) {
          if (!c.schema || !isJson(parseMedia(what.split(' ')[1]).essence)) continue;
          const named = Object.entries((c.examples ?? {}) as Json).map(([name, e]): [string, unknown] => [name, e.value]);
          for (const [name, value] of c.example !== undefined ? [['example', c.example] as [string, unknown], ...named] : named)
            out.push(...this.validate(c.schema, `${m.toUpperCase()} ${template} ${what}`, value).map((p) => `${p} (${name})`));
        }
      }
    return out;
  }

  private validateJson(schema: Json, where: string, text: string): string[] {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [`${where}: the answer is not JSON`];
    }
    return this.validate(schema, where, body);
  }

  private validate(schema: Json, where: string, body: unknown): string[] {
    let validate = this.validators.get(where);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema, where) as Json);
      this.validators.set(where, validate);
    }
    return validate(body) ? [] : describeErrors(validate.errors).map((e) => `${where}: ${e}`);
  }
}

let shared: OpenApiContract | undefined;
const unreported: string[] = [];

/**
 * Checks an answer against docs/openapi.json. What is wrong is kept and fails the running test once it ends
 * (installContractCheck), so a test cannot swallow it and the proxy of the two-node tests can report too.
 */
export function checkDocumented(r: ObservedResponse): void {
  shared ??= OpenApiContract.fromFile();
  unreported.push(...shared.problems(r));
}

/** Fails each test (and the file, for answers after its last test) in which an answer broke the document. */
export function installContractCheck(): void {
  const report = () => {
    const found = [...new Set(unreported.splice(0))];
    if (found.length) throw new ContractViolation(`answers that do not match docs/openapi.json:\n  ${found.join('\n  ')}`);
  };
  afterEach(report);
  afterAll(report);
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** `fetch` for tests that read the Response themselves: the answer is checked, then handed back unread. */
export async function fetchDocumented(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, init);
  const text = await res.text();
  checkDocumented({ method: init.method ?? 'GET', url, status: res.status, contentType: res.headers.get('content-type'), text });
  return new Response(NULL_BODY_STATUSES.has(res.status) ? null : text, {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
}

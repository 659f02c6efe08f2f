/**
 * RFC 8941 Structured Field Values: the subset HTTP Message Signatures and Content-Digest need
 * (dictionaries, inner lists, items with parameters; integers, decimals, strings, tokens, byte sequences, booleans).
 */
export class Token {
  constructor(readonly value: string) {}
}
export class Decimal {
  constructor(readonly value: number) {}
}
export type BareItem = number | Decimal | string | Token | Uint8Array | boolean;
export type Params = Map<string, BareItem>;
export interface Item {
  value: BareItem;
  params: Params;
}
export interface InnerList {
  items: Item[];
  params: Params;
}
export type Member = Item | InnerList;
export type Dictionary = Map<string, Member>;

export class StructuredFieldError extends Error {}

export const isInnerList = (m: Member): m is InnerList => 'items' in m;

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  peek(): string {
    return this.s[this.i] ?? '';
  }
  eof(): boolean {
    return this.i >= this.s.length;
  }
  fail(what: string): never {
    throw new StructuredFieldError(`${what} at ${this.i}`);
  }
  skip(chars: string): void {
    while (!this.eof() && chars.includes(this.peek())) this.i++;
  }

  key(): string {
    const m = /^[a-z*][a-z0-9_\-.*]*/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected key');
    this.i += m[0].length;
    return m[0];
  }

  params(): Params {
    const params: Params = new Map();
    while (this.peek() === ';') {
      this.i++;
      this.skip(' ');
      const k = this.key();
      let v: BareItem = true;
      if (this.peek() === '=') {
        this.i++;
        v = this.bareItem();
      }
      params.set(k, v);
    }
    return params;
  }

  item(): Item {
    const value = this.bareItem();
    return { value, params: this.params() };
  }

  member(): Member {
    if (this.peek() !== '(') return this.item();
    this.i++;
    const items: Item[] = [];
    for (;;) {
      this.skip(' ');
      if (this.peek() === ')') {
        this.i++;
        return { items, params: this.params() };
      }
      items.push(this.item());
      if (this.peek() !== ' ' && this.peek() !== ')') this.fail('expected SP or ) in inner list');
    }
  }

  bareItem(): BareItem {
    const c = this.peek();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === '"') return this.string();
    if (c === ':') return this.bytes();
    if (c === '?') return this.boolean();
    if (c === '*' || /[A-Za-z]/.test(c)) return this.token();
    return this.fail('expected bare item');
  }

  number(): number | Decimal {
    const m = /^(-?)(\d+)(?:\.(\d*))?/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected digit');
    const [text, , int, frac] = m;
    if (frac === undefined) {
      if (int.length > 15) this.fail('integer too long');
      this.i += text.length;
      return Number(text);
    }
    if (int.length > 12 || frac.length < 1 || frac.length > 3) this.fail('bad decimal');
    this.i += text.length;
    return new Decimal(Number(text));
  }

  string(): string {
    let out = '';
    for (this.i++; ; this.i++) {
      const c = this.peek();
      if (this.eof()) this.fail('unterminated string');
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\\') {
        const n = this.s[++this.i];
        if (n !== '"' && n !== '\\') this.fail('bad escape');
        out += n;
      } else if (c < ' ' || c > '~') this.fail('bad string char');
      else out += c;
    }
  }

  bytes(): Uint8Array {
    const end = this.s.indexOf(':', this.i + 1);
    if (end < 0) this.fail('unterminated byte sequence');
    const b64 = this.s.slice(this.i + 1, end);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || (b64.includes('=') && b64.length % 4 !== 0)) this.fail('bad base64');
    this.i = end + 1;
    return Buffer.from(b64, 'base64');
  }

  boolean(): boolean {
    const v = this.s[this.i + 1];
    if (v !== '0' && v !== '1') this.fail('bad boolean');
    this.i += 2;
    return v === '1';
  }

  token(): Token {
    const m = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/.exec(this.s.slice(this.i));
    this.i += m![0].length;
    return new Token(m![0]);
  }
}

export function parseDictionary(input: string): Dictionary {
  const p = new Parser(input.replace(/^ +| +$/g, ''));
  const dict: Dictionary = new Map();
  while (!p.eof()) {
    const k = p.key();
    if (p.peek() === '=') {
      p.i++;
      dict.set(k, p.member());
    } else dict.set(k, { value: true, params: p.params() });
    p.skip(' \t');
    if (p.eof()) break;
    if (p.peek() !== ',') p.fail('expected ,');
    p.i++;
    p.skip(' \t');
    if (p.eof()) p.fail('trailing comma');
  }
  return dict;
}

export function parseItem(input: string): Item {
  const p = new Parser(input.replace(/^ +| +$/g, ''));
  const item = p.item();
  if (!p.eof()) p.fail('trailing characters');
  return item;
}

export function serializeBareItem(v: BareItem): string {
  if (typeof v === 'boolean') return v ? '?1' : '?0';
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || Math.abs(v) > 999_999_999_999_999) throw new StructuredFieldError(`not an sf-integer: ${v}`);
    return String(v);
  }
  if (v instanceof Decimal) {
    const r = Math.round(v.value * 1000) / 1000;
    const s = r.toFixed(3).replace(/0{1,2}$/, '');
    if (Math.abs(Math.trunc(r)) >= 1e12) throw new StructuredFieldError(`decimal too large: ${v.value}`);
    return s;
  }
  if (typeof v === 'string') {
    if (/[^\x20-\x7e]/.test(v)) throw new StructuredFieldError('sf-string must be printable ASCII');
    return `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  if (v instanceof Token) {
    if (!/^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/.test(v.value)) throw new StructuredFieldError(`bad token ${v.value}`);
    return v.value;
  }
  return `:${Buffer.from(v).toString('base64')}:`;
}

function serializeKey(k: string): string {
  if (!/^[a-z*][a-z0-9_\-.*]*$/.test(k)) throw new StructuredFieldError(`bad key ${k}`);
  return k;
}

export function serializeParams(params: Params): string {
  let out = '';
  for (const [k, v] of params) out += `;${serializeKey(k)}${v === true ? '' : `=${serializeBareItem(v)}`}`;
  return out;
}

export function serializeMember(m: Member): string {
  if (isInnerList(m)) return `(${m.items.map(serializeMember).join(' ')})${serializeParams(m.params)}`;
  return `${serializeBareItem(m.value)}${serializeParams(m.params)}`;
}

export function serializeDictionary(dict: Dictionary): string {
  return [...dict]
    .map(([k, m]) =>
      !isInnerList(m) && m.value === true ? `${serializeKey(k)}${serializeParams(m.params)}` : `${serializeKey(k)}=${serializeMember(m)}`,
    )
    .join(', ');
}

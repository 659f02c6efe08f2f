/**
 * Streaming reader of a STIX 2.1 bundle: yields the elements of the root object's `objects` array one by one,
 * each parsed on its own, so a bundle of any size is read with memory bounded by its largest object (capped by
 * `maxObjectChars`). No streaming JSON parser is installed; this scanner only tracks strings, escapes and
 * nesting depth — the grammar of each element is left to JSON.parse.
 */
export class BundleFormatError extends Error {}

export type BundleElement = { index: number; value: unknown } | { index: number; error: string };

export interface BundleScanResult {
  /** The root's `type` value, when it is a string. */
  type?: string;
}

const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  LBRACE = 0x7b,
  RBRACE = 0x7d,
  LBRACKET = 0x5b,
  RBRACKET = 0x5d,
  COMMA = 0x2c,
  COLON = 0x3a;
const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export async function* bundleObjects(
  chunks: AsyncIterable<string>,
  result: BundleScanResult = {},
  maxObjectChars = 16 * 1024 * 1024,
): AsyncGenerator<BundleElement> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let rootClosed = false;
  let sawRoot = false;
  let sawObjects = false;
  // Root-level strings (keys and values) are captured to find "objects" and "type".
  let rootString: string[] | undefined;
  let rootStringStart = -1;
  let lastRootString: string | undefined;
  let currentKey: string | undefined;
  let afterColon = false;
  let inObjects = false;
  // The element being captured (inside root.objects).
  let elemParts: string[] | undefined;
  let elemStart = -1;
  let elemLength = 0;
  let elemIsPrimitive = false;
  let index = 0;
  let position = 0;

  for await (const chunk of chunks) {
    const out: BundleElement[] = [];
    const endElement = (end: number) => {
      const text = elemParts!.join('') + chunk.slice(elemStart, end);
      let el: BundleElement;
      try {
        el = { index, value: JSON.parse(text) };
      } catch (e) {
        el = { index, error: `objects[${index}] is not valid JSON: ${(e as Error).message}` };
      }
      out.push(el);
      index++;
      elemParts = undefined;
      elemStart = -1;
      elemLength = 0;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (rootString) {
            rootString.push(chunk.slice(rootStringStart, i + 1));
            lastRootString = JSON.parse(rootString.join('')) as string;
            rootString = undefined;
            if (afterColon) {
              if (currentKey === 'type') result.type = lastRootString;
              afterColon = false;
            }
          }
        }
        continue;
      }
      if (rootClosed) {
        if (!isWs(c)) throw new BundleFormatError(`unexpected text after the bundle at character ${position + i}`);
        continue;
      }
      if (elemIsPrimitive && (c === COMMA || c === RBRACKET || isWs(c)) && depth === 2) {
        endElement(i);
        elemIsPrimitive = false;
      }
      if (c === QUOTE) {
        inString = true;
        if (depth === 1) {
          rootString = [];
          rootStringStart = i;
        } else if (inObjects && depth === 2 && !elemParts) {
          // A bare string in the objects array: capture it like any element.
          elemParts = [];
          elemStart = i;
          elemIsPrimitive = true;
        }
        continue;
      }
      if (c === LBRACE || c === LBRACKET) {
        if (depth === 0) {
          if (c !== LBRACE || sawRoot) throw new BundleFormatError('a STIX bundle is a JSON object');
          sawRoot = true;
        } else if (depth === 1) {
          if (afterColon && currentKey === 'objects') {
            if (c !== LBRACKET) throw new BundleFormatError('"objects" is not an array');
            inObjects = true;
            sawObjects = true;
          }
          afterColon = false;
        } else if (depth === 2 && inObjects && !elemParts) {
          elemParts = [];
          elemStart = i;
        }
        depth++;
        continue;
      }
      if (c === RBRACE || c === RBRACKET) {
        depth--;
        if (depth < 0) throw new BundleFormatError(`unbalanced ${String.fromCharCode(c)} at character ${position + i}`);
        if (inObjects && depth === 2 && elemParts && !elemIsPrimitive) endElement(i + 1);
        else if (inObjects && depth === 1) inObjects = false;
        else if (depth === 0) rootClosed = true;
        continue;
      }
      if (depth === 1) {
        if (c === COLON) {
          currentKey = lastRootString;
          afterColon = true;
        } else if (c === COMMA) afterColon = false;
        else if (!isWs(c)) afterColon = false; // a number, true, false or null at the root
        continue;
      }
      if (depth === 0 && !isWs(c)) throw new BundleFormatError('a STIX bundle is a JSON object');
      if (inObjects && depth === 2 && !elemParts && c !== COMMA && !isWs(c)) {
        elemParts = [];
        elemStart = i;
        elemIsPrimitive = true;
      }
    }
    if (rootString) {
      rootString.push(chunk.slice(rootStringStart));
      rootStringStart = 0;
    }
    if (elemParts) {
      const rest = chunk.slice(elemStart);
      elemLength += rest.length;
      if (elemLength > maxObjectChars) throw new BundleFormatError(`objects[${index}] is larger than ${maxObjectChars} characters`);
      elemParts.push(rest);
      elemStart = 0;
    }
    position += chunk.length;
    for (const el of out) yield el;
  }
  if (!sawRoot || !rootClosed || inString) throw new BundleFormatError('the file ends before the bundle does (truncated JSON)');
  if (!sawObjects) throw new BundleFormatError('the bundle has no "objects" array');
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML[c]);
}

/** Inline markdown text: neutralises emphasis, links, raw HTML and table pipes that data could carry. */
export function mdText(value: string): string {
  return value.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** A code span, fenced with more backticks than the value contains; pipes escaped for GFM tables. */
export function mdCode(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const body = value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return fence + (body.startsWith('`') || body.endsWith('`') ? ` ${body} ` : body) + fence;
}

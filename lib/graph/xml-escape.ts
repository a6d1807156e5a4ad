const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// XML 1.0 does not allow these at all, even escaped (a name from the cluster holding one would
// make the whole SVG unreadable): controls other than tab and line breaks, U+FFFE/U+FFFF, and
// half of a surrogate pair (iterating by code point leaves those as single units).
function allowed(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffe && code !== 0xffff;
}

/** Text made safe for XML content and attribute values (both quote styles). */
export function xmlEscape(text: string): string {
  let out = '';
  for (const char of String(text)) {
    const code = char.codePointAt(0) ?? 0;
    out += allowed(code) ? (ENTITY[char] ?? char) : '\uFFFD';
  }
  return out;
}

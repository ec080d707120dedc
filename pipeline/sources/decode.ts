// Decoding a source file's bytes: strict UTF-8 (a leading BOM dropped), with a message saying what
// the file is instead (UTF-16, UTF-32, Latin-1, a binary file) and the line of the first bad byte.
import { InputError } from '../errors.js';

/**
 * Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or -1 when all of it is. A truncated last character counts
 * from its first byte.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

export const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Strict UTF-8; a leading BOM is dropped (offsets count from the first character after it). */
export function decodeText(name: string, bytes: Buffer): string {
  if (bytes.length === 0) throw new InputError('empty', name, 'is empty (0 bytes)');
  const encoding = wrongEncoding(bytes);
  if (encoding) throw new InputError(encoding.code, name, `${encoding.message}; save it as UTF-8`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError('binary', name, `contains a NUL byte (at byte ${nul}): a binary file, not text`);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw badEncoding(name, bytes, bad);
  const text = utf8.decode(bytes);
  if (text.trim() === '') throw new InputError('empty', name, 'has no text (only white space)');
  return text;
}

/** UTF-16 or UTF-32, with a byte-order mark or (UTF-16 of mostly ASCII text) without one. */
export function wrongEncoding(bytes: Buffer): { code: 'utf16' | 'utf32'; message: string } | null {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) return { code: 'utf32', message: 'is UTF-32 (it starts with a UTF-32 byte-order mark)' };
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return { code: 'utf16', message: 'is UTF-16 (it starts with a UTF-16 byte-order mark)' };
  // Without a mark: ASCII-range text in UTF-16 has a zero in every other byte.
  const sample = bytes.subarray(0, 4096);
  if (sample.length >= 4) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? even++ : odd++;
    const half = Math.floor(sample.length / 2);
    if (Math.max(even, odd) >= half * 0.6 && Math.min(even, odd) <= half * 0.05) return { code: 'utf16', message: 'looks like UTF-16 without a byte-order mark (every other byte is zero)' };
  }
  return null;
}

export function badEncoding(name: string, bytes: Buffer, offset: number): InputError {
  const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
  const hint = latin1Like(bytes) ? '; it looks like Latin-1 or Windows-1252' : '';
  return new InputError('bad-encoding', name, `is not valid UTF-8 (byte 0x${byte} at offset ${offset})${hint}: save it as UTF-8`, undefined, lineOfByte(bytes, offset));
}

/** Single high bytes between ASCII letters: the mark of a legacy 8-bit encoding. */
function latin1Like(bytes: Buffer): boolean {
  for (let i = 1; i < bytes.length - 1 && i < 65536; i++) {
    if (bytes[i]! >= 0xa0 && bytes[i - 1]! < 0x80 && bytes[i + 1]! < 0x80) return true;
  }
  return false;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}


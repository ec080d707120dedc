// Reading JSON that people write (sidecars, editors' records, reference tables) or that the pipeline
// left on disk (caches, partials): a leading BOM is dropped; nesting deeper than MAX_DEPTH and a key
// given twice in one object are refused (JSON.parse would silently keep the last); a syntax error
// names its line and column. The scan is iterative, so no input can overflow the stack.
import { InputError } from '../errors.js';

/** Deeper than any file of ours needs (sidecars nest 1 level, records 3, reference tables 4). */
export const MAX_DEPTH = 32;

export interface JsonTrouble {
  /** Index of the first character that is not JSON, or -1. */
  at: number;
  /** What is wrong there. */
  message: string;
}

/** Checks `text` as JSON (RFC 8259) without building it: the first problem, or null. */
export function scanJson(text: string): JsonTrouble | null {
  let i = 0;
  const fail = (message: string): JsonTrouble => ({ at: Math.min(i, text.length), message });
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): string | JsonTrouble => {
    if (text[i] !== '"') return fail('expected a string');
    const start = ++i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) return fail('a string is not closed');
      if (c < 0x20) return fail('a control character inside a string');
      if (c === 0x22) return text.slice(start, i++);
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return fail('a bad \\u escape');
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else return fail('a bad escape');
      } else i++;
    }
  };
  // Containers are kept on an explicit stack: a file of 10,000 "[" is a message, not a crash.
  const stack: { close: string; keys: Set<string> | null }[] = [];
  ws();
  for (;;) {
    // A value.
    const c = text[i];
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_DEPTH) return fail(`nests deeper than ${MAX_DEPTH} levels`);
      stack.push({ close: c === '{' ? '}' : ']', keys: c === '{' ? new Set() : null });
      i++;
      ws();
      if (text[i] === stack.at(-1)!.close) {
        i++;
        stack.pop();
      } else {
        const top = stack.at(-1)!;
        if (top.keys) {
          const key = string();
          if (typeof key !== 'string') return key;
          top.keys.add(key);
          ws();
          if (text[i] !== ':') return fail('expected ":"');
          i++;
        }
        ws();
        continue;
      }
    } else if (c === '"') {
      const s = string();
      if (typeof s !== 'string') return s;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m || m[0] === '-') return fail('a bad number');
      i += m[0].length;
    } else return fail(c === undefined ? 'the text ends where a value should be' : `unexpected "${c}"`);
    // After a value: a comma and the next member, or the end of containers.
    for (;;) {
      ws();
      const top = stack.at(-1);
      if (!top) {
        return i < text.length ? fail('more text after the JSON value') : null;
      }
      if (text[i] === ',') {
        i++;
        ws();
        if (top.keys) {
          const at = i;
          const key = string();
          if (typeof key !== 'string') return key;
          if (top.keys.has(key)) return { at, message: `the key "${key.slice(0, 60)}" is given twice in one object` };
          top.keys.add(key);
          ws();
          if (text[i] !== ':') return fail('expected ":"');
          i++;
        }
        ws();
        break;
      }
      if (text[i] !== top.close) return fail(`expected "," or "${top.close}"`);
      i++;
      stack.pop();
    }
  }
}

/** Line of a character index (1-based). */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

/**
 * Parses a JSON file's text, or throws an InputError naming the file, the line and column and what
 * is wrong. `code` is the problem's machine-readable code.
 */
export function parseJson(file: string, text: string, code = 'bad-json'): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trouble = scanJson(body);
  if (trouble) {
    const column = trouble.at - body.lastIndexOf('\n', trouble.at - 1);
    throw new InputError(code, file, `is not valid JSON (column ${column}): ${trouble.message}`, undefined, lineAt(body, trouble.at));
  }
  return JSON.parse(body) as unknown;
}

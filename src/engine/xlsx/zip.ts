/**
 * The zip container of an .xlsx: the central directory read by hand (a few
 * fixed offsets), each part inflated by fflate as a stream, so no part is ever
 * held whole unless asked for and a zip bomb stops at the inflate budget.
 */
import { Inflate } from 'fflate';
import { InflateBudget, LimitError } from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
}

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

/** The entries of a zip, by name (from its central directory). */
export function readZipDirectory(data: Uint8Array): Map<string, ZipEntry> {
  // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (u32(data, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a zip archive (no end-of-central-directory record; the file may be truncated)');
  const count = u16(data, eocd + 10);
  let p = u32(data, eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new ZipFormatError('a ZIP64 archive, which an .xlsx never needs');
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || u32(data, p) !== 0x02014b50) throw new ZipFormatError('a damaged zip central directory');
    const nameLen = u16(data, p + 28);
    const entry: ZipEntry = {
      method: u16(data, p + 10),
      compressedSize: u32(data, p + 20),
      size: u32(data, p + 24),
      name: names.decode(data.subarray(p + 46, p + 46 + nameLen)),
      offset: u32(data, p + 42),
    };
    entries.set(entry.name.replace(/^\//, ''), entry);
    p += 46 + nameLen + u16(data, p + 30) + u16(data, p + 32);
  }
  return entries;
}

function compressedBytes(data: Uint8Array, e: ZipEntry): Uint8Array {
  const h = e.offset;
  if (h + 30 > data.length || u32(data, h) !== 0x04034b50) throw new ZipFormatError(`a damaged zip entry (${e.name})`);
  const start = h + 30 + u16(data, h + 26) + u16(data, h + 28);
  if (start + e.compressedSize > data.length) throw new ZipFormatError(`a truncated zip entry (${e.name})`);
  return data.subarray(start, start + e.compressedSize);
}

/**
 * Inflates one entry, handing each piece to `onChunk` as it comes. Compressed
 * input goes in 4 KiB slices, so one piece is at most a few MiB however well
 * the data compresses; the budget is charged as pieces arrive.
 */
export function inflateEntry(data: Uint8Array, e: ZipEntry, budget: InflateBudget, onChunk: (chunk: Uint8Array) => void): void {
  const src = compressedBytes(data, e);
  const emit = (c: Uint8Array) => {
    budget.take(c.length, e.name);
    if (c.length) onChunk(c);
  };
  if (e.method === 0) {
    for (let i = 0; i < src.length; i += 1 << 16) emit(src.subarray(i, i + (1 << 16)));
    return;
  }
  if (e.method !== 8) throw new ZipFormatError(`${e.name} uses zip compression method ${e.method}; an .xlsx uses deflate`);
  const inflate = new Inflate((chunk) => emit(chunk));
  const step = 4096;
  try {
    for (let i = 0; i < src.length; i += step) inflate.push(src.subarray(i, i + step), i + step >= src.length);
    if (src.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof LimitError || !(err instanceof Error) || (err as { code?: unknown }).code === undefined) throw err;
    throw new ZipFormatError(`${e.name} is not valid deflate data (${err.message})`);
  }
}

/** One entry as text (UTF-8), decoded piece by piece. */
export function inflateText(data: Uint8Array, e: ZipEntry, budget: InflateBudget, onText: (text: string) => void): void {
  const decoder = new TextDecoder('utf-8');
  inflateEntry(data, e, budget, (c) => onText(decoder.decode(c, { stream: true })));
  const tail = decoder.decode();
  if (tail) onText(tail);
}

/** One whole entry as a string (only for parts the caller must hold anyway). */
export function readText(data: Uint8Array, e: ZipEntry, budget: InflateBudget): string {
  const parts: string[] = [];
  inflateText(data, e, budget, (t) => parts.push(t));
  return parts.join('');
}

/** One whole entry's bytes. */
export function readBytes(data: Uint8Array, e: ZipEntry, budget: InflateBudget): Uint8Array {
  const parts: Uint8Array[] = [];
  let n = 0;
  inflateEntry(data, e, budget, (c) => {
    parts.push(c.slice());
    n += c.length;
  });
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

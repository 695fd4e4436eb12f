/** A minimal PNG reader (8-bit RGB/RGBA, non-interlaced: what Chromium's screenshots are), for checking screenshots. */
import zlib from 'zlib';
import { contrast } from '../../taskpane/theme';

export interface Image {
  width: number;
  height: number;
  channels: number;
  data: Buffer; // unfiltered scanlines, `channels` bytes per pixel
}

export function readPng(buf: Buffer): Image {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const body = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      const colour = body[9];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || body[12] !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour ${colour}, interlace ${body[12]})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, channels, data: out };
}

/** The share of pixels that differ from the most common colour, and how many distinct colours there are. */
export function inkStats(img: Image): { ink: number; colours: number } {
  const counts = new Map<number, number>();
  for (let i = 0; i < img.data.length; i += img.channels) {
    const key = (img.data[i] << 16) | (img.data[i + 1] << 8) | img.data[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = img.width * img.height;
  const top = Math.max(...counts.values());
  return { ink: (total - top) / total, colours: counts.size };
}

/** The pixel at (x, y) as [r, g, b]. */
export function pixel(img: Image, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * img.channels;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
}

/** The most common colour of an image (a clip's background, a swatch's fill). */
export function dominant(img: Image): [number, number, number] {
  const counts = new Map<number, number>();
  for (let i = 0; i < img.data.length; i += img.channels) {
    const key = (img.data[i] << 16) | (img.data[i + 1] << 8) | img.data[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best = 0;
  let n = -1;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return [best >> 16, (best >> 8) & 0xff, best & 0xff];
}

// WCAG luminance and contrast: the pane's own (taskpane/theme.ts, checked against known ratios in
// test/pane-theme.test.ts), so a screenshot is judged by the same formula the pane decides by.
export { contrast, luminance } from '../../taskpane/theme';

/** The strongest contrast any pixel of the image has against `bg`: for text, its ink against the page. */
export function inkContrast(img: Image, bg: readonly number[]): number {
  let best = 1;
  for (let i = 0; i < img.data.length; i += img.channels) best = Math.max(best, contrast([img.data[i], img.data[i + 1], img.data[i + 2]], bg));
  return best;
}

/** How many pixels differ between two same-sized images by at least `ratio` in contrast (a focus ring: pixels that changed visibly). */
export function changedPixels(a: Image, b: Image, ratio = 3): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('images of different sizes');
  let n = 0;
  for (let i = 0; i < a.data.length; i += a.channels) {
    if (contrast([a.data[i], a.data[i + 1], a.data[i + 2]], [b.data[i], b.data[i + 1], b.data[i + 2]]) >= ratio) n++;
  }
  return n;
}

/** The part of an image inside a rectangle (CSS pixels of a screenshot at scale 1), clamped to the image. */
export function crop(img: Image, r: { x: number; y: number; width: number; height: number }): Image {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(img.width, Math.ceil(r.x + r.width));
  const y1 = Math.min(img.height, Math.ceil(r.y + r.height));
  const width = Math.max(0, x1 - x0);
  const height = Math.max(0, y1 - y0);
  const data = Buffer.alloc(width * height * img.channels);
  for (let y = 0; y < height; y++) img.data.copy(data, y * width * img.channels, ((y0 + y) * img.width + x0) * img.channels, ((y0 + y) * img.width + x1) * img.channels);
  return { width, height, channels: img.channels, data };
}

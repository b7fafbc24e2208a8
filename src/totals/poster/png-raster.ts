import { deflateSync } from 'node:zlib';
import type { PathCommand } from './poster-font';

type Rgb = [number, number, number];

interface Edge {
  y0: number;
  y1: number;
  x0: number;
  dxdy: number;
  dir: number;
}

/** Vertical samples per pixel row; horizontal coverage is computed exactly from the span ends. */
const SAMPLES = 4;
const CURVE_STEPS = 10;

/**
 * A small RGB canvas that fills paths (non-zero winding, anti-aliased) and encodes PNG, in plain
 * JavaScript: the poster's PNG needs no native image library. Enough for flat shapes and glyphs.
 */
export class RasterCanvas {
  private readonly pixels: Uint8Array;
  private readonly coverage: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3).fill(255);
    this.coverage = new Float32Array(width + 1);
  }

  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    this.fillPath(rectPath(x, y, w, h), color);
  }

  /** Fills a path given in pixels. */
  fillPath(commands: PathCommand[], color: string): void {
    const edges = toEdges(commands);
    if (edges.length === 0) return;
    const rgb = parseColor(color);
    const top = Math.max(0, Math.floor(Math.min(...edges.map((e) => e.y0))));
    const bottom = Math.min(this.height - 1, Math.ceil(Math.max(...edges.map((e) => e.y1))));
    const crossings: { x: number; dir: number }[] = [];
    for (let py = top; py <= bottom; py += 1) {
      this.coverage.fill(0);
      let touched = false;
      for (let s = 0; s < SAMPLES; s += 1) {
        const sy = py + (s + 0.5) / SAMPLES;
        crossings.length = 0;
        for (const e of edges) if (sy >= e.y0 && sy < e.y1) crossings.push({ x: e.x0 + (sy - e.y0) * e.dxdy, dir: e.dir });
        if (crossings.length < 2) continue;
        crossings.sort((a, b) => a.x - b.x);
        let winding = 0;
        let start = 0;
        for (const c of crossings) {
          const before = winding;
          winding += c.dir;
          if (before === 0 && winding !== 0) start = c.x;
          else if (before !== 0 && winding === 0) touched = this.addSpan(start, c.x) || touched;
        }
      }
      if (touched) this.blendRow(py, rgb);
    }
  }

  toPng(): Buffer {
    const stride = this.width * 3;
    const raw = Buffer.alloc((stride + 1) * this.height);
    for (let y = 0; y < this.height; y += 1) {
      raw[y * (stride + 1)] = 0; // filter: none
      raw.set(this.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }

  private addSpan(a: number, b: number): boolean {
    const left = Math.max(0, a);
    const right = Math.min(this.width, b);
    if (right <= left) return false;
    const w = 1 / SAMPLES;
    const ia = Math.floor(left);
    const ib = Math.floor(right);
    if (ia === ib) {
      this.coverage[ia] += (right - left) * w;
      return true;
    }
    this.coverage[ia] += (ia + 1 - left) * w;
    for (let k = ia + 1; k < ib; k += 1) this.coverage[k] += w;
    if (ib < this.width) this.coverage[ib] += (right - ib) * w;
    return true;
  }

  private blendRow(y: number, [r, g, b]: Rgb): void {
    const row = y * this.width * 3;
    for (let x = 0; x < this.width; x += 1) {
      const a = Math.min(1, this.coverage[x]);
      if (a <= 0) continue;
      const i = row + x * 3;
      this.pixels[i] = Math.round(this.pixels[i] * (1 - a) + r * a);
      this.pixels[i + 1] = Math.round(this.pixels[i + 1] * (1 - a) + g * a);
      this.pixels[i + 2] = Math.round(this.pixels[i + 2] * (1 - a) + b * a);
    }
  }
}

/** Flattens curves into line segments and returns the non-horizontal edges, top to bottom. */
function toEdges(commands: PathCommand[]): Edge[] {
  const edges: Edge[] = [];
  let start: [number, number] | null = null;
  let at: [number, number] = [0, 0];
  const line = (x: number, y: number) => {
    const [x0, y0] = at;
    if (y0 !== y) edges.push(y0 < y ? { y0, y1: y, x0, dxdy: (x - x0) / (y - y0), dir: 1 } : { y0: y, y1: y0, x0: x, dxdy: (x0 - x) / (y0 - y), dir: -1 });
    at = [x, y];
  };
  const close = () => {
    if (start && (at[0] !== start[0] || at[1] !== start[1])) line(start[0], start[1]);
  };
  for (const { command, args: a } of commands) {
    if (command === 'moveTo') {
      close();
      start = [a[0], a[1]];
      at = [a[0], a[1]];
    } else if (command === 'lineTo') line(a[0], a[1]);
    else if (command === 'quadraticCurveTo') {
      const [x0, y0] = at;
      for (let i = 1; i <= CURVE_STEPS; i += 1) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        line(u * u * x0 + 2 * u * t * a[0] + t * t * a[2], u * u * y0 + 2 * u * t * a[1] + t * t * a[3]);
      }
    } else if (command === 'bezierCurveTo') {
      const [x0, y0] = at;
      for (let i = 1; i <= CURVE_STEPS; i += 1) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        line(
          u * u * u * x0 + 3 * u * u * t * a[0] + 3 * u * t * t * a[2] + t * t * t * a[4],
          u * u * u * y0 + 3 * u * u * t * a[1] + 3 * u * t * t * a[3] + t * t * t * a[5],
        );
      }
    } else if (command === 'closePath') {
      close();
      if (start) at = [...start];
    }
  }
  close();
  return edges;
}

export function rectPath(x: number, y: number, w: number, h: number): PathCommand[] {
  return [
    { command: 'moveTo', args: [x, y] },
    { command: 'lineTo', args: [x + w, y] },
    { command: 'lineTo', args: [x + w, y + h] },
    { command: 'lineTo', args: [x, y + h] },
    { command: 'closePath', args: [] },
  ];
}

function parseColor(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

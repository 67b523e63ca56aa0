// Sample images for the browser tests, written as PNG with node's own zlib (no image library):
// smooth colour gradients with a few shapes, so filters visibly change them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// RGB, 8 bits; `pixel(x, y)` returns [r, g, b].
export function encodePng(width, height, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;  // bit depth
  header[9] = 2;  // colour type: RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[o++] = r;
      raw[o++] = g;
      raw[o++] = b;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function samplePng(seed, width = 320, height = 240) {
  const cx = (seed * 53) % width;
  const cy = (seed * 29) % height;
  const radius = Math.min(width, height) / 4;
  return encodePng(width, height, (x, y) => {
    const inside = (x - cx) ** 2 + (y - cy) ** 2 < radius ** 2;
    const r = (x * 255) / width;
    const g = (y * 255) / height;
    const b = (seed * 37) % 256;
    return inside ? [255 - r, 200, 255 - b] : [r, g, b].map((v) => Math.round(v) & 0xff);
  });
}

// Writes `count` PNGs named photo-000.png… into `folder`; returns their names.
export function writeSamples(folder, count, { width = 320, height = 240, prefix = 'photo', digits = 3 } = {}) {
  fs.mkdirSync(folder, { recursive: true });
  const names = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${String(i).padStart(digits, '0')}.png`;
    fs.writeFileSync(path.join(folder, name), samplePng(i + 1, width, height));
    names.push(name);
  }
  return names;
}

// A PNG cut short: its signature passes the type check, its pixels cannot be decoded.
export function writeTruncatedPng(folder, name = 'broken.png') {
  const full = samplePng(99, 320, 240);
  fs.writeFileSync(path.join(folder, name), full.subarray(0, Math.floor(full.length / 3)));
  return name;
}

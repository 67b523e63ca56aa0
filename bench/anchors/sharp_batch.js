#!/usr/bin/env node
// The sharp anchor, written as sharp's documentation recommends for a batch: sharp.cache(false)
// (every file is read once), sharp.concurrency(1) (libvips threads per image) with
// UV_THREADPOOL_SIZE = cores (images in flight), and a bounded pool of `--workers` promises.
//
//   sharp_batch.js --out DIR --quality Q --workers N --jpeg default|matched (--web | --thumbs S) IMAGE...
//
// --web: the web export chain (fit to 1600 px wide, sharpen, text watermark) into DIR/web/.
//   The sharpen is Pillow's Sharpness(2.0) as a 3x3 convolution (2·pixel − smooth, smooth =
//   (8 neighbours + 5·centre) / 13), the watermark white DejaVu Sans at 30 % opacity, centred,
//   its size a tenth of the width (rendered once per width and reused).
// --thumbs S: fit inside S×S into DIR/thumbs/.
// --jpeg default: sharp's own JPEG settings at quality Q (4:2:0, optimised Huffman tables).
// --jpeg matched: lote's encoder settings (4:2:0 below Q 90, 4:4:4 from 90, no Huffman
//   optimisation, no mozjpeg trellis or progressive scans).
'use strict';

const os = require('os');
const path = require('path');

function parseArgs(argv) {
  const args = { workers: os.cpus().length, jpeg: 'default', images: [] };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--out') args.out = argv[++i];
    else if (a === '--quality') args.quality = Number(argv[++i]);
    else if (a === '--workers') args.workers = Number(argv[++i]);
    else if (a === '--jpeg') args.jpeg = argv[++i];
    else if (a === '--web') args.kind = 'web';
    else if (a === '--thumbs') { args.kind = 'thumbs'; args.size = Number(argv[++i]); }
    else args.images.push(a);
  }
  if (!args.out || !args.quality || !args.kind || args.images.length === 0) {
    console.error('usage: sharp_batch.js --out DIR --quality Q --workers N --jpeg default|matched ' +
                  '(--web | --thumbs S) IMAGE...');
    process.exit(2);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
// Read by libuv when its pool first starts, so set before sharp does any work.
process.env.UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE || String(args.workers);
const sharp = require(path.join(__dirname, '..', 'node', 'node_modules', 'sharp'));
sharp.cache(false);
sharp.concurrency(1);

const FONT = 'DejaVu Sans';
const SHARPNESS_2 = { width: 3, height: 3, scale: 13, kernel: [-1, -1, -1, -1, 21, -1, -1, -1, -1] };

function jpegOptions(quality, settings) {
  if (settings === 'matched') {
    return { quality, chromaSubsampling: quality >= 90 ? '4:4:4' : '4:2:0', optimiseCoding: false,
             mozjpeg: false, trellisQuantisation: false, overshootDeringing: false,
             optimiseScans: false, progressive: false };
  }
  return { quality };
}

function outputPath(out, name, image) {
  const ext = path.extname(image);
  const stem = path.basename(image, ext);
  return path.join(out, name, `${stem}_${name}${ext}`);
}

const marks = new Map();  // width -> rendered watermark
function watermarkFor(width) {
  if (!marks.has(width)) {
    const px = Math.max(8, Math.floor(width / 10));
    const markup = `<span foreground="#ffffff" alpha="30%">PROCESADO</span>`;
    marks.set(width, sharp({ text: { text: markup, font: `${FONT} ${px}`, dpi: 72, rgba: true } })
      .png().toBuffer());
  }
  return marks.get(width);
}

async function webOutput(image, out, quality, settings) {
  const meta = await sharp(image).metadata();
  const rotated = (meta.orientation || 1) >= 5;
  const width = Math.min(1600, rotated ? meta.height : meta.width);
  const mark = await watermarkFor(width);
  await sharp(image).rotate().resize({ width: 1600, withoutEnlargement: true })
    .convolve(SHARPNESS_2)
    .composite([{ input: mark, gravity: 'centre' }])
    .jpeg(jpegOptions(quality, settings))
    .toFile(outputPath(out, 'web', image));
}

async function thumbOutput(image, out, size, quality, settings) {
  await sharp(image).rotate().resize(size, size, { fit: 'inside', withoutEnlargement: true })
    .jpeg(jpegOptions(quality, settings))
    .toFile(outputPath(out, 'thumbs', image));
}

async function main() {
  const fs = require('fs');
  const name = args.kind === 'web' ? 'web' : 'thumbs';
  fs.mkdirSync(path.join(args.out, name), { recursive: true });
  const queue = args.images.slice();
  const errors = [];
  async function worker() {
    for (let image = queue.shift(); image !== undefined; image = queue.shift()) {
      try {
        if (args.kind === 'web') await webOutput(image, args.out, args.quality, args.jpeg);
        else await thumbOutput(image, args.out, args.size, args.quality, args.jpeg);
      } catch (e) {
        errors.push(`${image}: ${e.message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: args.workers }, worker));
  for (const e of errors) console.error(`sharp_batch: ${e}`);
  process.exit(errors.length ? 1 : 0);
}

main();

#!/usr/bin/python3
"""The Pillow anchor: the batch written the way a competent Pillow user would write it.

Each image is decoded once (EXIF orientation applied) and every wanted output is made from it with
Pillow's own vectorised operations; a multiprocessing Pool spreads the images over the cores.

  pillow_batch.py --out DIR --quality Q [--workers N] (--seed-filters | --web) IMAGE...

--seed-filters writes the twelve seed filters with default parameters to DIR/<filter>/;
--web writes the W2 chain (fit to 1600 px wide, sharpen, watermark) to DIR/web/;
--thumbs S writes thumbnails that fit inside S x S (Image.thumbnail, upright) to DIR/thumbs/.
"""
import argparse
import multiprocessing
import os
import sys

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SEPIA = (0.393, 0.769, 0.189, 0, 0.349, 0.686, 0.168, 0, 0.272, 0.534, 0.131, 0)
ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


def watermark(im, text="PROCESADO", opacity=0.3):
    """White text at `opacity`, centred, its size proportional to the image."""
    overlay = Image.new("RGBA", im.size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(overlay)
    font = ImageFont.truetype(FONT, max(8, im.width // 10))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = (im.width - (right - left)) // 2 - left
    y = (im.height - (bottom - top)) // 2 - top
    draw.text((x, y), text, font=font, fill=(255, 255, 255, round(255 * opacity)))
    return Image.alpha_composite(im.convert("RGBA"), overlay).convert("RGB")


SEED_FILTERS = {
    "invertir": ImageOps.invert,
    "grises": lambda im: im.convert("L"),
    "blur": lambda im: im.filter(ImageFilter.GaussianBlur(5)),
    "nitidez": lambda im: ImageEnhance.Sharpness(im).enhance(2.0),
    "brillo": lambda im: ImageEnhance.Brightness(im).enhance(1.5),
    "contraste": lambda im: ImageEnhance.Contrast(im).enhance(1.5),
    "sepia": lambda im: im.convert("RGB", SEPIA),
    "bordes": lambda im: im.filter(ImageFilter.FIND_EDGES),
    "relieve": lambda im: im.filter(ImageFilter.EMBOSS),
    "posterizar": lambda im: ImageOps.posterize(im, 4),
    "redimensionar": lambda im: im.resize((im.width // 2, im.height // 2), Image.LANCZOS),
    "marca_agua": watermark,
}


def output_path(out, name, path):
    stem, ext = os.path.splitext(os.path.basename(path))
    return os.path.join(out, name, f"{stem}_{name}{ext}")


def seed_outputs(path, out, quality):
    with Image.open(path) as opened:
        im = ImageOps.exif_transpose(opened).convert("RGB")
    for name, apply in SEED_FILTERS.items():
        apply(im).save(output_path(out, name, path), quality=quality)


def web_output(path, out, quality):
    with Image.open(path) as im:
        # thumbnail() lets the JPEG decoder shrink while decoding; the box is in stored
        # orientation, so swap it for images the EXIF tag rotates.
        rotated = im.getexif().get(0x0112, 1) in ROTATED
        im.thumbnail((10**6, 1600) if rotated else (1600, 10**6), Image.LANCZOS)
        im = ImageOps.exif_transpose(im).convert("RGB")
    im = ImageEnhance.Sharpness(im).enhance(2.0)
    watermark(im).save(output_path(out, "web", path), quality=quality)


def thumb_output(path, out, quality, size):
    with Image.open(path) as im:
        # The box is square, so it fits the stored orientation as well as the upright one.
        im.thumbnail((size, size), Image.LANCZOS)
        im = ImageOps.exif_transpose(im).convert("RGB")
    im.save(output_path(out, "thumbs", path), quality=quality)


def work(job):
    kind, path, out, quality, size = job
    try:
        if kind == "seed":
            seed_outputs(path, out, quality)
        elif kind == "web":
            web_output(path, out, quality)
        else:
            thumb_output(path, out, quality, size)
        return None
    except Exception as e:  # one bad image must not stop the batch
        return f"{path}: {e}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--quality", type=int, default=75)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--seed-filters", action="store_true")
    kind.add_argument("--web", action="store_true")
    kind.add_argument("--thumbs", type=int, metavar="S")
    parser.add_argument("images", nargs="+")
    args = parser.parse_args()

    kind = "seed" if args.seed_filters else ("web" if args.web else "thumbs")
    names = {"seed": list(SEED_FILTERS), "web": ["web"], "thumbs": ["thumbs"]}[kind]
    for name in names:
        os.makedirs(os.path.join(args.out, name), exist_ok=True)
    jobs = [(kind, path, args.out, args.quality, args.thumbs) for path in args.images]
    with multiprocessing.Pool(args.workers) as pool:
        errors = [e for e in pool.imap_unordered(work, jobs) if e]
    for e in errors:
        print(f"pillow_batch: {e}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

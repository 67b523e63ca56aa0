"""The benchmark's inputs: the sample photos, their 24 MP enlargements and their 4x copies.

Prepared once and cached under bench/data/ (git-ignored); a stamp file records how, so a change
here rebuilds the cache instead of silently reusing stale data.
"""
import math
import os
import shutil
import subprocess

SEED_FILTERS = [
    "invertir", "grises", "blur", "nitidez", "brillo", "contraste",
    "sepia", "bordes", "relieve", "posterizar", "redimensionar", "marca_agua",
]
WEB_CHAIN = "ajustar:ancho=1600 | nitidez | marca_agua"
# W2 with a logo in the corner instead of the text watermark.
LOGO_CHAIN = "ajustar:ancho=1600 | nitidez | logo:archivo='{logo}',tamano=12"
LOGO_SIZE = (480, 160)
LARGE_PIXELS = 24_000_000
COPIES = 4
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff")


def list_images(folder):
    return sorted(
        os.path.join(folder, name) for name in os.listdir(folder)
        if name.lower().endswith(IMAGE_EXTENSIONS))


def image_size(path):
    """Stored width and height (before any EXIF rotation), from the header only."""
    out = subprocess.run(["vipsheader", "-f", "width", path], capture_output=True, text=True,
                         check=True).stdout
    height = subprocess.run(["vipsheader", "-f", "height", path], capture_output=True, text=True,
                            check=True).stdout
    return int(out), int(height)


def pixels(path):
    w, h = image_size(path)
    return w * h


def _stamp_ok(folder, stamp):
    try:
        with open(os.path.join(folder, ".stamp")) as f:
            return f.read() == stamp
    except OSError:
        return False


def _write_stamp(folder, stamp):
    with open(os.path.join(folder, ".stamp"), "w") as f:
        f.write(stamp)


def _fresh(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)


def make_large(photos, folder):
    """24 MP versions of each photo, enlarged once with `vips resize` (Lanczos), JPEG Q 90."""
    stamp = f"large v1 {LARGE_PIXELS} {len(photos)}"
    if _stamp_ok(folder, stamp):
        return list_images(folder)
    _fresh(folder)
    for path in photos:
        w, h = image_size(path)
        scale = math.sqrt(LARGE_PIXELS / (w * h))
        dest = os.path.join(folder, os.path.basename(path))
        subprocess.run(["vips", "resize", path, f"{dest}[Q=90]", f"{scale:.6f}"], check=True)
    _write_stamp(folder, stamp)
    return list_images(folder)


def make_copies(photos, folder):
    """COPIES copies of each photo under other names: the same work, COPIES times over."""
    stamp = f"copies v1 {COPIES} {len(photos)}"
    if _stamp_ok(folder, stamp):
        return list_images(folder)
    _fresh(folder)
    for path in photos:
        stem, ext = os.path.splitext(os.path.basename(path))
        for i in range(1, COPIES + 1):
            shutil.copyfile(path, os.path.join(folder, f"{stem}_copia{i}{ext}"))
    _write_stamp(folder, stamp)
    return list_images(folder)


def link_subset(photos, folder):
    """A folder holding copies of exactly `photos`, for tools that take a folder."""
    stamp = "subset v1 " + " ".join(photos)
    if _stamp_ok(folder, stamp):
        return list_images(folder)
    _fresh(folder)
    for path in photos:
        shutil.copyfile(path, os.path.join(folder, os.path.basename(path)))
    _write_stamp(folder, stamp)
    return list_images(folder)


def make_logo(folder):
    """A 480x160 PNG logo with soft-edged transparency (bold text as its alpha), made with the
    vips CLI; returns its path."""
    stamp = f"logo v1 {LOGO_SIZE}"
    path = os.path.join(folder, "logo.png")
    if _stamp_ok(folder, stamp) and os.path.exists(path):
        return path
    _fresh(folder)
    w, h = LOGO_SIZE

    def vips(*argv):
        subprocess.run(["vips", *argv], check=True, cwd=folder)

    vips("black", "base.v", str(w), str(h), "--bands", "3")
    vips("linear", "base.v", "colour.v", "0 0 0", "230 60 30", "--uchar")
    vips("text", "text.v", "<b>ACME</b>", "--width", str(w - 20), "--height", str(h - 20))
    vips("gravity", "text.v", "alpha.v", "centre", str(w), str(h))
    vips("bandjoin", "colour.v alpha.v", "joined.v")
    vips("copy", "joined.v", "logo.png", "--interpretation", "srgb")
    for name in ("base.v", "colour.v", "text.v", "alpha.v", "joined.v"):
        os.remove(os.path.join(folder, name))
    _write_stamp(folder, stamp)
    return path

#!/usr/bin/python3
"""Applies the seed program's Pillow operations to one image, one PNG per filter.

Usage: pillow_reference.py INPUT.png OUTDIR NAME=OPERATION...
where OPERATION is "filter" or "filter:param=value" (one parameter at most), e.g.
"blur:radio=2.5". A NAME starting with "L_" applies the operation to the greyscale ("L")
version of the input. Used by the C++ tests as an oracle; it mirrors seed/filtros.py.
"""
import sys

from PIL import Image, ImageEnhance, ImageFilter, ImageOps


def invertir(img):
    px = img.load()
    for x in range(img.width):
        for y in range(img.height):
            p = img.getpixel((x, y))
            px[x, y] = (255 - p[0], 255 - p[1], 255 - p[2])
    return img


def sepia(img):
    px = img.load()
    for x in range(img.width):
        for y in range(img.height):
            r, g, b = img.getpixel((x, y))[:3]
            tr = int(0.393 * r + 0.769 * g + 0.189 * b)
            tg = int(0.349 * r + 0.686 * g + 0.168 * b)
            tb = int(0.272 * r + 0.534 * g + 0.131 * b)
            px[x, y] = (min(255, tr), min(255, tg), min(255, tb))
    return img


def redimensionar(img, porcentaje=50):
    w = int(img.width * porcentaje / 100)
    h = int(img.height * porcentaje / 100)
    return img.resize((w, h), Image.LANCZOS)


OPERATIONS = {
    "invertir": invertir,
    "grises": lambda img: img.convert("L"),
    "blur": lambda img, radio=5: img.filter(ImageFilter.GaussianBlur(radius=radio)),
    "nitidez": lambda img, factor=2.0: ImageEnhance.Sharpness(img).enhance(factor),
    "brillo": lambda img, factor=1.5: ImageEnhance.Brightness(img).enhance(factor),
    "contraste": lambda img, factor=1.5: ImageEnhance.Contrast(img).enhance(factor),
    "sepia": sepia,
    "bordes": lambda img: img.filter(ImageFilter.FIND_EDGES),
    "relieve": lambda img: img.filter(ImageFilter.EMBOSS),
    "posterizar": lambda img, bits=4: ImageOps.posterize(img, bits),
    "redimensionar": redimensionar,
}


def apply(img, operation):
    name, _, param = operation.partition(":")
    kwargs = {}
    if param:
        key, _, value = param.partition("=")
        kwargs[key] = int(value) if key == "bits" else float(value)
    return OPERATIONS[name](img.copy(), **kwargs)


def main():
    source = Image.open(sys.argv[1]).convert("RGB")
    grey = source.convert("L")
    outdir = sys.argv[2]
    for item in sys.argv[3:]:
        out_name, _, operation = item.partition("=")
        image = grey if out_name.startswith("L_") else source
        apply(image, operation).save(f"{outdir}/{out_name}.png")


if __name__ == "__main__":
    main()

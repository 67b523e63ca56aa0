#pragma once
// libvips loads every module of its module folder when it starts (PDF, OpenSlide, JPEG XL,
// ImageMagick, HEIF). lote reads and writes only HEIF/AVIF of those, and ImageMagick is blocked
// as untrusted anyway; each loaded module costs every process its libraries' relocations
// (about 10 MB of private memory per process, measured on the web-export batch). The build
// makes a folder holding just the HEIF module; pointing libvips' VIPSHOME at it loads only that.

namespace lote {

// Before VIPS_INIT: uses `home` as VIPSHOME when the user has not set one and the folder exists
// (a moved binary without it still works, with every module).
void use_only_needed_vips_modules(const char* home);

}  // namespace lote

#pragma once
// Process-wide libvips settings the pipeline relies on. Call after VIPS_INIT, before any image is
// opened (main and the test environment do); calling it again does nothing.

namespace lote {

void init_image_io();

}  // namespace lote

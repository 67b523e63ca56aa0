#pragma once
// When the executor (not the image) fails (a crashed or hung worker, a worker that cannot start),
// the image still gets its one result: every wanted output failed with the same reason.

#include <string>

#include "pipeline/process_image.hpp"

namespace lote {

ImageResult failed_result(const ImageTask& task, const std::string& reason, double seconds = 0);
// "x.jpg" for "/photos/x.jpg": short enough for a message about the image.
std::string display_name(const ImageTask& task);

}  // namespace lote

#pragma once
// The JSON form of progress events and batch summaries (English names), shared by `lote run
// --json` and anyone else who wants machine-readable batch results.

#include <nlohmann/json.hpp>

#include "batch/events.hpp"

namespace lote {

// {"event": "started"|"image_started"|"image"|"finished", ...the event's fields}. The image's
// relative path is put as util/json_paths.hpp says ("image", and "image_bytes" for a name that
// is not UTF-8); messages are display text.
nlohmann::json to_json(const ProgressEvent& event);
// {"images", "processed", "skipped", "failed_images", "ignored_files", "cancelled",
//  "wall_seconds", "executor", "workers", "filters": [...], "failures": [...]}
nlohmann::json to_json(const BatchSummary& summary);
const char* event_kind_name(EventKind kind);
// The protocol's id of a state, also what `lote run --json` prints: "procesando", "completado",
// "error", "cancelado" ("" for none).
const char* image_state_id(ImageState state);

}  // namespace lote

#pragma once
// One image through one chain at preview size: decoded with shrink-on-load to a little more
// than the preview, fitted so its long side is `size` pixels, the chain applied, JPEG encoded.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "filters/chain.hpp"
#include "util/result.hpp"

namespace lote {

inline constexpr int kDefaultPreviewSize = 512;
inline constexpr int kMaxPreviewSize = 2048;
// The most pixels any step of a previewed chain may make: four times the largest preview.
inline constexpr std::uint64_t kMaxPreviewPixels = 4ull * kMaxPreviewSize * kMaxPreviewSize;

// The chain a preview request asks for: {"chain": {...}} or the first of {"filters": [...]}
// with {"parameters": {filter: {...}}}, every value checked by the registry.
Result<Chain> preview_chain(const nlohmann::json& request);

Result<std::string> render_preview_jpeg(const std::string& path, const Chain& chain, int size);

}  // namespace lote

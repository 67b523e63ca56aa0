#pragma once
// Synthetic test pictures (`lote samples`, and the server's demo folder): gradients, geometric
// shapes and patterns, the kinds the seed's generator made, written as JPEG. The same seed gives
// the same pictures (byte for byte with the same libvips build).
#include <cstdint>
#include <string>

#include "util/result.hpp"

namespace lote {

inline constexpr int kMaxSampleCount = 10000;
inline constexpr int kMaxSampleSide = 10000;

// Refuses counts and sizes outside 1..kMaxSampleCount and 1..kMaxSampleSide.
Status check_sample_request(int count, int width, int height);

// Writes sample_001_<kind>.jpg ... into folder (created if missing), each atomically.
Status generate_samples(const std::string& folder, int count, int width, int height,
                        std::uint64_t seed);

}  // namespace lote

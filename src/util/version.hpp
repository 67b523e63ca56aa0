#pragma once
// lote's version: CMake's project(VERSION) reaches the code as LOTE_VERSION, so `lote --version`,
// /healthz and the package always agree.

#ifndef LOTE_VERSION
#error "LOTE_VERSION is set by the build (CMakeLists.txt)"
#endif

namespace lote {

inline constexpr const char* kVersion = LOTE_VERSION;

}  // namespace lote

#pragma once
// One fuzz target per file: tests/fuzz/<name>_fuzz.cpp says
//
//     LOTE_FUZZ_TARGET(name) {   // data, size: the input
//         ... feed the bytes to the parser; return 0 ...
//     }
//
// and its seed inputs live in tests/fuzz/corpus/<name>/, the inputs that once crashed it in
// tests/fuzz/regressions/<name>/. Built with LOTE_FUZZ (clang, scripts/fuzz.sh) each file becomes
// a libFuzzer program, fuzz_<name>; in the normal build every target is compiled into one
// GoogleTest program that runs it on its corpus and its regressions (tests/fuzz/README.md).
//
// A target must never crash, hang or leak on any input: parsers answer with values (Result,
// Status), and a target only checks that what they answer is consistent.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace lote::fuzz {

using TargetFunction = int (*)(const std::uint8_t* data, std::size_t size);

std::map<std::string, TargetFunction>& targets();

struct Registration {
    Registration(const char* name, TargetFunction function) { targets()[name] = function; }
};

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Starts libvips once (for targets that make images), as lote itself does.
void start_libvips();

}  // namespace lote::fuzz

#ifdef LOTE_FUZZER
#define LOTE_FUZZ_ENTRY(name)                                                           \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
        return lote_fuzz_##name(data, size);                                            \
    }
#else
#define LOTE_FUZZ_ENTRY(name) \
    static const ::lote::fuzz::Registration lote_fuzz_registration_##name(#name, lote_fuzz_##name);
#endif

#define LOTE_FUZZ_TARGET(name)                                               \
    static int lote_fuzz_##name(const std::uint8_t* data, std::size_t size); \
    LOTE_FUZZ_ENTRY(name)                                                    \
    static int lote_fuzz_##name([[maybe_unused]] const std::uint8_t* data,   \
                                [[maybe_unused]] std::size_t size)

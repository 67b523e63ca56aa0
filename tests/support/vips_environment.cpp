// Every test binary starts libvips once, before any test runs.
#include <gtest/gtest.h>

#include <vips/vips8>

namespace {

class VipsEnvironment : public ::testing::Environment {
  public:
    void SetUp() override {
        if (VIPS_INIT("lote-tests") != 0) {
            FAIL() << "libvips failed to start";
        }
    }
};

const auto* const registered = ::testing::AddGlobalTestEnvironment(new VipsEnvironment);

}  // namespace

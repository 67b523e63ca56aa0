// `procesar` with `aceptar_danadas`: damaged images keep what decodes only when the client asks,
// and the choice is stored with the job (a resumed or re-run job makes the same choice).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "server/protocol/procesar_request.hpp"

namespace lote::server {
namespace {

namespace fs = std::filesystem;

class ProcesarDamaged : public ::testing::Test {
  protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("lote-procesar-" + std::to_string(::getpid()));
        fs::create_directories(root_ / "in");
        fs::create_directories(root_ / "out");
        std::ofstream(root_ / "in" / "a.jpg") << "\xFF\xD8\xFF\xE0 enough to be listed";
    }
    void TearDown() override { fs::remove_all(root_); }
    Roots roots() const { return {root_ / "in", root_ / "out"}; }
    fs::path root_;
};

TEST_F(ProcesarDamaged, OffByDefaultAndNotStored) {
    auto request = parse_procesar({{"tipo", "procesar"}, {"filtros", {"grises"}}}, roots(), 2);
    ASSERT_TRUE(request.ok()) << request.message();
    EXPECT_FALSE(request->spec.load.accept_damaged);
    EXPECT_FALSE(request->settings.contains("aceptar_danadas"));
}

TEST_F(ProcesarDamaged, AskedForItReachesTheJobAndItsStoredSettings) {
    auto request = parse_procesar(
        {{"tipo", "procesar"}, {"filtros", {"grises"}}, {"aceptar_danadas", true}}, roots(), 2);
    ASSERT_TRUE(request.ok()) << request.message();
    EXPECT_TRUE(request->spec.load.accept_damaged);
    auto again = parse_procesar(request->settings, roots(), 2);
    ASSERT_TRUE(again.ok()) << again.message();
    EXPECT_TRUE(again->spec.load.accept_damaged);
}

TEST_F(ProcesarDamaged, ANonBooleanIsRefusedByName) {
    auto request = parse_procesar(
        {{"tipo", "procesar"}, {"filtros", {"grises"}}, {"aceptar_danadas", "yes"}}, roots(), 2);
    ASSERT_FALSE(request.ok());
    EXPECT_NE(request.message().find("aceptar_danadas"), std::string::npos) << request.message();
}

}  // namespace
}  // namespace lote::server

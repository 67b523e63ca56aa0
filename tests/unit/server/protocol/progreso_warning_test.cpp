// A `progreso` line for an image kept from damaged data carries its warning as `aviso`; a clean
// image's line has no such field (the seed's clients see the message they always saw).
#include <gtest/gtest.h>

#include "server/protocol/messages.hpp"

namespace lote::server {
namespace {

ProgressEvent done_event(const std::string& warning) {
    ProgressEvent e;
    e.kind = EventKind::ImageDone;
    e.image = "roll/cut.jpg";
    e.state = ImageState::done;
    e.processed = 1;
    e.total = 2;
    e.warning = warning;
    return e;
}

TEST(ProgresoWarning, ADamagedImageKeptCarriesItsWarning) {
    const auto message =
        progreso_message("job-1", done_event("damaged data kept: premature end of JPEG file"));
    ASSERT_TRUE(message["datos"].contains("aviso"));
    EXPECT_EQ(message["datos"]["aviso"], "damaged data kept: premature end of JPEG file");
    EXPECT_EQ(message["datos"]["estado"], "completado");
}

TEST(ProgresoWarning, ACleanImageHasNoWarningField) {
    const auto message = progreso_message("job-1", done_event(""));
    EXPECT_FALSE(message["datos"].contains("aviso"));
    EXPECT_EQ(message["datos"]["imagen"], "roll/cut.jpg");
}

}  // namespace
}  // namespace lote::server

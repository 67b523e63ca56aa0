#pragma once
#include <string>

namespace lote {

// Every user-facing name exists in the two languages the UI speaks.
struct Label {
    std::string es;
    std::string en;
};

}  // namespace lote

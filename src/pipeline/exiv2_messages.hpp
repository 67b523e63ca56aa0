#pragma once
// Exiv2 reports trouble in two ways: exceptions, and messages through one process-wide log
// handler. lote collects the messages of the current thread while it reads one image's metadata,
// so a malformed block is recognised and named on that image, and nothing reaches stderr.

#include <string>
#include <vector>

namespace lote {

// Starts Exiv2's XMP toolkit once (with a lock, so threads may parse XMP at once) and installs
// the log handler. Safe to call from any thread, any number of times.
void init_exiv2();

// While alive, Exiv2's warnings and errors on this thread are kept here instead of printed.
class Exiv2Messages {
  public:
    Exiv2Messages();
    ~Exiv2Messages();
    Exiv2Messages(const Exiv2Messages&) = delete;
    Exiv2Messages& operator=(const Exiv2Messages&) = delete;

    bool any_error() const { return !errors_.empty(); }
    const std::vector<std::string>& errors() const { return errors_; }
    void clear() { errors_.clear(); }

    // Called by the handler.
    void add_error(std::string message) { errors_.push_back(std::move(message)); }

  private:
    Exiv2Messages* previous_;
    std::vector<std::string> errors_;
};

}  // namespace lote

// The upload route's multipart/form-data parser, fed in pieces of every size as a socket would.
#include "fuzz/fuzz_target.hpp"
#include "server/api/multipart.hpp"

namespace {

class CountingSink : public lote::server::PartSink {
  public:
    lote::Status begin_part(const lote::server::PartHeader&) override {
        if (open_) __builtin_trap();  // a part begun inside another
        open_ = true;
        return {};
    }
    lote::Status part_data(std::string_view bytes) override {
        if (!open_) __builtin_trap();
        bytes_ += bytes.size();
        return {};
    }
    lote::Status end_part() override {
        if (!open_) __builtin_trap();
        open_ = false;
        return {};
    }
    std::size_t bytes() const { return bytes_; }

  private:
    bool open_ = false;
    std::size_t bytes_ = 0;
};

}  // namespace

LOTE_FUZZ_TARGET(multipart) {
    std::string_view input = lote::fuzz::as_text(data, size);
    // The first line is the content type, the rest the body; the first byte also picks the size
    // of the pieces the body arrives in.
    auto line_end = input.find('\n');
    if (line_end == std::string_view::npos || input.empty()) {
        return 0;
    }
    auto boundary = lote::server::multipart_boundary(input.substr(0, line_end));
    (void)lote::server::parse_part_headers(input.substr(line_end + 1));
    if (!boundary) {
        return 0;
    }
    std::string_view body = input.substr(line_end + 1);
    const std::size_t piece = 1 + static_cast<unsigned char>(input[0]) % 64;
    lote::server::MultipartParser parser(*boundary);
    CountingSink sink;
    for (std::size_t at = 0; at < body.size(); at += piece) {
        if (!parser.feed(body.substr(at, piece), sink)) {
            return 0;
        }
    }
    (void)parser.finish();
    if (sink.bytes() > body.size()) __builtin_trap();
    return 0;
}

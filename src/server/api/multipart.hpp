#pragma once
// An incremental multipart/form-data parser (RFC 7578): the body is fed in pieces of any size, as
// they arrive from the socket, and each part's bytes are handed on as soon as they are known not
// to be the start of a boundary. Nothing but one part's headers and a boundary's length of bytes
// is ever held, so an upload of any size goes to disk without being whole in memory.

#include <cstddef>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote::server {

struct PartHeader {
    std::string name;          // the form field's name
    std::string filename;      // as the client sent it (not yet sanitised); empty for plain fields
    std::string content_type;  // as the client claimed it
    bool has_filename = false;
};

// What the parser calls back with; a failed Status stops the parse with that message.
class PartSink {
  public:
    virtual ~PartSink() = default;
    virtual Status begin_part(const PartHeader& header) = 0;
    virtual Status part_data(std::string_view bytes) = 0;
    virtual Status end_part() = 0;
};

// The boundary of a "multipart/form-data; boundary=..." content type (quoted or not).
Result<std::string> multipart_boundary(std::string_view content_type);

class MultipartParser {
  public:
    static constexpr std::size_t kMaxPartHeaderBytes = 16 * 1024;

    explicit MultipartParser(std::string boundary);

    // Feeds the next piece of the body; fails on malformed input or when the sink refuses.
    Status feed(std::string_view bytes, PartSink& sink);
    // Called after the last piece: fails unless the closing boundary was seen.
    Status finish() const;
    bool done() const { return state_ == State::Epilogue; }

  private:
    enum class State { Preamble, AfterBoundary, Headers, Body, Epilogue, Failed };

    Status step(PartSink& sink, bool& progressed);
    Status skip_preamble(bool& progressed);
    Status after_boundary(bool& progressed);
    Status read_headers(PartSink& sink, bool& progressed);
    Status read_body(PartSink& sink, bool& progressed);

    std::string delimiter_;  // "\r\n--" + boundary
    std::string pending_;    // bytes received but not yet consumed
    State state_ = State::Preamble;
    bool in_part_ = false;
};

// Parses one part's header block (the lines before the empty line).
Result<PartHeader> parse_part_headers(std::string_view block);

}  // namespace lote::server

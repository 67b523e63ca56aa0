#include "server/api/multipart.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "server/net/http_util.hpp"

namespace lote::server {

namespace {

constexpr std::size_t kMaxBoundary = 70;  // RFC 2046

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// `key=value` or `key="quoted \" value"` parameters after the first ';' of a header value.
struct HeaderParam {
    std::string key;
    std::string value;
};

// Reads one (possibly quoted) value starting at `i`; moves `i` past it.
Result<std::string> read_param_value(std::string_view text, std::size_t& i) {
    std::string value;
    if (i < text.size() && text[i] == '"') {
        for (++i; i < text.size(); ++i) {
            if (text[i] == '\\' && i + 1 < text.size()) {
                value += text[++i];
            } else if (text[i] == '"') {
                ++i;
                return value;
            } else {
                value += text[i];
            }
        }
        return fail("unterminated quoted value in a part header");
    }
    while (i < text.size() && text[i] != ';') value += text[i++];
    return std::string(trim(value));
}

Result<std::vector<HeaderParam>> header_params(std::string_view text) {
    std::vector<HeaderParam> params;
    std::size_t i = text.find(';');
    while (i != std::string_view::npos && i < text.size()) {
        ++i;  // past ';'
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        auto eq = text.find('=', i);
        if (eq == std::string_view::npos) break;
        std::string key = lower(trim(text.substr(i, eq - i)));
        i = eq + 1;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        auto value = read_param_value(text, i);
        if (!value) return value.error();
        params.push_back({key, *value});
        i = text.find(';', i);
    }
    return params;
}

// RFC 5987 `filename*=UTF-8''na%C3%AFve.jpg`; nullopt when it is not UTF-8 in that form.
std::optional<std::string> extended_value(const std::string& value) {
    auto quote = value.find("''");
    if (quote == std::string::npos || lower(value.substr(0, quote)) != "utf-8") return std::nullopt;
    return percent_decode(value.substr(quote + 2), false);
}

Status apply_disposition(std::string_view value, PartHeader& header) {
    auto kind = lower(trim(value.substr(0, value.find(';'))));
    if (kind != "form-data")
        return fail("a part is not form-data (Content-Disposition: " + kind + ")");
    auto params = header_params(value);
    if (!params) return params.error();
    std::optional<std::string> extended;
    for (const auto& p : *params) {
        if (p.key == "name") header.name = p.value;
        if (p.key == "filename") {
            header.filename = p.value;
            header.has_filename = true;
        }
        if (p.key == "filename*") extended = extended_value(p.value);
    }
    if (extended) {
        header.filename = *extended;
        header.has_filename = true;
    }
    return {};
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
    auto type = lower(trim(content_type.substr(0, content_type.find(';'))));
    if (type != "multipart/form-data")
        return fail("expected multipart/form-data, got '" + type + "'");
    auto params = header_params(content_type);
    if (!params) return params.error();
    for (const auto& p : *params) {
        if (p.key != "boundary") continue;
        if (p.value.empty() || p.value.size() > kMaxBoundary) {
            return fail("the multipart boundary must have 1 to 70 characters");
        }
        return p.value;
    }
    return fail("multipart/form-data without a boundary");
}

Result<PartHeader> parse_part_headers(std::string_view block) {
    PartHeader header;
    bool disposition = false;
    while (!block.empty()) {
        auto end = block.find("\r\n");
        std::string_view line = block.substr(0, end);
        block = end == std::string_view::npos ? std::string_view{} : block.substr(end + 2);
        if (line.empty()) continue;
        auto colon = line.find(':');
        if (colon == std::string_view::npos) return fail("malformed part header line");
        auto name = lower(trim(line.substr(0, colon)));
        auto value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
            if (auto s = apply_disposition(value, header); !s) return fail(s.message());
            disposition = true;
        } else if (name == "content-type") {
            header.content_type = std::string(value);
        }
    }
    if (!disposition) return fail("a part has no Content-Disposition header");
    return header;
}

MultipartParser::MultipartParser(std::string boundary)
    : delimiter_("\r\n--" + boundary), pending_("\r\n") {}

Status MultipartParser::feed(std::string_view bytes, PartSink& sink) {
    if (state_ == State::Failed) return fail("the multipart body is malformed");
    if (state_ == State::Epilogue) return {};
    pending_.append(bytes);
    bool progressed = true;
    while (progressed && state_ != State::Epilogue) {
        progressed = false;
        if (auto s = step(sink, progressed); !s) {
            state_ = State::Failed;
            return s;
        }
    }
    if (state_ == State::Epilogue) pending_.clear();
    return {};
}

Status MultipartParser::finish() const {
    if (state_ == State::Epilogue) return {};
    return fail("the multipart body ended before its closing boundary");
}

Status MultipartParser::step(PartSink& sink, bool& progressed) {
    switch (state_) {
        case State::Preamble:
            return skip_preamble(progressed);
        case State::AfterBoundary:
            return after_boundary(progressed);
        case State::Headers:
            return read_headers(sink, progressed);
        case State::Body:
            return read_body(sink, progressed);
        default:
            return {};
    }
}

Status MultipartParser::skip_preamble(bool& progressed) {
    auto at = pending_.find(delimiter_);
    if (at == std::string::npos) {
        // Keep only what could be the start of the first boundary.
        if (pending_.size() >= delimiter_.size())
            pending_.erase(0, pending_.size() - delimiter_.size() + 1);
        return {};
    }
    pending_.erase(0, at + delimiter_.size());
    state_ = State::AfterBoundary;
    progressed = true;
    return {};
}

Status MultipartParser::after_boundary(bool& progressed) {
    // Transport padding (spaces, tabs) may follow a boundary before its CRLF.
    std::size_t i = 0;
    while (i < pending_.size() && (pending_[i] == ' ' || pending_[i] == '\t')) ++i;
    if (pending_.size() < i + 2) {
        if (i > 256) return fail("malformed multipart boundary line");
        return {};
    }
    if (i == 0 && pending_.compare(0, 2, "--") == 0) {
        state_ = State::Epilogue;
    } else if (pending_.compare(i, 2, "\r\n") == 0) {
        pending_.erase(0, i + 2);
        state_ = State::Headers;
    } else {
        return fail("malformed multipart boundary line");
    }
    progressed = true;
    return {};
}

Status MultipartParser::read_headers(PartSink& sink, bool& progressed) {
    std::size_t end;
    std::size_t skip;
    if (pending_.compare(0, 2, "\r\n") == 0) {
        end = 0;  // a part without headers
        skip = 2;
    } else {
        end = pending_.find("\r\n\r\n");
        skip = 4;
    }
    if (end == std::string::npos) {
        if (pending_.size() > kMaxPartHeaderBytes) return fail("a part's headers are too large");
        if (pending_.size() < 2) return {};
        return {};
    }
    if (end > kMaxPartHeaderBytes) return fail("a part's headers are too large");
    auto header = parse_part_headers(std::string_view(pending_).substr(0, end));
    if (!header) return header.error();
    pending_.erase(0, end + skip);
    if (auto s = sink.begin_part(*header); !s) return s;
    state_ = State::Body;
    progressed = true;
    return {};
}

Status MultipartParser::read_body(PartSink& sink, bool& progressed) {
    auto at = pending_.find(delimiter_);
    if (at != std::string::npos) {
        if (at > 0) {
            if (auto s = sink.part_data(std::string_view(pending_).substr(0, at)); !s) return s;
        }
        if (auto s = sink.end_part(); !s) return s;
        pending_.erase(0, at + delimiter_.size());
        state_ = State::AfterBoundary;
        progressed = true;
        return {};
    }
    // Everything but a possible partial delimiter at the end is part data.
    std::size_t keep = std::min(pending_.size(), delimiter_.size() - 1);
    std::size_t emit = pending_.size() - keep;
    if (emit > 0) {
        if (auto s = sink.part_data(std::string_view(pending_).substr(0, emit)); !s) return s;
        pending_.erase(0, emit);
    }
    return {};
}

}  // namespace lote::server

#include "server/api/multipart.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace lote::server;
using lote::Status;

namespace {

struct Part {
    PartHeader header;
    std::string data;
    bool ended = false;
};

// Records every callback so a test can compare what was parsed.
struct Recorder : PartSink {
    std::vector<Part> parts;
    std::size_t refuse_after_bytes = SIZE_MAX;
    std::size_t data_calls = 0;
    Status begin_part(const PartHeader& h) override {
        parts.push_back({h, {}, false});
        return {};
    }
    Status part_data(std::string_view bytes) override {
        ++data_calls;
        parts.back().data.append(bytes);
        if (parts.back().data.size() > refuse_after_bytes) return lote::fail("too large");
        return {};
    }
    Status end_part() override {
        parts.back().ended = true;
        return {};
    }
};

const std::string kBoundary = "----lote7MA4YWxkTrZu0gW";

std::string body_of(const std::vector<std::pair<std::string, std::string>>& files,
                    const std::string& preamble = "") {
    std::string body = preamble;
    for (const auto& [name, data] : files) {
        body += "--" + kBoundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"files\"; filename=\"" + name + "\"\r\n";
        body += "Content-Type: image/jpeg\r\n\r\n";
        body += data + "\r\n";
    }
    body += "--" + kBoundary + "--\r\n";
    return body;
}

// Feeds `body` in pieces of `piece` bytes.
Status feed_in_pieces(MultipartParser& parser, const std::string& body, std::size_t piece,
                      Recorder& sink) {
    for (std::size_t i = 0; i < body.size(); i += piece) {
        if (auto s = parser.feed(std::string_view(body).substr(i, piece), sink); !s) return s;
    }
    return parser.finish();
}

}  // namespace

TEST(MultipartBoundary, ReadsPlainAndQuotedBoundaries) {
    EXPECT_EQ(*multipart_boundary("multipart/form-data; boundary=abc"), "abc");
    EXPECT_EQ(*multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\""),
              "a b;c");
}

TEST(MultipartBoundary, RefusesOtherTypesAndMissingOrLongBoundaries) {
    EXPECT_FALSE(multipart_boundary("application/json"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

TEST(MultipartParser, ParsesSeveralFilesInOnePiece) {
    std::string binary("\0\r\n--\xff\r\n-", 9);
    auto body = body_of({{"a.jpg", "AAAA"}, {"b.png", binary}, {"empty.gif", ""}}, "preamble\r\n");
    MultipartParser parser(kBoundary);
    Recorder sink;
    ASSERT_TRUE(feed_in_pieces(parser, body, body.size(), sink));
    ASSERT_EQ(sink.parts.size(), 3u);
    EXPECT_EQ(sink.parts[0].header.filename, "a.jpg");
    EXPECT_EQ(sink.parts[0].header.name, "files");
    EXPECT_EQ(sink.parts[0].header.content_type, "image/jpeg");
    EXPECT_EQ(sink.parts[0].data, "AAAA");
    EXPECT_EQ(sink.parts[1].data, binary);
    EXPECT_EQ(sink.parts[2].data, "");
    for (const auto& p : sink.parts) EXPECT_TRUE(p.ended);
    EXPECT_TRUE(parser.done());
}

TEST(MultipartParser, BoundariesSplitAcrossEveryPieceSizeGiveTheSameParts) {
    std::string big(5000, 'x');
    for (std::size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>(i % 251);
    // Data that nearly contains the delimiter, to catch partial matches kept at a piece's end.
    std::string tricky = "\r\n--" + kBoundary.substr(0, 10) + "zz\r\n-";
    auto body = body_of({{"one.jpg", big}, {"two.jpg", tricky}, {"three.jpg", "3"}});
    for (std::size_t piece : {1u, 2u, 3u, 5u, 17u, 64u, 1000u}) {
        MultipartParser parser(kBoundary);
        Recorder sink;
        ASSERT_TRUE(feed_in_pieces(parser, body, piece, sink)) << "piece " << piece;
        ASSERT_EQ(sink.parts.size(), 3u) << "piece " << piece;
        EXPECT_EQ(sink.parts[0].data, big) << "piece " << piece;
        EXPECT_EQ(sink.parts[1].data, tricky) << "piece " << piece;
        EXPECT_EQ(sink.parts[2].data, "3") << "piece " << piece;
    }
}

TEST(MultipartParser, HandsDataOnBeforeThePartEnds) {
    std::string big(100000, 'y');
    auto body = body_of({{"big.jpg", big}});
    MultipartParser parser(kBoundary);
    Recorder sink;
    ASSERT_TRUE(feed_in_pieces(parser, body, 4096, sink));
    // Streamed: many small callbacks, not one at the end.
    EXPECT_GT(sink.data_calls, 10u);
    EXPECT_EQ(sink.parts[0].data, big);
}

TEST(MultipartParser, ReadsPlainFieldsAndExtendedFileNames) {
    std::string body = "--" + kBoundary + "\r\n" +
                       "Content-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n" + "--" +
                       kBoundary + "\r\n" +
                       "content-disposition: form-data; name=\"files\"; filename=\"fallback.jpg\"; "
                       "filename*=UTF-8''na%C3%AFve.jpg\r\n\r\nX\r\n" +
                       "--" + kBoundary + "--";
    MultipartParser parser(kBoundary);
    Recorder sink;
    ASSERT_TRUE(feed_in_pieces(parser, body, 3, sink));
    ASSERT_EQ(sink.parts.size(), 2u);
    EXPECT_FALSE(sink.parts[0].header.has_filename);
    EXPECT_EQ(sink.parts[0].data, "hello");
    EXPECT_EQ(sink.parts[1].header.filename, "na\xc3\xafve.jpg");
}

TEST(MultipartParser, FailsWhenTheClosingBoundaryIsMissing) {
    auto body = body_of({{"a.jpg", "AAAA"}});
    body.resize(body.size() - 8);  // cut inside the closing boundary
    MultipartParser parser(kBoundary);
    Recorder sink;
    auto s = feed_in_pieces(parser, body, 10, sink);
    EXPECT_FALSE(s);
    EXPECT_NE(s.message().find("closing boundary"), std::string::npos);
}

TEST(MultipartParser, FailsOnAnEmptyBodyAndOnGarbage) {
    MultipartParser empty(kBoundary);
    Recorder sink;
    EXPECT_FALSE(feed_in_pieces(empty, "", 1, sink));
    MultipartParser garbage(kBoundary);
    EXPECT_FALSE(feed_in_pieces(garbage, std::string(3000, 'g'), 100, sink));
    EXPECT_TRUE(sink.parts.empty());
}

TEST(MultipartParser, FailsOnABadBoundaryLineOrMissingDisposition) {
    MultipartParser bad_line(kBoundary);
    Recorder sink;
    EXPECT_FALSE(bad_line.feed("--" + kBoundary + "XY\r\n", sink));
    MultipartParser no_disposition(kBoundary);
    EXPECT_FALSE(no_disposition.feed("--" + kBoundary + "\r\nContent-Type: a/b\r\n\r\nx", sink));
    MultipartParser not_form(kBoundary);
    EXPECT_FALSE(
        not_form.feed("--" + kBoundary + "\r\nContent-Disposition: attachment\r\n\r\nx", sink));
    MultipartParser unterminated(kBoundary);
    EXPECT_FALSE(unterminated.feed(
        "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx", sink));
}

TEST(MultipartParser, FailsOnHugeHeaders) {
    MultipartParser parser(kBoundary);
    Recorder sink;
    std::string body = "--" + kBoundary +
                       "\r\nX-Pad: " + std::string(MultipartParser::kMaxPartHeaderBytes + 10, 'p');
    auto s = parser.feed(body, sink);
    EXPECT_FALSE(s);
    EXPECT_NE(s.message().find("too large"), std::string::npos);
}

TEST(MultipartParser, StopsWithTheSinksMessage) {
    auto body = body_of({{"a.jpg", std::string(1000, 'a')}});
    MultipartParser parser(kBoundary);
    Recorder sink;
    sink.refuse_after_bytes = 100;
    auto s = feed_in_pieces(parser, body, 50, sink);
    EXPECT_FALSE(s);
    EXPECT_EQ(s.message(), "too large");
    EXPECT_FALSE(parser.feed("more", sink));  // a failed parser stays failed
}

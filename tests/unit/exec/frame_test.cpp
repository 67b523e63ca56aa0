#include "exec/frame.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>

namespace lote {
namespace {

class Pipe {
  public:
    Pipe() { EXPECT_EQ(::pipe2(fds_, O_CLOEXEC), 0); }
    ~Pipe() {
        close_write();
        if (fds_[0] >= 0) ::close(fds_[0]);
    }
    int read_end() const { return fds_[0]; }
    int write_end() const { return fds_[1]; }
    void close_write() {
        if (fds_[1] >= 0) ::close(fds_[1]);
        fds_[1] = -1;
    }
    void close_read() {
        if (fds_[0] >= 0) ::close(fds_[0]);
        fds_[0] = -1;
    }
    void write_raw(const std::string& bytes) {
        ASSERT_EQ(::write(fds_[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }

  private:
    int fds_[2] = {-1, -1};
};

TEST(Frame, HeaderIsLittleEndianLength) {
    EXPECT_EQ(encode_frame_header(0x01020304u), std::string("\x04\x03\x02\x01", 4));
    EXPECT_EQ(encode_frame_header(5), std::string("\x05\x00\x00\x00", 4));
}

TEST(Frame, RoundTripsSeveralFramesInOrder) {
    Pipe pipe;
    ASSERT_TRUE(write_frame(pipe.write_end(), R"({"id":1})"));
    ASSERT_TRUE(write_frame(pipe.write_end(), ""));
    ASSERT_TRUE(write_frame(pipe.write_end(), "second"));
    pipe.close_write();
    auto first = read_frame(pipe.read_end());
    ASSERT_EQ(first.status, FrameStatus::Ok);
    EXPECT_EQ(first.payload, R"({"id":1})");
    auto empty = read_frame(pipe.read_end());
    ASSERT_EQ(empty.status, FrameStatus::Ok);
    EXPECT_EQ(empty.payload, "");
    EXPECT_EQ(read_frame(pipe.read_end()).payload, "second");
    EXPECT_EQ(read_frame(pipe.read_end()).status, FrameStatus::EndOfStream);
}

TEST(Frame, LengthAboveTheLimitIsMalformed) {
    Pipe pipe;
    pipe.write_raw(encode_frame_header(kMaxFrameBytes + 1) + "xyz");
    auto frame = read_frame(pipe.read_end());
    EXPECT_EQ(frame.status, FrameStatus::Malformed);
    EXPECT_NE(frame.detail.find("exceeds the limit"), std::string::npos) << frame.detail;
}

TEST(Frame, StreamEndingInsideTheHeaderIsTruncated) {
    Pipe pipe;
    pipe.write_raw(std::string("\x05\x00", 2));
    pipe.close_write();
    EXPECT_EQ(read_frame(pipe.read_end()).status, FrameStatus::Truncated);
}

TEST(Frame, StreamEndingInsideThePayloadIsTruncated) {
    Pipe pipe;
    pipe.write_raw(encode_frame_header(10) + "abc");
    pipe.close_write();
    EXPECT_EQ(read_frame(pipe.read_end()).status, FrameStatus::Truncated);
}

TEST(Frame, WaitGivingUpIsATimeout) {
    Pipe pipe;
    pipe.write_raw(encode_frame_header(10) + "abc");  // a frame that never completes
    int waits = 0;
    auto frame = read_frame(pipe.read_end(), [&waits](int) { return ++waits <= 2; });
    EXPECT_EQ(frame.status, FrameStatus::TimedOut);
    EXPECT_EQ(waits, 3);
}

TEST(Frame, WriteRefusesAPayloadAboveTheLimit) {
    Pipe pipe;
    std::string huge(kMaxFrameBytes + 1, 'x');
    auto written = write_frame(pipe.write_end(), huge);
    EXPECT_FALSE(written);
    EXPECT_NE(written.message().find("exceeds the limit"), std::string::npos);
}

TEST(Frame, WriteToAClosedPipeIsAnErrorNotASignal) {
    auto previous = std::signal(SIGPIPE, SIG_IGN);
    Pipe pipe;
    pipe.close_read();
    auto written = write_frame(pipe.write_end(), "anyone there?");
    std::signal(SIGPIPE, previous);
    EXPECT_FALSE(written);
}

}  // namespace
}  // namespace lote

// The worker side, run in this process over pipes: one result frame per task frame, a clean exit
// at end of stream, and a refusal of anything that is not a well-formed task.
#include "exec/worker_main.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <future>

#include "exec/fault_injection.hpp"
#include "exec/frame.hpp"
#include "exec_fixtures.hpp"

namespace lote {
namespace {

// A worker running in a thread, with our ends of its two pipes.
class InProcessWorker {
  public:
    InProcessWorker() {
        EXPECT_EQ(::pipe2(tasks_, O_CLOEXEC), 0);
        EXPECT_EQ(::pipe2(results_, O_CLOEXEC), 0);
        exit_status_ = std::async(std::launch::async, [this] {
            int status = run_worker(tasks_[0], results_[1]);
            ::close(results_[1]);
            return status;
        });
    }
    ~InProcessWorker() {
        close_input();
        if (exit_status_.valid()) exit_status_.wait();
        ::close(tasks_[0]);
        ::close(results_[0]);
    }
    void send(const std::string& payload) { ASSERT_TRUE(write_frame(tasks_[1], payload)); }
    void send_raw(const std::string& bytes) {
        ASSERT_EQ(::write(tasks_[1], bytes.data(), bytes.size()),
                  static_cast<ssize_t>(bytes.size()));
    }
    FrameRead receive() { return read_frame(results_[0]); }
    void close_input() {
        if (tasks_[1] >= 0) ::close(tasks_[1]);
        tasks_[1] = -1;
    }
    int exit_status() { return exit_status_.get(); }

  private:
    int tasks_[2] = {-1, -1};
    int results_[2] = {-1, -1};
    std::future<int> exit_status_;
};

TEST(RunWorker, AnswersEachTaskAndExitsCleanlyAtEndOfStream) {
    testing::ScratchDir dir;
    auto tasks = testing::make_batch(dir.path(), 2);
    InProcessWorker worker;
    for (const auto& task : tasks) {
        worker.send(to_json(task).dump());
        auto frame = worker.receive();
        ASSERT_EQ(frame.status, FrameStatus::Ok) << frame.detail;
        auto result = image_result_from_json(nlohmann::json::parse(frame.payload));
        ASSERT_TRUE(result.ok()) << result.message();
        EXPECT_EQ(result->id, task.id);
        EXPECT_TRUE(testing::all_outputs_ok(*result)) << result->outputs.at(0).message;
        EXPECT_TRUE(std::filesystem::exists(task.outputs[0].path));
    }
    worker.close_input();
    EXPECT_EQ(worker.exit_status(), 0);
    EXPECT_EQ(worker.receive().status, FrameStatus::EndOfStream);
}

TEST(RunWorker, RefusesAnOversizedFrame) {
    InProcessWorker worker;
    worker.send_raw(encode_frame_header(kMaxFrameBytes + 1));
    EXPECT_NE(worker.exit_status(), 0);
    EXPECT_EQ(worker.receive().status, FrameStatus::EndOfStream);  // and answers nothing
}

TEST(RunWorker, RefusesAFrameThatIsNotJson) {
    InProcessWorker worker;
    worker.send("{not json");
    EXPECT_NE(worker.exit_status(), 0);
}

TEST(RunWorker, RefusesJsonThatIsNotATask) {
    InProcessWorker worker;
    worker.send(R"({"hello":"world"})");
    EXPECT_NE(worker.exit_status(), 0);
}

TEST(RunWorker, RefusesATruncatedFrame) {
    InProcessWorker worker;
    worker.send_raw(encode_frame_header(100) + "{\"id\":");
    worker.close_input();
    EXPECT_NE(worker.exit_status(), 0);
}

TEST(FaultInjection, ParsesEachKindAndRejectsTheRest) {
    auto crash = parse_fault("crash:x.jpg");
    ASSERT_TRUE(crash);
    EXPECT_EQ(crash->kind, FaultKind::Crash);
    EXPECT_EQ(crash->input_substring, "x.jpg");
    EXPECT_EQ(parse_fault("hang:a")->kind, FaultKind::Hang);
    EXPECT_EQ(parse_fault("garbage:a")->kind, FaultKind::Garbage);
    EXPECT_EQ(parse_fault("exit:a")->kind, FaultKind::Exit);
    EXPECT_EQ(parse_fault("crash:a:b")->input_substring, "a:b");
    EXPECT_FALSE(parse_fault(""));
    EXPECT_FALSE(parse_fault("crash"));
    EXPECT_FALSE(parse_fault("crash:"));
    EXPECT_FALSE(parse_fault("explode:x"));
}

TEST(FaultInjection, DoesNothingWhenTheInputDoesNotMatch) {
    inject_fault_if_matching(parse_fault("crash:never-this-name"), "/in/x.jpg", -1);
    inject_fault_if_matching(std::nullopt, "/in/x.jpg", -1);
    SUCCEED();  // still alive
}

}  // namespace
}  // namespace lote

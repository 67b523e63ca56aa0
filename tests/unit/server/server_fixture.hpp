#pragma once
// The server without its network, for the job and protocol tests: a job store on :memory:, a hub
// with a client that records every broadcast, the job manager and the context, built in the
// order run_server builds them. Jobs run for real (thread executor) on tiny generated images.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/samples.hpp"
#include "server/api/work_pool.hpp"
#include "server/jobs/job_manager.hpp"
#include "server/jobs/job_store.hpp"
#include "server/net/hub.hpp"
#include "server/net/router.hpp"
#include "server/server_context.hpp"
#include "support/temp_dir.hpp"

namespace lote::server::testing {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

// Collects messages (broadcasts or replies) from any thread; waits for one with a bound.
class Inbox {
  public:
    void add(json message) {
        std::lock_guard lock(mutex_);
        messages_.push_back(std::move(message));
        arrived_.notify_all();
    }
    // The first message from `from` on with `tipo`, or nullopt after `timeout`; `from` moves
    // past it, so successive calls walk the messages in order.
    std::optional<json> wait_for(const std::string& tipo, std::chrono::milliseconds timeout = 20s) {
        std::unique_lock lock(mutex_);
        std::optional<json> found;
        arrived_.wait_for(lock, timeout, [&] {
            for (; cursor_ < messages_.size(); ++cursor_) {
                if (messages_[cursor_].value("tipo", "") == tipo) {
                    found = messages_[cursor_++];
                    return true;
                }
            }
            return false;
        });
        return found;
    }
    std::vector<json> all() const {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    std::vector<json> of_tipo(const std::string& tipo) const {
        std::vector<json> out;
        for (const auto& m : all()) {
            if (m.value("tipo", "") == tipo) out.push_back(m);
        }
        return out;
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<json> messages_;
    std::size_t cursor_ = 0;
};

// A hub client that records what is broadcast.
class RecordingClient : public Client {
  public:
    void deliver(std::shared_ptr<const std::string> text, MessageClass,
                 const std::string&) override {
        inbox.add(json::parse(*text));
    }
    Inbox inbox;
};

class ServerFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::create_directories(dir_ / "in");
        fs::create_directories(dir_ / "out");
        input_ = fs::canonical(dir_ / "in");
        output_ = fs::canonical(dir_ / "out");
        auto opened = JobStore::open(":memory:");
        ASSERT_TRUE(opened) << opened.message();
        store_ = std::move(*opened);
        hub_.join(client_);
    }
    void TearDown() override {
        if (jobs_) jobs_->shutdown();
    }

    // Builds the manager and the context; `start`: its job threads run.
    void build(unsigned parallel_jobs = 1, std::chrono::milliseconds image_delay = 0ms,
               bool start = true) {
        options_.parallel_jobs = parallel_jobs;
        jobs_ = std::make_unique<JobManager>(
            JobEnvironment{*store_, hub_, roots(), kCores, parallel_jobs, image_delay});
        context_.reset(new ServerContext{options_,
                                         input_,
                                         output_,
                                         fs::path{},
                                         fs::path{},
                                         {},
                                         hub_,
                                         *store_,
                                         *jobs_,
                                         router_,
                                         requests_,
                                         kCores});
        if (start) jobs_->start();
    }

    void make_images(int count, const std::string& folder = "") {
        fs::create_directories(input_ / folder);
        auto made = generate_samples((input_ / folder).string(), count, 32, 24, 3);
        ASSERT_TRUE(made) << made.message();
    }

    Roots roots() const { return {input_, output_}; }

    // A quick job on the thread executor with one worker.
    static json job(std::vector<std::string> filters = {"grises"}) {
        return {
            {"tipo", "procesar"}, {"filtros", filters}, {"modo", "threads"}, {"trabajadores", 1}};
    }

    static constexpr unsigned kCores = 2;
    test_support::TempDir dir_;
    fs::path input_, output_;
    ServerOptions options_;
    std::unique_ptr<JobStore> store_;
    Hub hub_;
    Router router_;
    WorkPool requests_{1, 0};
    std::shared_ptr<RecordingClient> client_ = std::make_shared<RecordingClient>();
    std::unique_ptr<JobManager> jobs_;
    std::unique_ptr<ServerContext> context_;
};

}  // namespace lote::server::testing

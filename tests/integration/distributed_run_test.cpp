// `lote run --broker` with `lote node` processes standing for machines: the same outputs as a
// local run, each image once, and a broker left empty, whatever dies on the way.
#include "integration/distributed_fixture.hpp"

namespace lote::distributed_testing {
namespace {

TEST_F(DistributedTest, SpreadsOverNodesWithOutputsIdenticalToALocalRun) {
    start_redis();
    make_images(6, 2);
    Process& run = coordinator();
    Process& n1 = node("n1", "mnt1");
    Process& n2 = node("n2", "mnt2");
    Process& n3 = node("n3", "mnt3");
    ASSERT_EQ(run.wait(120s), 0) << run.err();
    expect_all_good(run);
    expect_manifest_complete();

    Process& local = spawn({LOTE_BINARY, "run", in_.string(), "-o", (root_ / "local").string(),
                            "-f", "grises", "-f", "sepia", "--json"},
                           "local");
    ASSERT_EQ(local.wait(120s), 0) << local.err();
    std::size_t compared = 0;
    for (const char* chain : {"grises", "sepia"}) {
        for (const auto& entry : fs::directory_iterator(root_ / "local" / chain)) {
            fs::path mine = out_ / chain / entry.path().filename();
            ASSERT_TRUE(fs::exists(mine)) << mine;
            EXPECT_EQ(slurp(mine), slurp(entry.path())) << mine << " differs from a local run";
            ++compared;
        }
    }
    EXPECT_EQ(compared, 2u * images_);
    // The summary and each image's event say which node did it; every image is accounted for.
    auto done = summary(run);
    EXPECT_EQ(done["executor"], "distribuido");
    int by_nodes = 0;
    for (const auto& [name, count] : done["nodes"].items()) {
        EXPECT_TRUE(name == "n1" || name == "n2" || name == "n3") << name;
        by_nodes += count.get<int>();
    }
    EXPECT_EQ(by_nodes, images_);
    for (const auto& line : events(run)) {
        if (line.value("event", "") == "image") EXPECT_TRUE(line.contains("node")) << line;
    }
    // A polite stop leaves no heartbeat and no consumer behind.
    for (Process* n : {&n1, &n2, &n3}) {
        n->signal(SIGTERM);
        EXPECT_EQ(n->wait(20s), 0) << n->err();
    }
    EXPECT_EQ(redis_->cli("KEYS lote:node:*"), "");
    EXPECT_EQ(redis_->cli("SMEMBERS lote:nodes"), "");
}

// Names rendered from the decoded image ({w}, {h}) are the nodes' to make: the coordinator takes
// the node's name when it is one of the pattern's in the planned folder, records it, and a second
// run finds it up to date. A relative output root still reaches the nodes as an absolute folder.
TEST_F(DistributedTest, NamesFromTheDecodedImageAreRecordedAndNotRedoneOnTheNextRun) {
    start_redis();
    make_images(3);
    const std::vector<std::string> args{LOTE_BINARY,       "run",    in_.string(), "-o",
                                        "share/named",     "-f",     "grises",     "--name",
                                        "{name}_{w}x{h}",  "--json", "--broker",   url(),
                                        "--claim-timeout", "2"};
    Process& first = spawn(args, "coordinator");
    node("n1", "mnt1");
    node("n2", "mnt2");
    ASSERT_EQ(first.wait(120s), 0) << first.err();
    const fs::path folder = share_ / "named" / "grises";
    std::map<std::string, fs::file_time_type> made;
    for (const auto& entry : fs::directory_iterator(folder)) {
        made[entry.path().filename().string()] = fs::last_write_time(entry.path());
    }
    ASSERT_EQ(made.size(), 3u);
    for (int i = 0; i < 3; ++i) {
        const std::string stem = "img0" + std::to_string(i) + "_" + std::to_string(64 + i) + "x" +
                                 std::to_string(40 + i);
        EXPECT_TRUE(std::any_of(made.begin(), made.end(), [&](const auto& m) {
            return m.first.rfind(stem, 0) == 0;
        })) << stem;
    }
    auto done = summary(first);
    ASSERT_TRUE(done.is_object()) << first.out();
    EXPECT_EQ(done["failed_images"], 0) << first.out();
    std::this_thread::sleep_for(20ms);  // a rewrite would carry a later time

    Process& again = spawn(args, "again");
    ASSERT_EQ(again.wait(120s), 0) << again.err();
    auto second = summary(again);
    ASSERT_TRUE(second.is_object()) << again.out();
    EXPECT_EQ(second["processed"], 0) << again.out();
    EXPECT_EQ(second["skipped"], 3) << again.out();
    for (const auto& [name, written] : made) {
        EXPECT_EQ(fs::last_write_time(folder / name), written) << name << " was made again";
    }
    EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 3);
    expect_no_temporaries();
    expect_broker_empty();
}

TEST_F(DistributedTest, WaitsWithoutNodesAndSaysSo) {
    start_redis();
    make_images(3);
    Process& run = coordinator();
    ASSERT_TRUE(wait_until(
        [&] {
            for (const auto& line : events(run)) {
                if (line.value("event", "") == "nodes" && line["nodes"].empty() &&
                    line.value("message", "").find("waiting for nodes") != std::string::npos) {
                    return true;
                }
            }
            return false;
        },
        20s))
        << run.out() << run.err();
    std::this_thread::sleep_for(1s);
    EXPECT_TRUE(run.running());
    EXPECT_EQ(images_done(run), 0u);
    EXPECT_EQ(redis_->number("XLEN lote:tasks"), images_);  // queued, waiting
    node("late", "mnt1");
    ASSERT_EQ(run.wait(60s), 0) << run.err();
    expect_all_good(run);
}

TEST_F(DistributedTest, NodeKilledMidTaskLosesNothing) {
    start_redis();
    make_images(5);
    Process& run = coordinator();
    Process& doomed = node("doomed", "mnt1", {"LOTE_TEST_TASK_DELAY_MS=3000"});
    ASSERT_TRUE(wait_until([&] { return pending_tasks() == 1; }, 30s)) << doomed.err();
    doomed.kill9();
    node("survivor", "mnt2");
    ASSERT_EQ(run.wait(90s), 0) << run.err();
    expect_all_good(run);
    expect_manifest_complete();
    for (const auto& line : events(run)) {
        if (line.value("event", "") == "image") EXPECT_EQ(line["node"], "survivor") << line;
    }
}

TEST_F(DistributedTest, NodePausedPastItsLeaseCannotReportTwice) {
    start_redis();
    make_images(6);
    Process& run = coordinator();
    Process& paused = node("paused", "mnt1", {"LOTE_TEST_TASK_DELAY_MS=1500"});
    ASSERT_TRUE(wait_until([&] { return pending_tasks() == 1; }, 30s)) << paused.err();
    paused.signal(SIGSTOP);
    Process& other = node("other", "mnt2", {"LOTE_TEST_TASK_DELAY_MS=300"});
    // Past the 2 s lease, the other node takes the paused node's task over.
    ASSERT_TRUE(
        wait_until([&] { return other.err().find("took over task") != std::string::npos; }, 30s))
        << other.err();
    paused.signal(SIGCONT);
    ASSERT_EQ(run.wait(90s), 0) << run.err();
    expect_all_good(run);
    expect_manifest_complete();
    EXPECT_TRUE(
        wait_until([&] { return paused.err().find("lost the lease") != std::string::npos; }, 10s))
        << paused.err();
    EXPECT_TRUE(paused.running());
}

TEST_F(DistributedTest, NodeKillingImageIsSetAsideAfterThreeDeliveries) {
    start_redis();
    make_images(3);
    cli_testing::write_image(in_ / "poison.png", 99);
    images_ += 1;
    Process& run = coordinator();
    std::vector<Process*> nodes;
    for (const char* name : {"a", "b", "c", "d"}) {
        nodes.push_back(&node(name, "mnt1", {"LOTE_TEST_NODE_FAULT=crash:poison"}));
    }
    EXPECT_EQ(run.wait(120s), 1) << run.err();  // one image failed
    int died = 0;
    for (Process* n : nodes) died += n->running() ? 0 : 1;
    EXPECT_EQ(died, 3);
    auto done = summary(run);
    ASSERT_TRUE(done.is_object()) << run.out();
    EXPECT_EQ(done["failed_images"], 1);
    ASSERT_FALSE(done["failures"].empty());
    for (const auto& failure : done["failures"]) {
        EXPECT_EQ(failure["image"], "poison.png");
        EXPECT_NE(failure["message"].get<std::string>().find("set aside after 3 deliveries"),
                  std::string::npos)
            << failure;
    }
    expect_each_image_once(run);
    expect_no_temporaries();
    expect_broker_empty();
}

TEST_F(DistributedTest, WorkerCrashFailsTheImageAtOnceWithoutRedelivery) {
    start_redis();
    make_images(3);
    cli_testing::write_image(in_ / "poison.png", 99);
    images_ += 1;
    Process& run = coordinator();
    Process& n = node("n", "mnt1", {"LOTE_TEST_FAULT=crash:poison"});
    EXPECT_EQ(run.wait(60s), 1) << run.err();
    EXPECT_TRUE(n.running());
    auto done = summary(run);
    ASSERT_TRUE(done.is_object()) << run.out();
    EXPECT_EQ(done["failed_images"], 1);
    for (const auto& failure : done["failures"]) {
        std::string message = failure["message"];
        EXPECT_NE(message.find("crashed"), std::string::npos) << message;
        EXPECT_EQ(message.find("set aside"), std::string::npos) << message;
    }
    expect_each_image_once(run);
    expect_no_temporaries();
    expect_broker_empty();
}

TEST_F(DistributedTest, BrokerKilledAndRestartedWithItsData) {
    start_redis({.append_only = true});
    make_images(8);
    Process& run = coordinator();
    node("n1", "mnt1", {"LOTE_TEST_TASK_DELAY_MS=300"});
    node("n2", "mnt2", {"LOTE_TEST_TASK_DELAY_MS=300"});
    ASSERT_TRUE(wait_until([&] { return images_done(run) >= 2; }, 60s)) << run.err();
    redis_->kill9();
    std::this_thread::sleep_for(1500ms);
    redis_->restart();
    ASSERT_EQ(run.wait(120s), 0) << run.err();
    expect_all_good(run);
    expect_manifest_complete();
}

TEST_F(DistributedTest, BrokerRestartedEmptyIsRefilledFromWhatIsNotDone) {
    start_redis({.append_only = false});
    make_images(8);
    Process& run = coordinator();
    node("n1", "mnt1", {"LOTE_TEST_TASK_DELAY_MS=300"});
    node("n2", "mnt2", {"LOTE_TEST_TASK_DELAY_MS=300"});
    ASSERT_TRUE(wait_until([&] { return images_done(run) >= 2; }, 60s)) << run.err();
    redis_->restart_empty();
    ASSERT_EQ(run.wait(120s), 0) << run.err();
    expect_all_good(run);
    expect_manifest_complete();
}

TEST_F(DistributedTest, CoordinatorKilledAndRestartedTakesOverItsRun) {
    start_redis();
    make_images(10);
    Process& first = coordinator();
    node("n1", "mnt1", {"LOTE_TEST_TASK_DELAY_MS=400"});
    node("n2", "mnt2", {"LOTE_TEST_TASK_DELAY_MS=400"});
    ASSERT_TRUE(wait_until([&] { return images_done(first) >= 3; }, 60s)) << first.err();
    first.kill9();
    std::this_thread::sleep_for(1s);  // the nodes go on meanwhile; their results wait
    Process& second = coordinator();
    ASSERT_EQ(second.wait(120s), 0) << second.err();
    auto done = summary(second);
    ASSERT_TRUE(done.is_object()) << second.out();
    EXPECT_EQ(done["processed"].get<int>() + done["skipped"].get<int>(), images_) << done;
    EXPECT_GE(done["skipped"].get<int>(), 3) << "what the first one finished is not redone";
    expect_every_output_once();
    expect_no_temporaries();
    expect_broker_empty();
    expect_manifest_complete();
}

TEST_F(DistributedTest, CancelMidJobLeavesNothingBehind) {
    start_redis();
    make_images(10);
    Process& run = coordinator();
    node("n1", "mnt1", {"LOTE_TEST_TASK_DELAY_MS=500"});
    ASSERT_TRUE(wait_until([&] { return images_done(run) >= 2; }, 60s)) << run.err();
    run.signal(SIGINT);
    EXPECT_EQ(run.wait(30s), 130) << run.err();
    auto done = summary(run);
    ASSERT_TRUE(done.is_object()) << run.out();
    EXPECT_TRUE(done["cancelled"].get<bool>());
    EXPECT_LT(done["processed"].get<int>(), images_);
    expect_no_temporaries();
    expect_broker_empty();
    // What was done is kept; a second run does the rest, once.
    Process& rest = coordinator();
    ASSERT_EQ(rest.wait(90s), 0) << rest.err();
    auto finished = summary(rest);
    EXPECT_EQ(finished["processed"].get<int>() + finished["skipped"].get<int>(), images_);
    EXPECT_EQ(finished["skipped"], done["processed"]);
    expect_every_output_once();
    expect_no_temporaries();
    expect_broker_empty();
}

TEST_F(DistributedTest, WrongMapAndMarkerMismatchAreRefusedAtStartConsumingNothing) {
    start_redis();
    make_images(3);
    Process& run = coordinator();
    ASSERT_TRUE(wait_until([&] { return redis_->number("XLEN lote:tasks") == images_; }, 20s));
    // A mount point with nothing mounted: no marker where the map leads.
    fs::create_directories(root_ / "empty");
    Process& wrong = spawn({LOTE_BINARY, "node", "--broker", url(), "--name", "wrong", "--map",
                            share_.string() + "=" + (root_ / "empty").string()},
                           "wrong");
    EXPECT_EQ(wrong.wait(30s), 2);
    EXPECT_NE(wrong.err().find("wrong map"), std::string::npos) << wrong.err();
    // Another share mounted there: its markers are not the coordinator's.
    for (const char* sub : {"in", "out"}) {
        fs::create_directories(root_ / "other" / sub);
        std::ofstream(root_ / "other" / sub / ".lote-share")
            << "lote-share 0123456789abcdef0123456789abcdef\n";
    }
    Process& other = spawn({LOTE_BINARY, "node", "--broker", url(), "--name", "other", "--map",
                            share_.string() + "=" + (root_ / "other").string()},
                           "other");
    EXPECT_EQ(other.wait(30s), 2);
    EXPECT_NE(other.err().find("share marker mismatch"), std::string::npos) << other.err();
    // A folder that does not exist.
    Process& missing = spawn({LOTE_BINARY, "node", "--broker", url(), "--map",
                              share_.string() + "=" + (root_ / "nowhere").string()},
                             "missing");
    EXPECT_EQ(missing.wait(30s), 2);
    EXPECT_NE(missing.err().find("not a folder"), std::string::npos) << missing.err();
    // Nothing was taken: every task still waits, none is pending.
    EXPECT_EQ(redis_->number("XLEN lote:tasks"), images_);
    EXPECT_EQ(pending_tasks(), 0);
    EXPECT_EQ(images_done(run), 0u);
    node("right", "mnt1");
    ASSERT_EQ(run.wait(60s), 0) << run.err();
    expect_all_good(run);
}

TEST_F(DistributedTest, UnreachableBrokerIsRefusedAtStartTouchingNothing) {
    make_images(2);
    std::string nowhere = "redis://127.0.0.1:" + std::to_string(free_port());
    fs::path output = root_ / "never";
    Process& run = spawn({LOTE_BINARY, "run", in_.string(), "-o", output.string(), "-f", "grises",
                          "--broker", nowhere},
                         "run");
    EXPECT_EQ(run.wait(30s), 2);
    EXPECT_NE(run.err().find("cannot reach the broker"), std::string::npos) << run.err();
    EXPECT_FALSE(fs::exists(output));
    Process& n = spawn({LOTE_BINARY, "node", "--broker", nowhere}, "node");
    EXPECT_EQ(n.wait(30s), 2);
    EXPECT_NE(n.err().find("cannot reach the broker"), std::string::npos) << n.err();
    fs::create_directories(root_ / "serve" / "in");
    Process& serve = spawn({LOTE_BINARY, "serve", "--port", "0", "--no-samples", "--input",
                            (root_ / "serve" / "in").string(), "--output",
                            (root_ / "serve" / "out").string(), "--broker", nowhere},
                           "serve");
    EXPECT_EQ(serve.wait(30s), 2);
    EXPECT_NE((serve.out() + serve.err()).find("cannot reach the broker"), std::string::npos)
        << serve.out() << serve.err();
    Process& bad = spawn({LOTE_BINARY, "run", in_.string(), "-o", output.string(), "-f", "grises",
                          "--broker", "rediss://127.0.0.1:6379"},
                         "tls");
    EXPECT_EQ(bad.wait(30s), 2);
    EXPECT_NE(bad.err().find("stunnel"), std::string::npos) << bad.err();
    EXPECT_FALSE(fs::exists(output));
}

}  // namespace
}  // namespace lote::distributed_testing

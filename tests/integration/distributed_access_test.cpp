// Who may use the broker: the credentials in the URL, and the ACL user the README describes
// (limited to lote:* keys and the commands lote uses) being enough for a whole batch.
#include "integration/distributed_fixture.hpp"

namespace lote::distributed_testing {
namespace {

// The README's ACL line ("Redis for lote"), word for word.
constexpr const char* kLoteUser =
    "user lote on >s3cret ~lote:* &lote:* -@all +ping +auth +hello +info +select +eval +evalsha "
    "+script|load +xadd +xreadgroup +xack +xdel +xrange +xpending +xclaim +xgroup|create "
    "+xgroup|delconsumer +hset +hget +hgetall +hincrby +hdel +del +exists +set +get +pexpire +pttl "
    "+sadd +srem +smembers +publish +subscribe";

RedisConfig locked_down() {
    return {.append_only = true,
            .extra = std::string("user default off\n") + kLoteUser +
                     "\nuser checker on >look ~* &* +@all\n",
            .cli_auth = "--user checker --pass look"};  // the test's own checks use KEYS
}

std::string with_user(const std::string& url, const std::string& credentials) {
    return "redis://" + credentials + "@" + url.substr(std::string("redis://").size());
}

TEST_F(DistributedTest, TheReadmesAclUserIsEnoughForAWholeBatch) {
    start_redis(locked_down());
    make_images(4);
    std::string broker = with_user(url(), "lote:s3cret");
    auto args = run_args(out_);
    for (auto& arg : args) {
        if (arg == url()) arg = broker;
    }
    Process& run = spawn(args, "coordinator");
    fs::create_directories(root_ / "n1");
    Process& n = spawn({LOTE_BINARY, "node", "--broker", broker, "--slots", "2", "--name", "n1",
                        "--map", share_.string() + "=" + (root_ / "mnt1").string()},
                       "n1", root_ / "n1");
    ASSERT_EQ(run.wait(90s), 0) << run.err() << n.err();
    expect_all_good(run);
    n.signal(SIGTERM);
    EXPECT_EQ(n.wait(20s), 0) << n.err();
    EXPECT_EQ(n.err().find("NOPERM"), std::string::npos) << n.err();
}

TEST_F(DistributedTest, WrongOrMissingCredentialsAreRefusedAtStart) {
    start_redis(locked_down());
    make_images(2);
    fs::path output = root_ / "never";
    struct Case {
        std::string broker;
        std::string expected;
    };
    std::vector<Case> cases{{with_user(url(), "lote:wrong"), "refused"},
                            {with_user(url(), "nobody:s3cret"), "refused"},
                            {url(), "needs a password"}};
    for (const auto& c : cases) {
        Process& run = spawn({LOTE_BINARY, "run", in_.string(), "-o", output.string(), "-f",
                              "grises", "--broker", c.broker},
                             "run");
        EXPECT_EQ(run.wait(30s), 2) << c.broker;
        EXPECT_NE(run.err().find(c.expected), std::string::npos) << run.err();
        EXPECT_EQ(run.err().find("s3cret"), std::string::npos) << "the password is never printed";
        Process& n = spawn({LOTE_BINARY, "node", "--broker", c.broker}, "node");
        EXPECT_EQ(n.wait(30s), 2) << c.broker;
        EXPECT_NE(n.err().find(c.expected), std::string::npos) << n.err();
    }
    EXPECT_FALSE(fs::exists(output));
    EXPECT_EQ(redis_->cli("KEYS lote:run:*"), "");
    EXPECT_EQ(redis_->number("XLEN lote:tasks"), 0);
}

}  // namespace
}  // namespace lote::distributed_testing

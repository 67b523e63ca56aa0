#include "exec/redis/broker_address.hpp"

#include <gtest/gtest.h>

namespace lote {
namespace {

TEST(BrokerAddress, ReadsHostPortCredentialsAndDatabase) {
    auto plain = parse_broker_url("redis://broker.lan");
    ASSERT_TRUE(plain) << plain.message();
    EXPECT_EQ(plain->host, "broker.lan");
    EXPECT_EQ(plain->port, 6379);
    EXPECT_TRUE(plain->password.empty());

    auto full = parse_broker_url("redis://lote:p%40ss%3Aword@10.0.0.5:6390/2");
    ASSERT_TRUE(full) << full.message();
    EXPECT_EQ(full->user, "lote");
    EXPECT_EQ(full->password, "p@ss:word");
    EXPECT_EQ(full->host, "10.0.0.5");
    EXPECT_EQ(full->port, 6390);
    EXPECT_EQ(full->database, 2);

    auto password_only = parse_broker_url("redis://:secret@127.0.0.1:7000");
    ASSERT_TRUE(password_only) << password_only.message();
    EXPECT_EQ(password_only->user, "");
    EXPECT_EQ(password_only->password, "secret");

    auto v6 = parse_broker_url("redis://[::1]:7001");
    ASSERT_TRUE(v6) << v6.message();
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->port, 7001);
}

TEST(BrokerAddress, TheDisplayNeverShowsThePassword) {
    auto address = parse_broker_url("redis://lote:hunter2@h:1");
    ASSERT_TRUE(address);
    EXPECT_EQ(address->display(), "redis://lote:***@h:1");
    EXPECT_EQ(parse_broker_url("redis://[::1]:2")->display(), "redis://[::1]:2");
}

TEST(BrokerAddress, RefusesWhatIsNotARedisUrlSayingWhy) {
    struct Case {
        const char* url;
        const char* says;
    };
    for (const Case& c :
         {Case{"http://h:1", "redis://"}, Case{"rediss://h:1", "stunnel"},
          Case{"redis://", "no host"}, Case{"redis://h:", "port"}, Case{"redis://h:99999", "port"},
          Case{"redis://h:12x", "port"}, Case{"redis://user@h", "password"},
          Case{"redis://u:@h", "empty"}, Case{"redis://u:%zz@h", "hex"},
          Case{"redis://h/99", "database"}, Case{"redis://[::1", "]"}}) {
        auto parsed = parse_broker_url(c.url);
        ASSERT_FALSE(parsed) << c.url;
        EXPECT_NE(parsed.message().find(c.says), std::string::npos)
            << c.url << ": " << parsed.message();
    }
}

}  // namespace
}  // namespace lote

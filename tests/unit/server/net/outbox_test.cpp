#include "server/net/outbox.hpp"

#include <gtest/gtest.h>

namespace lote::server {
namespace {

OutMessage msg(const std::string& text, MessageClass kind = MessageClass::Control,
               const std::string& job = "") {
    return {std::make_shared<const std::string>(text), kind, job};
}

std::vector<std::string> drain(Outbox& box) {
    std::vector<std::string> out;
    while (box.has_next()) {
        out.push_back(*box.begin_write().text);
        box.finish_write();
    }
    return out;
}

TEST(Outbox, KeepsOrder) {
    Outbox box(1000);
    box.push(msg("a"));
    box.push(msg("b"));
    EXPECT_EQ(drain(box), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(box.queued_bytes(), 0u);
}

TEST(Outbox, AClientThatKeepsUpGetsEveryProgressLine) {
    Outbox box(1000);
    box.push(msg("start"));
    EXPECT_EQ(box.push(msg("p1", MessageClass::Progress, "j")), Outbox::Push::Queued);
    EXPECT_EQ(box.push(msg("p2", MessageClass::Progress, "j")), Outbox::Push::Queued);
    EXPECT_EQ(drain(box), (std::vector<std::string>{"start", "p1", "p2"}));
}

TEST(Outbox, OnceBehindANewerProgressReplacesAnUnsentOlderOne) {
    Outbox box(1000);
    box.push(msg(std::string(130, 's')));  // over an eighth of the bound: behind
    EXPECT_EQ(box.push(msg("p1", MessageClass::Progress, "j")), Outbox::Push::Queued);
    EXPECT_EQ(box.push(msg("p2", MessageClass::Progress, "j")), Outbox::Push::Coalesced);
    EXPECT_EQ(box.push(msg("q1", MessageClass::Progress, "k")), Outbox::Push::Queued);
    box.push(msg("end"));
    EXPECT_EQ(drain(box), (std::vector<std::string>{std::string(130, 's'), "p2", "q1", "end"}));
}

TEST(Outbox, TheMessageBeingWrittenIsNeverReplaced) {
    Outbox box(10);
    box.push(msg("p1", MessageClass::Progress, "j"));
    EXPECT_EQ(*box.begin_write().text, "p1");
    EXPECT_EQ(box.push(msg("p2", MessageClass::Progress, "j")), Outbox::Push::Queued);
    box.finish_write();
    EXPECT_EQ(drain(box), (std::vector<std::string>{"p2"}));
}

TEST(Outbox, OverflowOnlyForControlMessages) {
    Outbox box(10);
    EXPECT_EQ(box.push(msg("12345678")), Outbox::Push::Queued);
    EXPECT_EQ(box.push(msg("abc", MessageClass::Droppable)), Outbox::Push::Dropped);
    EXPECT_EQ(box.push(msg("xyz", MessageClass::Progress, "j")), Outbox::Push::Dropped);
    EXPECT_EQ(box.push(msg("final")), Outbox::Push::Overflow);
}

TEST(Outbox, DroppableGoesFirstUnderPressure) {
    Outbox box(100);
    box.push(msg(std::string(60, 'x')));
    EXPECT_EQ(box.push(msg("info", MessageClass::Droppable)), Outbox::Push::Dropped);
    EXPECT_EQ(box.push(msg("answer")), Outbox::Push::Queued);
}

}  // namespace
}  // namespace lote::server

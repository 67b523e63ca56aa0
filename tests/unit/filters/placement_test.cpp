// Where the nine placements put an item, the margin, and items larger than the room.

#include "filters/placement.hpp"

#include <gtest/gtest.h>

namespace lote {
namespace {

TEST(Placement, NamesInSpanishAndEnglish) {
    EXPECT_EQ(placement_names().size(), 9u);
    EXPECT_EQ(std::string(placement_names().front().id), "centro");
    for (const auto& n : placement_names()) {
        auto by_id = placement_named(n.id);
        auto by_alias = placement_named(n.english);
        ASSERT_TRUE(by_id && by_alias) << n.id;
        EXPECT_EQ(by_id->horizontal, by_alias->horizontal);
        EXPECT_EQ(by_id->vertical, by_alias->vertical);
        EXPECT_FALSE(n.label.es.empty() || n.label.en.empty());
    }
    EXPECT_FALSE(placement_named("abajo-centro"));
    EXPECT_FALSE(placement_named(""));
}

TEST(Placement, EveryPlacementOnALandscapeCanvas) {
    const int w = 1000, h = 600, iw = 100, ih = 50, m = 18;
    const std::pair<const char*, Box> expected[] = {
        {"centro", {450, 275, iw, ih}},
        {"top-left", {m, m, iw, ih}},
        {"arriba", {450, m, iw, ih}},
        {"arriba-derecha", {w - iw - m, m, iw, ih}},
        {"izquierda", {m, 275, iw, ih}},
        {"derecha", {w - iw - m, 275, iw, ih}},
        {"abajo-izquierda", {m, h - ih - m, iw, ih}},
        {"abajo", {450, h - ih - m, iw, ih}},
        {"bottom-right", {w - iw - m, h - ih - m, iw, ih}}};
    for (const auto& [name, box] : expected) {
        const Placement where = *placement_named(name);
        const int margin = margin_pixels(w, h, 3, where);
        EXPECT_EQ(margin, where.centred() ? 0 : m) << name;
        EXPECT_EQ(place_item(w, h, iw, ih, where, margin), box) << name;
    }
}

TEST(Placement, MarginIsAShareOfTheShorterSideOnPortraitToo) {
    EXPECT_EQ(margin_pixels(600, 1000, 3, {1, 1}), 18);
    EXPECT_EQ(margin_pixels(600, 1000, 0, {1, 1}), 0);
    EXPECT_EQ(margin_pixels(600, 1000, 50, {-1, 0}), 300);
    EXPECT_EQ(margin_pixels(600, 1000, 10, {0, 0}), 0);  // centred: no margin
    EXPECT_EQ(margin_pixels(1, 1, 3, {1, 1}), 0);
}

TEST(Placement, AnItemWiderThanTheRoomIsCentredOnThatAxis) {
    const Box box = place_item(100, 100, 96, 10, {1, 1}, 5);
    EXPECT_EQ(box.left, 2);
    EXPECT_EQ(box.top, 100 - 10 - 5);
    const Box whole = place_item(10, 10, 10, 10, {-1, -1}, 3);
    EXPECT_EQ(whole, (Box{0, 0, 10, 10}));
}

}  // namespace
}  // namespace lote

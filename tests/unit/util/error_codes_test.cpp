// The codes clients translate: stable snake_case ids, each once, each documented with its params
// in docs/api.md (the page's translators read that list), as are the kinds' names.
#include "util/error_codes.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace lote {
namespace {

std::string source_file(const std::string& relative) {
    std::ifstream in(std::string(LOTE_SOURCE_DIR) + "/" + relative);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string api_doc() {
    return source_file("docs/api.md");
}

// The first cell of every table row under "## Error codes" that is a `code`.
std::vector<std::string> documented_codes(const std::string& doc) {
    std::vector<std::string> found;
    auto start = doc.find("\n## Error codes");
    if (start == std::string::npos) return found;
    auto end = doc.find("\n## ", start + 1);
    std::istringstream section(doc.substr(start, end == std::string::npos ? end : end - start));
    static const std::regex row(R"(^\| `([a-z0-9_]+)` \|)");
    std::smatch match;
    for (std::string line; std::getline(section, line);) {
        if (std::regex_search(line, match, row)) found.push_back(match[1]);
    }
    return found;
}

// Every id the header declares, so one left out of kAll is noticed.
std::vector<std::string> declared_codes() {
    std::vector<std::string> found;
    std::string header = source_file("src/util/error_codes.hpp");
    static const std::regex line(R"re(std::string_view ([a-z0-9_]+) =\s*"([a-z0-9_]+)")re");
    for (auto it = std::sregex_iterator(header.begin(), header.end(), line);
         it != std::sregex_iterator(); ++it) {
        EXPECT_EQ((*it)[1], (*it)[2]) << "a code's constant and its id differ";
        found.push_back((*it)[2]);
    }
    return found;
}

bool is_snake_case(std::string_view id) {
    if (id.empty() || id.front() == '_' || id.back() == '_') return false;
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

TEST(ErrorCodes, AreSnakeCaseAndUnique) {
    std::set<std::string_view> seen;
    for (auto code : codes::kAll) {
        EXPECT_TRUE(is_snake_case(code)) << code;
        EXPECT_TRUE(seen.insert(code).second) << code << " twice";
    }
}

TEST(ErrorCodes, EveryCodeAndKindIsDocumented) {
    std::string doc = api_doc();
    ASSERT_FALSE(doc.empty()) << "docs/api.md not found";
    for (auto code : codes::kAll) {
        EXPECT_NE(doc.find("| `" + std::string(code) + "` |"), std::string::npos)
            << code << " is missing from the code table of docs/api.md";
    }
    for (ErrorKind kind :
         {ErrorKind::invalid, ErrorKind::not_found, ErrorKind::refused, ErrorKind::conflict,
          ErrorKind::too_large, ErrorKind::unsupported, ErrorKind::corrupt, ErrorKind::io,
          ErrorKind::unavailable, ErrorKind::internal}) {
        EXPECT_NE(doc.find("| `" + std::string(error_kind_name(kind)) + "` |"), std::string::npos)
            << error_kind_name(kind);
    }
}

TEST(ErrorCodes, TheTableListsEveryDeclaredCode) {
    std::set<std::string> all(codes::kAll.begin(), codes::kAll.end());
    auto declared = declared_codes();
    ASSERT_FALSE(declared.empty()) << "src/util/error_codes.hpp not found";
    for (const auto& code : declared) EXPECT_TRUE(all.count(code)) << code << " is not in kAll";
    EXPECT_EQ(declared.size(), codes::kAll.size());
}

TEST(ErrorCodes, TheDocumentListsNoCodeTheServerLacks) {
    std::set<std::string> known(codes::kAll.begin(), codes::kAll.end());
    for (ErrorKind kind :
         {ErrorKind::invalid, ErrorKind::not_found, ErrorKind::refused, ErrorKind::conflict,
          ErrorKind::too_large, ErrorKind::unsupported, ErrorKind::corrupt, ErrorKind::io,
          ErrorKind::unavailable, ErrorKind::internal}) {
        known.insert(std::string(error_kind_name(kind)));
    }
    auto documented = documented_codes(api_doc());
    ASSERT_FALSE(documented.empty()) << "docs/api.md has no Error codes table";
    std::set<std::string> seen;
    for (const auto& code : documented) {
        EXPECT_TRUE(known.count(code)) << code << " is documented but the server has no such code";
        EXPECT_TRUE(seen.insert(code).second) << code << " is documented twice";
    }
    EXPECT_EQ(seen.size(), known.size());
}

}  // namespace
}  // namespace lote

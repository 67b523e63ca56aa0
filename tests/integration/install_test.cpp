// `cmake --install` under a temporary prefix, and the installed lote run from a folder where
// the source tree is out of reach: it finds its page and its libvips modules relative to its
// own location, carries no path of the build, and its man page comes from its real help.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "install_support.hpp"

namespace lote::install_testing {
namespace {

using lote::testing::http_get;

const fs::path kBuildDir = LOTE_BUILD_DIR;
const fs::path kSourceDir = LOTE_SOURCE_DIR;

// The files under `root`, as paths relative to it.
std::set<std::string> files_under(const fs::path& root) {
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_directory()) files.insert(fs::relative(entry.path(), root).string());
    }
    return files;
}

bool heif_module_built() {
    const fs::path home = kBuildDir / "vips-home";
    if (!fs::is_directory(home)) return false;
    for (const auto& entry : fs::recursive_directory_iterator(home)) {
        if (entry.path().filename() == "vips-heif.so") return true;
    }
    return false;
}

// The libvips module folder `binary` starts with, as `lote version` reports it.
std::string modules_of(const fs::path& binary, const fs::path& cwd) {
    Ran version = run({binary.string(), "version"}, cwd);
    EXPECT_EQ(version.status, 0) << version.both();
    auto at = version.out.find("libvips modules: ");
    return at == std::string::npos ? version.out : version.out.substr(at + 17);
}

class Installed : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        root_ = std::make_unique<TempDir>();
        install_ =
            run({LOTE_CMAKE, "--install", kBuildDir.string(), "--prefix", prefix().string()});
    }
    static void TearDownTestSuite() { root_.reset(); }

    void SetUp() override {
        ASSERT_EQ(install_.status, 0) << install_.both();
        ::unsetenv("LOTE_WEB_DIR");  // the installed binary must find its page by itself
    }

    static fs::path prefix() { return root_->path() / "prefix"; }
    static fs::path binary() { return prefix() / "bin" / "lote"; }

    static std::unique_ptr<TempDir> root_;
    static Ran install_;
};

std::unique_ptr<TempDir> Installed::root_;
Ran Installed::install_;

TEST_F(Installed, LaysOutTheBinaryPageModulesDocsAndManPage) {
    EXPECT_EQ(::access(binary().c_str(), X_OK), 0);
    EXPECT_EQ(files_under(prefix() / "share/lote/web"), files_under(kSourceDir / "web"));
    EXPECT_EQ(read_file(prefix() / "share/lote/web/index.html"),
              read_file(kSourceDir / "web/index.html"));
    EXPECT_TRUE(fs::is_regular_file(prefix() / "share/doc/lote/README.md"));
    for (const auto& entry : fs::directory_iterator(kSourceDir / "docs")) {
        if (entry.path().extension() == ".md") {
            EXPECT_TRUE(fs::is_regular_file(prefix() / "share/doc/lote" / entry.path().filename()))
                << entry.path().filename();
        }
    }
    EXPECT_TRUE(fs::is_regular_file(prefix() / "share/man/man1/lote.1.gz"));
    const fs::path vips_home = prefix() / "lib/lote/vips-home";
    ASSERT_TRUE(fs::is_directory(vips_home));
    if (heif_module_built()) {
        bool found = false;
        for (const auto& entry : fs::recursive_directory_iterator(vips_home)) {
            if (entry.path().filename() != "vips-heif.so") continue;
            found = true;
            EXPECT_TRUE(fs::exists(entry.path())) << "a dangling module link";
            const std::string target = fs::read_symlink(entry.path()).string();
            EXPECT_EQ(target.find(kBuildDir.string()), std::string::npos) << target;
        }
        EXPECT_TRUE(found) << "the HEIF module was not installed";
    }
    // The service's files are the package's: a plain install writes no /etc and no units.
    EXPECT_FALSE(fs::exists(prefix() / "etc"));
    EXPECT_FALSE(fs::exists(prefix() / "lib/systemd"));
    EXPECT_EQ(install_.both().find("/etc/"), std::string::npos) << install_.both();
}

TEST_F(Installed, TheBinaryHoldsNoPathOfTheBuild) {
    const std::string bytes = read_file(binary());
    ASSERT_GT(bytes.size(), 100000u);
    for (const fs::path& path : {kSourceDir, kBuildDir, fs::weakly_canonical(kSourceDir),
                                 fs::weakly_canonical(kBuildDir)}) {
        EXPECT_EQ(bytes.find(path.string()), std::string::npos) << path << " is in the binary";
    }
    if (have_program("strings")) {
        Ran strings = shell("strings -n 6 " + quoted(binary().string()) + " | grep -F -e " +
                            quoted(fs::weakly_canonical(kSourceDir).string()) + " -e " +
                            quoted(fs::weakly_canonical(kBuildDir).string()));
        EXPECT_EQ(strings.status, 1) << "grep found: " << strings.out;
    }
}

TEST_F(Installed, TheManPageIsTheHelpOfEveryCommand) {
    Ran man = shell("gzip -dc " + quoted((prefix() / "share/man/man1/lote.1.gz").string()));
    ASSERT_EQ(man.status, 0) << man.err;
    std::string text = man.out;
    std::erase(text, '\\');  // roff writes every '-' of an option as '\-'
    EXPECT_NE(text.find(".TH LOTE \"1\""), std::string::npos) << text.substr(0, 300);
    EXPECT_NE(text.find(LOTE_EXPECTED_VERSION), std::string::npos);
    EXPECT_NE(text.find("SETTINGS FILE"), std::string::npos);
    const std::regex option(R"(--[a-z][a-z-]+)");
    for (const std::string command : {"run", "filters", "samples", "compare", "serve", "version"}) {
        EXPECT_NE(text.find(command), std::string::npos) << command;
        Ran help = run({binary().string(), command, "--help"}, root_->path());
        ASSERT_EQ(help.status, 0) << help.both();
        for (std::sregex_iterator it(help.out.begin(), help.out.end(), option), end; it != end;
             ++it) {
            EXPECT_NE(text.find(it->str()), std::string::npos)
                << "lote " << command << " " << it->str() << " is not in the man page";
        }
    }
}

TEST_F(Installed, RunsABatchFromAFolderWithoutTheSourceTree) {
    TempDir work;
    fs::create_directories(work / "in");
    copy_a_photo(binary(), work / "in" / "photo.jpg");

    Ran version = run({binary().string(), "--version"}, work.path());
    EXPECT_EQ(version.status, 0);
    EXPECT_EQ(version.out, std::string("lote ") + LOTE_EXPECTED_VERSION + "\n");
    Ran filters = run({binary().string(), "filters"}, work.path());
    EXPECT_EQ(filters.status, 0) << filters.both();
    EXPECT_NE(filters.out.find("sepia"), std::string::npos);

    Ran batch =
        run({binary().string(), "run", "in", "-o", "out", "-f", "sepia", "-f", "fit:ancho=320"},
            work.path());
    ASSERT_EQ(batch.status, 0) << batch.both();
    // An independent reader of what was written: as many pixels as the photo (turned upright,
    // width and height may swap).
    auto pixels = [](const fs::path& image) {
        Ran w = run({"vipsheader", "-f", "width", image.string()});
        Ran h = run({"vipsheader", "-f", "height", image.string()});
        EXPECT_EQ(w.status, 0) << image << w.both();
        return w.status == 0 && h.status == 0 ? std::stol(w.out) * std::stol(h.out) : -1L;
    };
    EXPECT_EQ(pixels(work / "out/sepia/photo_sepia.jpg"), pixels(work / "in/photo.jpg"));
    bool fitted = false;
    for (const auto& entry : fs::recursive_directory_iterator(work / "out")) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.rfind("photo_", 0) == 0 &&
            (name.find("ajustar") != std::string::npos || name.find("fit") != std::string::npos)) {
            Ran width = run({"vipsheader", "-f", "width", entry.path().string()});
            EXPECT_EQ(width.out, "320\n") << entry.path();
            fitted = true;
        }
    }
    EXPECT_TRUE(fitted) << "no fitted output under " << (work / "out");
}

// `binary` serve on a free port from `cwd`: the page it serves, its health, its VIPSHOME.
struct Served {
    int page_status = 0;
    std::string page;
    std::string health;
    std::string modules;
    std::string printed;
};

Served serve_from(const fs::path& binary, const fs::path& cwd) {
    Child server({binary.string(), "serve", "--port", "0", "--no-samples", "--input",
                  (cwd / "in").string(), "--output", (cwd / "out").string()},
                 cwd);
    const auto port = server.wait_for_port();
    Served served;
    auto page = http_get(port, "/");
    served.page_status = page.status;
    served.page = page.body;
    served.health = http_get(port, "/healthz").body;
    EXPECT_EQ(server.stop(), 0);
    served.printed = server.out();
    served.modules = modules_of(binary, cwd);
    return served;
}

TEST_F(Installed, ServesItsOwnPageAndStartsLibvipsWithItsOwnModules) {
    TempDir work;
    Served served = serve_from(binary(), work.path());
    EXPECT_EQ(served.page_status, 200);
    EXPECT_EQ(served.page, read_file(prefix() / "share/lote/web/index.html"));
    EXPECT_NE(served.health.find(std::string("\"version\":\"") + LOTE_EXPECTED_VERSION),
              std::string::npos)
        << served.health;
    const fs::path page_dir = fs::weakly_canonical(prefix() / "share/lote/web");
    EXPECT_NE(served.printed.find("page from " + page_dir.string()), std::string::npos)
        << served.printed;
    const fs::path vips_home = fs::weakly_canonical(prefix() / "lib/lote/vips-home");
    EXPECT_EQ(served.modules, vips_home.string() + "\n");
}

TEST_F(Installed, AMovedPrefixStillFindsEverything) {
    TempDir elsewhere;
    const fs::path moved = elsewhere / "opt lote";
    fs::copy(prefix(), moved, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    TempDir work;
    Served served = serve_from(moved / "bin/lote", work.path());
    EXPECT_EQ(served.page_status, 200);
    EXPECT_EQ(served.page, read_file(kSourceDir / "web/index.html"));
    EXPECT_NE(
        served.printed.find("page from " + fs::weakly_canonical(moved / "share/lote/web").string()),
        std::string::npos)
        << served.printed;
    EXPECT_EQ(served.modules, fs::weakly_canonical(moved / "lib/lote/vips-home").string() + "\n");
}

TEST_F(Installed, AModuleLinkLeadingNowhereLetsLibvipsLoadTheSystemModules) {
    if (!heif_module_built()) GTEST_SKIP() << "this libvips has no HEIF module to link";
    TempDir elsewhere;
    const fs::path copy = elsewhere / "prefix";
    fs::copy(prefix(), copy, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    for (const auto& entry : fs::recursive_directory_iterator(copy / "lib/lote/vips-home")) {
        if (entry.is_symlink()) {
            fs::remove(entry.path());
            fs::create_symlink("/nonexistent/vips-modules-0.0/vips-heif.so", entry.path());
            break;
        }
    }
    // libvips then uses its own prefix as its home (where it finds every installed module).
    const std::string modules = modules_of(copy / "bin/lote", elsewhere.path());
    EXPECT_EQ(modules.find(copy.string()), std::string::npos) << modules;
    EXPECT_EQ(modules, "/usr\n");
}

TEST_F(Installed, ABinaryCopiedAwayFromItsPageSaysSoAndStillServesTheApi) {
    TempDir alone;
    fs::create_directories(alone / "bin");
    fs::copy_file(binary(), alone / "bin/lote");
    Child server({(alone / "bin/lote").string(), "serve", "--port", "0", "--no-samples", "--input",
                  (alone / "in").string(), "--output", (alone / "out").string()},
                 alone.path());
    const auto port = server.wait_for_port();
    EXPECT_EQ(http_get(port, "/healthz").status, 200);
    EXPECT_EQ(http_get(port, "/").status, 404);
    EXPECT_EQ(server.stop(), 0);
    EXPECT_NE(server.err().find("warning: no index.html in " +
                                fs::weakly_canonical(alone / "share/lote/web").string()),
              std::string::npos)
        << server.err();
}

TEST(BuildTree, TheBuiltBinaryStillFindsTheSourcePageAndBuildModules) {
    ::unsetenv("LOTE_WEB_DIR");
    TempDir work;
    Served served = serve_from(LOTE_BINARY, work.path());
    EXPECT_EQ(served.page_status, 200);
    EXPECT_EQ(served.page, read_file(kSourceDir / "web/index.html"));
    EXPECT_EQ(served.modules, fs::weakly_canonical(kBuildDir / "vips-home").string() + "\n");
}

TEST(BuildTree, ConfiguresWithoutTestsAndWithoutGoogleTest) {
    TempDir dir;
    // GoogleTest made unfindable: the configure fails if anything still asks for it.
    Ran configure = run({LOTE_CMAKE, "-S", kSourceDir.string(), "-B", (dir / "build").string(),
                         "-G", LOTE_CMAKE_GENERATOR, "-DBUILD_TESTING=OFF",
                         "-DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON", "-DCMAKE_BUILD_TYPE=Release"});
    ASSERT_EQ(configure.status, 0) << configure.both();
    Ran targets = run({LOTE_CMAKE, "--build", (dir / "build").string(), "--target", "help"});
    ASSERT_EQ(targets.status, 0) << targets.both();
    EXPECT_NE(targets.out.find("lote"), std::string::npos);
    EXPECT_NE(targets.out.find("install"), std::string::npos);
    EXPECT_EQ(targets.out.find("test_unit_util"), std::string::npos) << targets.out;
    EXPECT_EQ(targets.out.find("test_integration"), std::string::npos);

    // The same source with tests on, and GoogleTest made unfindable: it must fail, so the
    // check above does test something.
    Ran with_tests = run({LOTE_CMAKE, "-S", kSourceDir.string(), "-B", (dir / "tests").string(),
                          "-G", LOTE_CMAKE_GENERATOR, "-DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON"});
    EXPECT_NE(with_tests.status, 0) << with_tests.both();
}

}  // namespace
}  // namespace lote::install_testing

// `cpack -G DEB` from the build folder, the package inspected with dpkg-deb (files, Depends,
// conffiles, units, maintainer scripts), its binary run from the unpacked tree, and, where the
// machine allows, the package installed with apt in a fresh Debian 12 root made by debootstrap,
// its service command started there as the `lote` user, upgraded and purged.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "install_support.hpp"

namespace lote::install_testing {
namespace {

using lote::testing::http_get;

const fs::path kBuildDir = LOTE_BUILD_DIR;

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

// The package names of a Depends field ("a (>= 1), b | c" → a, b, c).
std::set<std::string> package_names(const std::string& depends) {
    std::set<std::string> names;
    std::string name;
    bool in_version = false;
    for (char c : depends + ",") {
        if (c == '(') in_version = true;
        if (c == ')') in_version = false;
        if (in_version) continue;
        if (c == ',' || c == '|') {
            if (!name.empty()) names.insert(name);
            name.clear();
        } else if (c != ' ' && c != ')') {
            name += c;
        }
    }
    return names;
}

// `key=value` lines of a systemd unit's [Service]/[Unit]/[Install] sections (repeated keys
// joined by newlines).
std::map<std::string, std::string> unit_settings(const std::string& text) {
    std::map<std::string, std::string> settings;
    for (const std::string& line : lines_of(text)) {
        if (line[0] == '#' || line[0] == '[') continue;
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string& value = settings[line.substr(0, eq)];
        value += (value.empty() ? "" : "\n") + line.substr(eq + 1);
    }
    return settings;
}

class DebPackage : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<TempDir>();
        build_ =
            run({LOTE_CPACK, "-G", "DEB", "--config", (kBuildDir / "CPackConfig.cmake").string(),
                 "-B", (dir_->path() / "out").string()},
                kBuildDir);
        for (const auto& entry : fs::directory_iterator(dir_->path() / "out")) {
            if (entry.path().extension() == ".deb") deb_ = entry.path();
        }
        if (deb_.empty()) return;
        unpacked_ = run({"dpkg-deb", "-x", deb_.string(), (dir_->path() / "tree").string()});
        control_ = run({"dpkg-deb", "-e", deb_.string(), (dir_->path() / "control").string()});
    }
    static void TearDownTestSuite() { dir_.reset(); }

    void SetUp() override {
        ASSERT_EQ(build_.status, 0) << build_.both();
        ASSERT_FALSE(deb_.empty()) << "cpack made no .deb: " << build_.both();
        ASSERT_EQ(unpacked_.status, 0) << unpacked_.both();
        ASSERT_EQ(control_.status, 0) << control_.both();
    }

    static std::string field(const std::string& name) {
        return trimmed(run({"dpkg-deb", "-f", deb_.string(), name}).out);
    }
    static fs::path tree() { return dir_->path() / "tree"; }
    static fs::path control() { return dir_->path() / "control"; }

    static std::unique_ptr<TempDir> dir_;
    static Ran build_, unpacked_, control_;
    static fs::path deb_;
};

std::unique_ptr<TempDir> DebPackage::dir_;
Ran DebPackage::build_, DebPackage::unpacked_, DebPackage::control_;
fs::path DebPackage::deb_;

TEST_F(DebPackage, IsNamedForItsVersionAndArchitecture) {
    const std::string arch = trimmed(run({"dpkg", "--print-architecture"}).out);
    EXPECT_EQ(field("Package"), "lote");
    EXPECT_EQ(field("Version"), LOTE_EXPECTED_VERSION);
    EXPECT_EQ(field("Architecture"), arch);
    EXPECT_EQ(deb_.filename().string(),
              std::string("lote_") + LOTE_EXPECTED_VERSION + "_" + arch + ".deb");
    EXPECT_FALSE(field("Maintainer").empty());
    EXPECT_FALSE(field("Description").empty());
}

TEST_F(DebPackage, DependsOnThePackageOfEveryLibraryTheBinaryLinks) {
    const std::set<std::string> depends = package_names(field("Depends"));
    for (const char* expected : {"libvips42", "libsqlite3-0", "libarchive13", "adduser"}) {
        EXPECT_TRUE(depends.count(expected)) << expected << " missing from " << field("Depends");
    }
    for (const std::string& name : depends) {
        EXPECT_EQ(name.find("-dev"), std::string::npos) << "a build package in Depends: " << name;
    }
    // Every library the unpacked binary needs, traced to its Debian package by an independent
    // route (the dynamic loader, then dpkg's file list), must be in Depends.
    const fs::path binary = tree() / "usr/bin/lote";
    Ran needed =
        shell("objdump -p " + quoted(binary.string()) + " | awk '$1 == \"NEEDED\" {print $2}'");
    ASSERT_EQ(needed.status, 0) << needed.both();
    Ran ldd = run({"ldd", binary.string()});
    ASSERT_EQ(ldd.status, 0) << ldd.both();
    const auto sonames = lines_of(needed.out);
    ASSERT_GE(sonames.size(), 4u) << needed.out;
    for (const std::string& soname : sonames) {
        std::smatch m;
        const std::regex where("\\s" + std::regex_replace(soname, std::regex(R"([.+])"), R"(\$&)") +
                               R"( => (\S+))");
        ASSERT_TRUE(std::regex_search(ldd.out, m, where)) << soname << " not resolved:\n"
                                                          << ldd.out;
        const std::string path = fs::canonical(m[1].str()).string();
        // dpkg knows a file by the path its package shipped: /lib or /usr/lib (merged /usr).
        Ran owner = shell("dpkg -S " + quoted(path) + " 2>/dev/null || dpkg -S " +
                          quoted(path.rfind("/usr/", 0) == 0 ? path.substr(4) : "/usr" + path));
        ASSERT_EQ(owner.status, 0) << "no package owns " << path;
        const std::string package = owner.out.substr(0, owner.out.find_first_of(":,"));
        EXPECT_TRUE(depends.count(package))
            << soname << " comes from " << package << ", not in Depends: " << field("Depends");
    }
}

TEST_F(DebPackage, ShipsTheProgramPageModulesDocsManPageUnitsAndSettings) {
    Ran listing = run({"dpkg-deb", "-c", deb_.string()});
    ASSERT_EQ(listing.status, 0) << listing.both();
    for (const char* path :
         {"./usr/bin/lote", "./usr/share/lote/web/index.html", "./usr/lib/lote/vips-home/",
          "./usr/share/man/man1/lote.1.gz", "./usr/share/doc/lote/README.md",
          "./usr/lib/systemd/system/lote.service", "./usr/lib/systemd/system/lote-node@.service",
          "./etc/lote/lote.toml", "./etc/lote/node.env"}) {
        EXPECT_NE(listing.out.find(std::string(" ") + path), std::string::npos)
            << path << " not in:\n"
            << listing.out;
    }
    for (const std::string& line : lines_of(listing.out)) {
        EXPECT_NE(line.find(" root/root "), std::string::npos) << line;
        EXPECT_EQ(line.find(kBuildDir.string()), std::string::npos) << line;
        EXPECT_EQ(line.find("_CPack_Packages"), std::string::npos) << line;
    }
    struct stat info {};
    ASSERT_EQ(::stat((tree() / "usr/bin/lote").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0755u);
    ASSERT_EQ(::stat((tree() / "etc/lote/lote.toml").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0007, 0u) << "the settings may hold the token";
    const std::string bytes = read_file(tree() / "usr/bin/lote");
    EXPECT_EQ(bytes.find(kBuildDir.string()), std::string::npos);
    EXPECT_EQ(bytes.find(std::string(LOTE_SOURCE_DIR)), std::string::npos);
}

TEST_F(DebPackage, MarksTheSettingsAsConffiles) {
    EXPECT_EQ(lines_of(read_file(control() / "conffiles")),
              (std::vector<std::string>{"/etc/lote/lote.toml", "/etc/lote/node.env"}));
}

TEST_F(DebPackage, MaintainerScriptsAreExecutableShellThatMakeTheUser) {
    for (const char* script : {"postinst", "prerm", "postrm"}) {
        const fs::path path = control() / script;
        ASSERT_TRUE(fs::is_regular_file(path)) << script;
        EXPECT_EQ(::access(path.c_str(), X_OK), 0) << script;
        Ran syntax = run({"sh", "-n", path.string()});
        EXPECT_EQ(syntax.status, 0) << script << ": " << syntax.both();
        EXPECT_EQ(read_file(path).rfind("#!/bin/sh\n", 0), 0u) << script;
    }
    const std::string postinst = read_file(control() / "postinst");
    EXPECT_NE(postinst.find("adduser --system"), std::string::npos);
    EXPECT_NE(postinst.find("/var/lib/lote"), std::string::npos);
    // The scripts run in a scratch root: configure makes the user and folders, chowns the
    // settings; remove and purge leave /var/lib/lote (photos) alone.
}

TEST_F(DebPackage, TheServiceRunsServeWithItsSettingsAsLote) {
    auto unit = unit_settings(read_file(tree() / "usr/lib/systemd/system/lote.service"));
    EXPECT_EQ(unit["ExecStart"], "/usr/bin/lote serve --config /etc/lote/lote.toml");
    EXPECT_EQ(unit["User"], "lote");
    EXPECT_EQ(unit["Group"], "lote");
    EXPECT_EQ(unit["WorkingDirectory"], "/var/lib/lote");
    EXPECT_EQ(unit["WantedBy"], "multi-user.target");
    EXPECT_EQ(unit["RestartPreventExitStatus"], "2");

    auto node = unit_settings(read_file(tree() / "usr/lib/systemd/system/lote-node@.service"));
    EXPECT_EQ(node["ExecStart"], "/usr/bin/lote node $LOTE_NODE_OPTIONS");
    EXPECT_EQ(node["User"], "lote");
    EXPECT_EQ(node["EnvironmentFile"], "/etc/lote/node.env\n-/etc/lote/node-%i.env");
    const std::string env = read_file(tree() / "etc/lote/node.env");
    EXPECT_NE(env.find("LOTE_NODE_OPTIONS=\"--broker "), std::string::npos) << env;

    if (have_program("systemd-analyze")) {
        // systemd's own reader of unit files: a misspelt key or section, a bad value, a missing
        // ExecStart are reported. The one complaint allowed is that /usr/bin/lote is not on
        // this machine (the units are checked out of the package, not installed).
        for (const char* name : {"lote.service", "lote-node@.service"}) {
            Ran verify = run({"systemd-analyze", "verify", "--man=no",
                              (tree() / "usr/lib/systemd/system" / name).string()});
            for (const std::string& line : lines_of(verify.both())) {
                EXPECT_NE(line.find("Command /usr/bin/lote is not executable"), std::string::npos)
                    << name << ": " << line;
            }
        }
    }
}

TEST_F(DebPackage, TheUnpackedBinaryStartsWithTheShippedSettings) {
    TempDir work;
    // The shipped file as is, its folders moved into a scratch folder and its port freed.
    std::string settings = read_file(tree() / "etc/lote/lote.toml");
    settings = std::regex_replace(settings, std::regex("/var/lib/lote"), work.path().string());
    settings = std::regex_replace(settings, std::regex("port = 8765"), "port = 0");
    std::ofstream(work / "lote.toml") << settings;
    Child server(
        {(tree() / "usr/bin/lote").string(), "serve", "--config", (work / "lote.toml").string()},
        work.path());
    const auto port = server.wait_for_port();
    auto page = http_get(port, "/");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body, read_file(tree() / "usr/share/lote/web/index.html"));
    EXPECT_EQ(http_get(port, "/healthz").status, 200);
    EXPECT_EQ(server.stop(), 0);
    EXPECT_TRUE(fs::exists(work / "jobs.sqlite"));
    EXPECT_TRUE(fs::is_directory(work / "input"));
    EXPECT_TRUE(fs::is_empty(work / "input"));
}

// ---- Installed in a fresh Debian 12 root ----------------------------------------------------

fs::path cache_dir() {
    const char* env = std::getenv("LOTE_TEST_CACHE");
    return env && *env ? fs::path(env) : fs::path("/var/cache/lote-tests");
}

std::string mirror() {
    const char* env = std::getenv("LOTE_TEST_DEBIAN_MIRROR");
    return env && *env ? env : "http://deb.debian.org/debian";
}

// A Debian 12 minbase root made once by debootstrap and kept in the cache (reruns copy it);
// the reason it cannot be had, or "" when it is ready.
std::string minbase_root(const fs::path& root) {
    if (::geteuid() != 0) return "installing a package in a scratch root needs root";
    for (const char* tool : {"chroot", "unshare", "flock"}) {
        if (!have_program(tool)) return std::string(tool) + " is not installed";
    }
    if (fs::exists(root / ".lote-complete")) return "";
    if (!have_program("debootstrap"))
        return "debootstrap is not installed (apt-get install debootstrap)";
    std::error_code ec;
    fs::create_directories(root.parent_path(), ec);
    if (ec) return "cannot create " + root.parent_path().string() + ": " + ec.message();
    // One test process makes it while any other waits on the lock; a half-made root never
    // takes the final name. `timeout` ends debootstrap itself on a network that stalls.
    const std::string script = R"(
        exec 9>"$1.lock" && flock 9 || exit 1
        [ -e "$1/.lote-complete" ] && exit 0
        rm -rf "$1.partial"
        timeout 420 debootstrap --variant=minbase bookworm "$1.partial" "$2" >"$1.log" 2>&1 ||
            exit 1
        touch "$1.partial/.lote-complete" && rm -rf "$1" && mv "$1.partial" "$1"
    )";
    Ran made = run({"/bin/sh", "-c", script, "sh", root.string(), mirror()}, "/", {}, 480s);
    if (made.status != 0) {
        Ran tail = run({"tail", "-n", "5", root.string() + ".log"});
        return "debootstrap could not make a Debian 12 root from " + mirror() +
               " within 7 minutes (no network to the Debian mirror?): " + tail.out + made.err;
    }
    return "";
}

// Shell commands run inside `root` (with /proc, and apt's downloads kept in the cache), in a
// mount namespace of their own: the mounts vanish with the last process, whatever happens.
std::vector<std::string> in_root(const fs::path& root, const std::string& script) {
    const fs::path archives = cache_dir() / "apt-archives";
    fs::create_directories(archives / "partial");
    const std::string r = quoted(root.string());
    return {"unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -t proc proc " + r + "/proc && mount --bind " + quoted(archives.string()) + " " +
                r + "/var/cache/apt/archives && exec chroot " + r + " /bin/sh -c " +
                quoted(script)};
}

Ran run_in_root(const fs::path& root, const std::string& script,
                std::chrono::seconds limit = 420s) {
    return run(in_root(root, script), "/", {"DEBIAN_FRONTEND=noninteractive", "LC_ALL=C"}, limit);
}

TEST_F(DebPackage, InstallsOnAFreshDebian12AndItsServiceStarts) {
    const fs::path cached = cache_dir() / "bookworm-minbase";
    if (std::string why = minbase_root(cached); !why.empty()) GTEST_SKIP() << why;
    TempDir scratch;
    const fs::path root = scratch / "root";
    ASSERT_EQ(run({"cp", "-a", cached.string(), root.string()}).status, 0);
    fs::copy_file(deb_, root / "tmp/lote.deb");

    Ran update = run_in_root(root, "apt-get update -qq", 120s);
    if (update.status != 0)
        GTEST_SKIP() << "apt-get update fails in the scratch root: " << update.both();
    Ran install = run_in_root(root, "apt-get install -y -qq --no-install-recommends /tmp/lote.deb");
    ASSERT_EQ(install.status, 0) << install.both();

    // The user, its folders and the settings' rights, as the maintainer scripts left them.
    Ran user = run_in_root(root, "getent passwd lote");
    ASSERT_EQ(user.status, 0) << "no lote user: " << user.both();
    auto fields = [&] {
        std::vector<std::string> f;
        std::stringstream in(trimmed(user.out));
        for (std::string part; std::getline(in, part, ':');) f.push_back(part);
        return f;
    }();
    ASSERT_EQ(fields.size(), 7u) << user.out;
    const std::string uid = fields[2], gid = fields[3];
    EXPECT_NE(uid, "0");
    EXPECT_LT(std::stoi(uid), 1000) << "a system user";
    EXPECT_EQ(fields[5], "/var/lib/lote");
    EXPECT_EQ(fields[6], "/usr/sbin/nologin");
    Ran rights = run_in_root(root,
                             "stat -c '%n %U:%G %a' /var/lib/lote /var/lib/lote/input "
                             "/var/lib/lote/output /etc/lote/lote.toml /etc/lote/node.env");
    EXPECT_EQ(rights.out,
              "/var/lib/lote lote:lote 750\n/var/lib/lote/input lote:lote 750\n"
              "/var/lib/lote/output lote:lote 750\n/etc/lote/lote.toml root:lote 640\n"
              "/etc/lote/node.env root:lote 640\n");

    // An administrator moves the service to another port (0: any free one, printed).
    Ran edit = run_in_root(root,
                           "sed -i 's/^port = 8765$/port = 0/' /etc/lote/lote.toml && "
                           "grep -qx 'port = 0' /etc/lote/lote.toml");
    ASSERT_EQ(edit.status, 0) << edit.both();

    // The unit's own command, user and folder, as systemd would start it.
    auto unit = unit_settings(read_file(root / "usr/lib/systemd/system/lote.service"));
    ASSERT_EQ(unit["User"], "lote");
    {
        Child service(in_root(root, "cd " + unit["WorkingDirectory"] +
                                        " && exec chroot --skip-chdir --userspec=" + uid + ":" +
                                        gid + " / " + unit["ExecStart"]),
                      "/");
        const auto port = service.wait_for_port();
        auto page = http_get(port, "/");
        EXPECT_EQ(page.status, 200);
        EXPECT_EQ(page.body, read_file(root / "usr/share/lote/web/index.html"));
        auto health = http_get(port, "/healthz");
        EXPECT_EQ(health.status, 200);
        EXPECT_EQ(health.body_json().value("version", ""), LOTE_EXPECTED_VERSION);
        const std::string status = read_file("/proc/" + std::to_string(service.pid()) + "/status");
        EXPECT_NE(status.find("Uid:\t" + uid + "\t"), std::string::npos) << status;
        std::error_code ec;
        EXPECT_EQ(fs::read_symlink("/proc/" + std::to_string(service.pid()) + "/cwd", ec),
                  root / "var/lib/lote");
        EXPECT_EQ(service.stop(), 0) << service.out() << service.err();
        EXPECT_NE(service.out().find("settings from /etc/lote/lote.toml"), std::string::npos)
            << service.out();
        EXPECT_NE(service.out().find("page from /usr/share/lote/web"), std::string::npos);
    }
    struct stat store {};
    ASSERT_EQ(::stat((root / "var/lib/lote/jobs.sqlite").c_str(), &store), 0);
    EXPECT_EQ(std::to_string(store.st_uid), uid);

    // A batch as the lote user, on a real photo: the libraries Depends pulled in are enough.
    copy_a_photo(tree() / "usr/bin/lote", root / "var/lib/lote/input/photo.jpg");
    Ran batch = run_in_root(root,
                            "chown lote:lote /var/lib/lote/input/photo.jpg && cd /var/lib/lote"
                            " && chroot --skip-chdir --userspec=" +
                                uid + ":" + gid +
                                " / /usr/bin/lote run input -o output -f sepia --mode procesos");
    ASSERT_EQ(batch.status, 0) << batch.both();
    EXPECT_TRUE(fs::is_regular_file(root / "var/lib/lote/output/sepia/photo_sepia.jpg"));

    // Installing the same package again (an upgrade's path through the scripts) keeps the
    // administrator's settings; purging removes the program and /etc/lote but not the photos.
    Ran again = run_in_root(root, "dpkg -i /tmp/lote.deb");
    EXPECT_EQ(again.status, 0) << again.both();
    EXPECT_NE(read_file(root / "etc/lote/lote.toml").find("\nport = 0\n"), std::string::npos);
    Ran purge = run_in_root(root, "dpkg --purge lote");
    EXPECT_EQ(purge.status, 0) << purge.both();
    EXPECT_FALSE(fs::exists(root / "usr/bin/lote"));
    EXPECT_FALSE(fs::exists(root / "etc/lote"));
    EXPECT_FALSE(fs::exists(root / "usr/lib/systemd/system/lote.service"));
    EXPECT_TRUE(fs::is_regular_file(root / "var/lib/lote/output/sepia/photo_sepia.jpg"));
}

}  // namespace
}  // namespace lote::install_testing

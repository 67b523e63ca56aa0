#pragma once
// Real photos with the metadata a camera and a photographer's software leave, written onto copies
// with exiftool (an independent writer), and read back with exiftool (an independent reader).
#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <vips/vips8>

#ifndef LOTE_PHOTOS_DIR
#define LOTE_PHOTOS_DIR "../shared/data/photos"
#endif

namespace lote::testing {

inline const char* kAdobeRgbProfile = "/usr/share/color/icc/colord/AdobeRGB1998.icc";
inline const char* kGreyProfile = "/usr/share/color/icc/Gray.icc";

inline std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

// Runs a shell command, returns its stdout; fails the test when it exits non-zero.
inline std::string command_output(const std::string& command, bool must_succeed = true) {
    std::string out;
    FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (pipe == nullptr) {
        ADD_FAILURE() << "cannot run " << command;
        return out;
    }
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        out.append(buffer.data(), n);
    }
    int status = pclose(pipe);
    if (must_succeed && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
        ADD_FAILURE() << "command failed: " << command;
    }
    return out;
}

// The project's sample photos: LOTE_PHOTOS_DIR from the build, or the environment variable of
// that name when the build's folder is not there (a work tree laid out elsewhere).
inline std::filesystem::path photos_dir() {
    std::error_code ec;
    if (std::filesystem::is_directory(LOTE_PHOTOS_DIR, ec)) return LOTE_PHOTOS_DIR;
    const char* env = std::getenv("LOTE_PHOTOS_DIR");
    return env != nullptr ? env : LOTE_PHOTOS_DIR;
}

inline std::string sample_photo(const std::string& name = "Garden.jpg") {
    return (photos_dir() / name).string();
}

// The tags exiftool reads, as {"Group:Tag": value} (-G1 groups: IFD0, ExifIFD, GPS, IFD1,
// XMP-dc, XMP-photoshop, XMP-xmpRights, IPTC, ICC_Profile, ...), numbers as numbers (-n).
inline nlohmann::json exif_tags(const std::string& path) {
    std::string text = command_output("exiftool -j -a -G1 -n " + shell_quote(path));
    auto all = nlohmann::json::parse(text, nullptr, false);
    if (!all.is_array() || all.empty()) {
        ADD_FAILURE() << "exiftool read nothing from " << path;
        return nlohmann::json::object();
    }
    return all[0];
}

// exiftool over every file below `root` at once: {path: tags}.
inline std::map<std::string, nlohmann::json> exif_tags_under(const std::string& root) {
    std::string text = command_output("exiftool -j -a -G1 -n -r -q -q " + shell_quote(root), false);
    std::map<std::string, nlohmann::json> by_file;
    auto all = nlohmann::json::parse(text, nullptr, false);
    if (!all.is_array()) {
        ADD_FAILURE() << "exiftool read nothing below " << root;
        return by_file;
    }
    for (const auto& tags : all) by_file[tags.value("SourceFile", std::string())] = tags;
    return by_file;
}

inline std::string tag_text(const nlohmann::json& tags, const std::string& key) {
    if (!tags.contains(key)) return "";
    const auto& v = tags[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array() && !v.empty()) return v[0].is_string() ? v[0].get<std::string>() : v[0].dump();
    return v.dump();
}

// Every key of `tags` in the group (e.g. "GPS", "IFD1", "IPTC").
inline std::vector<std::string> keys_in_group(const nlohmann::json& tags,
                                              const std::string& group) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : tags.items()) {
        if (key.rfind(group + ":", 0) == 0) keys.push_back(key);
    }
    return keys;
}

// A copy of a real photo with what a camera writes (make, model, serial numbers, GPS, date,
// an EXIF thumbnail, orientation 6 = "rotate 90 CW") and what a photographer adds (artist and
// copyright in EXIF, XMP and IPTC; XMP rights; location fields), and an Adobe RGB profile.
// `width` > 0 scales the photo down first (keeps a test with many outputs quick).
inline void make_camera_photo(const std::string& dest, const std::string& source = sample_photo(),
                              int orientation = 6, int width = 0) {
    if (width > 0) {
        vips::VImage::thumbnail(source.c_str(), width).jpegsave(dest.c_str());
    } else {
        std::filesystem::copy_file(source, dest, std::filesystem::copy_options::overwrite_existing);
    }
    std::filesystem::permissions(dest, std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::add);
    std::string thumb = dest + ".thumb.jpg";
    vips::VImage::thumbnail(source.c_str(), 160).jpegsave(thumb.c_str());
    std::string args =
        "-q -overwrite_original -charset iptc=UTF8 -IPTC:CodedCharacterSet=UTF8 "
        "-EXIF:Artist='Ana Pérez' -EXIF:Copyright='© 2024 Ana Pérez' -EXIF:Make=Canon "
        "-EXIF:Model='Canon EOS R5' -EXIF:SerialNumber=012345678 -EXIF:LensSerialNumber=998877 "
        "-EXIF:GPSLatitude=40.4168 -EXIF:GPSLatitudeRef=N -EXIF:GPSLongitude=3.7038 "
        "-EXIF:GPSLongitudeRef=W -EXIF:GPSAltitude=650 "
        "-EXIF:DateTimeOriginal='2023:06:15 10:30:00' -EXIF:Orientation#=" +
        std::to_string(orientation) + " '-ThumbnailImage<=" + thumb +
        "' "
        "-XMP-dc:Creator='Ana Pérez' -XMP-dc:Rights='© 2024 Ana Pérez' "
        "-XMP-photoshop:Credit='Estudio Pérez' -XMP-xmpRights:Marked=True "
        "-XMP-xmpRights:WebStatement='https://example.com/license' "
        "-XMP-xmpRights:UsageTerms='All rights reserved' -XMP-photoshop:City=Madrid "
        "-XMP-iptcCore:Location=Retiro -XMP-exif:GPSLatitude=40.4168 "
        "-XMP-exif:GPSLongitude=-3.7038 -XMP-xmp:CreatorTool='Camera firmware' "
        "-IPTC:By-line='Ana Pérez' -IPTC:Credit='Estudio Pérez' "
        "-IPTC:CopyrightNotice='© 2024 Ana Pérez' -IPTC:Contact=ana@example.com "
        "-IPTC:City=Madrid -IPTC:Sub-location=Retiro -IPTC:Country-PrimaryLocationName=España "
        "-IPTC:Keywords=jardín '-ICC_Profile<=" +
        std::string(kAdobeRgbProfile) + "' ";
    command_output("exiftool " + args + shell_quote(dest));
    std::filesystem::remove(thumb);
}

inline std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Damages the EXIF block of a JPEG in place: the offset of its first directory points far
// past the block, as a broken camera or editor leaves it.
inline void break_exif(const std::string& path) {
    std::string bytes = file_bytes(path);
    std::size_t at = bytes.find(std::string("Exif\0\0", 6));
    ASSERT_NE(at, std::string::npos) << path << " has no EXIF";
    std::size_t tiff = at + 6;
    for (int i = 0; i < 4; ++i) bytes[tiff + 4 + i] = i == 3 ? '\0' : '\x7f';
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Damages the XMP packet of a file in place (its XML no longer parses).
inline void break_xmp(const std::string& path) {
    std::string bytes = file_bytes(path);
    std::size_t at = bytes.find("<x:xmpmeta");
    ASSERT_NE(at, std::string::npos) << path << " has no XMP";
    bytes.replace(at + 40, 10, "<<<<>>>>&&");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace lote::testing

// Format names and the JSON form of the load/save options (the worker protocol carries them).
#include "pipeline/options.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace lote {

namespace {

struct FormatNames {
    Format format;
    const char* name;
    const char* extension;
    std::array<const char*, 3> aliases;
};

constexpr std::array<FormatNames, 7> kFormats{{
    {Format::Jpeg, "jpeg", ".jpg", {"jpg", "jpe", nullptr}},
    {Format::Png, "png", ".png", {nullptr, nullptr, nullptr}},
    {Format::Webp, "webp", ".webp", {nullptr, nullptr, nullptr}},
    {Format::Avif, "avif", ".avif", {nullptr, nullptr, nullptr}},
    {Format::Tiff, "tiff", ".tiff", {"tif", nullptr, nullptr}},
    {Format::Gif, "gif", ".gif", {nullptr, nullptr, nullptr}},
    {Format::Heif, "heif", ".heic", {"heic", nullptr, nullptr}},
}};

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

const FormatNames& names_of(Format f) {
    for (const auto& entry : kFormats) {
        if (entry.format == f) {
            return entry;
        }
    }
    return kFormats[0];
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
    std::string wanted = lowercase(name);
    if (!wanted.empty() && wanted.front() == '.') {
        wanted.erase(0, 1);
    }
    for (const auto& entry : kFormats) {
        if (wanted == entry.name) {
            return entry.format;
        }
        for (const char* alias : entry.aliases) {
            if (alias != nullptr && wanted == alias) {
                return entry.format;
            }
        }
    }
    return std::nullopt;
}

std::string format_name(Format f) {
    return names_of(f).name;
}

std::string format_extension(Format f) {
    return names_of(f).extension;
}

std::optional<MetadataPolicy> parse_metadata_policy(std::string_view name) {
    if (name == "all") return MetadataPolicy::All;
    if (name == "copyright") return MetadataPolicy::Copyright;
    if (name == "none") return MetadataPolicy::None;
    return std::nullopt;
}

std::string metadata_policy_name(MetadataPolicy p) {
    switch (p) {
        case MetadataPolicy::All:
            return "all";
        case MetadataPolicy::Copyright:
            return "copyright";
        case MetadataPolicy::None:
            return "none";
    }
    return "all";
}

MetadataPolicy effective_policy(const SaveOptions& o) {
    return o.strip ? MetadataPolicy::None : o.metadata.policy;
}

nlohmann::json to_json(const LoadOptions& o) {
    nlohmann::json j{{"auto_orient", o.auto_orient}, {"max_pixels", o.max_pixels}};
    // Absent when off, so that older manifests' settings stay current.
    if (o.to_srgb) j["to_srgb"] = true;
    if (o.accept_damaged) j["accept_damaged"] = true;
    return j;
}

nlohmann::json to_json(const SaveOptions& o) {
    nlohmann::json j{{"quality", o.quality}, {"strip", o.strip}};
    j["format"] = o.format ? nlohmann::json(format_name(*o.format)) : nlohmann::json(nullptr);
    j["metadata"] = {{"policy", metadata_policy_name(o.metadata.policy)},
                     {"no_location", o.metadata.no_location},
                     {"artist", o.metadata.artist},
                     {"copyright", o.metadata.copyright}};
    return j;
}

// Missing fields keep their defaults, so an older or hand-written message still works; a field of
// the wrong type throws nlohmann::json::type_error, which the task decoder turns into a message.
LoadOptions load_options_from_json(const nlohmann::json& j) {
    LoadOptions o;
    if (!j.is_object()) {
        return o;
    }
    o.auto_orient = j.value("auto_orient", o.auto_orient);
    o.max_pixels = j.value("max_pixels", o.max_pixels);
    o.to_srgb = j.value("to_srgb", o.to_srgb);
    o.accept_damaged = j.value("accept_damaged", o.accept_damaged);
    return o;
}

SaveOptions save_options_from_json(const nlohmann::json& j) {
    SaveOptions o;
    if (!j.is_object()) {
        return o;
    }
    o.quality = std::clamp(j.value("quality", o.quality), 1, 100);
    o.strip = j.value("strip", o.strip);
    if (j.contains("format") && j["format"].is_string()) {
        o.format = parse_format(j["format"].get<std::string>());
    }
    if (j.contains("metadata") && j["metadata"].is_object()) {
        const auto& m = j["metadata"];
        if (auto policy = parse_metadata_policy(m.value("policy", std::string("all")))) {
            o.metadata.policy = *policy;
        }
        o.metadata.no_location = m.value("no_location", false);
        o.metadata.artist = m.value("artist", std::string());
        o.metadata.copyright = m.value("copyright", std::string());
    }
    return o;
}

}  // namespace lote

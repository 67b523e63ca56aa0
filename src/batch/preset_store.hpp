#pragma once
// Where presets live: the built-in ones, and the saved ones as one `<name>.json` each in a
// folder ($XDG_CONFIG_HOME/lote/presets for the command line, beside its job store for the
// server). A saved preset may not take a built-in's name.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace lote {

struct PresetEntry {
    std::string name;
    bool builtin = false;
    std::string description;
};

class PresetStore {
  public:
    explicit PresetStore(std::filesystem::path folder) : folder_(std::move(folder)) {}

    // $XDG_CONFIG_HOME/lote/presets, or ~/.config/lote/presets.
    static std::filesystem::path user_folder();

    const std::filesystem::path& folder() const { return folder_; }
    // Built-in ones first, then saved ones by name; a saved file that no longer reads is listed
    // with its reason as the description.
    std::vector<PresetEntry> list() const;
    Result<nlohmann::json> find(const std::string& name) const;
    // Checks the document (batch/preset.hpp) and writes it atomically.
    Status save(const std::string& name, const nlohmann::json& document) const;
    Status remove(const std::string& name) const;

  private:
    std::filesystem::path path_of(const std::string& name) const;
    std::filesystem::path folder_;
};

bool is_builtin_preset(const std::string& name);

}  // namespace lote

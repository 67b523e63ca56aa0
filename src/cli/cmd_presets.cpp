// `lote presets`: list the built-in and saved presets, show one, save the job flags given as
// one, delete one. Saved presets live in $XDG_CONFIG_HOME/lote/presets (~/.config/lote/presets).
#include <iostream>
#include <memory>

#include "batch/preset_store.hpp"
#include "cli/commands.hpp"
#include "cli/job_options.hpp"
#include "cli/language.hpp"
#include "cli/preset_args.hpp"

namespace lote::cli {

namespace {

PresetStore user_store() {
    return PresetStore(PresetStore::user_folder());
}

int refuse(const std::string& what, const std::string& message) {
    std::cerr << "lote presets " << what << ": " << message << '\n';
    return kExitUsage;
}

int list_presets() {
    for (const PresetEntry& entry : user_store().list()) {
        std::cout << entry.name << "  "
                  << (entry.builtin ? say("(built-in)", "(incluido)")
                                    : say("(saved)", "(guardado)"))
                  << (entry.description.empty() ? "" : "  " + entry.description) << '\n';
    }
    std::cout << say("saved presets: ", "presets guardados: ") << user_store().folder().string()
              << '\n';
    return kExitOk;
}

int show_preset(const std::string& name) {
    auto preset = load_preset(name);
    if (!preset) {
        return refuse("show", preset.message());
    }
    std::cout << preset->dump(2) << '\n';
    return kExitOk;
}

struct SaveArgs {
    std::string name;
    std::string description;
    JobArgs job;
};

int save_preset(const SaveArgs& args, const CLI::App& cmd) {
    auto preset = preset_from_args(args.job, given_options(cmd), args.description);
    if (!preset) {
        return refuse("save", preset.message());
    }
    PresetStore store = user_store();
    if (Status saved = store.save(args.name, *preset); !saved) {
        return refuse("save", saved.message());
    }
    std::cout << say("saved preset ", "preset guardado ") << args.name << " ("
              << (store.folder() / (args.name + ".json")).string() << ")\n";
    return kExitOk;
}

int delete_preset(const std::string& name) {
    if (Status removed = user_store().remove(name); !removed) {
        return refuse("delete", removed.message());
    }
    std::cout << say("deleted preset ", "preset borrado ") << name << '\n';
    return kExitOk;
}

void add_save_command(CLI::App& presets, int& exit_code) {
    auto* save = presets.add_subcommand("save", "save the job flags given as a preset");
    auto args = std::make_shared<SaveArgs>();
    save->add_option("name", args->name, "the preset's name")->required();
    save->add_option("--description", args->description, "a line saying what it is for");
    add_filter_options(*save, args->job);
    add_image_options(*save, args->job);
    add_metadata_options(*save, args->job);
    add_naming_options(*save, args->job);
    save->callback([args, save, &exit_code] { exit_code = save_preset(*args, *save); });
}

}  // namespace

void add_presets_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("presets", "list, show, save and delete presets (recipes)");
    cmd->callback([cmd, &exit_code] {
        if (cmd->get_subcommands().empty()) exit_code = list_presets();
    });
    auto shown = std::make_shared<std::string>();
    auto* show = cmd->add_subcommand("show", "print a preset's JSON");
    show->add_option("name", *shown, "a preset name or a .json file")->required();
    show->callback([shown, &exit_code] { exit_code = show_preset(*shown); });
    add_save_command(*cmd, exit_code);
    auto deleted = std::make_shared<std::string>();
    auto* remove = cmd->add_subcommand("delete", "delete a saved preset");
    remove->add_option("name", *deleted, "the preset's name")->required();
    remove->callback([deleted, &exit_code] { exit_code = delete_preset(*deleted); });
}

}  // namespace lote::cli

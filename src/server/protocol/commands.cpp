#include "server/protocol/commands.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <map>

#include "exec/redis/node_watch.hpp"
#include "server/errors.hpp"
#include "server/jobs/job_manager.hpp"
#include "server/jobs/job_store.hpp"
#include "server/jobs/jobs_json.hpp"
#include "server/net/visible_files.hpp"
#include "server/protocol/messages.hpp"
#include "server/protocol/procesar_request.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

using Command = void (*)(ServerContext&, const json&, const Reply&);

Roots roots_of(const ServerContext& context) {
    return {context.input_root, context.output_root};
}

void listar_filtros(ServerContext&, const json&, const Reply& reply) {
    reply(filtros_message());
}

void listar_imagenes(ServerContext& context, const json& message, const Reply& reply) {
    std::filesystem::path folder = context.input_root;
    std::string relative;
    if (message.contains("entrada")) {
        if (!message["entrada"].is_string()) {
            return reply(error_message(
                fail("'entrada' debe ser un texto")
                    .coded(codes::invalid_field, {{"field", "entrada"}, {"expected", "text"}})));
        }
        relative = message["entrada"].get<std::string>();
        auto confined = confine_visible(context.input_root, relative, context.state_file);
        if (!confined) {
            return reply(error_message(
                reworded(confined.error(), "Carpeta de entrada inválida: ", codes::path_refused)));
        }
        folder = *confined;
    }
    auto names = list_input_images(folder, roots_of(context), false);
    if (!names) {
        return reply(error_message(
            fail(ErrorKind::not_found, "Carpeta de entrada inválida: " + names.message())
                .coded(codes::folder_not_found, {{"folder", relative}})));
    }
    reply(imagenes_message(*names));
}

void procesar(ServerContext& context, const json& message, const Reply& reply) {
    auto merged = with_preset(message, PresetStore(context.presets_folder));
    if (!merged) return reply(error_message(merged.error()));
    auto request =
        parse_procesar(*merged, roots_of(context), context.cores, !context.options.broker.empty());
    if (!request) return reply(error_message(request.error()));
    auto accepted = context.jobs.submit(std::move(*request), [&reply](const Accepted& a) {
        reply(aceptado_message(a.job, a.queued, a.position));
    });
    if (!accepted) reply(error_message(accepted.error()));
}

void estado(ServerContext& context, const json&, const Reply& reply) {
    ServerState state;
    state.running = context.jobs.running();
    state.queued = context.jobs.queued();
    state.processing = !state.running.empty();
    state.clients = context.hub.size();
    state.cores = context.cores;
    if (context.nodes) {
        state.distributed = true;
        state.nodes = context.nodes->nodes();
    }
    reply(estado_message(state));
}

void cancelar(ServerContext& context, const json& message, const Reply& reply) {
    if (message.contains("trabajo")) {
        if (!message["trabajo"].is_string()) {
            return reply(error_message(
                fail("'trabajo' debe ser un texto")
                    .coded(codes::invalid_field, {{"field", "trabajo"}, {"expected", "text"}})));
        }
        std::string id = message["trabajo"].get<std::string>();
        if (!context.jobs.cancel(id))
            return reply(info_message("No hay ningún trabajo " + id + " en curso ni en cola"));
        return reply(info_message("Cancelando el trabajo " + id));
    }
    auto ids = context.jobs.cancel_running();
    if (ids.empty()) return reply(info_message("No hay ningún procesamiento en curso"));
    json answer = info_message("Cancelando el procesamiento");
    answer["trabajo"] = ids.front();
    reply(answer);
}

void listar_trabajos(ServerContext& context, const json& message, const Reply& reply) {
    json list = json::array();
    for (const auto& job : context.store.list(0, 50)) list.push_back(job_summary_json(job));
    reply({{"tipo", "trabajos"}, {"datos", list}});
}

const std::map<std::string, Command, std::less<>>& commands() {
    static const std::map<std::string, Command, std::less<>> table{
        {"listar_filtros", listar_filtros},
        {"listar_imagenes", listar_imagenes},
        {"procesar", procesar},
        {"estado", estado},
        {"cancelar", cancelar},
        {"listar_trabajos", listar_trabajos},
    };
    return table;
}

std::string tipo_text(const json& message) {
    if (!message.contains("tipo")) return "";
    const json& tipo = message["tipo"];
    return tipo.is_string() ? tipo.get<std::string>()
                            : tipo.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Error invalid_message() {
    return fail("Formato de mensaje inválido").coded(codes::invalid_json);
}

void handle_client_message(ServerContext& context, std::string_view text, const Reply& reply) {
    json message = json::parse(text, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
        return reply(error_message(invalid_message()));
    }
    std::string tipo = tipo_text(message);
    auto it = commands().find(tipo);
    if (it == commands().end()) {
        return reply(error_message(
            fail("Comando desconocido: " + tipo).coded(codes::unknown_message, {{"tipo", tipo}})));
    }
    try {
        it->second(context, message, reply);
    } catch (const std::exception& e) {
        spdlog::warn("command {} failed: {}", tipo, e.what());
        reply(error_message(
            fail(ErrorKind::internal, std::string("Error al procesar comando: ") + e.what())));
    }
}

}  // namespace lote::server

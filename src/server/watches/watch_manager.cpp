#include "server/watches/watch_manager.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <condition_variable>
#include <thread>

#include "batch/preset.hpp"
#include "batch/preset_store.hpp"
#include "server/jobs/job_manager.hpp"
#include "server/jobs/job_store.hpp"
#include "server/jobs/jobs_json.hpp"
#include "server/jobs/store_writes.hpp"
#include "server/net/paths.hpp"
#include "server/protocol/messages.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"
#include "watch/watcher.hpp"

namespace lote::server {

using nlohmann::json;

namespace {

// How long a stopping watch waits for its cancelled batch before leaving it to the job manager.
constexpr auto kBatchStopGrace = std::chrono::seconds(60);
constexpr auto kBatchPoll = std::chrono::milliseconds(200);

// One batch submitted as a job: its images' results go on to the watcher while it waits, and
// its end wakes the watcher. Shared with the job, which may outlive the wait.
struct BatchWaiter {
    std::mutex mutex;
    std::condition_variable ended;
    std::optional<Result<BatchSummary>> result;
    ImageResultSink on_image;  // cleared when the watcher stops waiting

    void image(const std::string& name, const ImageResult& r) {
        std::lock_guard lock(mutex);
        if (on_image) on_image(name, r);
    }
    void end(const Result<BatchSummary>& r) {
        std::lock_guard lock(mutex);
        result = r;
        ended.notify_all();
    }
};

Error server_is_stopping() {
    return fail(ErrorKind::unavailable, "El servidor se está deteniendo")
        .coded(codes::server_stopping);
}

}  // namespace

// One watch: its stored form, and while it runs its watcher, thread and last status.
struct WatchManager::Entry : watch::WatchListener {
    std::string name;
    json settings;
    bool paused = false;
    double created = 0;

    mutable std::mutex mutex;  // the fields below
    std::string last_job;
    std::string state = "paused";  // watching | paused | error
    std::string message;           // why `error`, in the server's words
    std::string code;              // and as a code with its params, for the page's words
    json params = json::object();
    watch::WatchStatus seen;
    JobRequest base;  // the checked settings every batch starts from
    CancelToken stop;
    std::unique_ptr<watch::Watcher> watcher;
    std::thread thread;

    void status(const watch::WatchStatus& s) override {
        std::lock_guard lock(mutex);
        seen = s;
        if (s.state == watch::WatchState::missing) {
            set_error(folder_missing());
        } else if (s.state == watch::WatchState::watching) {
            state = "watching";
            clear_error();
        }
    }
    void warning(const std::string& text) override { spdlog::warn("watch {}: {}", name, text); }

    // The folder it follows is gone, named as the client named it (not by the server's path).
    Error folder_missing() const {
        std::string folder = settings.value("entrada", std::string());
        return fail(ErrorKind::not_found, "La carpeta vigilada ya no está: " + folder)
            .coded(codes::watch_folder_missing, {{"folder", folder}});
    }
    // Under `mutex`.
    void set_error(const Error& error) {
        state = "error";
        message = error.message;
        code = error.code_or_kind();
        params = error.params;
    }
    void clear_error() {
        message.clear();
        code.clear();
        params = json::object();
    }
};

Error watch_not_found(const std::string& name) {
    return fail(ErrorKind::not_found, "No hay ninguna vigilancia llamada " + name)
        .coded(codes::watch_not_found, {{"watch", name}});
}

WatchManager::WatchManager(ServerContext& context) : context_(context) {}

WatchManager::~WatchManager() {
    stop();
}

Status WatchManager::check_name(const std::string& name) {
    auto bad = [&] {
        return fail(ErrorKind::invalid,
                    "Nombre de vigilancia inválido: de 1 a 64 letras, cifras, '-', '_' o '.', sin "
                    "punto delante")
            .coded(codes::invalid_watch_name, {{"watch", is_valid_utf8(name) ? name : ""}});
    };
    if (name.empty() || name.size() > 64 || name.front() == '.' || !is_valid_utf8(name))
        return bad();
    for (unsigned char c : name) {
        bool ok = c >= 0x80 || std::isalnum(c) || c == '-' || c == '_' || c == '.';
        if (!ok) return bad();
    }
    return {};
}

Result<JobRequest> WatchManager::request_for(const json& settings) const {
    json message = settings;
    message.erase("pausada");
    // A watch is incremental: what is up to date is not made again.
    if (!message.contains("forzar")) message["forzar"] = false;
    if (message.contains("preset") && message["preset"].is_object()) {
        auto preset = parse_preset(message["preset"].dump());
        if (!preset) return preset.error();
        message = under_preset(*preset, message);
        message.erase("preset");  // given whole: the history names no preset
    } else {
        auto merged = with_preset(message, PresetStore(context_.presets_folder));
        if (!merged) return merged.error();
        message = *merged;  // "preset" stays: the history names it
    }
    Roots roots{context_.input_root, context_.output_root};
    auto request = parse_procesar(message, roots, context_.cores, !context_.options.broker.empty(),
                                  /*allow_empty=*/true);
    if (!request) return request.error();
    return request;
}

std::size_t WatchManager::close_unfinished_batches() {
    std::size_t closed = 0;
    for (const auto& record : context_.store.unfinished()) {
        if (!record.settings.is_object() || !record.settings.contains("vigilancia")) continue;
        // Done images stay done (their rows and the manifest); the watch redoes only the rest.
        note_store_write(
            context_.store.finish(record.id, JobState::cancelled, JobRecord{},
                                  info_message("Servidor detenido a mitad de la tanda; la "
                                               "vigilancia retoma sus fotos")),
            "close a watch's batch left unfinished", record.id);
        ++closed;
    }
    return closed;
}

void WatchManager::start() {
    std::lock_guard change(changes_);
    for (const auto& record : context_.store.watches()) {
        auto entry = std::make_shared<Entry>();
        entry->name = record.name;
        entry->settings = record.settings;
        entry->paused = record.paused;
        entry->created = record.created;
        entry->last_job = record.last_job;
        {
            std::lock_guard lock(mutex_);
            entries_[record.name] = entry;
        }
        if (!record.paused) launch(entry);
    }
}

// Checks the settings again (a preset or folder may have gone since) and starts the watcher.
void WatchManager::launch(const std::shared_ptr<Entry>& entry) {
    auto request = request_for(entry->settings);
    std::lock_guard lock(entry->mutex);
    if (!request) {
        entry->set_error(request.error());
        spdlog::warn("watch {} cannot start: {}", entry->name, request.message());
        return;
    }
    entry->base = std::move(*request);
    entry->stop = CancelToken();
    entry->state = "watching";
    entry->clear_error();
    watch::WatchSettings settings;
    settings.job = entry->base.spec;
    Entry* e = entry.get();
    auto runner = [this, e](const JobSpec& spec, const InputScan& scan, const EventSink&,
                            const CancelToken& stop,
                            const ImageResultSink& on_image) -> Result<BatchSummary> {
        JobRequest request;
        {
            std::lock_guard lock(e->mutex);
            request.settings = e->base.settings;
            request.names = e->base.names;
        }
        request.settings["vigilancia"] = e->name;
        request.spec = spec;
        request.images = scan.selected ? scan.selected->size() : scan.images.size();
        request.inputs = scan;  // the spec's executor is the watch's mode
        auto waiter = std::make_shared<BatchWaiter>();
        waiter->on_image = on_image;
        request.on_image = [waiter](const std::string& n, const ImageResult& r) {
            waiter->image(n, r);
        };
        request.on_end = [waiter](const Result<BatchSummary>& r) { waiter->end(r); };
        auto accepted = context_.jobs.submit(std::move(request));
        if (!accepted) return accepted.error();
        {
            std::lock_guard lock(e->mutex);
            e->last_job = accepted->job;
        }
        note_store_write(context_.store.set_watch_last_job(e->name, accepted->job),
                         "name the watch's last batch", accepted->job);
        std::unique_lock lock(waiter->mutex);
        std::optional<std::chrono::steady_clock::time_point> give_up;
        while (!waiter->result) {
            waiter->ended.wait_for(lock, kBatchPoll);
            if (waiter->result) break;
            if (stop.cancelled() && !give_up) {
                lock.unlock();
                context_.jobs.cancel(accepted->job);
                lock.lock();
                give_up = std::chrono::steady_clock::now() + kBatchStopGrace;
            }
            if (give_up && std::chrono::steady_clock::now() > *give_up) break;
        }
        waiter->on_image = nullptr;
        if (!waiter->result) return fail(ErrorKind::unavailable, "the batch did not stop in time");
        return *waiter->result;
    };
    entry->watcher = std::make_unique<watch::Watcher>(settings, *entry, runner);
    entry->thread = std::thread([e, token = entry->stop] {
        Status ran = e->watcher->run(token);
        std::lock_guard lock(e->mutex);
        if (!ran) {
            // The watcher names a missing folder by its path on the server; the client hears
            // the folder it gave.
            bool missing = ran.kind() == ErrorKind::not_found && ran.error().code.empty();
            e->set_error(missing ? e->folder_missing() : ran.error());
            spdlog::warn("watch {} stopped: {}", e->name, ran.message());
        }
    });
}

// Stops the watcher and waits for it (and for its batch, which it cancels).
void WatchManager::halt(Entry& entry) {
    std::thread thread;
    {
        std::lock_guard lock(entry.mutex);
        entry.stop.cancel();
        if (entry.watcher) entry.watcher->wake();
        thread = std::move(entry.thread);
    }
    if (thread.joinable()) thread.join();
    std::lock_guard lock(entry.mutex);
    entry.watcher.reset();
    if (entry.state != "error") entry.state = "paused";
}

void WatchManager::stop() {
    std::lock_guard change(changes_);
    std::vector<std::shared_ptr<Entry>> all;
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        for (auto& [name, entry] : entries_) all.push_back(entry);
    }
    for (auto& entry : all) entry->stop.cancel();  // all at once, then wait for each
    for (auto& entry : all) halt(*entry);
}

std::shared_ptr<WatchManager::Entry> WatchManager::find(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(name);
    return it == entries_.end() ? nullptr : it->second;
}

Status WatchManager::check_folder_free(const std::string& name, const JobRequest& request) const {
    std::vector<std::shared_ptr<Entry>> others;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [other, entry] : entries_) {
            if (other != name) others.push_back(entry);
        }
    }
    for (const auto& entry : others) {
        auto theirs = request_for(entry->settings);
        if (!theirs) continue;
        std::error_code a, b;
        if (std::filesystem::equivalent(theirs->spec.input, request.spec.input, a) && !a && !b) {
            return fail(ErrorKind::conflict, "La vigilancia '" + entry->name +
                                                 "' ya vigila esa carpeta; quítela o cámbiela")
                .coded(codes::watch_folder_taken, {{"watch", entry->name}});
        }
    }
    return {};
}

Result<json> WatchManager::put(const std::string& name, const json& body, bool& created) {
    if (auto s = check_name(name); !s) return s.error();
    if (!body.is_object()) {
        return fail(ErrorKind::invalid, "El cuerpo debe ser un objeto JSON")
            .coded(codes::invalid_json);
    }
    if (!body.contains("entrada")) {
        return fail(ErrorKind::invalid, "'entrada' (la carpeta a vigilar) es obligatoria")
            .coded(codes::missing_field, {{"field", "entrada"}});
    }
    if (!body["entrada"].is_string()) {
        return fail(ErrorKind::invalid, "'entrada' debe ser el nombre de una carpeta")
            .coded(codes::invalid_field, {{"field", "entrada"}, {"expected", "text"}});
    }
    if (body.contains("pausada") && !body["pausada"].is_boolean()) {
        return fail(ErrorKind::invalid, "'pausada' debe ser true o false")
            .coded(codes::invalid_field, {{"field", "pausada"}, {"expected", "boolean"}});
    }
    if (body.contains("preset") && !body["preset"].is_string() && !body["preset"].is_object()) {
        return fail(ErrorKind::invalid, "'preset' debe ser el nombre de un preset o un preset")
            .coded(codes::invalid_field, {{"field", "preset"}, {"expected", "text|object"}});
    }
    auto request = request_for(body);
    if (!request) return request.error();
    std::lock_guard change(changes_);
    if (stopped_) return server_is_stopping();
    if (auto s = check_folder_free(name, *request); !s) return s.error();
    auto entry = std::make_shared<Entry>();
    entry->name = name;
    entry->settings = body;
    entry->settings.erase("pausada");
    entry->paused = body.value("pausada", false);
    entry->created = JobStore::now();
    auto old = find(name);
    created = old == nullptr;
    if (old) {
        halt(*old);
        entry->created = old->created;
        std::lock_guard lock(old->mutex);
        entry->last_job = old->last_job;
    }
    {
        WatchRecord record{name, entry->settings, entry->paused, entry->created, {}};
        if (auto s = context_.store.save_watch(record); !s) return s.error();
    }
    {
        std::lock_guard lock(mutex_);
        entries_[name] = entry;
    }
    if (!entry->paused) launch(entry);
    return describe(*entry);
}

Status WatchManager::remove(const std::string& name) {
    std::lock_guard change(changes_);
    auto entry = find(name);
    if (!entry) return watch_not_found(name);
    halt(*entry);
    if (auto s = context_.store.remove_watch(name); !s) return s;
    std::lock_guard lock(mutex_);
    entries_.erase(name);
    return {};
}

Result<json> WatchManager::pause(const std::string& name) {
    std::lock_guard change(changes_);
    auto entry = find(name);
    if (!entry) return watch_not_found(name);
    halt(*entry);
    {
        std::lock_guard lock(entry->mutex);
        entry->paused = true;
        entry->state = "paused";
        entry->clear_error();
    }
    if (auto s = context_.store.set_watch_paused(name, true); !s) return s.error();
    return describe(*entry);
}

Result<json> WatchManager::resume(const std::string& name) {
    std::lock_guard change(changes_);
    if (stopped_) return server_is_stopping();
    auto entry = find(name);
    if (!entry) return watch_not_found(name);
    // Also a watch in error: its folder or preset may be back.
    halt(*entry);
    entry->paused = false;
    if (auto s = context_.store.set_watch_paused(name, false); !s) return s.error();
    launch(entry);
    return describe(*entry);
}

json WatchManager::describe(const Entry& entry) const {
    std::lock_guard lock(entry.mutex);
    json preset = nullptr;
    if (entry.settings.contains("preset")) preset = entry.settings["preset"];
    json answer = {{"name", entry.name},
                   {"entrada", entry.settings.value("entrada", std::string())},
                   {"salida", entry.settings.value("salida", std::string())},
                   {"preset", preset},
                   {"recursivo", entry.settings.value("recursivo", false)},
                   {"settings", entry.settings},
                   {"state", entry.state},
                   {"message", entry.message},
                   {"created", entry.created}};
    if (entry.state == "error") {
        answer["code"] = entry.code;
        answer["params"] = entry.params;
    }
    if (entry.state == "watching") {
        answer["files"] = {{"arriving", entry.seen.files.arriving},
                           {"ready", entry.seen.files.ready},
                           {"in_batch", entry.seen.files.in_batch},
                           {"done", entry.seen.files.done},
                           {"failed", entry.seen.files.failed}};
        answer["mode"] = entry.seen.mode;
    }
    answer["batches"] = entry.seen.batches;
    json last = nullptr;
    if (!entry.last_job.empty()) {
        if (auto job = context_.store.get(entry.last_job)) last = job_summary_json(*job);
    }
    answer["last_batch"] = last;
    return answer;
}

json WatchManager::list() const {
    std::vector<std::shared_ptr<Entry>> all;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [name, entry] : entries_) all.push_back(entry);
    }
    json list = json::array();
    for (const auto& entry : all) list.push_back(describe(*entry));
    return list;
}

std::optional<json> WatchManager::one(const std::string& name) const {
    auto entry = find(name);
    if (!entry) return std::nullopt;
    return describe(*entry);
}

}  // namespace lote::server

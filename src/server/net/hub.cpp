#include "server/net/hub.hpp"

namespace lote::server {

std::shared_ptr<const std::string> Hub::serialise(const nlohmann::json& message) {
    // Replace rather than throw on invalid UTF-8 (a file name, an error text from a decoder).
    return std::make_shared<const std::string>(
        message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Hub::join(const std::shared_ptr<Client>& client) {
    std::lock_guard lock(mutex_);
    clients_[client.get()] = client;
    // Delivered under the lock so no broadcast of the same job can slip in before it.
    for (const auto& [job, memory] : running_) {
        if (memory.start) client->deliver(memory.start, MessageClass::Control, job);
        if (memory.progress) client->deliver(memory.progress, MessageClass::Progress, job);
    }
}

void Hub::leave(const Client* client) {
    std::lock_guard lock(mutex_);
    clients_.erase(client);
}

std::size_t Hub::size() const {
    std::lock_guard lock(mutex_);
    return clients_.size();
}

void Hub::close_all() {
    std::vector<std::weak_ptr<Client>> targets;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [raw, weak] : clients_) targets.push_back(weak);
    }
    for (const auto& weak : targets) {
        if (auto client = weak.lock()) client->close_going_away();
    }
}

void Hub::remember(const std::string& job, JobMoment moment,
                   const std::shared_ptr<const std::string>& text) {
    switch (moment) {
        case JobMoment::Start:
            running_[job] = JobMemory{text, nullptr};
            break;
        case JobMoment::Progress:
            running_[job].progress = text;
            break;
        case JobMoment::End:
            running_.erase(job);
            break;
        case JobMoment::None:
            break;
    }
}

void Hub::broadcast(const nlohmann::json& message, MessageClass kind, const std::string& job,
                    JobMoment moment) {
    auto text = serialise(message);
    std::vector<std::weak_ptr<Client>> targets;
    {
        std::lock_guard lock(mutex_);
        remember(job, moment, text);
        targets.reserve(clients_.size());
        for (const auto& [raw, weak] : clients_) targets.push_back(weak);
    }
    for (const auto& weak : targets) {
        if (auto client = weak.lock()) client->deliver(text, kind, job);
    }
}

}  // namespace lote::server

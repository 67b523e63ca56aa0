#pragma once
// Shared by the server's integration tests: a served temp folder with sample images.
#include <memory>

#include "integration/server_client.hpp"
#include "pipeline/samples.hpp"

namespace lote::testing {

struct Served {
    explicit Served(int images, std::vector<std::string> args = {},
                    std::vector<std::string> env = {}) {
        fs::create_directories(dir / "in");
        if (images > 0) {
            auto made = generate_samples((dir / "in").string(), images, 64, 48, 7);
            if (!made) throw std::runtime_error(made.message());
        }
        server = std::make_unique<ServerProcess>(dir.path(), args, env);
    }
    std::uint16_t port() const { return server->port(); }
    TempDir dir;
    std::unique_ptr<ServerProcess> server;
};

// Connects and consumes the greeting.
inline std::unique_ptr<WsClient> connect_client(std::uint16_t port) {
    auto client = std::make_unique<WsClient>(port);
    if (!client->ok()) throw std::runtime_error("WebSocket handshake failed");
    auto hello = client->next();
    if (!hello || (*hello)["tipo"] != "conexion") throw std::runtime_error("no conexion greeting");
    return client;
}

inline std::vector<fs::path> files_in(const fs::path& folder) {
    std::vector<fs::path> out;
    if (!fs::is_directory(folder)) return out;
    for (const auto& e : fs::directory_iterator(folder)) {
        if (e.is_regular_file()) out.push_back(e.path());
    }
    return out;
}

}  // namespace lote::testing

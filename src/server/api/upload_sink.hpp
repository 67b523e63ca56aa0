#pragma once
// Where the parts of an upload go: each file part is streamed into a temporary file in the
// target folder, checked by content when it ends, and renamed (never over an existing file).
// Problems with one file (too large, not an image, bad name) are reported for that file and do
// not stop the others. Temporary files never outlive the sink.

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "server/api/multipart.hpp"

namespace lote::server {

class UploadSink : public PartSink {
  public:
    UploadSink(std::filesystem::path folder, std::uint64_t max_file_bytes);
    ~UploadSink() override;
    UploadSink(const UploadSink&) = delete;
    UploadSink& operator=(const UploadSink&) = delete;

    Status begin_part(const PartHeader& header) override;
    Status part_data(std::string_view bytes) override;
    Status end_part() override;

    // One entry per file part, as docs/api.md shows them.
    const nlohmann::json& files() const { return files_; }
    std::uint64_t bytes_saved() const { return bytes_saved_; }
    // Drops the file being written (the request was cut short).
    void abandon();

  private:
    void refuse_current(const std::string& message);
    Status open_temporary();
    Result<std::string> move_into_place();

    std::filesystem::path folder_;
    std::uint64_t max_file_bytes_;
    nlohmann::json files_ = nlohmann::json::array();

    // The part being received.
    bool is_file_ = false;
    bool refused_ = false;
    std::string original_;
    std::string clean_name_;
    std::filesystem::path temp_path_;
    int fd_ = -1;
    std::uint64_t written_ = 0;
    std::uint64_t bytes_saved_ = 0;
};

}  // namespace lote::server

#include "batch/scan_inputs.hpp"

#include <algorithm>
#include <set>
#include <system_error>

#include "batch/image_sniff.hpp"
#include "batch/input_links.hpp"

namespace lote {

namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& path) {
    std::string name = path.filename().string();
    return !name.empty() && name.front() == '.';
}

fs::path resolved(const fs::path& path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? path.lexically_normal() : canonical;
}

bool is_inside(const fs::path& candidate, const fs::path& root) {
    auto [root_end, unused] =
        std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
    return root_end == root.end();
}

// Walks folders depth-first, remembering every folder entered (by its resolved path).
class Walker {
  public:
    Walker(const fs::path& root, const ScanOptions& options)
        : root_(resolved(root)),
          confine_to_(options.confine_to.empty() ? root_ : resolved(options.confine_to)),
          options_(options) {
        for (const auto& dir : options.skip_dirs) {
            skip_.insert(resolved(dir));
        }
        for (const auto& file : options.skip_files) {
            skip_files_.insert(resolved(file));
        }
    }

    InputScan walk(const fs::path& root) {
        visit_folder(root, "");
        std::sort(scan_.images.begin(), scan_.images.end(),
                  [](const InputFile& a, const InputFile& b) { return a.relative < b.relative; });
        return std::move(scan_);
    }

  private:
    void visit_folder(const fs::path& folder, const std::string& prefix) {
        fs::path real = resolved(folder);
        if (skip_.count(real) != 0 || !visited_.insert(real).second) {
            return;
        }
        std::error_code ec;
        for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
            visit_entry(it->path(), prefix + it->path().filename().string());
        }
    }

    void visit_entry(const fs::path& path, const std::string& relative) {
        if (is_hidden(path)) {
            ++scan_.hidden;
            return;
        }
        std::error_code ec;
        fs::file_status status = fs::status(path, ec);  // follows symlinks
        if (auto why = link_refusal(path, confine_to_)) {
            // A folder link out of the root is never entered; where the batch would have gone
            // through it (recursive), it is reported refused, as a file link out or nowhere is.
            if (!ec && fs::is_directory(status)) {
                if (options_.recursive) scan_.images.push_back({path, relative, *why});
                return;
            }
            refuse_file(path, relative, *why);
            return;
        }
        if (ec) {
            return;
        }
        if (fs::is_directory(status)) {
            visit_subfolder(path, relative);
        } else if (fs::is_regular_file(status)) {
            visit_file(path, relative);
        }
    }

    void visit_subfolder(const fs::path& path, const std::string& relative) {
        if (!options_.recursive) {
            return;
        }
        if (fs::is_symlink(path) && !is_inside(resolved(path), root_)) {
            return;  // never leave the root through a link
        }
        visit_folder(path, relative + "/");
    }

    void refuse_file(const fs::path& path, const std::string& relative, const std::string& why) {
        if (refused_link_counts_as_image(path)) {
            scan_.images.push_back({path, relative, why});
        } else {
            ++scan_.not_images;
        }
    }

    void visit_file(const fs::path& path, const std::string& relative) {
        if (!skip_files_.empty() && skip_files_.count(resolved(path)) != 0) {
            return;
        }
        if (is_image_candidate(path)) {
            scan_.images.push_back({path, relative});
        } else {
            ++scan_.not_images;
        }
    }

    fs::path root_;
    fs::path confine_to_;
    const ScanOptions& options_;
    std::set<fs::path> skip_;
    std::set<fs::path> skip_files_;
    std::set<fs::path> visited_;
    InputScan scan_;
};

// A file named by the user is always taken: if it is no image, they hear why.
Result<InputScan> scan_single_file(const fs::path& file) {
    InputScan scan;
    scan.images.push_back({file, file.filename().string()});
    return scan;
}

}  // namespace

Result<InputScan> scan_inputs(const fs::path& root, const ScanOptions& options) {
    std::error_code ec;
    fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
        return fail("input not found: " + root.string());
    }
    if (fs::is_regular_file(status)) {
        return scan_single_file(root);
    }
    if (!fs::is_directory(status)) {
        return fail("input is neither a folder nor a file: " + root.string());
    }
    return Walker(root, options).walk(root);
}

}  // namespace lote

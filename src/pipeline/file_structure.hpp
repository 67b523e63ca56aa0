#pragma once
// Whether an image file is whole, told by walking its container (JPEG markers, PNG chunks, GIF
// blocks, the RIFF and BMP sizes) without decoding a pixel. A watched folder uses it to tell a
// photo still being copied from one that has arrived; the audit uses it to name truncated files
// and to count a GIF's frames.

#include <filesystem>
#include <string>

namespace lote {

enum class FileEnding {
    complete,   // the container's end was found where it belongs
    truncated,  // the data stops before the container ends
    unknown,    // a format without an end marker lote walks (TIFF, HEIF), or not an image
};

struct FileStructure {
    FileEnding ending = FileEnding::unknown;
    int frames = 0;       // GIF: images in the file; 0 when not counted
    std::string problem;  // for a truncated file, where it stops ("the JPEG data stops ...")
};

FileStructure check_file_structure(const std::filesystem::path& path);

}  // namespace lote

#pragma once
// What libvips says about one image, whichever thread it says it on.
//
// libvips keeps one error buffer for the whole process, and 8.14 has no per-thread one: with
// several images in flight, the text of a vips::VError may begin with another image's libjpeg
// warning, or be empty because another image cleared the buffer in between. So lote listens
// where libvips speaks. It defines two libvips functions, which pass every call on to libvips
// unchanged (an executable's symbols come before those of the libraries it loads, and libvips
// calls both through its symbol table):
//   - vips_verror, through which every libvips error goes (vips_error, vips_error_system, the
//     messages of libjpeg, libpng and the other codecs): the line is added to the log of the
//     image that the calling thread is working for;
//   - vips_threadpool_run, through which libvips hands pixel work to its worker threads: each
//     worker works for the image of the thread that started the work, for the time of each piece.
// GLib warnings of libvips ("VIPS" domain) are added to the same log as warnings.
//
// A thread works for an image while an ImageDiagnostics it created is in scope (the innermost
// one, when they nest). process_image, the decoder, thumbnails and previews each open one.

#include <mutex>
#include <string>
#include <vector>
#include <vips/vips8>

namespace lote {

class ImageDiagnostics {
  public:
    ImageDiagnostics();   // this thread now works for this log
    ~ImageDiagnostics();  // and then for the one before it again
    ImageDiagnostics(const ImageDiagnostics&) = delete;
    ImageDiagnostics& operator=(const ImageDiagnostics&) = delete;

    // The log the calling thread works for, or nullptr.
    static ImageDiagnostics* current();

    // "domain: message" lines, first to last.
    std::vector<std::string> errors() const;
    std::vector<std::string> warnings() const;

    // The reason to give for `error`, caught while this log was in scope: the first of this
    // image's error lines that is not a decoder warning, else its first line; without any, the
    // first line of the error's own text (an explicit message); never another image's line.
    std::string reason(const vips::VError& error) const;
    // The same, for a failure that raised no exception (a decoder that returned short).
    std::string reason() const;

    void add_error(std::string line);
    void add_warning(std::string line);
    void clear();

  private:
    mutable std::mutex mutex_;
    std::vector<std::string> errors_;
    std::vector<std::string> warnings_;
    ImageDiagnostics* previous_;
};

// True for the lines libjpeg writes as warnings, which libvips passes on like errors
// ("VipsJpeg: Corrupt JPEG data: premature end of data segment").
bool is_decoder_warning(const std::string& line);

// True for a warning that means pixels are missing or wrong: a JPEG scan cut short or corrupt
// ("Premature end of JPEG file", "premature end of data segment", "bad Huffman code", ...), not
// a harmless oddity such as extraneous bytes before a marker; libvips' own warnings about rows
// it could not read ("VIPS: not enough data"); the GIF reader's.
bool means_damaged_pixels(const std::string& line);

// Installs the GLib warning handler (once per process; init_image_io calls it). Warnings are
// shown on stderr only when LOTE_VIPS_WARNINGS is set.
void listen_to_libvips_warnings();

}  // namespace lote

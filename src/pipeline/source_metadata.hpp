#pragma once
// The metadata of an input as it was decoded, held apart from the pixels: filters make new
// images from their own buffers, and whatever fields those carry, every output's metadata is
// rebuilt from this (pipeline/metadata_edit.hpp), so no filter can lose or leak any of it.

#include <cstddef>
#include <string_view>
#include <vips/vips8>

namespace lote {

// A libvips blob shared by reference (no copy per output).
class SharedBlob {
  public:
    SharedBlob() = default;
    explicit SharedBlob(VipsBlob* adopted) : blob_(adopted) {}
    SharedBlob(const SharedBlob& other);
    SharedBlob& operator=(const SharedBlob& other);
    SharedBlob(SharedBlob&& other) noexcept : blob_(other.blob_) { other.blob_ = nullptr; }
    SharedBlob& operator=(SharedBlob&& other) noexcept;
    ~SharedBlob();

    static SharedBlob copy_of(std::string_view bytes);

    bool empty() const { return size() == 0; }
    std::size_t size() const;
    const unsigned char* data() const;
    std::string_view view() const;
    VipsBlob* get() const { return blob_; }

  private:
    VipsBlob* blob_ = nullptr;
};

struct SourceMetadata {
    SharedBlob exif;  // as libvips read it (JPEG: with the "Exif\0\0" header)
    SharedBlob xmp;
    SharedBlob iptc;          // JPEG: the Photoshop APP13 block; TIFF: IPTC datasets
    SharedBlob icc;           // the profile of the decoded pixels (sRGB after a conversion)
    int orientation = 1;      // the EXIF orientation stored in the input
    bool reoriented = false;  // lote rotated or flipped the pixels by it
    double xres = 0;          // pixels per millimetre, as the loader gave them
    double yres = 0;
};

// Reads the fields of `decoded` (the normal-form image) and the orientation of `opened` (the
// image as stored, before any rotation).
SourceMetadata capture_source_metadata(const vips::VImage& decoded, int stored_orientation,
                                       bool reoriented);

// The blob stored under `field`, or an empty one.
SharedBlob blob_field(const vips::VImage& image, const char* field);

}  // namespace lote

#include "pipeline/metadata_edit.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "pipeline/exiv2_messages.hpp"
#include "pipeline/metadata_parts.hpp"

namespace lote {

namespace {

constexpr std::string_view kExifHeader{"Exif\0\0", 6};
constexpr std::string_view kPhotoshopHeader{"Photoshop 3.0\0", 14};
constexpr const char* kUtf8Iptc = "\x1b%G";

bool starts_with_any(const std::string& key, std::initializer_list<std::string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&key](std::string_view p) { return key.starts_with(p); });
}

// The credit fields `--metadata copyright` keeps, as Lightroom's "Copyright Only" export does.
bool is_credit_exif(const std::string& key) {
    return key == "Exif.Image.Artist" || key == "Exif.Image.Copyright";
}
bool is_credit_xmp(const std::string& key) {
    return starts_with_any(key, {"Xmp.dc.creator", "Xmp.dc.rights", "Xmp.photoshop.Credit",
                                 "Xmp.xmpRights.", "Xmp.iptc.CreatorContactInfo"});
}
bool is_credit_iptc(const std::string& key) {
    return key == "Iptc.Application2.Byline" || key == "Iptc.Application2.Credit" ||
           key == "Iptc.Application2.Copyright" || key == "Iptc.Application2.Contact" ||
           key == "Iptc.Envelope.CharacterSet";
}

bool is_location_exif(const std::string& key) {
    return key.starts_with("Exif.GPSInfo.");
}
bool is_location_xmp(const std::string& key) {
    return starts_with_any(
        key, {"Xmp.exif.GPS", "Xmp.photoshop.City", "Xmp.photoshop.State", "Xmp.photoshop.Country",
              "Xmp.iptc.Location", "Xmp.iptc.CountryCode", "Xmp.iptcExt.LocationCreated",
              "Xmp.iptcExt.LocationShown"});
}
bool is_location_iptc(const std::string& key) {
    return starts_with_any(key, {"Iptc.Application2.City", "Iptc.Application2.SubLocation",
                                 "Iptc.Application2.ProvinceState", "Iptc.Application2.CountryCode",
                                 "Iptc.Application2.CountryName", "Iptc.Application2.LocationCode",
                                 "Iptc.Application2.LocationName"});
}

template <class Container, class Drop>
void erase_if(Container& data, const Drop& drop) {
    for (auto it = data.begin(); it != data.end();) {
        if (drop(it->key())) {
            it = data.erase(it);
        } else {
            ++it;
        }
    }
}

template <class Container>
void erase_key(Container& data, const std::string& key) {
    erase_if(data, [&key](const std::string& k) { return k == key; });
}

std::string_view without_prefix(std::string_view bytes, std::string_view prefix) {
    return bytes.starts_with(prefix) ? bytes.substr(prefix.size()) : bytes;
}

const Exiv2::byte* as_bytes(std::string_view s) {
    return reinterpret_cast<const Exiv2::byte*>(s.data());
}

void read_exif(MetadataParts& parts) {
    std::string_view tiff = without_prefix(parts.source.exif.view(), kExifHeader);
    if (tiff.empty()) {
        return;
    }
    Exiv2Messages messages;
    Exiv2::ByteOrder order = Exiv2::invalidByteOrder;
    try {
        order = Exiv2::ExifParser::decode(parts.exif, as_bytes(tiff),
                                          static_cast<uint32_t>(tiff.size()));
    } catch (const Exiv2::AnyError& e) {
        messages.add_error(e.what());
    }
    if (order == Exiv2::invalidByteOrder || messages.any_error()) {
        parts.exif.clear();
        parts.warnings.push_back(
            "malformed EXIF left out" +
            (messages.errors().empty() ? std::string() : " (" + messages.errors()[0] + ")"));
        return;
    }
    parts.byte_order = order;
}

void read_xmp(MetadataParts& parts) {
    if (parts.source.xmp.empty()) {
        return;
    }
    Exiv2Messages messages;
    int status = 1;
    try {
        status = Exiv2::XmpParser::decode(parts.xmp, std::string(parts.source.xmp.view()));
    } catch (const Exiv2::AnyError& e) {
        messages.add_error(e.what());
    }
    if (status != 0 || messages.any_error()) {
        parts.xmp.clear();
        parts.warnings.push_back("malformed XMP left out");
    }
}

// JPEG keeps IPTC inside a Photoshop resource block, TIFF as bare IPTC datasets.
std::string_view iptc_datasets_of(std::string_view stored, bool& readable) {
    readable = true;
    if (stored.starts_with(kPhotoshopHeader)) {
        std::string_view irb = stored.substr(kPhotoshopHeader.size());
        const Exiv2::byte* record = nullptr;
        uint32_t header = 0;
        uint32_t size = 0;
        int found = Exiv2::Photoshop::locateIptcIrb(as_bytes(irb), static_cast<long>(irb.size()),
                                                    &record, &header, &size);
        if (found == 3) {
            return {};  // a Photoshop block without IPTC
        }
        if (found != 0 || record == nullptr) {
            readable = false;
            return {};
        }
        return {reinterpret_cast<const char*>(record + header), size};
    }
    return stored;
}

void read_iptc(MetadataParts& parts) {
    if (parts.source.iptc.empty()) {
        return;
    }
    bool readable = true;
    std::string_view datasets = iptc_datasets_of(parts.source.iptc.view(), readable);
    Exiv2Messages messages;
    int status = 0;
    if (readable && !datasets.empty()) {
        try {
            status = Exiv2::IptcParser::decode(parts.iptc, as_bytes(datasets),
                                               static_cast<uint32_t>(datasets.size()));
        } catch (const Exiv2::AnyError& e) {
            messages.add_error(e.what());
        }
    }
    if (!readable || status != 0 || messages.any_error()) {
        parts.iptc.clear();
        parts.warnings.push_back("malformed IPTC left out");
    }
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// "2023:06:15 10:30:00" -> "2023-06-15"; cameras without a clock write zeros or blanks.
std::optional<std::string> date_of(const Exiv2::ExifData& exif) {
    auto it = exif.findKey(Exiv2::ExifKey("Exif.Photo.DateTimeOriginal"));
    if (it == exif.end()) {
        return std::nullopt;
    }
    std::string text = it->toString();
    if (text.size() < 10 || text[4] != ':' || text[7] != ':') {
        return std::nullopt;
    }
    std::string year = text.substr(0, 4);
    std::string month = text.substr(5, 2);
    std::string day = text.substr(8, 2);
    if (!all_digits(year) || !all_digits(month) || !all_digits(day) || year == "0000" ||
        month == "00" || day == "00") {
        return std::nullopt;
    }
    return year + "-" + month + "-" + day;
}

void apply_policy(MetadataParts& parts, const MetadataOptions& options) {
    if (parts.policy == MetadataPolicy::None) {
        parts.exif.clear();
        parts.xmp.clear();
        parts.iptc.clear();
    } else if (parts.policy == MetadataPolicy::Copyright) {
        erase_if(parts.exif, [](const std::string& k) { return !is_credit_exif(k); });
        erase_if(parts.xmp, [](const std::string& k) { return !is_credit_xmp(k); });
        erase_if(parts.iptc, [](const std::string& k) { return !is_credit_iptc(k); });
        if (parts.iptc.size() == 1 && parts.iptc.begin()->key() == "Iptc.Envelope.CharacterSet") {
            parts.iptc.clear();  // a character set and nothing written in it
        }
    }
    if (options.no_location) {
        erase_if(parts.exif, is_location_exif);
        erase_if(parts.xmp, is_location_xmp);
        erase_if(parts.iptc, is_location_iptc);
    }
}

// What describes the input file rather than the output: its embedded preview, its size, its
// orientation once the pixels are upright.
void drop_stale_fields(MetadataParts& parts, bool converted_to_srgb) {
    Exiv2::ExifThumb(parts.exif).erase();
    erase_if(parts.xmp, [](const std::string& k) {
        return starts_with_any(k,
                               {"Xmp.xmp.Thumbnails", "Xmp.tiff.ImageWidth", "Xmp.tiff.ImageLength",
                                "Xmp.exif.PixelXDimension", "Xmp.exif.PixelYDimension"});
    });
    if (parts.source.reoriented) {
        if (parts.exif.findKey(Exiv2::ExifKey("Exif.Image.Orientation")) != parts.exif.end()) {
            parts.exif["Exif.Image.Orientation"] = uint16_t(1);
        }
        if (parts.xmp.findKey(Exiv2::XmpKey("Xmp.tiff.Orientation")) != parts.xmp.end()) {
            parts.xmp["Xmp.tiff.Orientation"] = "1";
        }
    }
    if (converted_to_srgb) {
        if (parts.exif.findKey(Exiv2::ExifKey("Exif.Photo.ColorSpace")) != parts.exif.end()) {
            parts.exif["Exif.Photo.ColorSpace"] = uint16_t(1);  // sRGB
        }
        if (parts.exif.findKey(Exiv2::ExifKey("Exif.Iop.InteroperabilityIndex")) !=
            parts.exif.end()) {
            parts.exif["Exif.Iop.InteroperabilityIndex"] = std::string("R98");
        }
        erase_key(parts.xmp, "Xmp.photoshop.ICCProfile");
        if (parts.xmp.findKey(Exiv2::XmpKey("Xmp.exif.ColorSpace")) != parts.xmp.end()) {
            parts.xmp["Xmp.exif.ColorSpace"] = "1";
        }
    }
}

// Pixels stored unturned (--no-auto-orient) need their orientation whatever the policy.
void keep_needed_orientation(MetadataParts& parts) {
    parts.orientation = parts.source.reoriented ? 1 : parts.source.orientation;
    if (parts.orientation >= 2 && parts.orientation <= 8) {
        parts.exif["Exif.Image.Orientation"] = static_cast<uint16_t>(parts.orientation);
    }
}

void mark_iptc_utf8(Exiv2::IptcData& iptc) {
    erase_key(iptc, "Iptc.Envelope.CharacterSet");
    iptc["Iptc.Envelope.CharacterSet"] = std::string(kUtf8Iptc);
}

void write_artist(MetadataParts& parts, const std::string& artist) {
    parts.exif["Exif.Image.Artist"] = artist;
    erase_key(parts.xmp, "Xmp.dc.creator");
    Exiv2::XmpArrayValue creators(Exiv2::xmpSeq);
    creators.read(artist);
    parts.xmp.add(Exiv2::XmpKey("Xmp.dc.creator"), &creators);
    erase_key(parts.iptc, "Iptc.Application2.Byline");
    parts.iptc["Iptc.Application2.Byline"] = artist;
    mark_iptc_utf8(parts.iptc);
}

void write_copyright(MetadataParts& parts, const std::string& copyright) {
    parts.exif["Exif.Image.Copyright"] = copyright;
    erase_key(parts.xmp, "Xmp.dc.rights");
    Exiv2::LangAltValue rights;
    rights.value_["x-default"] = copyright;
    parts.xmp.add(Exiv2::XmpKey("Xmp.dc.rights"), &rights);
    erase_key(parts.iptc, "Iptc.Application2.Copyright");
    parts.iptc["Iptc.Application2.Copyright"] = copyright;
    mark_iptc_utf8(parts.iptc);
}

}  // namespace

Exiv2::ExifData exif_for_output(const MetadataParts& parts, int width, int height) {
    Exiv2::ExifData exif = parts.exif;
    if (parts.policy == MetadataPolicy::All && !exif.empty()) {
        exif["Exif.Photo.PixelXDimension"] = static_cast<uint32_t>(width);
        exif["Exif.Photo.PixelYDimension"] = static_cast<uint32_t>(height);
    }
    return exif;
}

OutputMetadata::OutputMetadata() : parts_(std::make_shared<MetadataParts>()) {}

OutputMetadata OutputMetadata::prepare(const SourceMetadata& source, MetadataPolicy policy,
                                       const MetadataOptions& options, bool converted_to_srgb) {
    OutputMetadata out;
    MetadataParts& parts = *out.parts_;
    parts.source = source;
    parts.policy = policy;
    try {
        std::size_t warned = parts.warnings.size();
        read_exif(parts);
        parts.date_taken = date_of(parts.exif);
        if (policy == MetadataPolicy::None) {
            parts.warnings.resize(warned);  // read for the date only; it is left out anyway
        } else {
            read_xmp(parts);
            read_iptc(parts);
        }
        apply_policy(parts, options);
        drop_stale_fields(parts, converted_to_srgb);
        keep_needed_orientation(parts);
        if (!options.artist.empty()) {
            write_artist(parts, options.artist);
        }
        if (!options.copyright.empty()) {
            write_copyright(parts, options.copyright);
        }
    } catch (const Exiv2::AnyError& e) {
        // Past the parsers nothing should throw; if Exiv2 does, the image still goes out, bare.
        parts.exif.clear();
        parts.xmp.clear();
        parts.iptc.clear();
        parts.warnings.push_back(std::string("metadata left out (") + e.what() + ")");
    }
    return out;
}

const std::vector<std::string>& OutputMetadata::warnings() const {
    return parts_->warnings;
}

const std::optional<std::string>& OutputMetadata::date_taken() const {
    return parts_->date_taken;
}

int OutputMetadata::orientation() const {
    return parts_->orientation;
}

const SourceMetadata& OutputMetadata::source() const {
    return parts_->source;
}

MetadataPolicy OutputMetadata::policy() const {
    return parts_->policy;
}

const std::string& OutputMetadata::exif_block(int width, int height) const {
    MetadataParts& p = *parts_;
    if (p.exif.empty()) {
        p.exif_bytes.clear();
        return p.exif_bytes;
    }
    if (p.exif_width != width || p.exif_height != height) {
        Exiv2::Blob blob;
        Exiv2::ExifParser::encode(blob, p.byte_order, exif_for_output(p, width, height));
        p.exif_bytes.assign(reinterpret_cast<const char*>(blob.data()), blob.size());
        p.exif_width = width;
        p.exif_height = height;
    }
    return p.exif_bytes;
}

const std::string& OutputMetadata::xmp_packet() const {
    MetadataParts& p = *parts_;
    if (!p.xmp_bytes) {
        std::string packet;
        if (!p.xmp.empty() &&
            Exiv2::XmpParser::encode(packet, p.xmp, Exiv2::XmpParser::useCompactFormat, 0) != 0) {
            packet.clear();
        }
        p.xmp_bytes = std::move(packet);
    }
    return *p.xmp_bytes;
}

const std::string& OutputMetadata::iptc_datasets() const {
    MetadataParts& p = *parts_;
    if (!p.iptc_bytes) {
        std::string bytes;
        if (!p.iptc.empty()) {
            Exiv2::DataBuf raw = Exiv2::IptcParser::encode(p.iptc);
            bytes.assign(reinterpret_cast<const char*>(raw.pData_), raw.size_);
        }
        p.iptc_bytes = std::move(bytes);
    }
    return *p.iptc_bytes;
}

const std::string& OutputMetadata::photoshop_block() const {
    MetadataParts& p = *parts_;
    if (!p.photoshop_bytes) {
        std::string bytes;
        if (!p.iptc.empty()) {
            Exiv2::DataBuf irb = Exiv2::Photoshop::setIptcIrb(nullptr, 0, p.iptc);
            if (irb.size_ > 0) {
                bytes.assign(kPhotoshopHeader);
                bytes.append(reinterpret_cast<const char*>(irb.pData_), irb.size_);
            }
        }
        p.photoshop_bytes = std::move(bytes);
    }
    return *p.photoshop_bytes;
}

}  // namespace lote

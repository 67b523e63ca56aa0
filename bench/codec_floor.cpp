// The benchmark's codec floor: the least work any batch tool must do for a workload. Each input is
// decoded once (with the EXIF orientation applied, as lote does) and each wanted output is encoded
// once with the same settings but no filter. An output that is smaller than its input (a resize, a
// fit to 1600 px) is encoded from a crop of that size, so the floor pays exactly the output's
// encoding cost and nothing of the resampling; `:1` keeps one band (a grey output).
//
//   bench_codec_floor --out DIR --quality Q --outputs blur=1,grises=1:1,redimensionar=0.5,web=w1600
//                     [--jobs N] [--concurrency C] [--shrink-to WIDTH] IMAGE...
//
// Outputs go to DIR/<name>/<stem>_<name><ext>, the seed's layout, so the file-system cost matches.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>
#include <vips/vips8>

namespace fs = std::filesystem;

namespace {

// How big one output is relative to its input: a scale of both sides, or a fixed width.
struct OutputSpec {
    std::string name;
    double scale = 1.0;
    int width = 0;  // > 0: the output is this wide, keeping the aspect ratio
    int bands = 0;  // > 0: keep only this many bands (a grey output is one band)
};

struct Settings {
    fs::path out;
    int quality = 75;
    unsigned jobs = 0;
    int concurrency = 1;
    int shrink_to = 0;  // > 0: JPEGs may be decoded at 1/2, 1/4, 1/8 size while this wide
    std::vector<OutputSpec> outputs;
    std::vector<std::string> images;
};

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "bench_codec_floor: %s\n", message.c_str());
    std::exit(2);
}

OutputSpec parse_output(const std::string& item) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
        die("bad output '" + item + "' (want name=scale[:bands] or name=wWIDTH[:bands])");
    }
    OutputSpec spec{item.substr(0, eq)};
    std::string size = item.substr(eq + 1);
    if (const auto colon = size.find(':'); colon != std::string::npos) {
        spec.bands = std::atoi(size.c_str() + colon + 1);
        size.resize(colon);
    }
    if (size[0] == 'w') {
        spec.width = std::atoi(size.c_str() + 1);
    } else {
        spec.scale = std::atof(size.c_str());
    }
    if (spec.width < 0 || spec.scale <= 0 || spec.scale > 1) {
        die("bad output size in '" + item + "' (a floor never enlarges)");
    }
    return spec;
}

std::vector<OutputSpec> parse_outputs(const std::string& list) {
    std::vector<OutputSpec> specs;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = std::min(list.find(',', start), list.size());
        if (comma > start) {
            specs.push_back(parse_output(list.substr(start, comma - start)));
        }
        start = comma + 1;
    }
    return specs;
}

Settings parse_args(int argc, char** argv) {
    Settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--out" && has_value) {
            s.out = argv[++i];
        } else if (arg == "--quality" && has_value) {
            s.quality = std::atoi(argv[++i]);
        } else if (arg == "--jobs" && has_value) {
            s.jobs = static_cast<unsigned>(std::atoi(argv[++i]));
        } else if (arg == "--concurrency" && has_value) {
            s.concurrency = std::atoi(argv[++i]);
        } else if (arg == "--shrink-to" && has_value) {
            s.shrink_to = std::atoi(argv[++i]);
        } else if (arg == "--outputs" && has_value) {
            s.outputs = parse_outputs(argv[++i]);
        } else if (!arg.empty() && arg[0] == '-') {
            die("unknown or incomplete option " + arg);
        } else {
            s.images.push_back(arg);
        }
    }
    if (s.out.empty() || s.outputs.empty() || s.images.empty()) {
        die("usage: --out DIR --quality Q --outputs name=scale,... [--jobs N] [--concurrency C] "
            "IMAGE...");
    }
    if (s.jobs == 0) {
        s.jobs = std::max(1u, std::thread::hardware_concurrency());
    }
    return s;
}

bool is_jpeg(const std::string& path) {
    const char* loader = vips_foreign_find_load(path.c_str());
    return loader != nullptr && std::string(loader).find("Jpeg") != std::string::npos;
}

// A tool that fits images to `min_width` may let the JPEG decoder scale by 1/2, 1/4 or 1/8, as
// long as the result stays at least that wide (after the EXIF rotation): so may the floor.
int jpeg_shrink_for(const std::string& path, int min_width) {
    if (min_width <= 0 || !is_jpeg(path)) {
        return 1;
    }
    const auto header = vips::VImage::new_from_file(path.c_str());
    const bool turned =
        header.get_typeof(VIPS_META_ORIENTATION) != 0 && header.get_int(VIPS_META_ORIENTATION) >= 5;
    const int width = turned ? header.height() : header.width();
    for (const int shrink : {8, 4, 2}) {
        if (width / shrink >= min_width) {
            return shrink;
        }
    }
    return 1;
}

// The decoded pixels, in memory, so every output encodes from the same single decode.
vips::VImage decode(const std::string& path, int shrink_to) {
    auto options = vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL);
    if (const int shrink = jpeg_shrink_for(path, shrink_to); shrink > 1) {
        options->set("shrink", shrink);
    }
    return vips::VImage::new_from_file(path.c_str(), options).autorot().copy_memory();
}

vips::VImage output_sized(const vips::VImage& image, const OutputSpec& spec) {
    double scale = spec.scale;
    if (spec.width > 0) {
        scale = std::min(1.0, static_cast<double>(spec.width) / image.width());
    }
    const int w = std::max(1, static_cast<int>(image.width() * scale));
    const int h = std::max(1, static_cast<int>(image.height() * scale));
    auto sized = (w == image.width() && h == image.height()) ? image : image.crop(0, 0, w, h);
    if (spec.bands > 0 && spec.bands < sized.bands()) {
        sized = sized.extract_band(0, vips::VImage::option()->set("n", spec.bands));
    }
    return sized;
}

void encode(const vips::VImage& image, const fs::path& path, int quality) {
    image.write_to_file(path.c_str(), vips::VImage::option()->set("Q", quality));
}

bool process_one(const std::string& input, const Settings& s) {
    const fs::path in(input);
    try {
        const auto image = decode(input, s.shrink_to);
        for (const auto& spec : s.outputs) {
            const auto name = in.stem().string() + "_" + spec.name + in.extension().string();
            encode(output_sized(image, spec), s.out / spec.name / name, s.quality);
        }
        return true;
    } catch (const vips::VError& e) {
        std::fprintf(stderr, "bench_codec_floor: %s: %s\n", input.c_str(), e.what());
        return false;
    }
}

// One thread per job takes the next image until none are left; libvips' own threading is
// limited to `concurrency` per image so jobs × concurrency can match the cores.
int run_all(const Settings& s) {
    std::atomic<std::size_t> next{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < s.jobs; ++t) {
        threads.emplace_back([&] {
            for (auto i = next++; i < s.images.size(); i = next++) {
                failures += process_one(s.images[i], s) ? 0 : 1;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    return failures.load();
}

}  // namespace

int main(int argc, char** argv) {
    if (VIPS_INIT(argv[0]) != 0) {
        die("libvips failed to start");
    }
    const Settings s = parse_args(argc, argv);
    vips_concurrency_set(s.concurrency);
    // Each image is used once; keeping operations cached would only cost memory.
    vips_cache_set_max(0);
    for (const auto& spec : s.outputs) {
        fs::create_directories(s.out / spec.name);
    }
    const int failures = run_all(s);
    vips_shutdown();
    return failures == 0 ? 0 : 1;
}

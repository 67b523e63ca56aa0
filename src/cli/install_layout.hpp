#pragma once
// Where lote finds the files it ships beside its binary, from the binary's own location
// (/proc/self/exe), so an installed copy and the build tree both work and no absolute path of
// the build is compiled in:
//   installed:  <prefix>/bin/lote, <prefix>/share/lote/web, <prefix>/lib/lote/vips-home
//   build tree: build/lote, web/ (the source tree beside build/), build/vips-home
// The relative parts come from the build (LOTE_RELATIVE_WEB_DIR, LOTE_RELATIVE_VIPS_HOME).

#include <filesystem>

namespace lote::cli {

// The folder holding the running binary; empty when /proc/self/exe cannot be read.
std::filesystem::path executable_dir();

// The page's folder when `lote serve --web` is not given: $LOTE_WEB_DIR, then the installed
// <exe>/../share/lote/web, then <exe>/../web (source tree beside build/), <exe>/web, ./web.
// When none holds an index.html, the installed location (the server then says what is missing).
std::filesystem::path default_web_dir();

// The libvips home holding only the modules lote uses: the installed <exe>/../lib/lote/vips-home,
// else build/vips-home beside a build-tree binary; empty when neither exists or a module link
// in it leads nowhere (libvips then loads the system's modules).
std::filesystem::path bundled_vips_home();

}  // namespace lote::cli

# `cmake --install build [--prefix P]`: lote laid out the usual way under P, every shipped file
# found by the binary relative to its own location (src/cli/install_layout.hpp), so the prefix
# can be anything, even moved after installing:
#   bin/lote                    share/lote/web/        the page
#   lib/lote/vips-home/         the libvips module folder (only the HEIF module, see above)
#   share/doc/lote/             README.md, docs/*.md   share/man/man1/lote.1.gz
# The systemd units and /etc/lote belong to the Debian package only (cmake/Package.cmake).
include(GNUInstallDirs)

set(LOTE_INSTALL_WEB_DIR "${CMAKE_INSTALL_DATADIR}/lote/web")
set(LOTE_INSTALL_VIPS_HOME "lib/lote/vips-home")
set(LOTE_INSTALL_DOC_DIR "${CMAKE_INSTALL_DATADIR}/doc/lote")

# The page and the module folder as seen from bin/ ("../share/lote/web"): compiled in relative,
# never as an absolute path of this machine.
file(RELATIVE_PATH lote_relative_web "/prefix/${CMAKE_INSTALL_BINDIR}" "/prefix/${LOTE_INSTALL_WEB_DIR}")
file(RELATIVE_PATH lote_relative_vips_home "/prefix/${CMAKE_INSTALL_BINDIR}" "/prefix/${LOTE_INSTALL_VIPS_HOME}")
set_property(SOURCE ${CMAKE_SOURCE_DIR}/src/cli/install_layout.cpp APPEND PROPERTY
  COMPILE_DEFINITIONS LOTE_RELATIVE_WEB_DIR="${lote_relative_web}"
  LOTE_RELATIVE_VIPS_HOME="${lote_relative_vips_home}")

install(TARGETS lote RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/web/ DESTINATION ${LOTE_INSTALL_WEB_DIR})
# The folder holds a symbolic link to the system's module (libvips42's own file); installed as
# a link, so the package ships no copy of libvips.
install(DIRECTORY ${LOTE_VIPS_HOME}/ DESTINATION ${LOTE_INSTALL_VIPS_HOME})
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${LOTE_INSTALL_DOC_DIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${LOTE_INSTALL_DOC_DIR}
  FILES_MATCHING PATTERN "*.md")

# The man page, made from the real `lote --help-all` and `lote --version` after each build of
# the binary, so it cannot drift from the program (cmake/man-help.sh marks the subcommands as
# sub-sections; cmake/lote.h2m adds what --help does not say).
# (-DLOTE_MAN_PAGE=OFF skips it, e.g. in a sanitizer build whose binary should not run here.)
option(LOTE_MAN_PAGE "Make and install the man page (needs help2man)" ON)
find_program(LOTE_HELP2MAN help2man)
if(LOTE_MAN_PAGE AND LOTE_HELP2MAN)
  set(lote_man ${CMAKE_BINARY_DIR}/lote.1)
  add_custom_command(OUTPUT ${lote_man}.gz
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 ${LOTE_HELP2MAN} --no-info --section=1 --help-option=--help-all
            "--name=multicore batch image processor with a web page"
            --include=${CMAKE_SOURCE_DIR}/cmake/lote.h2m --output=${lote_man}
            "${CMAKE_SOURCE_DIR}/cmake/man-help.sh $<TARGET_FILE:lote>"
    COMMAND gzip -9nf ${lote_man}
    DEPENDS lote ${CMAKE_SOURCE_DIR}/cmake/lote.h2m ${CMAKE_SOURCE_DIR}/cmake/man-help.sh
    COMMENT "Writing the man page lote.1 from lote --help-all"
    VERBATIM)
  add_custom_target(lote_man_page ALL DEPENDS ${lote_man}.gz)
  install(FILES ${lote_man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
elseif(LOTE_MAN_PAGE)
  message(WARNING "help2man not found (apt-get install help2man): no man page is installed")
endif()

# `cpack -G DEB` (from the build folder): lote_<version>_<arch>.deb, installing under /usr what
# `cmake --install` installs, plus what a service needs: the systemd units lote.service and
# lote-node@.service, the settings /etc/lote/lote.toml and /etc/lote/node.env (conffiles), and
# maintainer scripts creating the unprivileged `lote` user and /var/lib/lote (packaging/debian).
# Depends: adduser, and the packages of the libraries the binary links, named by dpkg-shlibdeps
# when cpack runs (cmake/PackageDepends.cmake.in; packaging/debian/shlibs.local corrects a
# Debian 12 library that names a package bookworm does not have).

set(LOTE_PACKAGE_PREFIX /usr)
set(LOTE_PACKAGE_BINARY ${LOTE_PACKAGE_PREFIX}/${CMAKE_INSTALL_BINDIR}/lote)
set(LOTE_PACKAGE_DOC_DIR ${LOTE_PACKAGE_PREFIX}/${LOTE_INSTALL_DOC_DIR})
foreach(unit lote.service lote-node@.service)
  configure_file(${CMAKE_SOURCE_DIR}/packaging/systemd/${unit}.in ${CMAKE_BINARY_DIR}/packaging/${unit} @ONLY)
endforeach()

# The `system` component is left out of a plain `cmake --install`, which never writes /etc or
# the systemd folders of the machine; the package installs it beside everything else.
install(FILES ${CMAKE_BINARY_DIR}/packaging/lote.service ${CMAKE_BINARY_DIR}/packaging/lote-node@.service
  DESTINATION lib/systemd/system COMPONENT system EXCLUDE_FROM_ALL)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/etc/lote.toml ${CMAKE_SOURCE_DIR}/packaging/etc/node.env
  DESTINATION /etc/lote PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ
  COMPONENT system EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lote)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR lote)
set(CPACK_PACKAGE_CONTACT "lote maintainers <lote@localhost>" CACHE STRING "The package's Maintainer field")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "multicore batch image processor with a web page")
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "lote applies filters and chains (fit to a size, sharpen, watermark, grayscale, sepia, blur...) "
  "to whole folders of photos on every core, with live progress on the command line or in a "
  "browser page, results organised per filter, and incremental re-runs.\n"
  "The package runs the page as the lote.service systemd unit, as an unprivileged lote user.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(LOTE_PACKAGED_BINARY ${CMAKE_BINARY_DIR}/lote)
configure_file(${CMAKE_SOURCE_DIR}/cmake/PackageDepends.cmake.in
  ${CMAKE_BINARY_DIR}/packaging/PackageDepends.cmake @ONLY)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_BINARY_DIR}/packaging/PackageDepends.cmake)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${CMAKE_SOURCE_DIR}/packaging/debian/postinst ${CMAKE_SOURCE_DIR}/packaging/debian/prerm
  ${CMAKE_SOURCE_DIR}/packaging/debian/postrm ${CMAKE_SOURCE_DIR}/packaging/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Installed with DESTDIR into the package's tree, so /etc/lote lands inside it, never on this
# machine; both components, as the default install leaves `system` out.
set(CPACK_SET_DESTDIR ON)
set(CPACK_PACKAGING_INSTALL_PREFIX ${LOTE_PACKAGE_PREFIX})
set(CPACK_INSTALL_PREFIX ${LOTE_PACKAGE_PREFIX})
set(CPACK_INSTALL_CMAKE_PROJECTS
  "${CMAKE_BINARY_DIR};lote;Unspecified;/" "${CMAKE_BINARY_DIR};lote;system;/")
include(CPack)

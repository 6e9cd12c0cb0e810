# What `cmake --install` puts where, and the Debian package CPack makes of it.
install(TARGETS casebook RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The PDF writer, loaded on the first PDF (app/pdf/pdf_export.hpp).
if(CASEBOOK_PDF)
  install(TARGETS casebook_pdf_module LIBRARY DESTINATION ${CASEBOOK_PDF_MODULE_DIR})
endif()
install(DIRECTORY assets/cases assets/checklist assets/guidance
        DESTINATION ${CMAKE_INSTALL_DATADIR}/casebook
        PATTERN "*.md" EXCLUDE)
install(FILES assets/desktop/org.casebook.Casebook.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
configure_file(assets/desktop/org.casebook.Casebook.metainfo.xml
               ${CMAKE_BINARY_DIR}/org.casebook.Casebook.metainfo.xml @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/org.casebook.Casebook.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES assets/icons/casebook.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256)
  install(FILES assets/icons/casebook-${size}.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
          RENAME casebook.png)
endforeach()

# The man page, made from --help by help2man where it is installed.
find_program(HELP2MAN help2man)
if(HELP2MAN AND NOT CMAKE_CROSSCOMPILING) # it runs the built casebook
  add_custom_command(
    OUTPUT ${CMAKE_BINARY_DIR}/casebook.1.gz
    COMMAND ${HELP2MAN} --no-info --section 1 --name "${PROJECT_DESCRIPTION}"
            --output ${CMAKE_BINARY_DIR}/casebook.1 $<TARGET_FILE:casebook>
    COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/casebook.1
    DEPENDS casebook
    COMMENT "Writing the man page from casebook --help")
  add_custom_target(casebook_man ALL DEPENDS ${CMAKE_BINARY_DIR}/casebook.1.gz)
  install(FILES ${CMAKE_BINARY_DIR}/casebook.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# Debian wants a copyright file and a compressed changelog in the package's doc folder.
set(doc_dir ${CMAKE_INSTALL_DATADIR}/doc/casebook)
install(FILES packaging/copyright DESTINATION ${doc_dir})
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/changelog.gz
  COMMAND gzip -9nc ${CMAKE_CURRENT_SOURCE_DIR}/packaging/changelog > ${CMAKE_BINARY_DIR}/changelog.gz
  DEPENDS packaging/changelog)
add_custom_target(casebook_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/changelog.gz)
install(FILES ${CMAKE_BINARY_DIR}/changelog.gz DESTINATION ${doc_dir})

set(CPACK_PACKAGE_NAME casebook)
set(CPACK_PACKAGE_VENDOR "The Casebook project")
set(CPACK_PACKAGE_CONTACT "The Casebook project <casebook@localhost.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The window's font is DejaVu Sans, read at run time (dpkg-shlibdeps cannot see that).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Casebook helps health and care professionals decide when confidentiality\n must give way to protecting a child or an adult at risk: interactive cases,\n a disclosure checklist that ends in a decision record for the notes, and\n private notes and signed supervision sessions synced through files.")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)

# Cross-building for 64-bit ARM (the processors tablets use) with Debian's multiarch toolchain;
# tests run under qemu-user. Used by .ci/cross-arm64.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;/usr/aarch64-linux-gnu)
# Linked statically: under Debian 12's qemu-user (7.2) a dynamically linked arm64 program spins
# inside glibc's pthread_create and never starts its thread (a three-line std::thread program
# shows it; `qemu-aarch64 -strace` stops at rt_sigprocmask, before clone), so every test that
# starts a thread would hang. Statically linked, the same code runs its threads.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
# The :arm64 packages' static libraries: set after project(), where CMake's Linux platform
# file would otherwise put the shared ones first.
set(CMAKE_PROJECT_INCLUDE ${CMAKE_CURRENT_LIST_DIR}/static-libraries.cmake)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# Headers-only packages (cereal, rapidjson, CLI11, Catch2) come from the host; libraries from :arm64.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

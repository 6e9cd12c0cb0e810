# Included after project() by the arm64 toolchain (aarch64-linux-gnu.cmake): libraries are found
# as static archives, for a statically linked build.
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)

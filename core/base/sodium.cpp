#include "base/sodium.hpp"

#include <sodium.h>
#include <stdexcept>

namespace casebook::detail {

void start_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("cannot start libsodium");
}

} // namespace casebook::detail

#pragma once
// libsodium, started once for the whole core (PINs, sync's keys and files, the case fingerprint,
// random ids). Idempotent and thread-safe, as sodium_init() is.

namespace casebook::detail {

// Throws std::runtime_error if libsodium cannot start (no source of randomness).
void start_sodium();

} // namespace casebook::detail

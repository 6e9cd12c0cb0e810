#pragma once
// How hard a secret (a PIN, a sync passphrase) is to turn into a key with Argon2id: interactive
// (libsodium's interactive limits) for real use, minimum for tests and benchmarks only.

namespace casebook {

enum class KdfCost { interactive, minimum };

} // namespace casebook

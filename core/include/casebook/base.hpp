#pragma once
// What every concern shares: problems (the validation shape), whole files and the fsyncing
// writer, assets, data paths, text checks, tags, time formats, the vocabulary of professions,
// settings and nations, and the KDF cost.
#include "casebook/base/assets.hpp"
#include "casebook/base/files.hpp"
#include "casebook/base/kdf_cost.hpp"
#include "casebook/base/paths.hpp"
#include "casebook/base/problem.hpp"
#include "casebook/base/tags.hpp"
#include "casebook/base/text_check.hpp"
#include "casebook/base/time.hpp"
#include "casebook/base/vocabulary.hpp"

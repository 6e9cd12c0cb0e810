#pragma once
// Reading and checking one case file and the guidance references: parse_case is defined in
// core/cases/loader.cpp, check_case and check_guidance in core/cases/check.cpp. The Library
// (library.hpp) loads every case through these.
#include "casebook/base/problem.hpp"
#include "casebook/cases/case.hpp"
#include "casebook/cases/guidance.hpp"

#include <string>
#include <string_view>

namespace casebook {

// Parses one case file. Structural problems (wrong types, missing fields) are reported;
// returns the case as far as it could be read.
Case parse_case(std::string_view json, const std::string& path, Problems& problems);

// Every content rule of assets/cases/SCHEMA.md for one case.
Problems check_case(const Case& c, const Guidance& guidance);

// The rules the references file itself must keep beyond its structure: every status is one the
// sheet uses, and a topic-only (T) point is shown by a heading, never a number.
Problems check_guidance(const Guidance& guidance, const std::string& path);

} // namespace casebook

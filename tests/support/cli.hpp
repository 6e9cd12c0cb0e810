#pragma once
// Setting up a data folder through the real CLI, as an administrator's script would.
#include "support/json.hpp"
#include "support/process.hpp"

#include <string>

namespace test {

// `casebook profiles add --json ARGS`; the new profile's id, or the test fails there.
inline std::string cli_add_profile(const TempDir& data, const std::string& args) {
    auto r = run_casebook(data, "profiles add --json " + args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json(r.out)["id"].GetString();
}

// `casebook notes add --json ARGS`; the new note's id, or the test fails there.
inline std::string cli_add_note(const TempDir& data, const std::string& args) {
    auto r = run_casebook(data, "notes add --json " + args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json(r.out)["id"].GetString();
}

} // namespace test

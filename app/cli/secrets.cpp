// Secrets from files or the terminal (PINs, the sync passphrase), and unlocking a profile.
#include "casebook/base.hpp"
#include "casebook/journal.hpp"
#include "cli_support.hpp"

namespace casebook::cli {

const char* const lock_help =
    "A profile with a PIN is unlocked with --pin-file FILE (the PIN on its first line) or,\n"
    "when standard input is a terminal, at a prompt. A wrong PIN exits 2; from the third wrong\n"
    "PIN in a row each one makes the next try wait longer (30 s, doubling, at most 15 min).\n"
    "--profile may be left out when the device has one profile.\n";

namespace {

// A secret file holds one short line; anything longer is the wrong file (or /dev/zero).
constexpr std::size_t secret_file_limit = 4096;

} // namespace

std::optional<std::string> read_secret_file(const std::string& path, const std::string& what,
                                            std::string& error) {
    std::string text;
    try {
        text = read_file(path, secret_file_limit);
    } catch (const FileError& e) {
        error = "cannot read the " + what + " file " + path + ": " + e.reason();
        return std::nullopt;
    }
    auto line = text.substr(0, text.find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
        error =
            "the " + what + " file " + path + " is empty: the " + what + " goes on its first line";
        return std::nullopt;
    }
    error.clear();
    return line;
}

// The profile the command acts for, unlocked. Prints why not and returns nullopt (exit 2).
std::optional<Profile> unlocked_profile(Journal& journal, const Parsed& p, const Context& ctx,
                                        const char* usage) {
    std::optional<Profile> profile;
    if (const auto wanted = p.option("--profile"); !wanted.empty()) {
        profile = journal.find_profile(wanted);
        if (!profile) {
            ctx.err << "casebook: no profile '" << wanted
                    << "' on this device (see `casebook profiles list`)\n";
            return std::nullopt;
        }
    } else {
        auto all = journal.profiles();
        if (all.empty()) {
            ctx.err << "casebook: no profiles yet: add one with `casebook profiles add --name "
                       "NAME`\n";
            return std::nullopt;
        }
        if (all.size() > 1) {
            usage_error(ctx,
                        "--profile is needed: this device has " + std::to_string(all.size()) +
                            " profiles (see `casebook profiles list`)",
                        usage);
            return std::nullopt;
        }
        profile = all[0];
    }
    if (!profile->has_pin) return profile;
    if (const auto wait = journal.pin_wait(profile->id); wait.count() > 0) {
        ctx.err << "casebook: " << PinCheck{PinCheck::Outcome::wait, wait}.message(profile->name)
                << "\n";
        return std::nullopt;
    }
    std::optional<std::string> pin;
    if (const auto file = p.option("--pin-file"); !file.empty()) {
        std::string error;
        pin = read_secret_file(file, "PIN", error);
        if (!pin) {
            ctx.err << "casebook: " << error << "\n";
            return std::nullopt;
        }
    } else if (ctx.read_secret) {
        // At a terminal, asked for without echo (platform/ owns the terminal).
        pin = ctx.read_secret("PIN for " + profile->name + ": ");
    }
    if (!pin) {
        ctx.err << "casebook: profile " << profile->name
                << " is locked with a PIN: give it with --pin-file FILE (standard input is not "
                   "a terminal, so it cannot be asked for)\n";
        return std::nullopt;
    }
    const PinCheck check = journal.check_pin(profile->id, *pin);
    if (!check.accepted()) {
        ctx.err << "casebook: " << check.message(profile->name) << "\n";
        return std::nullopt;
    }
    return profile;
}

} // namespace casebook::cli

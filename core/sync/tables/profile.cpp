// Profiles: everything but the PIN itself travels; a PIN's verifier arrives only where none is set.
#include "sync/tables/tables.hpp"

#include <sodium.h>

namespace casebook::detail {

namespace {

// A PIN verifier another device may hand this one: an Argon2id string with the costs this app
// uses (a hostile one could ask every unlock here for gigabytes).
bool acceptable_verifier(const std::string& v) {
    if (v.empty() || v.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_needs_rehash(v.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ||
           crypto_pwhash_str_needs_rehash(v.c_str(), crypto_pwhash_OPSLIMIT_MIN,
                                          crypto_pwhash_MEMLIMIT_MIN) == 0;
}

} // namespace

void TableReplica::detect_profile(const std::string& id) {
    auto& s = db_.cached("SELECT name, role, profession, jurisdiction, created_at, hlc, deleted, "
                         "COALESCE(pin_hash, '') FROM profile WHERE id = ?");
    s.bind(1, id);
    detect_row({"profile", id}, s.step(), id, IfGone::keep, [&](const Record&, View& v) {
        v.fields = {{"name", s.text(0)},
                    {"role", s.text(1)},
                    {"profession", s.text(2)},
                    {"jurisdiction", s.text(3)},
                    {"created_at", s.text(4)},
                    {"pin_hash", s.text(7)}}; // the PIN's Argon2id verifier, never the PIN
        v.wall_ms = stamp_ms(s.text(5));
        v.state = s.integer64(6) ? presence::deleted : presence::alive;
    });
}

bool TableReplica::apply_profile(const Record& r) {
    std::string role = r.field("role");
    if (role != "trainee" && role != "supervisor") role = "other";
    bool exists = false;
    std::string pin;
    {
        auto& s = db_.cached("SELECT COALESCE(pin_hash, '') FROM profile WHERE id = ?");
        s.bind(1, r.id);
        if (s.step()) {
            exists = true;
            pin = s.text(0);
        }
    }
    // The PIN lock travels with the profile: a profile arrives locked by the same PIN, and a
    // profile without a PIN here takes one set elsewhere. A file never removes or replaces a PIN
    // this device already has: that would let anyone with the group passphrase unlock it.
    const std::string name = r.field("name");
    const std::string offered = r.field("pin_hash");
    if (!offered.empty() && offered != pin) {
        if (!acceptable_verifier(offered))
            notes_.push_back("profile " + name + " (" + r.id +
                             "): its PIN lock from another device is not in a form this device "
                             "accepts: not applied");
        else if (pin.empty())
            pin = offered;
        else
            notes_.push_back("profile " + name + " (" + r.id +
                             "): a PIN changed on another device is not applied here; this "
                             "device keeps the PIN it had (change it here too once unlocked)");
    } else if (offered.empty() && !pin.empty() && r.fields.count("pin_hash")) {
        notes_.push_back("profile " + name + " (" + r.id +
                         "): a PIN removed on another device stays on this device (remove it "
                         "here once unlocked)");
    }
    db_.cached("INSERT INTO profile (id, name, role, profession, jurisdiction, created_at, hlc, "
               "deleted, pin_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, '')) ON CONFLICT (id) "
               "DO UPDATE SET name = excluded.name, role = excluded.role, "
               "profession = excluded.profession, jurisdiction = excluded.jurisdiction, "
               "created_at = excluded.created_at, hlc = excluded.hlc, deleted = excluded.deleted, "
               "pin_hash = excluded.pin_hash")
        .bind(1, r.id)
        .bind(2, r.field("name"))
        .bind(3, role)
        .bind(4, r.field("profession"))
        .bind(5, r.field("jurisdiction"))
        .bind(6, or_now(r.field("created_at")))
        .bind(7, r.latest().str())
        .bind_int64(8, r.state() == presence::deleted ? 1 : 0)
        .bind(9, pin)
        .run();
    // Made on another device of the group: its owner agreed there.
    if (!exists) add_member(r.id, "arrived");
    // Names are unique on a device, but two devices may each have made an "Alice": keep both,
    // and say so (a name alone no longer tells them apart; see Journal::find_profile).
    auto& same = db_.cached("SELECT id FROM profile WHERE deleted = 0 AND id <> ? AND "
                            "lower(name) = lower(?)");
    same.bind(1, r.id).bind(2, name);
    std::vector<std::string> others;
    while (same.step())
        others.push_back(same.text(0));
    if (!others.empty() && r.state() != presence::deleted) {
        std::string ids;
        for (const auto& o : others)
            ids += ", " + o;
        notes_.push_back("two profiles are now named '" + name + "' on this device (" + r.id + ids +
                         "): choose one by its id until one is renamed");
    }
    return true;
}

} // namespace casebook::detail

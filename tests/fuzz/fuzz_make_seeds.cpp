// Writes the sync fuzz targets' seed corpus with the real encoder: a group file, the plaintext
// payload of a few realistic records, and the same payload sealed as a segment with the fuzz key.
//   fuzz_make_seeds OUT_DIR   (makes OUT_DIR/group_file, sync_payload, sync_envelope)
#include "fuzz_support.hpp"
#include "sync/format.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace {

void write(const std::filesystem::path& path, const std::string& bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

casebook::Hlc stamp(long long ms, int counter) {
    casebook::Hlc h;
    h.ms = ms;
    h.counter = static_cast<std::uint32_t>(counter);
    h.device = fuzz::device_id;
    return h;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: fuzz_make_seeds OUT_DIR\n";
        return 2;
    }
    const std::filesystem::path out = argv[1];
    casebook::SyncKey group_key;
    const auto group =
        casebook::GroupFile::create("a passphrase I chose", casebook::KdfCost::minimum, group_key);
    write(out / "group_file" / "casebook.group", group.bytes());

    std::vector<casebook::Record> records;
    casebook::Record profile;
    profile.kind = "profile";
    profile.id = "00112233445566778899aabbccddeeff";
    profile.set_field("name", "Sam Okafor", stamp(1767225600000, 0));
    profile.set_field("role", "trainee", stamp(1767225600000, 1));
    profile.set_state(casebook::presence::alive, stamp(1767225600000, 2));
    records.push_back(profile);
    casebook::Record note;
    note.kind = "note";
    note.id = "ffeeddccbbaa99887766554433221100";
    note.profile_id = profile.id;
    note.set_field("tags", "ward,handover", stamp(1767225601000, 0));
    note.set_text("title", "Supervision prep", stamp(1767225601000, 1));
    note.set_text("body", "Seen on ward 7; discuss consent and who to tell.",
                  stamp(1767225601000, 2));
    note.set_text("body", "An edit made apart from the first.", stamp(1767225602000, 0));
    note.set_state(casebook::presence::alive, stamp(1767225601000, 3));
    records.push_back(note);
    casebook::Record version = note;
    version.kind = "note_version";
    version.id = "0f0e0d0c0b0a09080706050403020100";
    version.parent = note.id;
    records.push_back(version);

    const std::string payload = casebook::encode_records(records);
    write(out / "sync_payload" / "records", payload);
    write(out / "sync_payload" / "empty", casebook::encode_records({}));
    write(out / "sync_payload" / "one-record", casebook::encode_record(note));
    write(out / "sync_envelope" / "segment",
          casebook::seal_envelope(fuzz::header(), payload, fuzz::key()));
    return 0;
}

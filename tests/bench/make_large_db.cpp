// Makes the large database the benchmarks open (a program, run by tests/bench/run):
// 100,000 records synced in from 20 devices, then a profile with 10,000 notes, 100 supervision
// sessions and 200 decision records.
//   build/tests/make_large_db DIR      (does nothing if DIR already holds a finished one)
#include "casebook/checklist.hpp"
#include "sync_history.hpp"

#include <fstream>

using namespace bench;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_large_db DIR\n");
        return 2;
    }
    const fs::path dir = argv[1];
    if (fs::exists(dir / "finished")) return 0;
    fs::remove_all(dir);
    const auto start = Clock::now();
    std::mt19937 rng(7);
    const fs::path root = dir.string() + ".work";
    fs::remove_all(root);
    History history = write_history(root, root / "folder", KdfCost::minimum, 20, 2500, rng);
    Device device(dir, KdfCost::minimum);
    device.sync->join(root / "folder", passphrase);
    const auto applied = device.sync->run(root / "folder", passphrase).records_applied;
    history.sources.clear();
    fs::remove_all(root);

    Journal& journal = *device.journal;
    const auto nurse = journal.add_profile({"Bench Nurse", Role::trainee, "nurse", "england"});
    const auto lead = journal.add_profile({"Bench Lead", Role::supervisor, "doctor", "england"});
    add_notes(device, nurse.id, 10000, rng);
    for (int i = 0; i < 100; ++i) {
        const auto s = journal.start_supervision(lead.id, nurse.id);
        SupervisionDraft d;
        d.discussion = words(rng, 80);
        d.actions.push_back({words(rng, 6), "2026-12-31"});
        d.trainee_reflection = words(rng, 40);
        journal.save_supervision(nurse.id, s.id, d);
    }
    for (int i = 0; i < 200; ++i) {
        const auto r =
            casebook::DecisionRecords(*device.store).create_record(nurse.id, "real", "", "england");
        casebook::DecisionRecords(*device.store)
            .save_draft(nurse.id, r.id, "england", "{}", "share-now");
        if (i % 2) casebook::DecisionRecords(*device.store).finalise_record(nurse.id, r.id);
    }
    std::ofstream(dir / "finished") << applied << " records applied\n";
    std::printf("large database in %s: %zu synced records, 10,000 notes, 100 sessions, 200 "
                "records (%.0f s)\n",
                dir.c_str(), applied, seconds_since(start));
    return 0;
}

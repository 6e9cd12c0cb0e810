// The whole path as the app uses it, under random histories: devices with their own databases
// and folders, notes written, edited, trashed and restored through the Journal, conflicts
// resolved, and a carrier that delays, repeats and loses files between the folders.
#include "support/devices.hpp"

#include <map>
#include <set>

using namespace casebook;
namespace fs = std::filesystem;
using synctest::Device;
using synctest::passphrase;

namespace {

struct Op {
    int kind = 0; // 0 add, 1 edit body, 2 edit tags, 3 trash, 4 restore, 5 sync, 6 carry,
                  // 7 resolve, 8 everyone meets (every file everywhere, every device syncs)
    int device = 0;
    int other = 0;
    int pick = 0;
};

void showValue(const Op& op, std::ostream& os) {
    static const char* names[] = {"add",  "edit",  "tags",    "trash", "restore",
                                  "sync", "carry", "resolve", "meet"};
    os << names[op.kind] << "(dev " << op.device << ", other " << op.other << ", pick " << op.pick
       << ")";
}

// What a device shows: every note with its text, tags, place and versions, and the conflicts.
std::string view(Device& d, const std::string& profile) {
    std::ostringstream out;
    std::vector<Note> all = d.journal->notes(profile);
    for (auto& n : d.journal->trash(profile))
        all.push_back(n);
    std::sort(all.begin(), all.end(), [](const Note& a, const Note& b) { return a.id < b.id; });
    for (const auto& n : all) {
        out << n.id << " [" << n.title << "] [" << n.body << "] [";
        for (const auto& t : n.tags)
            out << t << ";";
        out << "] " << (n.in_trash() ? "trash" : "live") << " versions:";
        for (const auto& v : d.journal->note_versions(profile, n.id))
            out << " " << v.number << "=" << v.body;
        out << "\n";
    }
    for (const auto& c : d.sync->conflicts(profile)) {
        out << "conflict " << c.kind << " " << c.id << " " << c.field << ":";
        std::vector<std::string> values;
        for (const auto& v : c.values)
            values.push_back(v.text);
        std::sort(values.begin(), values.end());
        for (const auto& v : values)
            out << " [" << v << "]";
        out << "\n";
    }
    return out.str();
}

} // namespace

TEST_CASE("property: devices syncing notes through a lossy carrier end identical, and every text "
          "saved is current or a visible conflict",
          "[sync][property]") {
    synctest::property("devices converge", 100, [] {
        const int n = *rc::gen::inRange(3, 5);
        std::vector<std::unique_ptr<Device>> devices;
        std::vector<std::unique_ptr<test::TempDir>> folders;
        for (int i = 0; i < n; ++i) {
            devices.push_back(
                std::make_unique<Device>(std::chrono::hours(*rc::gen::inRange(-4, 5)), 4));
            folders.push_back(std::make_unique<test::TempDir>());
        }
        auto dev = [&](int i) -> Device& { return *devices[static_cast<std::size_t>(i)]; };
        auto folder = [&](int i) { return folders[static_cast<std::size_t>(i)]->path(); };
        auto run = [&](int i) {
            const auto r = dev(i).sync->run(folder(i), passphrase);
            RC_ASSERT(!r.damage());
        };

        auto meet = [&] {
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    if (i != j) synctest::carry(folder(j), folder(i));
            for (int i = 0; i < n; ++i)
                run(i);
        };

        const std::string profile = dev(0).journal->add_profile({"Sam", Role::trainee, "", ""}).id;
        dev(0).sync->join_profile(profile);
        dev(0).sync->init(folder(0), passphrase);
        run(0);
        for (int i = 1; i < n; ++i) {
            synctest::carry(folder(0), folder(i));
            dev(i).sync->join(folder(i), passphrase);
            run(i);
        }

        const auto ops = *rc::gen::container<std::vector<Op>>(rc::gen::build<Op>(
            rc::gen::set(
                &Op::kind,
                rc::gen::weightedElement<int>(
                    {{2, 0}, {8, 1}, {1, 2}, {1, 3}, {1, 4}, {4, 5}, {5, 6}, {1, 7}, {1, 8}})),
            rc::gen::set(&Op::device, rc::gen::inRange(0, n)),
            rc::gen::set(&Op::other, rc::gen::inRange(0, n)),
            rc::gen::set(&Op::pick, rc::gen::inRange(0, 1000))));
        std::vector<std::string> notes;
        std::set<std::pair<std::string, std::string>> written, replaced;
        int counter = 0;
        for (const auto& op : ops) {
            Device& d = dev(op.device);
            const std::string* id =
                notes.empty() ? nullptr : &notes[static_cast<std::size_t>(op.pick) % notes.size()];
            std::optional<Note> note;
            if (id) note = d.journal->note(profile, *id);
            switch (op.kind) {
            case 0: {
                const std::string text = "body " + std::to_string(++counter);
                notes.push_back(d.journal->add_note(profile, {"title", text, {}, "none", ""}).id);
                written.insert({notes.back(), text});
                break;
            }
            case 1:
            case 2:
                if (!note || note->in_trash()) break;
                if (op.kind == 1) {
                    const std::string text = "body " + std::to_string(++counter);
                    replaced.insert({note->id, note->body});
                    d.journal->save_note(
                        profile, note->id, {note->title, text, note->tags, "none", ""},
                        op.pick % 3 == 0 ? NoteSave::amend_current : NoteSave::new_version);
                    written.insert({note->id, text});
                } else {
                    d.journal->save_note(
                        profile, note->id,
                        {note->title, note->body, {"tag" + std::to_string(++counter)}, "none", ""});
                }
                break;
            case 3:
                if (note && !note->in_trash()) d.journal->trash_note(profile, note->id);
                break;
            case 4:
                if (note && note->in_trash()) d.journal->restore_note(profile, note->id);
                break;
            case 5:
                run(op.device);
                break;
            case 6: {
                // The carrier brings what is new from one folder to another: some files late
                // (left for a later trip), some caught half way under its temporary name.
                if (op.other == op.device) break;
                int i = 0;
                for (const auto& name : synctest::file_names(folder(op.other))) {
                    const auto target = folder(op.device) / name;
                    const int roll = (op.pick + 7 * i++) % 10;
                    if (fs::exists(target) || roll < 3) continue;
                    if (roll == 3) {
                        const std::string bytes = test::slurp(folder(op.other) / name);
                        test::spit(folder(op.device) / (".syncthing." + name + ".tmp"),
                                   bytes.substr(0, bytes.size() / 2));
                        continue;
                    }
                    fs::copy_file(folder(op.other) / name, target);
                }
                break;
            }
            case 7: {
                const auto conflicts = d.sync->conflicts(profile);
                if (conflicts.empty()) break;
                const auto& c = conflicts[static_cast<std::size_t>(op.pick) % conflicts.size()];
                for (const auto& v : c.values)
                    replaced.insert({c.id, v.text});
                for (const auto& v : c.values)
                    RC_LOG() << "resolving " << c.field << " value [" << v.text << "]\n";
                const std::string text = "resolved " + std::to_string(++counter);
                d.sync->resolve(c.kind, c.id, c.field, text);
                written.insert({c.id, text});
                break;
            }
            case 8:
                meet();
                break;
            }
        }

        // Every file reaches every folder; each device syncs twice.
        meet();
        meet();
        const std::string first = view(dev(0), profile);
        for (int i = 1; i < n; ++i)
            RC_ASSERT(view(dev(i), profile) == first);

        std::map<std::string, std::set<std::string>> visible;
        for (const auto& id : notes) {
            auto note = dev(0).journal->note(profile, id);
            RC_ASSERT(note.has_value());
            visible[id].insert(note->body);
        }
        for (const auto& c : dev(0).sync->conflicts(profile))
            if (c.field == "body")
                for (const auto& v : c.values)
                    visible[c.id].insert(v.text);
        for (const auto& [id, text] : written) {
            if (replaced.count({id, text})) continue;
            if (visible[id].count(text) != 1u)
                RC_LOG() << "lost: " << id << " " << text << "\n" << first;
            RC_ASSERT(visible[id].count(text) == 1u);
        }
    });
}

// The merge of record states, alone: laws (rapidcheck) and the cases that matter.
#include "support/devices.hpp"
#include "sync/record.hpp"

#include <map>
#include <set>

using namespace casebook;

namespace {

std::string device(int i) {
    return std::string(32, static_cast<char>('a' + i));
}

// A replica of a few records, edited by hand: what a device does between syncs.
struct Site {
    HlcClock clock;
    std::map<std::string, Record> records;
    explicit Site(int i, std::int64_t* wall, std::int64_t skew)
        : clock(device(i), [wall, skew] { return *wall + skew; }) {}

    Record& rec(const std::string& id) {
        auto [it, added] = records.try_emplace(id, Record{"note", id, "", "p", {}, {}, {}});
        return it->second;
    }
    void receive(const std::map<std::string, Record>& from) {
        for (const auto& [id, r] : from) {
            clock.receive(r.latest());
            auto [it, added] = records.try_emplace(id, r);
            if (!added) it->second.merge(r);
        }
    }
};

struct Op {
    int kind = 0; // 0 edit body, 1 edit tag, 2 delete, 3 restore, 4 sync, 5 resolve
    int replica = 0;
    int other = 0;
    int record = 0;
    int advance = 0; // wall-clock milliseconds before the op
};

} // namespace

TEST_CASE("a field keeps the latest write, equal times going to the higher device id", "[merge]") {
    LwwRegister a{"from a", {100, 0, device(0)}};
    LwwRegister b{"from b", {100, 0, device(1)}};
    LwwRegister x = a, y = b;
    x.merge(b);
    y.merge(a);
    CHECK(x == y);
    CHECK(x.value == "from b");
    LwwRegister later{"later", {101, 0, device(0)}};
    x.merge(later);
    CHECK(x.value == "later");
}

TEST_CASE("two texts written apart are both kept until one is chosen", "[merge]") {
    MvRegister base;
    base.write("first", {1, 0, device(0)});
    MvRegister a = base, b = base;
    a.write("from a", {2, 0, device(0)});
    b.write("from b", {3, 0, device(1)});
    MvRegister m = a;
    m.merge(b);
    CHECK(m.conflicted());
    CHECK(m.values() == std::vector<std::string>{"from b", "from a"});
    CHECK(m.value() == "from b");

    // Editing the shown value keeps the other in conflict; resolving ends it everywhere.
    MvRegister edited = m;
    edited.write("from b, edited", {4, 0, device(1)});
    CHECK(edited.values() == std::vector<std::string>{"from b, edited", "from a"});
    MvRegister resolved = m;
    resolved.resolve("merged by hand", {5, 0, device(2)});
    MvRegister elsewhere = a;
    elsewhere.merge(b);
    elsewhere.merge(resolved);
    CHECK_FALSE(elsewhere.conflicted());
    CHECK(elsewhere.value() == "merged by hand");
}

TEST_CASE("an edit that had not seen a delete brings the record back", "[merge]") {
    Record base{"note", "n", "", "p", {}, {}, {}};
    base.set_text("body", "v1", {1, 0, device(0)});
    base.set_state(presence::alive, {1, 0, device(0)});
    Record deleter = base, editor = base;
    deleter.set_state(presence::deleted, {5, 0, device(0)});
    editor.set_text("body", "v2", {3, 0, device(1)}); // earlier in time, but unseen by the delete
    editor.set_state(presence::alive, {3, 0, device(1)});
    Record m1 = deleter, m2 = editor;
    m1.merge(editor);
    m2.merge(deleter);
    CHECK(m1 == m2);
    CHECK(m1.alive());
    CHECK(m1.text("body") == "v2");

    // A delete that had seen the edit wins.
    Record seen = m1;
    seen.set_state(presence::deleted, {6, 0, device(0)});
    Record m3 = m1;
    m3.merge(seen);
    CHECK(m3.state() == presence::deleted);
    // Deleted beats trashed; alive beats both.
    Record t = base, d = base;
    t.set_state(presence::trashed, {7, 0, device(1)});
    d.set_state(presence::deleted, {7, 0, device(2)});
    t.merge(d);
    CHECK(t.state() == presence::deleted);
}

TEST_CASE("property: merge is a join (commutative, associative, idempotent)", "[merge][property]") {
    synctest::property("merge laws", 150, [] {
        const auto ops = *rc::gen::container<std::vector<Op>>(
            rc::gen::build<Op>(rc::gen::set(&Op::kind, rc::gen::inRange(0, 6)),
                               rc::gen::set(&Op::replica, rc::gen::inRange(0, 3)),
                               rc::gen::set(&Op::other, rc::gen::inRange(0, 3)),
                               rc::gen::set(&Op::record, rc::gen::inRange(0, 1)),
                               rc::gen::set(&Op::advance, rc::gen::inRange(0, 3))));
        std::int64_t wall = 1000;
        std::vector<Site> rs;
        for (int i = 0; i < 3; ++i)
            rs.emplace_back(i, &wall, 0);
        int n = 0;
        for (const auto& op : ops) {
            wall += op.advance;
            auto& r = rs[static_cast<std::size_t>(op.replica)];
            Record& rec = r.rec("x");
            switch (op.kind) {
            case 0:
                rec.set_text("body", "t" + std::to_string(++n), r.clock.now());
                break;
            case 1:
                rec.set_field("tag", "g" + std::to_string(++n), r.clock.now());
                break;
            case 2:
                rec.set_state(presence::deleted, r.clock.now());
                break;
            case 3:
                rec.set_state(presence::alive, r.clock.now());
                break;
            case 4:
                r.receive(rs[static_cast<std::size_t>(op.other)].records);
                break;
            case 5:
                rec.texts["body"].resolve("r" + std::to_string(++n), r.clock.now());
                break;
            }
        }
        const Record a = rs[0].rec("x"), b = rs[1].rec("x"), c = rs[2].rec("x");
        Record ab = a, ba = b;
        ab.merge(b);
        ba.merge(a);
        RC_ASSERT(ab == ba);
        Record ab_c = ab, bc = b, a_bc = a;
        ab_c.merge(c);
        bc.merge(c);
        a_bc.merge(bc);
        RC_ASSERT(ab_c == a_bc);
        Record aa = a;
        RC_ASSERT(!aa.merge(a));
        RC_ASSERT(aa == a);
    });
}

TEST_CASE("property: replicas that exchanged states in any order end identical and lose no text",
          "[merge][property]") {
    synctest::property("convergence without loss", 120, [] {
        const int replicas = *rc::gen::inRange(3, 6);
        const auto ops = *rc::gen::container<std::vector<Op>>(rc::gen::build<Op>(
            rc::gen::set(&Op::kind, rc::gen::weightedElement<int>(
                                        {{6, 0}, {2, 1}, {2, 2}, {1, 3}, {5, 4}, {1, 5}})),
            rc::gen::set(&Op::replica, rc::gen::inRange(0, replicas)),
            rc::gen::set(&Op::other, rc::gen::inRange(0, replicas)),
            rc::gen::set(&Op::record, rc::gen::inRange(0, 3)),
            rc::gen::set(&Op::advance, rc::gen::inRange(0, 50))));
        std::int64_t wall = 1'000'000;
        std::vector<Site> rs;
        for (int i = 0; i < replicas; ++i)
            rs.emplace_back(i, &wall, *rc::gen::inRange(-5, 6) * 3'600'000); // hours apart
        // Every text written, and the ones knowingly replaced (shown where someone wrote over it).
        std::set<std::pair<std::string, std::string>> written, replaced;
        int n = 0;
        for (const auto& op : ops) {
            wall += op.advance;
            auto& r = rs[static_cast<std::size_t>(op.replica)];
            const std::string id = "r" + std::to_string(op.record);
            switch (op.kind) {
            case 0: {
                Record& rec = r.rec(id);
                const std::string text = "text " + std::to_string(++n);
                if (!rec.texts["body"].entries.empty()) replaced.insert({id, rec.text("body")});
                const Hlc s = r.clock.now();
                rec.set_text("body", text, s);
                rec.set_state(presence::alive, s);
                written.insert({id, text});
                break;
            }
            case 1: {
                Record& rec = r.rec(id);
                const Hlc s = r.clock.now();
                rec.set_field("tag", "tag " + std::to_string(++n), s);
                rec.set_state(presence::alive, s);
                break;
            }
            case 2:
                r.rec(id).set_state(presence::deleted, r.clock.now());
                break;
            case 3:
                r.rec(id).set_state(presence::alive, r.clock.now());
                break;
            case 4: {
                // Only some records travel (the rest are delayed), sometimes twice.
                std::map<std::string, Record> part;
                for (const auto& [k, rec] : rs[static_cast<std::size_t>(op.other)].records)
                    if ((k.back() - '0' + op.advance) % 3 != 0) part.emplace(k, rec);
                r.receive(part);
                if (op.advance % 2) r.receive(part);
                break;
            }
            case 5: {
                Record& rec = r.rec(id);
                for (const auto& v : rec.texts["body"].values())
                    replaced.insert({id, v});
                const std::string text = "resolved " + std::to_string(++n);
                const Hlc s = r.clock.now();
                rec.texts["body"].resolve(text, s);
                rec.set_state(rec.state(), s);
                written.insert({id, text});
                break;
            }
            }
        }
        // Everything reaches everyone, in a shuffled order.
        for (int round = 0; round < 2; ++round)
            for (int i = 0; i < replicas; ++i)
                for (int j = replicas - 1; j >= 0; --j)
                    if (i != j)
                        rs[static_cast<std::size_t>(i)].receive(
                            rs[static_cast<std::size_t>(j)].records);
        for (int i = 1; i < replicas; ++i)
            RC_ASSERT(rs[static_cast<std::size_t>(i)].records == rs[0].records);
        for (const auto& [id, text] : written) {
            if (replaced.count({id, text})) continue;
            const Record& rec = rs[0].records.at(id);
            if (rec.state() == presence::deleted) continue; // deleted by someone who had seen it
            const auto values = rec.texts.at("body").values();
            RC_ASSERT(std::find(values.begin(), values.end(), text) != values.end());
        }
    });
}

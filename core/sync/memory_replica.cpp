// Records in memory, with local edits: the Replica of tests, tools and the benchmark.
#include "sync/replica.hpp"

#include <algorithm>

namespace casebook {

// ---- the in-memory replica -----------------------------------------------------------------

MemoryReplica::MemoryReplica(std::string device_id, HlcClock::WallClock wall)
    : clock_(std::move(device_id), std::move(wall)) {}

const Record* MemoryReplica::find(const RecordKey& key) const {
    auto it = records_.find(key);
    return it == records_.end() ? nullptr : &it->second;
}

Record& MemoryReplica::edit(const RecordKey& key) {
    auto [it, added] = records_.try_emplace(key);
    if (added) {
        it->second.kind = key.kind;
        it->second.id = key.id;
    }
    unsent_.insert(key);
    return it->second;
}

void MemoryReplica::set_field(const RecordKey& key, const std::string& name,
                              const std::string& value) {
    Record& r = edit(key);
    const Hlc stamp = clock_.now();
    r.fields[name] = {value, stamp};
    r.set_state(presence::alive, stamp);
}

void MemoryReplica::set_text(const RecordKey& key, const std::string& name,
                             const std::string& value) {
    Record& r = edit(key);
    const Hlc stamp = clock_.now();
    r.texts[name].write(value, stamp);
    r.set_state(presence::alive, stamp);
}

void MemoryReplica::resolve_text(const RecordKey& key, const std::string& name,
                                 const std::string& value) {
    Record& r = edit(key);
    const Hlc stamp = clock_.now();
    r.texts[name].resolve(value, stamp);
    r.set_state(presence::alive, stamp);
}

void MemoryReplica::remove(const RecordKey& key) {
    edit(key).set_state(presence::deleted, clock_.now());
}

void MemoryReplica::restore(const RecordKey& key) {
    edit(key).set_state(presence::alive, clock_.now());
}

PeerProgress MemoryReplica::progress(const std::string& device) {
    auto it = progress_.find(device);
    return it == progress_.end() ? PeerProgress{} : it->second;
}

void MemoryReplica::set_progress(const std::string& device, const PeerProgress& p) {
    progress_[device] = p;
}

std::string MemoryReplica::become_new_device() {
    const std::string old = clock_.device();
    progress_[old].cover(own_sequence_);
    own_sequence_ = 0;
    unsent_.insert(mine_.begin(), mine_.end()); // sent again under the new id
    clock_.set_device(random_id());
    return clock_.device();
}

std::vector<Record> MemoryReplica::unsent() {
    std::vector<Record> out;
    for (const auto& k : unsent_)
        out.push_back(records_.at(k));
    return out;
}

void MemoryReplica::mark_sent(const std::vector<RecordKey>& keys) {
    for (const auto& k : keys) {
        unsent_.erase(k);
        mine_.insert(k);
    }
}

std::vector<Record> MemoryReplica::history() {
    std::vector<Record> out;
    for (const auto& k : mine_)
        out.push_back(records_.at(k));
    return out;
}

std::size_t MemoryReplica::merge(std::vector<Record> records) {
    std::size_t changed = 0;
    for (const auto& r : records) {
        auto [it, added] = records_.try_emplace(r.key(), r);
        if (added || it->second.merge(r)) ++changed;
    }
    return changed;
}

std::size_t MemoryReplica::conflicts() {
    std::size_t n = 0;
    for (const auto& [k, r] : records_)
        for (const auto& [name, t] : r.texts)
            if (t.conflicted()) ++n;
    return n;
}

} // namespace casebook

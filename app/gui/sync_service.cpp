#include "sync_service.hpp"

#include <utility>

namespace casebook::gui {

SyncService::~SyncService() {
    if (thread_.joinable()) thread_.join();
}

void SyncService::start(const std::string& action, const std::string& passphrase, double now,
                        std::uint64_t owner) {
    if (running_) return;
    if (thread_.joinable()) thread_.join();
    owner_ = owner;
    running_ = true;
    started_ = now;
    thread_ = std::thread([this, action, folder = std::filesystem::path(folder), passphrase] {
        Outcome out;
        try {
            Sync sync(store_); // its own connection: the screens keep theirs
            if (action == "init") sync.init(folder, passphrase);
            if (action == "join") sync.join(folder, passphrase);
            if (action != "run" && wake_) wake_(); // joined or started: on to the sync itself
            out.report = sync.run(folder, passphrase);
        } catch (const std::exception& e) {
            out.error = e.what();
        }
        {
            std::lock_guard lock(mutex_);
            outcome_ = std::move(out);
            running_ = false;
        }
        // The event loop may be asleep with nothing else to wake it: the result shows now, not
        // at the next touch.
        if (wake_) wake_();
    });
    if (wake_) wake_();
}

std::optional<SyncService::Outcome> SyncService::take_outcome(std::uint64_t session) {
    if (running_ || !thread_.joinable()) return std::nullopt;
    thread_.join();
    std::lock_guard lock(mutex_);
    auto outcome = std::exchange(outcome_, {});
    if (session != owner_) return std::nullopt;
    return outcome;
}

} // namespace casebook::gui

#pragma once
// The sync run, on a worker thread with its own database connection. It is the device's, not a
// screen's or a person's: GuiApp owns it, so it outlives a lock (and its result is shown only to
// a session still open).
#include "casebook/store.hpp"
#include "casebook/sync.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace casebook::gui {

class SyncService {
  public:
    explicit SyncService(Store& store) : store_(store) {}
    ~SyncService();
    SyncService(const SyncService&) = delete;
    SyncService& operator=(const SyncService&) = delete;

    // Called from the worker when it moves on and when it finishes (safe from any thread).
    void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

    // "init", "join" or "run" with `folder` (what the screen shows) and the passphrase; one run
    // at a time, for the session `owner` (ProfileSession::id). `now` is when it started, for the
    // progress bar.
    void start(const std::string& action, const std::string& passphrase, double now,
               std::uint64_t owner);
    bool running() const { return running_; }
    // A run has ended and its outcome waits to be taken.
    bool finished() const { return !running_ && thread_.joinable(); }
    double started() const { return started_; }

    // What a finished run gave, once, to the session that started it: its report or why it
    // failed. Nothing while it runs. Asked by another session (the tablet was locked, or
    // someone else signed in, meanwhile), the outcome is dropped: the report names profiles
    // and counts that were the last person's.
    struct Outcome {
        std::optional<SyncReport> report;
        std::string error;
    };
    std::optional<Outcome> take_outcome(std::uint64_t session);

    std::string folder; // the shared folder, as typed (the device's, kept across a lock)

  private:
    Store& store_;
    std::function<void()> wake_;
    std::thread thread_;
    std::atomic<bool> running_{false};
    std::mutex mutex_; // guards outcome_
    Outcome outcome_;
    std::uint64_t owner_ = 0;
    double started_ = 0;
};

} // namespace casebook::gui

// Sync benchmark (a program, not a test): run by hand or by tests/bench/run, prints the figures.
//
//   build/tests/sync_bench [--minimum-kdf] [--quick] [--runs N]
//
// 1. 100,000 records from 20 devices applied on a fresh device: 20 devices each write a profile
//    and 2,500 notes through the Journal (each note is two records, the note and its first
//    version) and sync them into one folder; a fresh device joins and runs one sync. Beside it,
//    the floor SQLite allows: the same rows the sync wrote (every table it filled, with the same
//    schema, indexes and full-text triggers) inserted into a fresh database through prepared
//    statements in one transaction. Median of N runs each (default 11).
// 2. A sync bringing 10 new records (5 notes) after a history of 100 records, and after the
//    history of 100,000 above: the median of N runs each.
// Every run includes turning the passphrase into the key (Argon2id at the interactive limits a
// real group uses, unless --minimum-kdf); that cost is printed on its own too.
#include "bench_report.hpp"
#include "sync_history.hpp"

#include <cstring>
#include <sqlite3.h>

using namespace bench;

namespace {

// One table's rows, read from a database that sync filled.
struct TableRows {
    std::string name;
    int columns = 0;
    std::vector<std::vector<std::string>> rows; // NULLs kept apart below
    std::vector<std::vector<bool>> nulls;
};

sqlite3* open_db(const fs::path& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        std::fprintf(stderr, "sync_bench: cannot open %s\n", path.c_str());
        std::exit(2);
    }
    return db;
}

void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "sync_bench: %s: %s\n", sql.c_str(), error ? error : "");
        std::exit(2);
    }
}

// Every user and sync table with rows in it (not FTS shadow tables, which triggers fill).
std::vector<TableRows> read_tables(const fs::path& path) {
    sqlite3* db = open_db(path);
    std::vector<TableRows> out;
    sqlite3_stmt* list = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                       "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE "
                       "'%search%' AND name NOT LIKE '%fts%' AND name <> 'setting' ORDER BY rowid",
                       -1, &list, nullptr);
    while (sqlite3_step(list) == SQLITE_ROW) {
        TableRows t;
        t.name = reinterpret_cast<const char*>(sqlite3_column_text(list, 0));
        sqlite3_stmt* rows = nullptr;
        sqlite3_prepare_v2(db, ("SELECT * FROM " + t.name).c_str(), -1, &rows, nullptr);
        t.columns = sqlite3_column_count(rows);
        while (sqlite3_step(rows) == SQLITE_ROW) {
            std::vector<std::string> row;
            std::vector<bool> null;
            for (int c = 0; c < t.columns; ++c) {
                null.push_back(sqlite3_column_type(rows, c) == SQLITE_NULL);
                const auto* text = sqlite3_column_text(rows, c);
                row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
            }
            t.rows.push_back(std::move(row));
            t.nulls.push_back(std::move(null));
        }
        sqlite3_finalize(rows);
        if (!t.rows.empty()) out.push_back(std::move(t));
    }
    sqlite3_finalize(list);
    sqlite3_close(db);
    return out;
}

// The floor: the same rows into a fresh database with the same schema, in one transaction.
double raw_insert(const fs::path& dir, const std::vector<TableRows>& tables) {
    fs::create_directories(dir);
    { Store schema(dir / Store::file_name); } // the same schema, indexes and triggers
    sqlite3* db = open_db(dir / Store::file_name);
    exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
    const auto start = Clock::now();
    exec(db, "BEGIN");
    exec(db, "INSERT INTO sync_applying VALUES (1)"); // as sync does: no outbox rows
    for (const auto& t : tables) {
        if (t.name == "sync_applying") continue;
        std::string sql = "INSERT INTO " + t.name + " VALUES (";
        for (int c = 0; c < t.columns; ++c)
            sql += c ? ", ?" : "?";
        sql += ")";
        sqlite3_stmt* insert = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &insert, nullptr) != SQLITE_OK) {
            std::fprintf(stderr, "sync_bench: %s: %s\n", sql.c_str(), sqlite3_errmsg(db));
            std::exit(2);
        }
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            for (int c = 0; c < t.columns; ++c) {
                if (t.nulls[r][c])
                    sqlite3_bind_null(insert, c + 1);
                else
                    sqlite3_bind_text(insert, c + 1, t.rows[r][c].c_str(),
                                      static_cast<int>(t.rows[r][c].size()), SQLITE_STATIC);
            }
            if (sqlite3_step(insert) != SQLITE_DONE) {
                std::fprintf(stderr, "sync_bench: %s: %s\n", t.name.c_str(), sqlite3_errmsg(db));
                std::exit(2);
            }
            sqlite3_reset(insert);
        }
        sqlite3_finalize(insert);
    }
    exec(db, "DELETE FROM sync_applying");
    exec(db, "COMMIT");
    const double seconds = seconds_since(start);
    sqlite3_close(db);
    return seconds;
}

// A writer that keeps adding to a history in its own folder, and a reader that has applied it.
struct TenNewRecords {
    Device& writer;
    std::string profile;
    fs::path writer_folder;
    Device& reader;
    fs::path folder;

    // The writer adds 5 notes (10 records) and syncs; the reader's sync that brings them is
    // timed.
    double once(std::mt19937& rng, SyncReport& last) {
        add_notes(writer, profile, 5, rng);
        writer.sync->run(writer_folder, passphrase);
        carry(writer_folder, folder);
        const auto start = Clock::now();
        last = reader.sync->run(folder, passphrase);
        return seconds_since(start);
    }
};

} // namespace

int main(int argc, char** argv) {
    KdfCost kdf = KdfCost::interactive;
    int devices = 20, notes_each = 2500, runs = 11;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--minimum-kdf"))
            kdf = KdfCost::minimum;
        else if (!std::strcmp(argv[i], "--quick"))
            notes_each = 250, runs = 3;
        else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "usage: sync_bench [--minimum-kdf] [--quick] [--runs N]\n");
            return 2;
        }
    }
    std::mt19937 rng(42);
    const fs::path root = fs::temp_directory_path() /
                          ("casebook-sync-bench-" + std::to_string(std::random_device{}()));
    const fs::path folder = root / "folder";
    std::printf("sync benchmark in %s (%s key derivation)\n", root.c_str(),
                kdf == KdfCost::interactive ? "interactive" : "minimum");

    // The key derivation alone, as every run pays it.
    {
        SyncKey key;
        const GroupFile g = GroupFile::create(passphrase, kdf, key);
        const auto start = Clock::now();
        (void)g.unlock(passphrase);
        std::printf("  passphrase to key (Argon2id): %.3f s per run\n", seconds_since(start));
    }

    auto setup = Clock::now();
    History history = write_history(root, folder, kdf, devices, notes_each, rng);
    std::printf("  set-up: %d devices wrote %zu records in %.1f s\n", devices, history.records,
                seconds_since(setup));

    // 1. A fresh device applies everything, N times; then the raw floor, N times.
    std::vector<double> apply_times, raw_times;
    SyncReport first;
    for (int run = 0; run < runs; ++run) {
        const fs::path dir = root / ("fresh" + std::to_string(run));
        Device fresh(dir, kdf);
        fresh.sync->join(folder, passphrase);
        const auto start = Clock::now();
        first = fresh.sync->run(folder, passphrase);
        apply_times.push_back(seconds_since(start));
        if (run == 0) {
            const auto tables = read_tables(dir / Store::file_name);
            for (int r = 0; r < runs; ++r)
                raw_times.push_back(raw_insert(root / ("raw" + std::to_string(r)), tables));
        }
        if (run > 0) fs::remove_all(dir);
    }
    const double apply_all = median(apply_times), raw_all = median(raw_times);
    std::printf("1. fresh device applies %zu records (%zu files) from %d devices: %.2f s; "
                "raw SQLite inserts of the same rows: %.2f s (medians of %d)\n",
                first.records_applied, first.files_read, devices, apply_all, raw_all, runs);
    result("sync: apply " + std::to_string(first.records_applied) +
               " records, fresh device (vs raw SQLite inserts)",
           apply_all, raw_all, 2.0, "s");

    // 2a. After a history of 100 records: a small group of two.
    const fs::path small_folder = root / "small-folder";
    Device small_writer(root / "small-writer", kdf), small_reader(root / "small-reader", kdf);
    const auto small_profile =
        small_writer.journal->add_profile({"Small", Role::trainee, "", ""}).id;
    small_writer.sync->join_profile(small_profile);
    small_writer.sync->init(small_folder, passphrase);
    add_notes(small_writer, small_profile, 50, rng); // 1 profile + 50 notes x 2 = 101 records
    small_writer.sync->run(small_folder, passphrase);
    small_reader.sync->join(small_folder, passphrase);
    const auto small_history = small_reader.sync->run(small_folder, passphrase);
    // 2b. After the history of 100,000. The two take turns, a sync each, so whatever else the
    // machine (and its disk) is doing falls on both alike.
    Device reader(root / "fresh0", kdf);
    TenNewRecords small{small_writer, small_profile, small_folder, small_reader, small_folder};
    TenNewRecords large{*history.sources[3], history.profiles[3], history.own_folders[3], reader,
                        folder};
    SyncReport last_small, last_large;
    // (fresh0 applied the whole history in 1.) One untimed turn each first: the first sync after
    // opening a database also warms SQLite's cache.
    small.once(rng, last_small);
    large.once(rng, last_large);
    std::vector<double> small_times, large_times;
    for (int i = 0; i < runs; ++i) {
        small_times.push_back(small.once(rng, last_small));
        large_times.push_back(large.once(rng, last_large));
    }
    const double after_small = median(small_times), after_large = median(large_times);
    std::printf("2. sync bringing %zu new records after a history of %zu: %.4f s (median of %d)\n",
                last_small.records_applied, small_history.records_applied, after_small, runs);
    std::printf("3. sync bringing %zu new records after a history of %zu: %.4f s (median of %d, "
                "taking turns with 2)\n",
                last_large.records_applied, first.records_applied, after_large, runs);
    result("sync: 10 new records after 100,000 (vs after 100)", after_large, after_small, 2.0, "s");

    history.sources.clear();
    std::error_code ec;
    fs::remove_all(root, ec);
    return 0;
}

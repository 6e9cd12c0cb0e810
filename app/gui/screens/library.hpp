#pragma once
// The case library and its filters (the person's: locking forgets them).
#include "screens/context.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace casebook::gui {

// Library filters: 0 means any, i > 0 the (i - 1)th distinct value; sort indexes directly.
struct LibraryFilters {
    std::string search;
    int profession = 0, setting = 0, jurisdiction = 0, topic = 0, status = 0, sort = 0;
    bool operator==(const LibraryFilters&) const = default;
};

struct LibraryScreen {
    void draw(Context& cx);

    LibraryFilters filters;

  private:
    // What the filters show, worked out again only when a filter or the progress changed, not
    // in every frame (the search alone compares every case's title and summary).
    struct Listing {
        LibraryFilters filters;
        std::map<std::string, CaseStatus> statuses;
        std::vector<const Case*> cases;
        std::vector<CardText> texts{}; // one per case, with its status
        std::vector<CaseStatus> status{};
        std::size_t done = 0, started = 0;
    };
    const Listing& listing(Context& cx);
    std::optional<Listing> listing_;
    CardList cards_;
    // The filters' choices, from the library (which does not change while the app runs).
    std::vector<std::string> professions_, settings_, jurisdictions_, topics_;
};

} // namespace casebook::gui

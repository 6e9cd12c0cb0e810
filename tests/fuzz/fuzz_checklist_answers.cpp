// A checklist answers file, as `casebook checklist evaluate` reads it (and the app a synced draft
// record's answers): parsed, checked, evaluated and written out as a decision record.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"

#include <cstdint>

namespace {

const casebook::Checklist& checklist() {
    static const casebook::Checklist loaded = [] {
        casebook::Problems problems;
        const casebook::FolderAssets assets(FUZZ_ASSETS_DIR);
        return casebook::Checklist::load(assets, casebook::Library::load(assets).guidance(),
                                         problems);
    }();
    return loaded;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const casebook::Checklist& c = checklist();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto check : {casebook::AnswersCheck::complete, casebook::AnswersCheck::draft}) {
        casebook::Problems problems;
        const casebook::Answers answers = c.parse_answers(text, "answers.json", problems, check);
        if (!problems.empty()) continue;
        const auto evaluation = c.evaluate(answers);
        (void)evaluation;
        const auto record = c.record(answers, "2026-01-01T00:00:00Z");
        (void)c.markdown(record);
        (void)c.answers_json(answers);
    }
    return 0;
}

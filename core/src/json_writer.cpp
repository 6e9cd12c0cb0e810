#include "casebook/json_writer.hpp"

#include "casebook/text_check.hpp"

#include <cstdio>

namespace casebook {

void JsonWriter::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back()) out_ += ',';
        first_.back() = false;
    }
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    out_ += '{';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    out_ += '}';
    first_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    out_ += '[';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    out_ += ']';
    first_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    value(name);
    out_ += ':';
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view raw) {
    separate();
    // JSON must be UTF-8: bytes that are not (a Latin-1 file, a damaged synced title) print as
    // U+FFFD rather than making the whole output unreadable.
    const std::string text = valid_utf8(raw);
    out_ += '"';
    for (unsigned char ch : text) {
        switch (ch) {
        case '"':
            out_ += "\\\"";
            break;
        case '\\':
            out_ += "\\\\";
            break;
        case '\n':
            out_ += "\\n";
            break;
        case '\r':
            out_ += "\\r";
            break;
        case '\t':
            out_ += "\\t";
            break;
        default:
            if (ch < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", ch);
                out_ += buf;
            } else {
                out_ += static_cast<char>(ch);
            }
        }
    }
    out_ += '"';
    return *this;
}

JsonWriter& JsonWriter::value(long long number) {
    separate();
    out_ += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::number(double value) {
    separate();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.4f", value);
    out_ += buf;
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& items) {
    begin_array();
    for (const auto& s : items)
        value(s);
    return end_array();
}

} // namespace casebook

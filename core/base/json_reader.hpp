#pragma once
// A thin reader over rapidjson that remembers the JSON path of each value and records a Problem
// for every missing or mistyped field, so loaders read straight through and report everything.
#include "casebook/base.hpp"

#include <optional>
#include <rapidjson/document.h>
#include <string>
#include <string_view>
#include <vector>

namespace casebook::json {

class Reader {
  public:
    Reader(const std::string& file, Problems& problems) : file_(file), problems_(problems) {}

    void problem(const std::string& field, const std::string& reason) const {
        problems_.push_back({file_, field, reason});
    }
    const std::string& file() const { return file_; }
    Problems& problems() const { return problems_; }

    // The member `key` of object `obj` at `path`, or nullptr (and a problem if required).
    const rapidjson::Value* member(const rapidjson::Value& obj, const std::string& path,
                                   const char* key, bool required) const {
        auto it = obj.FindMember(key);
        if (it == obj.MemberEnd()) {
            if (required) problem(join(path, key), "is missing");
            return nullptr;
        }
        return &it->value;
    }

    std::string string(const rapidjson::Value& obj, const std::string& path, const char* key,
                       bool required = true) const {
        const auto* v = member(obj, path, key, required);
        if (!v) return {};
        if (!v->IsString()) {
            problem(join(path, key), "must be a string");
            return {};
        }
        return {v->GetString(), v->GetStringLength()};
    }

    int integer(const rapidjson::Value& obj, const std::string& path, const char* key) const {
        const auto* v = member(obj, path, key, true);
        if (!v) return 0;
        if (!v->IsInt()) {
            problem(join(path, key), "must be a whole number");
            return 0;
        }
        return v->GetInt();
    }

    bool boolean(const rapidjson::Value& obj, const std::string& path, const char* key,
                 bool required = true) const {
        const auto* v = member(obj, path, key, required);
        if (!v) return false;
        if (!v->IsBool()) {
            problem(join(path, key), "must be true or false");
            return false;
        }
        return v->GetBool();
    }

    // An array member; calls fn(element, element_path) for each element.
    template <typename Fn>
    void array(const rapidjson::Value& obj, const std::string& path, const char* key, bool required,
               Fn&& fn) const {
        const auto* v = member(obj, path, key, required);
        if (!v) return;
        const std::string here = join(path, key);
        if (!v->IsArray()) {
            problem(here, "must be a list");
            return;
        }
        for (rapidjson::SizeType i = 0; i < v->Size(); ++i)
            fn((*v)[i], here + "[" + std::to_string(i) + "]");
    }

    std::vector<std::string> strings(const rapidjson::Value& obj, const std::string& path,
                                     const char* key, bool required = true) const {
        std::vector<std::string> out;
        array(obj, path, key, required, [&](const rapidjson::Value& v, const std::string& at) {
            if (v.IsString())
                out.emplace_back(v.GetString(), v.GetStringLength());
            else
                problem(at, "must be a string");
        });
        return out;
    }

    bool is_object(const rapidjson::Value& v, const std::string& path) const {
        if (v.IsObject()) return true;
        problem(path, "must be an object");
        return false;
    }

    static std::string join(const std::string& path, const char* key) {
        return path.empty() ? std::string(key) : path + "." + key;
    }

  private:
    std::string file_;
    Problems& problems_;
};

// How deeply lists and objects may nest in a file read from outside: far beyond any real case,
// checklist or answers file, far below what would exhaust the stack.
inline constexpr int max_nesting = 64;

// The byte offset of the first bracket that opens a level beyond `max_depth`, or nullopt.
std::optional<std::size_t> nesting_beyond(std::string_view text, int max_depth);

// Parses text into `doc`; refuses nesting deeper than max_nesting; on a syntax error records a
// problem with the byte offset and returns false.
bool parse(rapidjson::Document& doc, std::string_view text, const std::string& file,
           Problems& problems);

} // namespace casebook::json

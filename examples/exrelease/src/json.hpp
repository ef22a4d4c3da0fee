// Just enough JSON for this service: escaping strings for responses, and a
// strict parser for request bodies of the form {"body": "..."}.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace exrelease {

struct JsonError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A JSON string literal (quotes included) for UTF-8 text.
std::string json_string(std::string_view text);

bool valid_utf8(std::string_view text);

// Parses text as one JSON object and returns the string value of its member
// `key`. Throws JsonError when the text is not JSON, not an object, or the
// member is missing or not a string. Nesting deeper than 32 levels is refused.
std::string json_string_member(std::string_view text, std::string_view key);

}  // namespace exrelease

// gw::json::Value: the immutable JSON tree every part of the gateway reads FHIR through.
//
// Numbers keep their exact source text ("1.50" stays "1.50", "1e2" stays "1e2"); objects keep
// their members in document order; duplicate keys never occur in a tree built by Parse().
// A Value owns its children. Once built it is not modified, so a tree may be read from any
// number of threads at once. Pointers/references into a tree stay valid while the root lives
// and is not moved-from.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gw::json {

enum class Kind : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

const char* KindName(Kind k);

struct Member;

class Value {
 public:
  // Special members are defined out of line, where Member is complete.
  Value();  // null
  ~Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;

  static Value Null() { return Value(); }
  static Value Bool(bool b);
  // `text` must be a JSON number (not checked here; Parse() checks what it builds).
  static Value Number(std::string text);
  static Value String(std::string s);
  static Value Array(std::vector<Value> items);
  // Callers building objects by hand are responsible for key uniqueness.
  static Value Object(std::vector<Member> members);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  // Valid only for the matching kind (asserts otherwise in debug builds; empty/false in release).
  bool bool_value() const { return bool_; }
  std::string_view number_text() const { return text_; }
  std::string_view string_value() const { return text_; }
  std::span<const Value> items() const { return items_; }
  std::span<const Member> members() const;

  // Object member lookup; nullptr when absent or when this is not an object. Linear in the
  // number of members (FHIR objects are small).
  const Value* Find(std::string_view key) const;

  // 1-based source line where this value started (0 for values built by hand).
  std::uint32_t line() const { return line_; }
  void set_line(std::uint32_t line) { line_ = line; }

  // Structural equality: same kinds, numbers by exact text, objects by key order-insensitively.
  bool operator==(const Value& other) const;

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::uint32_t line_ = 0;
  std::string text_;
  std::vector<Value> items_;
  std::vector<Member> members_;
};

struct Member {
  std::string key;
  Value value;
  bool operator==(const Member& o) const { return key == o.key && value == o.value; }
};

inline std::span<const Member> Value::members() const { return members_; }

}  // namespace gw::json

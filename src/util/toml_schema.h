#pragma once
// A TOML schema declared once: each table's keys with their type, bounds, documentation and the
// field each value goes to. The loaders walk the declaration (unknown keys, wrong types and
// values out of bounds are located errors from TomlReader), and the README's key tables are
// printed from it (`handout schema --markdown`), with the defaults read off a loaded empty file.
#include <fmt/format.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/toml_reader.h"

namespace handout::schema {

// One key: `read` stores the value into the target when the key is given (an absent key leaves
// the target as it was); `show` prints the target's value for the default column.
template <class T>
struct Key {
  using Read = std::function<void(const TomlReader&, const toml::table&, std::string_view prefix, T&)>;
  using Show = std::function<std::string(const T&)>;
  Key(std::string name_, std::string type_, std::string meaning_, Read read_, Show show_ = {})
      : name(std::move(name_)), type(std::move(type_)), meaning(std::move(meaning_)), read(std::move(read_)),
        show(std::move(show_)) {}

  std::string name;
  std::string type;     // "points, 4 to 96": the type column, bounds included
  std::string meaning;  // Markdown
  Read read;
  Show show;
  std::string default_text;  // shown instead of `show`, for a default derived from other keys

  // The default column says this instead of the loaded value ("2 × `size`", "none").
  Key defaults(std::string text) && {
    default_text = std::move(text);
    return std::move(*this);
  }
};

// A table of declared keys (`table`), or one whose keys are the user's own (`free_table`).
template <class Root>
struct Table {
  std::string name;                 // the key under the root ("page")
  std::string meaning;              // the table's row in the documentation
  std::string default_text;         // the table's default ("absent: no band")
  std::string group;                // consecutive tables with one group share their rows
  std::string shown_name;           // the name documented, when not `name` ("variants.NAME")
  // Reads the table (null when absent) into the root; `prefix` is the root's dotted name.
  std::function<void(const TomlReader&, const toml::table*, Root&, std::string_view prefix)> read;
  // The documentation rows: key, type, default (from `defaults`), meaning.
  std::function<std::vector<std::vector<std::string>>(Root& defaults)> rows;
};

// A whole file: keys at its top level, then tables, read in the order declared.
template <class Root>
struct Schema {
  std::vector<Key<Root>> keys;
  std::vector<Table<Root>> tables;

  std::vector<std::string_view> known_names() const {
    std::vector<std::string_view> names;
    for (const auto& key : keys) names.push_back(key.name);
    for (const auto& table : tables) names.push_back(table.name);
    return names;
  }

  // Rejects unknown top-level keys, then reads every key and table in declaration order.
  // `prefix` names `root` in messages when it is itself a table of a larger file ("layout.x").
  void read(const TomlReader& reader, const toml::table& root, Root& target, std::string_view prefix = "") const {
    reader.reject_unknown_keys(root, known_names(), prefix);
    for (const auto& key : keys) key.read(reader, root, prefix, target);
    for (const auto& table : tables) table.read(reader, reader.table(root, table.name, prefix), target, prefix);
  }
};

// Reads `keys` of `table` (which must hold no others) into `target`.
template <class T>
void read_keys(const TomlReader& reader, const toml::table& table, std::string_view prefix,
               const std::vector<Key<T>>& keys, T& target) {
  std::vector<std::string_view> names;
  for (const auto& key : keys) names.push_back(key.name);
  reader.reject_unknown_keys(table, names, prefix);
  for (const auto& key : keys) key.read(reader, table, prefix, target);
}

// The documentation rows of `keys`: name, type, default (read off `defaults`), meaning.
template <class T>
std::vector<std::vector<std::string>> rows_of(const std::vector<Key<T>>& keys, const T& defaults) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& key : keys) {
    std::string shown = !key.default_text.empty() ? key.default_text : key.show ? key.show(defaults) : "";
    rows.push_back({key.name, key.type, shown, key.meaning});
  }
  return rows;
}

// What runs around a table's keys: `before` and `after` get the table, null when it is absent.
template <class Root>
struct Hooks {
  // `name` is the table's dotted name, for messages ("fit", or "layout.x.fit" under a prefix).
  std::function<void(const TomlReader&, const toml::table*, Root&, std::string_view name)> before, after;
  bool only_when_present = false;  // the keys are read only when the table is given
};

// `bind` gives the struct the keys are read into, from the root.
template <class Root, class T, class Bind>
Table<Root> table(std::string name, std::string meaning, Bind bind, std::vector<Key<T>> keys,
                  Hooks<Root> hooks = {}, std::string default_text = "", std::string group = "") {
  Table<Root> result{std::move(name), std::move(meaning), std::move(default_text), std::move(group), "", {}, {}};
  const std::string table_name = result.name;
  result.read = [table_name, bind, keys, hooks](const TomlReader& reader, const toml::table* table, Root& root,
                                                std::string_view prefix) {
    const std::string dotted = dotted_key(prefix, table_name);
    if (hooks.before) hooks.before(reader, table, root, dotted);
    if (table || !hooks.only_when_present) {
      static const toml::table empty;
      read_keys(reader, table ? *table : empty, dotted, keys, bind(root));
    }
    if (hooks.after) hooks.after(reader, table, root, dotted);
  };
  result.rows = [bind, keys](Root& defaults) { return rows_of(keys, bind(defaults)); };
  return result;
}

// A table of the user's own keys (template values): documented, read by the loader's own code.
template <class Root>
Table<Root> free_table(std::string name, std::string meaning, std::string default_text = "") {
  Table<Root> result{std::move(name), std::move(meaning), std::move(default_text), "", "", {}, {}};
  result.read = [](const TomlReader&, const toml::table*, Root&, std::string_view) {};
  result.rows = [](Root&) { return std::vector<std::vector<std::string>>{}; };
  return result;
}

// The keys of an inner struct, read into the member `inner` of an outer one.
template <class Outer, class Inner>
std::vector<Key<Outer>> within(Inner Outer::*inner, const std::vector<Key<Inner>>& keys) {
  std::vector<Key<Outer>> result;
  for (const Key<Inner>& key : keys) {
    Key<Outer> outer{key.name, key.type, key.meaning, {}};
    outer.default_text = key.default_text;
    outer.read = [read = key.read, inner](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                                          Outer& target) { read(reader, table, prefix, target.*inner); };
    if (key.show) outer.show = [show = key.show, inner](const Outer& target) { return show(target.*inner); };
    result.push_back(std::move(outer));
  }
  return result;
}

// Printing values for the default column.
std::string shown_number(double value);
std::string shown_string(std::string_view value);
std::string shown_strings(const std::vector<std::string>& values);
std::string shown_bounds(double min, double max);
// `"a"`, `"b"` or `"c"`, as the type column and the error messages list choices.
std::string quoted_choices(const std::vector<std::string_view>& names);
// The same in code spans, for the type column.
std::string choices_as_code(const std::vector<std::string_view>& names);

// The key makers: the member a value goes to, its bounds, its documentation.
template <class T>
Key<T> string(std::string name, std::string T::*member, std::string meaning) {
  return {name, "string", std::move(meaning),
          [name, member](const TomlReader& reader, const toml::table& table, std::string_view prefix, T& target) {
            if (auto value = reader.string(table, name, prefix)) target.*member = *value;
          },
          [member](const T& target) { return shown_string(target.*member); }};
}

// A string the file must give, and not empty.
template <class T>
Key<T> required_string(std::string name, std::string T::*member, std::string meaning) {
  Key<T> key{name, "string", std::move(meaning),
             [name, member](const TomlReader& reader, const toml::table& table, std::string_view prefix, T& target) {
               target.*member = reader.required_string(table, name, prefix);
             }};
  return std::move(key).defaults("required");
}

template <class T>
Key<T> strings(std::string name, std::vector<std::string> T::*member, std::string meaning) {
  return {name, "array of strings", std::move(meaning),
          [name, member](const TomlReader& reader, const toml::table& table, std::string_view prefix, T& target) {
            if (auto value = reader.string_array(table, name, prefix)) target.*member = *value;
          },
          [member](const T& target) { return shown_strings(target.*member); }};
}

template <class T>
Key<T> boolean(std::string name, bool T::*member, std::string meaning) {
  return {name, "`true` or `false`", std::move(meaning),
          [name, member](const TomlReader& reader, const toml::table& table, std::string_view prefix, T& target) {
            if (auto value = reader.boolean(table, name, prefix)) target.*member = *value;
          },
          [member](const T& target) { return std::string(target.*member ? "`true`" : "`false`"); }};
}

// `unit` names what the number counts ("points", "em"); empty for a plain number.
template <class T>
Key<T> number(std::string name, double T::*member, double min, double max, std::string unit, std::string meaning) {
  return {name, fmt::format("{}, {}", unit.empty() ? "number" : unit, shown_bounds(min, max)), std::move(meaning),
          [name, member, min, max](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                                   T& target) {
            if (auto value = reader.number(table, name, prefix, min, max)) target.*member = *value;
          },
          [member](const T& target) { return fmt::format("`{}`", shown_number(target.*member)); }};
}

// A number that may be left out altogether (its default is "none").
template <class T>
Key<T> number(std::string name, std::optional<double> T::*member, double min, double max, std::string unit,
              std::string meaning) {
  return {name, fmt::format("{}, {}", unit.empty() ? "number" : unit, shown_bounds(min, max)), std::move(meaning),
          [name, member, min, max](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                                   T& target) {
            if (auto value = reader.number(table, name, prefix, min, max)) target.*member = *value;
          },
          [member](const T& target) {
            return target.*member ? fmt::format("`{}`", shown_number(*(target.*member))) : std::string("none");
          }};
}

template <class T, class Int>
Key<T> integer(std::string name, Int T::*member, int min, int max, std::string meaning) {
  return {name, fmt::format("whole number, {}", shown_bounds(min, max)), std::move(meaning),
          [name, member, min, max](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                                   T& target) {
            if (auto value = reader.integer(table, name, prefix, min, max)) target.*member = *value;
          },
          [member](const T& target) {
            if constexpr (std::is_same_v<Int, std::optional<int>>)
              return target.*member ? fmt::format("`{}`", *(target.*member)) : std::string("none");
            else
              return fmt::format("`{}`", target.*member);
          }};
}

// A length: points, or a string with its unit ("18mm"); at most `max_points`.
template <class T>
Key<T> length(std::string name, double T::*member, double max_points, std::string meaning) {
  return {name, fmt::format("length, at most {:.4g} pt", max_points), std::move(meaning),
          [name, member, max_points](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                                     T& target) {
            if (auto value = reader.length(table, name, prefix, max_points)) target.*member = *value;
          },
          [member](const T& target) { return fmt::format("`{}pt`", shown_number(target.*member)); }};
}

// One of a few names, each standing for a value of the member.
template <class T, class Value>
Key<T> choice(std::string name, Value T::*member, std::vector<std::pair<std::string_view, Value>> choices,
              std::string meaning) {
  std::vector<std::string_view> names;
  for (const auto& [choice_name, value] : choices) names.push_back(choice_name);
  std::string listed = quoted_choices(names);
  return {name, choices_as_code(names), std::move(meaning),
          [name, member, choices, listed](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                                          T& target) {
            auto given = reader.string(table, name, prefix);
            if (!given) return;
            for (const auto& [choice_name, value] : choices) {
              if (*given == choice_name) {
                target.*member = value;
                return;
              }
            }
            reader.fail(*table.get(name),
                        fmt::format("'{}' is \"{}\"; expected {}", dotted_key(prefix, name), *given, listed));
          },
          [member, choices](const T& target) {
            for (const auto& [choice_name, value] : choices)
              if (target.*member == value) return shown_string(choice_name);
            return std::string();
          }};
}

// The Markdown table of a schema: one header row per table, then its keys.
template <class Root>
std::string markdown(const Schema<Root>& schema, Root defaults) {
  auto cell = [](const std::string& text) {
    std::string escaped;
    for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
    return escaped;
  };
  std::string out = "| key | type | default | meaning |\n|---|---|---|---|\n";
  for (const auto& row : rows_of(schema.keys, defaults))
    out += fmt::format("| `{}` | {} | {} | {} |\n", row[0], cell(row[1]), cell(row[2]), cell(row[3]));
  const auto& tables = schema.tables;
  for (std::size_t i = 0; i < tables.size();) {
    std::size_t end = i + 1;
    while (end < tables.size() && !tables[i].group.empty() && tables[end].group == tables[i].group) ++end;
    std::string names;
    for (std::size_t j = i; j < end; ++j)
      names += fmt::format("{}**`[{}]`**", j == i ? "" : ", ",
                           tables[j].shown_name.empty() ? tables[j].name : tables[j].shown_name);
    out += fmt::format("| {} | table | {} | {} |\n", names, cell(tables[i].default_text), cell(tables[i].meaning));
    std::vector<std::vector<std::vector<std::string>>> rows;  // per table of the group
    for (std::size_t j = i; j < end; ++j) rows.push_back(tables[j].rows(defaults));
    for (std::size_t k = 0; k < rows.front().size(); ++k) {
      // A group's tables can differ in their defaults only: "`24` / `17` / `14`".
      std::string shown = rows.front()[k][2];
      bool differ = false;
      for (const auto& table_rows : rows) differ = differ || table_rows[k][2] != shown;
      if (differ) {
        shown.clear();
        for (const auto& table_rows : rows) shown += (shown.empty() ? "" : " / ") + table_rows[k][2];
      }
      const auto& row = rows.front()[k];
      out += fmt::format("| `{}` | {} | {} | {} |\n", row[0], cell(row[1]), cell(shown), cell(row[3]));
    }
    i = end;
  }
  return out;
}

}  // namespace handout::schema

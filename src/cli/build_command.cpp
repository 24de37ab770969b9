#include "cli/build_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <ostream>

#include "content/content_loader.h"
#include "layout/layout_loader.h"
#include "paint/output_writer.h"
#include "typeset/fit_search.h"
#include "typeset/font_set.h"
#include "typeset/typesetter.h"

namespace handout {

namespace {

namespace fs = std::filesystem;

std::vector<std::string> files_in(const std::string& folder, const std::string& extension) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path().string());
  if (error) throw HandoutError({folder}, "cannot read folder: " + error.message());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw HandoutError({folder}, fmt::format("no {} files in this folder", extension));
  return files;
}

std::string layout_path(const std::string& name_or_path) {
  if (name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".toml")) return name_or_path;
  return "layouts/" + name_or_path + ".toml";
}

// The PDF date: SOURCE_DATE_EPOCH when the build system sets it, else the article's review date.
std::string pdf_date(const DocumentMetadata& metadata) {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    long long seconds = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0' && seconds >= 0) {
      std::time_t time = static_cast<std::time_t>(seconds);
      std::tm utc{};
      gmtime_r(&time, &utc);
      return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                         utc.tm_hour, utc.tm_min, utc.tm_sec);
    }
  }
  return metadata.reviewed + "T00:00:00Z";
}

void print_warnings(const Warnings& warnings, std::ostream& errors) {
  for (const Diagnostic& warning : warnings.items()) errors << warning.to_string() << '\n';
}

}  // namespace

int run_build(const BuildOptions& options, std::ostream& output, std::ostream& errors) {
  int failures = 0;
  auto report = [&](const HandoutError& error) {
    errors << error.diagnostic().to_string() << '\n';
    ++failures;
  };
  std::vector<std::string> content_paths, layout_paths;
  std::unique_ptr<FontSet> fonts;
  try {
    content_paths = options.content.empty() ? files_in("content", ".md") : options.content;
    if (options.layouts.empty()) {
      layout_paths = files_in("layouts", ".toml");
    } else {
      for (const std::string& layout : options.layouts) layout_paths.push_back(layout_path(layout));
    }
    fonts = std::make_unique<FontSet>(options.fonts_dir);
    fs::create_directories(options.out_dir);
  } catch (const HandoutError& error) {
    report(error);
    return 1;
  } catch (const fs::filesystem_error& error) {
    errors << fmt::format("{}: error: {}\n", options.out_dir, error.code().message());
    return 1;
  }

  std::vector<LayoutSpec> layouts;
  for (const std::string& path : layout_paths) {
    try {
      layouts.push_back(load_layout(path));
    } catch (const HandoutError& error) {
      report(error);
    }
  }
  // Which profiles each layout is written in; a password only makes sense for email.
  auto profiles_of = [&](const LayoutSpec& layout) {
    return options.profiles.empty() ? std::vector<OutputProfile>{layout.output.profile} : options.profiles;
  };
  if (options.password) {
    for (const LayoutSpec& layout : layouts)
      for (OutputProfile profile : profiles_of(layout))
        if (profile != OutputProfile::email) {
          errors << fmt::format("handout: error: a password encrypts only the email profile, but {} would be "
                                "written as {} (add --profile email)\n",
                                layout.path, profile_name(profile));
          return 2;
        }
  }

  for (const std::string& content_path : content_paths) {
    Warnings content_warnings;
    Document document;
    try {
      document = load_document(content_path, content_warnings);
    } catch (const HandoutError& error) {
      print_warnings(content_warnings, errors);
      report(error);
      continue;
    }
    print_warnings(content_warnings, errors);
    for (const LayoutSpec& layout : layouts) {
      const std::string stem = (fs::path(options.out_dir) / (document.name + "." + layout.name)).string();
      auto started = std::chrono::steady_clock::now();
      Warnings warnings;
      try {
        Typesetter typesetter(*fonts, layout, document, warnings);
        double body_size = layout.body.size;
        std::string fit_note;
        Pages pages;
        if (layout.fit.enabled) {
          FitOutcome fit = find_fitting_size(typesetter, layout.fit, document.path);
          body_size = fit.body_size;
          fit_note = fmt::format(", fitted in {} passes", fit.passes);
          pages = typesetter.typeset(std::move(fit.fitting));
        } else {
          pages = typesetter.typeset(body_size);
        }
        pages.info.creator = "handout " HANDOUT_VERSION;
        pages.info.date = pdf_date(document.metadata);
        print_warnings(warnings, errors);
        warnings = Warnings{};
        for (OutputProfile profile : profiles_of(layout)) {
          if (profile == OutputProfile::archive && !fs::is_regular_file(layout.output.icc_profile))
            throw HandoutError(layout.output.icc_place,
                               fmt::format("ICC profile '{}' not found; the archive profile needs an sRGB profile for "
                                           "its output intent (Debian's icc-profiles-free installs one)",
                                           layout.output.icc_profile));
          OutputRequest request{profile, options.password, options.preview_dpi.value_or(layout.output.preview_dpi),
                                layout.output.icc_profile, options.fixed_randomness_for_tests};
          std::vector<std::string> written = write_outputs(pages, stem, request);
          double milliseconds =
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
          if (!options.quiet)
            output << fmt::format("wrote {}{} ({} page{}, body {:.2f} pt{}, {:.0f} ms)\n", written.front(),
                                  written.size() > 1 ? fmt::format(" and {} more", written.size() - 1) : "",
                                  pages.pages.size(), pages.pages.size() == 1 ? "" : "s", body_size, fit_note,
                                  milliseconds);
          started = std::chrono::steady_clock::now();
        }
      } catch (const HandoutError& error) {
        print_warnings(warnings, errors);
        report(error);
      }
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace handout

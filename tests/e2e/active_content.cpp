#include "e2e/active_content.h"

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <filesystem>
#include <set>

namespace handout::testing {

namespace {

const std::set<std::string>& forbidden_names() {
  static const std::set<std::string> names{"/JavaScript", "/JS",         "/Launch",   "/SubmitForm",  "/ImportData",
                                           "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/GoToR", "/GoToE",
                                           "/OpenAction", "/AA",          "/ResetForm", "/Sound",     "/Movie"};
  return names;
}

// Follows direct objects only: every indirect object is visited once, from the file's list.
void scan(QPDFObjectHandle object, const std::string& where, std::vector<std::string>& found, bool top = false) {
  if (object.isIndirect() && !top) return;
  if (object.isName() && forbidden_names().count(object.getName())) found.push_back(where + " name " + object.getName());
  if (object.isArray())
    for (int i = 0; i < object.getArrayNItems(); ++i) scan(object.getArrayItem(i), where + " [" + std::to_string(i) + "]", found);
  QPDFObjectHandle dict = object.isStream() ? object.getDict() : object;
  if (dict.isDictionary())
    for (const std::string& key : dict.getKeys()) {
      if (forbidden_names().count(key)) found.push_back(where + " key " + key);
      scan(dict.getKey(key), where + " " + key, found);
    }
}

}  // namespace

const std::vector<std::string>& test_passwords() {
  static const std::vector<std::string> passwords{"", "secret", "correct horse battery staple"};
  return passwords;
}

std::vector<std::string> active_content(const std::string& path) {
  std::string failure;
  bool password_refused = false;
  for (const std::string& password : test_passwords()) {
    try {
      QPDF pdf;
      pdf.setSuppressWarnings(true);
      pdf.processFile(path.c_str(), password.c_str());
      std::vector<std::string> found;
      for (QPDFObjectHandle& object : pdf.getAllObjects())
        scan(object, "object " + std::to_string(object.getObjectID()) + ":", found, true);
      scan(pdf.getTrailer(), "trailer:", found, true);
      return found;
    } catch (const QPDFExc& error) {
      failure = error.what();
      password_refused = password_refused || error.getErrorCode() == qpdf_e_password;
    } catch (const std::exception& error) {
      failure = error.what();
    }
  }
  // A file encrypted with another password is not clean, it is unchecked: add its password.
  if (password_refused) return {"is encrypted with a password not in test_passwords(): " + failure};
  return {"cannot be opened to scan it: " + failure};
}

std::vector<std::string> active_content_under(const std::string& folder) {
  std::vector<std::string> found;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (!it->is_regular_file(error) || it->path().extension() != ".pdf") continue;
    for (const std::string& line : active_content(it->path().string()))
      found.push_back(it->path().string() + ": " + line);
  }
  return found;
}

}  // namespace handout::testing

#pragma once
// Scanning PDFs for what a handout must never hold: actions that run code (JavaScript),
// start programs (Launch), send or fetch data (SubmitForm, ImportData), open other files
// (GoToR, GoToE), embedded files and rich media, and actions that run on their own.
#include <string>
#include <vector>

namespace handout::testing {

// The passwords the tests encrypt with: an encrypted PDF is scanned after decryption.
const std::vector<std::string>& test_passwords();

// What `pdf` holds of those, one line each ("object 12: key /JS"); empty when it is clean. A
// PDF encrypted with a password not in the list is one line saying so (a file that cannot be
// checked is not clean), and so is one that cannot be opened at all ("cannot be opened").
std::vector<std::string> active_content(const std::string& pdf);

// The same for every .pdf file under `folder`, each line prefixed with its file.
std::vector<std::string> active_content_under(const std::string& folder);

}  // namespace handout::testing

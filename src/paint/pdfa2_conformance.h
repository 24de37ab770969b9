#pragma once
// What ISO 19005-2 (PDF/A-2) asks of the tagged PDF Cairo 1.16 writes, beyond what print already
// has, added with qpdf's library: an output intent, a CIDToGIDMap and CIDSet in every TrueType CIDFont,
// annotations set to print, images without interpolation. The XMP claim is the finisher's.
#include <string>

class QPDF;

namespace handout {

// `icc_profile` is the bytes of the RGB ICC profile (checked as ICC before) that becomes the
// document's one PDF/A output intent.
void make_pdfa2(QPDF& pdf, const std::string& icc_profile);

// Every annotation's flags become Print alone (/F 4): no Hidden, Invisible, NoView or
// ToggleNoView, as PDF/A asks (ISO 19005-1 6.5.3, ISO 19005-2 6.3.2).
void set_annotations_to_print(QPDF& pdf);

}  // namespace handout

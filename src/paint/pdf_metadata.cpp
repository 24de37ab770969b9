#include "paint/pdf_metadata.h"

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

namespace handout {

namespace {

std::string text_of(QPDFObjectHandle info, const char* key) {
  QPDFObjectHandle value = info.getKey(key);
  return value.isString() ? value.getUTF8Value() : std::string();
}

void set_text(QPDFObjectHandle info, const char* key, const std::string& value) {
  if (value.empty())
    info.removeKey(key);
  else
    info.replaceKey(key, QPDFObjectHandle::newUnicodeString(value));
}

}  // namespace

XmpFields xmp_fields_from_info(QPDF& pdf) {
  XmpFields fields;
  QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
  if (!info.isDictionary()) return fields;
  fields.title = text_of(info, "/Title");
  fields.author = text_of(info, "/Author");
  fields.subject = text_of(info, "/Subject");
  fields.keywords = text_of(info, "/Keywords");
  fields.creator_tool = text_of(info, "/Creator");
  fields.producer = text_of(info, "/Producer");
  fields.create_date = xmp_date_from_pdf(text_of(info, "/CreationDate"));
  fields.modify_date = xmp_date_from_pdf(text_of(info, "/ModDate"));
  return fields;
}

void set_info_strings(QPDF& pdf, const DocumentInfo& document) {
  QPDFObjectHandle trailer = pdf.getTrailer();
  QPDFObjectHandle info = trailer.getKey("/Info");
  if (!info.isDictionary()) {
    info = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
    trailer.replaceKey("/Info", info);
  }
  set_text(info, "/Title", document.title);
  set_text(info, "/Author", document.author);
  set_text(info, "/Subject", document.subject);
  set_text(info, "/Keywords", document.keywords);
  set_text(info, "/Creator", document.creator);
}

void tidy_cairo_info(QPDF& pdf) {
  QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
  if (!info.isDictionary()) return;
  for (const char* key : {"/CreationDate", "/ModDate"}) {
    QPDFObjectHandle date = info.getKey(key);
    if (date.isString() && date.getStringValue().rfind("D:", 0) != 0)
      info.replaceKey(key, QPDFObjectHandle::newString("D:" + date.getStringValue()));
  }
  for (const char* key : {"/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer"})
    if (info.getKey(key).isString() && info.getKey(key).getStringValue().empty()) info.removeKey(key);
}

void set_xmp_metadata(QPDF& pdf, const std::string& packet) {
  QPDFObjectHandle stream = QPDFObjectHandle::newStream(&pdf, packet);
  QPDFObjectHandle dictionary = stream.getDict();
  dictionary.replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
  dictionary.replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
  pdf.getRoot().replaceKey("/Metadata", stream);
}

}  // namespace handout

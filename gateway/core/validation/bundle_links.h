// References between the entries of document and message Bundles, resolved by the Bundle rules
// (FHIR R4 §3.3.1 "Resolving references in Bundles") as the reference validator applies them:
//  * an absolute reference matches entries by fullUrl (also fullUrl/_history/versionId);
//  * a relative one ("Type/id", "Type/id/_history/v") is appended to the RESTful base of the
//    source entry's fullUrl — only when that fullUrl ends with the source's own type and id —
//    and matched the same way; when nothing matches but an entry has that type and id, the
//    reference is "apparently" meant for it: an error;
//  * several matches are an error.
// Checked references:
//  * a document's Composition (first entry): subject, author, encounter, custodian,
//    attester.party, event.detail and, in each section (nested too), author, focus and entry;
//    a message's MessageHeader (first entry): focus. A reference that does not resolve is an
//    error. Locations follow the reference validator, which numbers the first entry, the
//    repeating Composition elements and sections from 1 ("Bundle.entry[1].resource.section[1].
//    entry[2]" is the second entry of the first section); MessageHeader.focus keeps its index;
//  * every reference of every entry (Reference.reference, narrativeLink urls): several matches
//    and "apparent" matches are errors located at the Bundle (a reference reported by the first
//    check is not reported again); a narrativeLink url's fragment must name exactly one anchor
//    of the entry it points at;
//  * in a document, every entry must be reachable from the Composition by references (forward,
//    or backward from a reachable entry); an unreachable entry is an error at
//    "Bundle.entry[n]" with n counted from 1 over the entries that hold a resource; in a
//    message it is a warning.
// Codes: "bundle-reference-unresolved", "bundle-reference-ambiguous",
// "bundle-entry-unreachable". `location` is the Bundle's own location.
// `model` tells resource type names (may be null: then relative references are not resolved).
// Work: linear in the size of the Bundle plus its references.
// Thread safety: pure function; `sink` is only written.
#pragma once

#include <string>
#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/model/type_model.h"

namespace gw::validation {

void CheckBundleLinks(const json::Value& bundle, std::string_view type, const std::string& location,
                      const model::TypeModel* model, IssueSink& sink);

}  // namespace gw::validation

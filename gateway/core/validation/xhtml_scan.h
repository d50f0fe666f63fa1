// ScanXhtml: what the reference checks need from a narrative <div>: its links (a@href,
// img@src) and the anchors they can point at (id attributes, a@name).
//
// The scan is tolerant: it is not a well-formedness check (htmlChecks()/txt-1 does that).
// Comments, CDATA, processing instructions and DOCTYPEs are skipped; character references in
// attribute values and text are decoded for the common entities (&amp; &lt; &gt; &quot; &apos;
// and numeric ones). A link's `path` names the elements from the root ("div/p/a"), its `text`
// is the text inside the element with line breaks as spaces, trimmed.
// Work is linear in the input; nothing recurses.
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gw::validation {

struct XhtmlLink {
  std::string attribute;  // "href" (of an <a>) or "src" (of an <img>)
  std::string value;
  std::string path;  // "div/table/tr/td/a"
  std::string text;
};

struct XhtmlScan {
  std::vector<XhtmlLink> links;
  std::vector<std::string> anchors;  // values of id attributes and of a@name
};

XhtmlScan ScanXhtml(std::string_view xhtml);

}  // namespace gw::validation

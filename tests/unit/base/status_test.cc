#define BOOST_TEST_MODULE base
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"

namespace {

gw::Result<int> Half(int v) {
  if (v % 2 != 0) return gw::InvalidArgument("odd");
  return v / 2;
}

gw::Status Chain(int v) {
  GW_RETURN_IF_ERROR(Half(v).status());
  return gw::Status::Ok();
}

}  // namespace

BOOST_AUTO_TEST_CASE(result_holds_value_or_status) {
  auto ok = Half(4);
  BOOST_TEST(ok.ok());
  BOOST_TEST(*ok == 2);
  BOOST_TEST(ok.status().ok());
  auto bad = Half(3);
  BOOST_TEST(!bad.ok());
  BOOST_TEST((bad.status().code() == gw::StatusCode::kInvalidArgument));
  BOOST_TEST(bad.status().ToString() == "INVALID_ARGUMENT: odd");
}

BOOST_AUTO_TEST_CASE(result_moves_only_types) {
  gw::Result<std::unique_ptr<int>> r(std::make_unique<int>(7));
  std::unique_ptr<int> p = std::move(r).value();
  BOOST_TEST(*p == 7);
}

BOOST_AUTO_TEST_CASE(return_if_error) {
  BOOST_TEST(Chain(2).ok());
  BOOST_TEST(!Chain(1).ok());
}

BOOST_AUTO_TEST_CASE(issue_list_reports_errors) {
  gw::IssueList list;
  list.Report({gw::Severity::kWarning, "w", "Patient.name[0]", "m"});
  BOOST_TEST(!list.HasErrors());
  list.Report({gw::Severity::kError, "e", "Patient.id", "m"});
  BOOST_TEST(list.HasErrors());
  BOOST_TEST(list.issues().size() == 2u);
  BOOST_TEST(std::string(gw::SeverityName(gw::Severity::kFatal)) == "fatal");
}

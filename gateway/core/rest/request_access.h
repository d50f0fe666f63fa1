// RequestAccess: what FhirApi asks about the caller of one request — the authorization that
// scopes, member attribution and opt-out give, and the record of what the request touched (for
// the audit). The application implements it per request from the authenticated client.
//
// FhirApi's rules with it:
//  * Allows(type, permissions) false → 403 (the scopes do not cover the interaction on the
//    type; this says nothing about any one resource).
//  * MayRead(resource) false → the resource does not exist for this caller: 404 on read, left
//    out of searches, includes, histories and $everything (no existence oracle). A restricted
//    caller (Restricted()) gets no `total` it could count hidden resources with.
//  * MayWrite(current, next) false → 404 (as if the target did not exist), nothing written.
//  * Touched(resource) for every resource the response discloses or a write stores.
// When InspectsContent() is false the caller sees every resource and FhirApi may skip parsing
// stored resources for MayRead (Touched still receives them when the response holds them).
// Thread safety: one object per request; FhirApi calls it from the request's thread only.
#pragma once

#include <cstdint>
#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::rest {

class RequestAccess {
 public:
  virtual ~RequestAccess() = default;
  // `permissions`: SMART v2 letters as gw::auth::Permission bits (c=1 r=2 u=4 d=8 s=16).
  virtual bool Allows(std::string_view resource_type, std::uint8_t permissions) const = 0;
  virtual bool InspectsContent() const = 0;
  virtual bool Restricted() const = 0;
  virtual bool MayRead(const json::Value& resource) const = 0;
  // `current`: the stored version (null when there is none); `next`: null for a delete.
  virtual bool MayWrite(const json::Value* current, const json::Value* next) const = 0;
  virtual void Touched(std::string_view resource_type, std::string_view id,
                       const json::Value* resource) = 0;
  // True when Touched() should receive the content of resources other than Patients even when
  // InspectsContent() is false (to record the members a response disclosed).
  virtual bool WantsTouchedContent() const { return false; }
};

// Everything allowed, nothing recorded: internal jobs and tests.
class AllowAllAccess final : public RequestAccess {
 public:
  bool Allows(std::string_view, std::uint8_t) const override { return true; }
  bool InspectsContent() const override { return false; }
  bool Restricted() const override { return false; }
  bool MayRead(const json::Value&) const override { return true; }
  bool MayWrite(const json::Value*, const json::Value*) const override { return true; }
  void Touched(std::string_view, std::string_view, const json::Value*) override {}
};

}  // namespace gw::rest

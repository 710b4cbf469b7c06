// Registers of packages between a center and a provider (R25, R33-R36):
// formed by the collection sector per provider, printed in two copies,
// dispatched, acknowledged by the provider; the provider's own registers of
// results and refusals, received at the center against the packages
// delivered, with an act of refusal when they do not match.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "domain/branch.h"
#include "domain/catalog.h"
#include "domain/stage.h"
#include "store/packages.h"
#include "store/registers.h"

namespace tereze::app {

// A register with what its screens and its printed copies show.
struct RegisterView {
  store::RegisterRow row;
  std::string number, barcode;
  domain::Branch branch;
  domain::Text provider_name;  // from the catalog; the code when unknown
  std::string direction_name;
  std::string courier_name, formed_by_name;
  std::vector<store::Package> lines;  // filled when asked for
};

// May `who` see or act on the register? Branch staff: their branch's;
// provider officers: their provider's.
bool MayAccessRegister(const Principal& who, const store::RegisterRow& row);

Status GetRegister(App& app, const Principal& who, int64_t id, bool with_lines, RegisterView* out);
Status ListRegisters(App& app, const Principal& who, store::RegisterFilter filter,
                     std::vector<RegisterView>* out);

// R33: every collected package of `provider_code` at the branch joins the
// register being formed for that provider (a new one when none is). Errors:
// nothing_to_register (422), forbidden.
void FormRegister(App& app, const Principal& who, int64_t branch_id,
                  const std::string& provider_code, const Done<int64_t>& done);

// What one action on a whole register did.
struct RegisterMove {
  int64_t register_id = 0;
  std::string status;
  size_t lines = 0;
  size_t moved = 0;
  bool repeated = false;
};

// R33: hands the register over (courier, post, information system); its
// packages become dispatched. A courier dispatching is the courier.
void DispatchRegister(App& app, const Principal& who, int64_t id, const std::string& method,
                      int64_t courier_id, const Done<RegisterMove>& done);
// R33: the provider's mark of receipt; its packages are at the provider.
void AcknowledgeRegister(App& app, const Principal& who, int64_t id,
                         const Done<RegisterMove>& done);

// R34, R36: the provider's decision on a package it holds.
struct ProviderDecision {
  std::string barcode;
  std::string outcome;                  // result | refusal
  std::string form;                     // paper | electronic (a result)
  std::string reason;                   // a refusal's grounds (required)
  std::string certificate_valid_until;  // YYYY-MM-DD: temporary certificates (R25)
};
inline constexpr size_t kMaxDecisionReasonBytes = 1000;
// The provider's register of results and refusals to `branch_id`, already
// on its way to the center. Errors: wrong_stage (a package not at this
// provider), already_in_register, invalid_field, missing_field,
// certificate_expiry_missing, barcode_misread / barcode_invalid,
// application_not_found.
void SubmitProviderResults(App& app, const Principal& who, int64_t branch_id,
                           std::vector<ProviderDecision> decisions, const Done<int64_t>& done);

// R35: reception of a provider's register against the packages scanned.
struct Reception {
  bool accepted = false;
  int64_t register_id = 0;
  store::ActRow act;  // when not accepted
  size_t late = 0;    // R34: results that came after the provider deadline
};
inline constexpr size_t kMaxReceptionScans = 2 * 500;
void ReceiveRegister(App& app, const Principal& who, int64_t id, std::vector<std::string> scanned,
                     const Done<Reception>& done);

// The register barcode scanned with `action` (POST /api/v1/scans):
// dispatch, provider_ack, or result_received / provider_refusal (every
// line present). Other actions: wrong_stage.
void ScanRegister(App& app, const Principal& who, int64_t id, domain::ScanAction action,
                  const Done<RegisterMove>& done);

// Adds package `p` to the register of `kind` being formed for its provider
// at its branch, creating one when none is (inside the caller's
// transaction). Fills the register's id and number.
Status AddToFormingRegister(store::WriteTx& tx, const Principal* who, const store::Package& p,
                            const std::string& kind, int64_t* register_id, std::string* number);

// An act of refusal, if `who` may see its branch.
Status GetAct(App& app, const Principal& who, int64_t id, store::ActRow* out, RegisterView* reg);

}  // namespace tereze::app

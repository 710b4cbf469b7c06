// The life of a document package after the receipt (R18.10, R22, R24, R25,
// R33-R36): its stages and the barcode scans that move it between them.
// Pure: a table of which scan is allowed in which stage.
//
//   accepted --collect--> collected --register--> registered --dispatch--> dispatched
//   dispatched --provider_ack--> at_provider
//   at_provider --result_received--> result_at_center
//   at_provider --provider_refusal--> refusal_at_center
//   result_at_center | refusal_at_center --to_issuance--> at_issuance
//   at_issuance --issue--> issued
//   at_issuance --return_unclaimed--> returned_unclaimed  (R25; never for social payments)
//
// A refusal at intake (R18.6) is the stage "refused" and takes no scan.
#pragma once

#include <optional>
#include <string_view>

#include "core/status.h"

namespace tereze::domain {

enum class Stage {
  kAccepted,
  kCollected,
  kRegistered,
  kDispatched,
  kAtProvider,
  kResultAtCenter,
  kRefusalAtCenter,
  kAtIssuance,
  kIssued,
  kReturnedUnclaimed,
  kRefused,
};

enum class ScanAction {
  kCollect,
  kRegister,
  kDispatch,
  kProviderAck,
  kResultReceived,
  kProviderRefusal,
  kToIssuance,
  kIssue,
  kReturnUnclaimed,
};

const char* ToString(Stage stage);
const char* ToString(ScanAction action);
std::optional<Stage> ParseStage(std::string_view text);
std::optional<ScanAction> ParseScanAction(std::string_view text);

struct ScanOutcome {
  Stage to = Stage::kAccepted;
  // The package is already where this scan would put it: a second beep of
  // the same scanner changes nothing and says so.
  bool repeated = false;
};

// Conflict "wrong_stage" (naming the current stage) when `action` is not a
// move out of `current`.
Status ApplyScan(Stage current, ScanAction action, ScanOutcome* out);

}  // namespace tereze::domain

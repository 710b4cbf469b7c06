#include "domain/stage.h"

namespace tereze::domain {

namespace {

struct Move {
  Stage from;
  ScanAction action;
  Stage to;
};

// The whole machine: every allowed move, and nothing else.
constexpr Move kMoves[] = {
    {Stage::kAccepted, ScanAction::kCollect, Stage::kCollected},
    {Stage::kCollected, ScanAction::kRegister, Stage::kRegistered},
    {Stage::kRegistered, ScanAction::kDispatch, Stage::kDispatched},
    {Stage::kDispatched, ScanAction::kProviderAck, Stage::kAtProvider},
    {Stage::kAtProvider, ScanAction::kResultReceived, Stage::kResultAtCenter},
    {Stage::kAtProvider, ScanAction::kProviderRefusal, Stage::kRefusalAtCenter},
    {Stage::kResultAtCenter, ScanAction::kToIssuance, Stage::kAtIssuance},
    {Stage::kRefusalAtCenter, ScanAction::kToIssuance, Stage::kAtIssuance},
    {Stage::kAtIssuance, ScanAction::kIssue, Stage::kIssued},
    {Stage::kAtIssuance, ScanAction::kReturnUnclaimed, Stage::kReturnedUnclaimed},
};

constexpr std::pair<Stage, const char*> kStageNames[] = {
    {Stage::kAccepted, "accepted"},
    {Stage::kCollected, "collected"},
    {Stage::kRegistered, "registered"},
    {Stage::kDispatched, "dispatched"},
    {Stage::kAtProvider, "at_provider"},
    {Stage::kResultAtCenter, "result_at_center"},
    {Stage::kRefusalAtCenter, "refusal_at_center"},
    {Stage::kAtIssuance, "at_issuance"},
    {Stage::kIssued, "issued"},
    {Stage::kReturnedUnclaimed, "returned_unclaimed"},
    {Stage::kRefused, "refused"},
};

constexpr std::pair<ScanAction, const char*> kActionNames[] = {
    {ScanAction::kCollect, "collect"},
    {ScanAction::kRegister, "register"},
    {ScanAction::kDispatch, "dispatch"},
    {ScanAction::kProviderAck, "provider_ack"},
    {ScanAction::kResultReceived, "result_received"},
    {ScanAction::kProviderRefusal, "provider_refusal"},
    {ScanAction::kToIssuance, "to_issuance"},
    {ScanAction::kIssue, "issue"},
    {ScanAction::kReturnUnclaimed, "return_unclaimed"},
};

}  // namespace

const char* ToString(Stage stage) {
  for (const auto& [s, name] : kStageNames) {
    if (s == stage) return name;
  }
  return "accepted";
}

const char* ToString(ScanAction action) {
  for (const auto& [a, name] : kActionNames) {
    if (a == action) return name;
  }
  return "collect";
}

std::optional<Stage> ParseStage(std::string_view text) {
  for (const auto& [s, name] : kStageNames) {
    if (text == name) return s;
  }
  return std::nullopt;
}

std::optional<ScanAction> ParseScanAction(std::string_view text) {
  for (const auto& [a, name] : kActionNames) {
    if (text == name) return a;
  }
  return std::nullopt;
}

Status ApplyScan(Stage current, ScanAction action, ScanOutcome* out) {
  for (const Move& m : kMoves) {
    if (m.from == current && m.action == action) {
      *out = {m.to, false};
      return Status::Ok();
    }
  }
  // The same scan twice: the package is already where this action leads.
  for (const Move& m : kMoves) {
    if (m.to == current && m.action == action) {
      *out = {current, true};
      return Status::Ok();
    }
  }
  return Status::Conflict("wrong_stage", std::string("the package is ") + ToString(current) +
                                             "; \"" + ToString(action) + "\" does not apply to it");
}

}  // namespace tereze::domain

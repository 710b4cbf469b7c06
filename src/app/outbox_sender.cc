#include "app/outbox_sender.h"

#include <algorithm>

#include "core/crypto.h"
#include "store/outbox.h"

namespace tereze::app {

OutboxSender::OutboxSender(App& app, std::unique_ptr<notify::SmsGateway> gateway, Options options)
    : app_(app), gateway_(std::move(gateway)), options_(std::move(options)) {
  if (options_.dlr_secret.empty()) options_.dlr_secret = RandomHex(32);
}

OutboxSender::~OutboxSender() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxSender::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void OutboxSender::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

std::string OutboxSender::DlrToken(int64_t id) const {
  std::string id_text = std::to_string(id);
  return id_text + "-" + Sha256Hex(options_.dlr_secret + ":" + id_text).substr(0, 24);
}

bool OutboxSender::ParseDlrToken(const std::string& token, int64_t* id) const {
  size_t dash = token.find('-');
  if (dash == std::string::npos || dash == 0 || dash > 18) return false;
  std::string id_text = token.substr(0, dash);
  if (id_text.find_first_not_of("0123456789") != std::string::npos) return false;
  if (!ConstantTimeEquals(DlrToken(std::stoll(id_text)), token)) return false;
  *id = std::stoll(id_text);
  return true;
}

Status OutboxSender::RunOnce(int* sent) {
  *sent = 0;
  std::vector<store::OutboxMessage> due;
  Status s = app_.db().Read([&](store::Connection& db) {
    return store::ListDueOutbox(db, app_.clock().NowMs(), options_.batch, &due);
  });
  if (!s.ok()) return s;
  struct Result {
    int64_t id;
    Status status;
    int64_t attempts;
  };
  std::vector<Result> results;
  for (const auto& m : due) {
    Status r = gateway_->Send({m.recipient, m.body, DlrToken(m.id)});
    results.push_back({m.id, r, m.attempts});
    if (r.ok()) ++*sent;
    // A gateway that is down is down for the rest of the round too.
    if (r.kind() == Status::Kind::kUnavailable) break;
  }
  if (results.empty()) return Status::Ok();
  // One transaction records the whole round.
  return app_.db().writer().Run([&](store::WriteTx& tx) {
    for (const auto& r : results) {
      Status st;
      if (r.status.ok()) {
        st = store::MarkOutboxSent(tx.db(), r.id, tx.now_ms());
      } else {
        bool give_up = r.status.kind() != Status::Kind::kUnavailable ||
                       r.attempts + 1 >= options_.max_attempts;
        int64_t backoff = options_.first_backoff_ms << std::min<int64_t>(r.attempts, 20);
        backoff = std::min(backoff, options_.max_backoff_ms);
        st = store::MarkOutboxRetry(tx.db(), r.id, tx.now_ms() + backoff, give_up,
                                    r.status.code() + ": " + r.status.message());
      }
      if (!st.ok()) return st;
    }
    return Status::Ok();
  });
}

void OutboxSender::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    int sent = 0;
    Status s = RunOnce(&sent);
    (void)s;  // a failed round is retried on the next one
    lock.lock();
    cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms),
                 [this] { return stopping_ || woken_; });
    woken_ = false;
  }
}

}  // namespace tereze::app

// SMS to applicants (R24: decisions taken, payments) through an SMS gateway. Send is one
// attempt: the caller's outbox keeps the message and retries while Send says Unavailable, and
// gives up on anything else. Delivery is at least once: when the gateway took a message but
// the answer was lost (a timeout), a retry sends it again; Kannel has no idempotency key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"

namespace tereze::notify {

struct SmsMessage {
  std::string phone;      // +7XXXXXXXXXX
  std::string text;       // UTF-8, kk or ru (the applicant's language)
  std::string dlr_token;  // our id for delivery reports, may be empty; [A-Za-z0-9_-], <= 64
};

// Longest text, in UTF-16 code units: five parts of a concatenated UCS-2 SMS (67 units each
// after the concatenation header). Every text Tereze sends is one or two parts; a longer one
// is a bug that would cost the center money, so it is refused rather than sent.
inline constexpr size_t kMaxSmsTextUnits = size_t{5} * 67;

class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  // Ok: the gateway accepted the message (it may still queue it for the operator).
  // Refused("invalid_phone" | "invalid_sms_text" | "sms_too_long" | "invalid_dlr_token"):
  //   the message can never be sent; nothing left this process.
  // Refused("sms_rejected", reply): the gateway refused it (wrong credentials, a number it
  //   does not serve, ...); retrying will not help.
  // Unavailable("sms_gateway_unavailable", why): not reachable, timed out or overloaded; retry.
  // Internal: an answer the gateway should never give; whether it sent the message is unknown.
  // Messages never contain the phone or the text (personal data, R28).
  virtual Status Send(const SmsMessage& m) = 0;
};

struct KannelOptions {
  std::string sendsms_url;  // http://127.0.0.1:13013/cgi-bin/sendsms
  std::string username, password, from;
  // Our callback for delivery reports; Kannel replaces %d with the report type (1 delivered,
  // 2 undelivered, 8 accepted by the operator, 16 rejected by the operator). The message's
  // dlr_token is added as "token=..." when not empty. Empty: no reports are asked for.
  std::string dlr_url;
  int64_t timeout_ms = 5000;
};

// Kannel's smsbox sendsms interface: one GET per message, the text as UTF-8 with coding=2 so
// that Kannel sends UCS-2 (the GSM 7-bit alphabet has no Cyrillic, let alone ә ғ қ ң ө ұ ү һ
// і: without it Kannel sends question marks).
class KannelGateway : public SmsGateway {
 public:
  explicit KannelGateway(KannelOptions options) : options_(std::move(options)) {}
  Status Send(const SmsMessage& m) override;

  // The sendsms URL for a message (with the password in it); exposed for tests.
  std::string SendSmsUrl(const SmsMessage& m) const;

 private:
  KannelOptions options_;
};

// "+7" and ten digits.
bool ValidKzPhone(std::string_view phone);

// The number of UTF-16 code units of a UTF-8 text, or -1 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are not valid).
int64_t Utf16Units(std::string_view utf8);

}  // namespace tereze::notify

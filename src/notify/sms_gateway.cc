#include "notify/sms_gateway.h"

#include "net/http_client.h"

namespace tereze::notify {

namespace {

constexpr size_t kMaxDlrTokenBytes = 64;
// Kannel's replies are one short line; anything longer is not Kannel.
constexpr size_t kMaxReplyBytes = 4096;
// The report types we ask for (Kannel's dlr-mask bits): delivered (1), undelivered (2),
// accepted by the operator's SMSC (8) and rejected by it (16). "Buffered" (4) is left out:
// it says only that the phone is off for now, and comes again and again.
constexpr int kDlrMask = 1 | 2 | 8 | 16;

bool ValidDlrToken(std::string_view token) {
  if (token.size() > kMaxDlrTokenBytes) return false;
  for (char c : token) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Kannel's reply for a message, as one printable line for a Status message.
std::string ReplyText(const net::HttpReply& reply) {
  std::string text = reply.body.substr(0, 200);
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return "HTTP " + std::to_string(reply.status) + " \"" + text + "\"";
}

}  // namespace

bool ValidKzPhone(std::string_view phone) {
  if (phone.size() != 12 || phone[0] != '+' || phone[1] != '7') return false;
  for (size_t i = 2; i < phone.size(); ++i) {
    if (phone[i] < '0' || phone[i] > '9') return false;
  }
  return true;
}

int64_t Utf16Units(std::string_view utf8) {
  int64_t units = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    int length = 0;
    uint32_t cp = 0;
    if (b < 0x80) {
      length = 1;
      cp = b;
    } else if ((b & 0xe0) == 0xc0) {
      length = 2;
      cp = b & 0x1f;
    } else if ((b & 0xf0) == 0xe0) {
      length = 3;
      cp = b & 0x0f;
    } else if ((b & 0xf8) == 0xf0) {
      length = 4;
      cp = b & 0x07;
    } else {
      return -1;
    }
    if (i + length > utf8.size()) return -1;
    for (int k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(utf8[i + k]);
      if ((c & 0xc0) != 0x80) return -1;
      cp = (cp << 6) | (c & 0x3f);
    }
    static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[length] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return -1;
    }
    units += cp >= 0x10000 ? 2 : 1;
    i += length;
  }
  return units;
}

std::string KannelGateway::SendSmsUrl(const SmsMessage& m) const {
  std::string url = options_.sendsms_url;
  url += Contains(url, "?") ? '&' : '?';
  url += "username=" + net::UrlEncode(options_.username);
  url += "&password=" + net::UrlEncode(options_.password);
  if (!options_.from.empty()) url += "&from=" + net::UrlEncode(options_.from);
  url += "&to=" + net::UrlEncode(m.phone);
  url += "&text=" + net::UrlEncode(m.text);
  // The text is UTF-8; coding=2 makes Kannel convert it to UCS-2 for the operator.
  url += "&charset=UTF-8&coding=2";
  if (!options_.dlr_url.empty()) {
    std::string dlr = options_.dlr_url;
    if (!m.dlr_token.empty()) dlr += (Contains(dlr, "?") ? "&token=" : "?token=") + m.dlr_token;
    url += "&dlr-mask=" + std::to_string(kDlrMask);
    url += "&dlr-url=" + net::UrlEncode(dlr);
  }
  return url;
}

Status KannelGateway::Send(const SmsMessage& m) {
  if (!ValidKzPhone(m.phone)) {
    return Status::Refused("invalid_phone", "the phone number is not +7 and ten digits");
  }
  const int64_t units = Utf16Units(m.text);
  if (units <= 0 || Contains(m.text, std::string_view("\0", 1))) {
    return Status::Refused("invalid_sms_text", "the text is empty or not valid UTF-8");
  }
  if (units > static_cast<int64_t>(kMaxSmsTextUnits)) {
    return Status::Refused("sms_too_long", "the text has " + std::to_string(units) +
                                               " UTF-16 units; the limit is " +
                                               std::to_string(kMaxSmsTextUnits));
  }
  // The token ends up inside Kannel's dlr-url, where "%" starts one of Kannel's escapes.
  if (!ValidDlrToken(m.dlr_token)) {
    return Status::Refused("invalid_dlr_token", "the token must be [A-Za-z0-9_-], 64 at most");
  }

  net::HttpCall call;
  call.url = SendSmsUrl(m);
  call.timeout_ms = options_.timeout_ms;
  call.max_response_body_bytes = kMaxReplyBytes;
  net::HttpReply reply;
  Status s = net::HttpRequest(call, &reply);
  if (s.kind() == Status::Kind::kMalformed) {
    return Status::Internal("sendsms_url is not usable: " + s.message());
  }
  if (!s.ok()) return Status::Unavailable("sms_gateway_unavailable", "Kannel: " + s.message());

  // 202 with "0: Accepted for delivery" (sent on to the operator) or "3: Queued for later
  // delivery" (the operator's SMSC is down; Kannel keeps it in its store and sends it later).
  if (reply.status == 202 && (Contains(reply.body, "Accepted for delivery") ||
                              Contains(reply.body, "Queued for later delivery"))) {
    return Status::Ok();
  }
  if (reply.status >= 400 && reply.status < 500) {
    return Status::Refused("sms_rejected", "Kannel refused the message: " + ReplyText(reply));
  }
  if (reply.status >= 500) {
    return Status::Unavailable("sms_gateway_unavailable", "Kannel: " + ReplyText(reply));
  }
  return Status::Internal("unexpected answer from Kannel: " + ReplyText(reply));
}

}  // namespace tereze::notify

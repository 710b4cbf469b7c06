// Texts sent to applicants by SMS, in Kazakh or Russian as they chose (R19,
// R24). Short: one UCS-2 SMS is 70 characters, three parts at most.
#pragma once

#include <string>

#include "core/local_date.h"

namespace tereze::domain {

inline constexpr size_t kMaxSmsChars = 201;  // three concatenated UCS-2 parts

// R18.5: the application is accepted; the result is issued on `issue_date`.
std::string SmsAccepted(const std::string& lang, const std::string& barcode, LocalDate issue_date);
// R10: the one-time code that confirms consent; valid `minutes`.
std::string SmsConsentCode(const std::string& lang, const std::string& code, int minutes);

// R24: the provider's result reached the center and is ready for issue.
std::string SmsResultReady(const std::string& lang, const std::string& barcode);
// R24: the provider refused; the reasoned refusal is issued at the center.
std::string SmsProviderRefused(const std::string& lang, const std::string& barcode);
// R25: the storage term ended; the result went back to the provider.
std::string SmsReturnedUnclaimed(const std::string& lang, const std::string& barcode);

// Characters (code points) in UTF-8 text.
size_t Utf8Length(const std::string& text);

}  // namespace tereze::domain

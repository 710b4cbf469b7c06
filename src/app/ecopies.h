// Certified electronic copies (R21): a scan uploaded at the desk, bound to
// the application by its SHA-256 and signed with the employee's key.
#pragma once

#include "app/app.h"
#include "domain/application.h"
#include "store/signatures.h"

namespace tereze::app {

// Errors: ecopy_type_unsupported (not PDF/JPEG/PNG by content),
// electronic_copy_not_accepted (the standard wants paper, R21),
// document_unknown, application_not_found, no_signing_key; TooLarge beyond
// domain::kMaxECopyBytes.
void CertifyECopy(App& app, const Principal& who, int64_t application_id,
                  const std::string& document_code, const std::string& bytes,
                  const Done<store::ECopy>& done);

// An e-copy and the application it belongs to, if `who` may see that application.
Status GetECopy(App& app, const Principal& who, int64_t id, bool with_content, store::ECopy* out,
                domain::Application* owner);

}  // namespace tereze::app

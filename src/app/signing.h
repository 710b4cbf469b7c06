// Employees' digital signatures in use (R12, R21): the demo's certificate
// authority, signing as an employee, and the electronic request of R12.
#pragma once

#include <string>

#include "app/app.h"
#include "domain/application.h"

namespace tereze::app {

// Creates the demo certificate authority and a signing certificate for
// every employee that has none. Does nothing when an authority exists.
Status SetUpDemoSigning(App& app);

// CMS detached signature (DER) by `employee_id` over `data` at `signed_at_ms`.
// Refused "no_signing_key" when the employee has no certificate.
Status SignAs(App& app, int64_t employee_id, std::string_view data, int64_t signed_at_ms,
              std::string* cms_der);

// The certificate authority's certificate (PEM), for verifiers.
Status CertificateAuthorityPem(App& app, std::string* pem);

// R12: the canonical text of an electronic request, the bytes that are signed.
std::string ElectronicRequestText(const domain::Application& a, const std::string& employee_name);

}  // namespace tereze::app

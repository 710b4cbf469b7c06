// Connectors to the state information systems (R10, R27): the State Corporation takes the
// data a service needs from the systems that hold it instead of asking the applicant for
// papers — the person register (ГБД ФЛ), civil-status records (АХАЖ / ЗАГС) and the real
// estate register. Civil records and real estate are secrets protected by law: the
// applicant's consent must be on record first (R10), and every call names the consent, the
// employee and the purpose, which the state system logs and checks.
//
// This layer only carries the request; checking that the consent record exists is the
// caller's (app/) job, and the state system refuses a protected request without one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/local_date.h"
#include "core/status.h"

namespace tereze::gbd {

// Who asks, and why. Sent with every call, percent-encoded UTF-8, in the headers
// X-Consent-Reference, X-Employee-Id and X-Purpose.
struct FetchContext {
  std::string consent_reference;  // the consent record's id (R10); empty: no consent
  std::string employee_id;        // required
  std::string purpose;            // required: the service or application it is for
};

struct IdDocument {
  std::string kind;  // "id_card" | "passport" | "birth_certificate" | "residence_permit"
  std::string number;
  std::string issued_by;
  LocalDate issue_date;
  std::optional<LocalDate> expiry_date;  // absent for documents that do not expire
};

struct Person {
  std::string iin;
  std::string surname;
  std::string name;
  std::string patronymic;  // empty when the person has none
  LocalDate birth_date;
  std::vector<IdDocument> documents;
};

struct CivilRecord {
  enum class Kind { kBirth, kMarriage, kDivorce, kDeath };
  Kind kind = Kind::kBirth;
  std::string number;  // the record's number in the registry office's book
  LocalDate date;
  std::string registry_office;
};

struct Property {
  std::string cadastral_number;  // "21:320:045:123:1/45"
  std::string address;
  std::string kind;  // "apartment" | "house" | "land" | "non_residential"
  // The person's share, as a fraction: 1/1 sole owner, 1/2 half.
  int share_numerator = 1;
  int share_denominator = 1;
};

// "birth" | "marriage" | "divorce" | "death".
const char* CivilRecordKindName(CivilRecord::Kind kind);

// Every call:
//   Refused("invalid_iin")           the IIN fails ParseIin; nothing was sent
//   Malformed("bad_fetch_context")   employee_id or purpose is empty; nothing was sent
//   NotFound("person_not_found")     the state system does not know the IIN
//   Forbidden("consent_required")    protected data without a consent the system accepts
//   Unavailable("state_system_unavailable")  not reachable, timed out, or 5xx; try later
//   Malformed("state_system_bad_response")   an answer that is not the documented JSON
// On failure the output is unchanged.
class StateSystems {
 public:
  virtual ~StateSystems() = default;
  virtual Status PersonByIin(const std::string& iin, const FetchContext& context,
                             Person* person) = 0;
  // Protected: needs context.consent_reference.
  virtual Status CivilRecords(const std::string& iin, const FetchContext& context,
                              std::vector<CivilRecord>* records) = 0;
  // Protected: needs context.consent_reference.
  virtual Status RealEstate(const std::string& iin, const FetchContext& context,
                            std::vector<Property>* properties) = 0;
};

// Over HTTP+JSON: GET {base_url}/persons/{iin}, /persons/{iin}/civil-records,
// /persons/{iin}/real-estate (the shapes are in docs and in gbd_main.cc, which serves them).
// base_url is "http://host:port" with an optional path prefix and no trailing slash.
class HttpStateSystems : public StateSystems {
 public:
  HttpStateSystems(std::string base_url, int64_t timeout_ms)
      : base_url_(std::move(base_url)), timeout_ms_(timeout_ms) {}

  Status PersonByIin(const std::string& iin, const FetchContext& context, Person* person) override;
  Status CivilRecords(const std::string& iin, const FetchContext& context,
                      std::vector<CivilRecord>* records) override;
  Status RealEstate(const std::string& iin, const FetchContext& context,
                    std::vector<Property>* properties) override;

 private:
  // Fetches base_url_ + path and leaves the body of a 200 in *body; maps the rest to Status.
  Status Get(const std::string& iin, const std::string& suffix, const FetchContext& context,
             std::string* body);

  std::string base_url_;
  int64_t timeout_ms_;
};

}  // namespace tereze::gbd

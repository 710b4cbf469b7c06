#include "app/consents.h"

#include "core/crypto.h"
#include "core/iin.h"
#include "domain/intake.h"
#include "domain/messages.h"
#include "store/outbox.h"

namespace tereze::app {

namespace {

Status CheckIinAndScope(const std::string& iin, const std::string& scope) {
  IdentityNumber parsed;
  if (Status s = ParseIin(iin, &parsed); !s.ok()) return s;
  if (scope.empty() || scope.size() > 200) {
    return Status::Malformed("invalid_field", "scope: 1-200 bytes naming what the consent covers");
  }
  return Status::Ok();
}

std::string CodeHash(const std::string& salt, const std::string& code) {
  return Sha256Hex(salt + ":" + code);
}

}  // namespace

void RecordConsent(App& app, const Principal& who, const std::string& kind, const std::string& iin,
                   const std::string& reference, const std::string& scope,
                   const Done<store::ConsentRow>& done) {
  auto row = std::make_shared<store::ConsentRow>();
  if (kind != "written" && kind != "eds") {
    return done(Status::Malformed("invalid_field",
                                  "kind: written or eds (an SMS consent is confirmed by its code)"),
                *row);
  }
  if (Status s = CheckIinAndScope(iin, scope); !s.ok()) return done(s, *row);
  if (reference.empty() || reference.size() > domain::kMaxReferenceBytes) {
    return done(Status::Malformed("invalid_field", "reference: 1-100 bytes"), *row);
  }
  *row = {0,
          reference,
          kind,
          iin,
          scope,
          kind == "eds" ? "signature " + reference : "paper form",
          who.employee.branch_id,
          who.employee.id,
          0};
  SubmitWrite<store::ConsentRow>(
      app.db(), row,
      [who](store::WriteTx& tx, store::ConsentRow& c) {
        c.at_ms = tx.now_ms();
        Status s = store::InsertConsent(tx.db(), c, &c.id);
        if (!s.ok()) return s;
        return tx.Audit(AuditOf(who, "consent.record", "consent/" + std::to_string(c.id),
                                "kind=" + c.kind + "\niin=" + c.iin + "\nscope=" + c.scope));
      },
      done);
}

void SendConsentCode(App& app, const Principal& who, const std::string& iin,
                     const std::string& phone, const std::string& lang, const std::string& scope,
                     const Done<ConsentCodeSent>& done) {
  auto sent = std::make_shared<ConsentCodeSent>();
  if (Status s = CheckIinAndScope(iin, scope); !s.ok()) return done(s, *sent);
  if (!domain::NormalizePhone(phone, &sent->phone)) {
    return done(Status::Malformed("invalid_field", "phone: a Kazakhstan mobile number"), *sent);
  }
  if (lang != "kk" && lang != "ru") {
    return done(Status::Malformed("invalid_field", "lang: kk or ru"), *sent);
  }
  // The code is known only here and in the SMS; the database keeps its salted hash.
  uint64_t random = std::stoull(RandomHex(7), nullptr, 16);
  std::string code = std::to_string(random % 1000000);
  code = std::string(kConsentCodeDigits - code.size(), '0') + code;
  auto challenge = std::make_shared<store::ConsentChallenge>();
  challenge->iin = iin;
  challenge->phone = sent->phone;
  challenge->scope = scope;
  challenge->salt = RandomHex(16);
  challenge->code_sha256 = CodeHash(challenge->salt, code);
  challenge->branch_id = who.employee.branch_id;
  challenge->employee_id = who.employee.id;
  std::string text = domain::SmsConsentCode(lang, code, kConsentCodeTtlMs / 60000);
  SubmitWrite<ConsentCodeSent>(
      app.db(), sent,
      [who, challenge, text](store::WriteTx& tx, ConsentCodeSent& out) {
        std::vector<store::OutboxMessage> recent;
        Status s = store::ListOutbox(tx.db(), 0, challenge->phone, 0, 1000, &recent);
        if (!s.ok()) return s;
        int codes = 0;
        for (const auto& m : recent) {
          codes +=
              m.purpose == "consent_code" && m.created_at_ms > tx.now_ms() - kConsentCodeWindowMs;
        }
        if (codes >= kMaxCodesPerPhone) {
          return Status::Throttled("too_many_codes", "too many codes sent to this phone; wait",
                                   kConsentCodeWindowMs / 1000);
        }
        store::ConsentChallenge c = *challenge;
        c.created_at_ms = tx.now_ms();
        c.expires_at_ms = tx.now_ms() + kConsentCodeTtlMs;
        if (s = store::InsertChallenge(tx.db(), c, &out.challenge_id); !s.ok()) return s;
        out.expires_at_ms = c.expires_at_ms;
        store::OutboxMessage sms;
        sms.recipient = c.phone;
        sms.body = text;
        sms.purpose = "consent_code";
        sms.created_at_ms = sms.next_attempt_at_ms = tx.now_ms();
        int64_t sms_id = 0;
        if (s = store::InsertOutbox(tx.db(), sms, &sms_id); !s.ok()) return s;
        return tx.Audit(AuditOf(who, "consent.code_sent",
                                "consent_challenge/" + std::to_string(out.challenge_id),
                                "iin=" + c.iin + "\nphone=" + c.phone + "\nscope=" + c.scope));
      },
      [&app, done](const Status& st, const ConsentCodeSent& out) {
        if (st.ok()) app.WakeOutbox();  // the applicant is waiting for the code
        done(st, out);
      });
}

void VerifyConsentCode(App& app, const Principal& who, int64_t challenge_id,
                       const std::string& code, const Done<ConsentCodeCheck>& done) {
  auto check = std::make_shared<ConsentCodeCheck>();
  if (code.size() != kConsentCodeDigits ||
      code.find_first_not_of("0123456789") != std::string::npos) {
    return done(Status::Malformed("invalid_field", "code: six digits"), *check);
  }
  // The command returns Ok for a wrong code so that the attempt it counts is
  // committed; `failure` carries the answer to the caller.
  auto failure = std::make_shared<Status>();
  SubmitWrite<ConsentCodeCheck>(
      app.db(), check,
      [who, challenge_id, code, failure](store::WriteTx& tx, ConsentCodeCheck& out) {
        *failure = Status::Ok();
        store::ConsentChallenge c;
        Status s = store::FindChallenge(tx.db(), challenge_id, &c);
        if (s.ok() && !who.employee.CanActInBranch(c.branch_id)) {
          s = Status::NotFound("challenge_not_found", "no such consent code");
        }
        if (!s.ok()) return s;
        if (c.consent_id != 0) {
          return Status::Conflict("consent_code_used", "this code has confirmed a consent already");
        }
        if (tx.now_ms() > c.expires_at_ms) {
          return Status::Refused("consent_code_expired", "the code expired; send a new one");
        }
        if (c.attempts >= kConsentCodeAttempts) {
          return Status::Refused("consent_code_exhausted",
                                 "three wrong codes were entered; send a new one");
        }
        if (!ConstantTimeEquals(CodeHash(c.salt, code), c.code_sha256)) {
          out.attempts_left = static_cast<int>(kConsentCodeAttempts - c.attempts - 1);
          *failure = out.attempts_left > 0
                         ? Status::Refused("consent_code_wrong", "the code does not match")
                         : Status::Refused("consent_code_exhausted",
                                           "three wrong codes were entered; send a new one");
          return store::CountAttempt(tx.db(), challenge_id);
        }
        out.consent = {
            0,           "SMS-" + std::to_string(challenge_id) + "-" + RandomHex(4),
            "sms",       c.iin,
            c.scope,     "code to " + c.phone + ", challenge " + std::to_string(challenge_id),
            c.branch_id, who.employee.id,
            tx.now_ms()};
        if (s = store::InsertConsent(tx.db(), out.consent, &out.consent.id); !s.ok()) return s;
        if (s = store::CompleteChallenge(tx.db(), challenge_id, out.consent.id); !s.ok()) return s;
        return tx.Audit(AuditOf(who, "consent.confirm_sms",
                                "consent/" + std::to_string(out.consent.id),
                                "iin=" + c.iin + "\nchallenge=" + std::to_string(challenge_id)));
      },
      [done, failure](const Status& s, const ConsentCodeCheck& out) {
        done(s.ok() ? *failure : s, out);
      });
}

Status RequireConsent(App& app, const std::string& iin, const std::string& reference) {
  store::ConsentRow row;
  Status s = app.db().Read(
      [&](store::Connection& db) { return store::FindConsentByReference(db, reference, &row); });
  if (s.kind() == Status::Kind::kNotFound || (s.ok() && row.iin != iin)) {
    return Status::Refused("consent_required",
                           "no recorded consent of this person with this reference (R10)");
  }
  return s;
}

}  // namespace tereze::app

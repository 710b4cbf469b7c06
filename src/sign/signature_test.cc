// Tests for employees' signatures (R12, R21): CMS detached signatures that verify later,
// against the right CA only, with the certificates judged at the signing time; the openssl
// command line as an outside judge that the CMS is standard; the verify-signature command.
#include "sign/signature.h"

#include <gtest/gtest.h>
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/instant.h"
#include "sign/verify_command.h"

namespace tereze::sign {
namespace {

constexpr char kName[] = "Айгерим Серікқызы Нұрланова";
constexpr char kIin[] = "850101300603";
constexpr int64_t kDayMs = 86'400'000;

int64_t At(const char* iso) {
  std::optional<int64_t> ms = ParseInstant(iso);
  if (!ms) ADD_FAILURE() << "bad instant in test: " << iso;
  return ms.value_or(0);
}

Identity MakeCa(const std::string& name, int64_t from_ms, int64_t to_ms) {
  Identity ca;
  Status s = CreateCertificateAuthority(name, from_ms, to_ms, &ca);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return ca;
}

Identity MakeEmployee(const Identity& ca, int64_t from_ms, int64_t to_ms, int64_t serial = 1001) {
  Identity id;
  Status s = IssueEmployeeCertificate(ca, kName, kIin, serial, from_ms, to_ms, &id);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return id;
}

std::string Sign(const Identity& id, std::string_view data, int64_t at_ms) {
  std::string der;
  Status s = SignDetached(id, data, at_ms, &der);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return der;
}

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

X509Ptr ParseCert(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), (int)pem.size()),
                                                BIO_free);
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
}

std::string CertDer(const std::string& pem) {
  X509Ptr cert = ParseCert(pem);
  unsigned char* der = nullptr;
  const int n = i2d_X509(cert.get(), &der);
  std::string out(reinterpret_cast<char*>(der), n);
  OPENSSL_free(der);
  return out;
}

std::string SubjectEntry(const std::string& pem, int nid) {
  X509Ptr cert = ParseCert(pem);
  char buf[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), nid, buf, sizeof buf);
  return buf;
}

// Signs the way another tool could, without SignDetached's own check of the signing time:
// a signingTime outside the certificate's validity, or (nullopt) no signed attributes at all.
std::string SignUnchecked(const Identity& id, std::string_view data,
                          std::optional<int64_t> signed_at_ms) {
  X509Ptr cert = ParseCert(id.certificate_pem);
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(
      BIO_new_mem_buf(id.private_key_pem.data(), (int)id.private_key_pem.size()), BIO_free);
  KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  const unsigned int flags =
      CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | (signed_at_ms ? 0u : unsigned{CMS_NOATTR});
  std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
      CMS_sign(nullptr, nullptr, nullptr, nullptr, flags), CMS_ContentInfo_free);
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), cert.get(), key.get(), EVP_sha256(), flags);
  EXPECT_NE(si, nullptr);
  if (signed_at_ms) {
    ASN1_TIME* t = ASN1_TIME_set(nullptr, *signed_at_ms / 1000);
    EXPECT_EQ(CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, ASN1_STRING_type(t), t, -1),
              1);
    ASN1_TIME_free(t);
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_mem_buf(data.data(), (int)data.size()),
                                               BIO_free);
  EXPECT_EQ(CMS_final(cms.get(), in.get(), nullptr, CMS_DETACHED | CMS_BINARY), 1);
  unsigned char* der = nullptr;
  const int n = i2d_CMS_ContentInfo(cms.get(), &der);
  std::string out(reinterpret_cast<char*>(der), n);
  OPENSSL_free(der);
  return out;
}

std::string ToPem(const std::string& der, const char* label) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio(bio.get(), label, "", reinterpret_cast<const unsigned char*>(der.data()),
                (long)der.size());
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, n);
}

// Certificates valid around the test's real "now", for checks (openssl) that use the clock.
struct Current {
  int64_t now_ms = SystemClock().NowMs() / 1000 * 1000;
  Identity ca = MakeCa("Tereze Employees CA", now_ms - kDayMs, now_ms + 3650 * kDayMs);
  Identity employee = MakeEmployee(ca, now_ms - kDayMs, now_ms + 365 * kDayMs);
};

// --- Round trip -------------------------------------------------------------------------

TEST(SignatureTest, RoundTripReportsSignerAndSigningTime) {
  Identity ca =
      MakeCa("Tereze Employees CA", At("2020-01-01T00:00:00Z"), At("2040-01-01T00:00:00Z"));
  Identity employee = MakeEmployee(ca, At("2025-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"));
  const std::string data = "Application 2026-000123: consent given by phone\n";
  // Milliseconds are dropped: signingTime has whole seconds.
  const std::string cms = Sign(employee, data, At("2026-03-15T08:30:00.250Z"));
  ASSERT_FALSE(cms.empty());
  EXPECT_EQ(static_cast<unsigned char>(cms[0]), 0x30);  // A DER SEQUENCE.

  Verified v;
  Status s = VerifyDetached(data, cms, ca.certificate_pem, &v);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(v.signer_common_name, kName);
  EXPECT_EQ(v.signer_serial_number, std::string("IIN") + kIin);
  EXPECT_EQ(v.signed_at_ms, At("2026-03-15T08:30:00Z"));
  EXPECT_EQ(v.certificate_sha256, Sha256Hex(CertDer(employee.certificate_pem)));
  // The content is not inside: a detached signature is small whatever the document.
  EXPECT_EQ(cms.find(data), std::string::npos);
}

TEST(SignatureTest, BinaryDataAndEmptyDataRoundTrip) {
  Identity ca = MakeCa("CA", At("2020-01-01T00:00:00Z"), At("2040-01-01T00:00:00Z"));
  Identity employee = MakeEmployee(ca, At("2025-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"));
  // CR LF and NUL must be signed as they are (CMS_BINARY), not canonicalised as text.
  static const char kScan[] = "%PDF-1.7\r\n\0\x01\xff\r\n";
  static const char kLf[] = "%PDF-1.7\n\n\0\x01\xff\n";
  const std::string scan(kScan, sizeof kScan - 1);
  for (const std::string& data : {scan, std::string()}) {
    Verified v;
    Status s = VerifyDetached(data, Sign(employee, data, At("2026-01-01T00:00:00Z")),
                              ca.certificate_pem, &v);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  Verified v;
  EXPECT_EQ(VerifyDetached(std::string(kLf, sizeof kLf - 1),
                           Sign(employee, scan, At("2026-01-01T00:00:00Z")), ca.certificate_pem, &v)
                .code(),
            "signature_invalid");
}

TEST(SignatureTest, CertificatesHaveTheEmployeeProfile) {
  Identity ca = MakeCa("НАО Правительство для граждан", At("2020-01-01T00:00:00Z"),
                       At("2040-01-01T00:00:00Z"));
  Identity employee =
      MakeEmployee(ca, At("2025-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"), 424242);
  X509Ptr ca_cert = ParseCert(ca.certificate_pem);
  X509Ptr cert = ParseCert(employee.certificate_pem);
  ASSERT_TRUE(ca_cert && cert);

  EXPECT_EQ(X509_check_ca(ca_cert.get()), 1);
  EXPECT_EQ(X509_get_key_usage(ca_cert.get()), uint32_t{KU_KEY_CERT_SIGN | KU_CRL_SIGN});
  EXPECT_EQ(X509_check_issued(ca_cert.get(), ca_cert.get()), X509_V_OK);  // Self-signed.

  EXPECT_EQ(X509_check_ca(cert.get()), 0);
  EXPECT_EQ(X509_get_key_usage(cert.get()), uint32_t{KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION});
  const int ku = X509_get_ext_by_NID(cert.get(), NID_key_usage, -1);
  ASSERT_GE(ku, 0);
  EXPECT_EQ(X509_EXTENSION_get_critical(X509_get_ext(cert.get(), ku)), 1);
  EXPECT_EQ(X509_check_issued(ca_cert.get(), cert.get()), X509_V_OK);
  EXPECT_EQ(ASN1_INTEGER_get(X509_get0_serialNumber(cert.get())), 424242);
  EXPECT_EQ(X509_get_version(cert.get()), X509_VERSION_3);

  EXPECT_EQ(SubjectEntry(employee.certificate_pem, NID_commonName), kName);
  EXPECT_EQ(SubjectEntry(employee.certificate_pem, NID_serialNumber), "IIN850101300603");
  EXPECT_EQ(SubjectEntry(employee.certificate_pem, NID_organizationName),
            "НАО Правительство для граждан");

  time_t inside = At("2026-06-01T00:00:00Z") / 1000;
  time_t after = At("2027-01-01T00:00:01Z") / 1000;
  EXPECT_EQ(X509_cmp_time(X509_get0_notAfter(cert.get()), &inside), 1);
  EXPECT_EQ(X509_cmp_time(X509_get0_notAfter(cert.get()), &after), -1);
  EXPECT_NE(employee.private_key_pem.find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  // Two employees never share a key.
  Identity other = MakeEmployee(ca, At("2025-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"));
  EXPECT_NE(other.private_key_pem, employee.private_key_pem);
}

// --- What must not verify --------------------------------------------------------------

class SignatureRefusalTest : public ::testing::Test {
 protected:
  Identity ca_ = MakeCa("Tereze CA", At("2020-01-01T00:00:00Z"), At("2040-01-01T00:00:00Z"));
  Identity employee_ = MakeEmployee(ca_, At("2025-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"));
  std::string data_ = "certified copy of birth certificate, sha256 of the scan: ab12...";
  std::string cms_ = Sign(employee_, data_, At("2026-03-15T08:30:00Z"));

  Status Verify(std::string_view data, std::string_view cms, const std::string& ca_pem) {
    Verified v;
    v.signer_common_name = "untouched";
    Status s = VerifyDetached(data, cms, ca_pem, &v);
    if (!s.ok()) {
      EXPECT_EQ(v.signer_common_name, "untouched") << "*out set on failure";
    }
    return s;
  }
  Status Verify(std::string_view data, std::string_view cms) {
    return Verify(data, cms, ca_.certificate_pem);
  }
};

TEST_F(SignatureRefusalTest, BaselineVerifies) { EXPECT_TRUE(Verify(data_, cms_).ok()); }

TEST_F(SignatureRefusalTest, ChangedDataIsSignatureInvalid) {
  std::string flipped = data_;
  flipped[5] ^= 0x01;
  for (const std::string& changed : {flipped, data_ + " ", data_.substr(1), std::string()}) {
    Status s = Verify(changed, cms_);
    EXPECT_EQ(s.code(), "signature_invalid") << s.ToString();
    EXPECT_EQ(s.kind(), Status::Kind::kRefused);
  }
}

TEST_F(SignatureRefusalTest, ChangedSignatureValueIsSignatureInvalid) {
  // The ECDSA signature is the last field of the CMS.
  std::string changed = cms_;
  changed.back() ^= 0x01;
  EXPECT_EQ(Verify(data_, changed).code(), "signature_invalid");
}

TEST_F(SignatureRefusalTest, BackdatedSigningTimeIsSignatureInvalid) {
  // signingTime is signed: moving it a year back (still inside the certificate's validity)
  // must break the signature, not move the signing.
  std::string changed = cms_;
  const size_t at = changed.find("260315083000Z");
  ASSERT_NE(at, std::string::npos) << "signingTime is not a UTCTime";
  changed[at + 1] = '5';
  EXPECT_EQ(Verify(data_, changed).code(), "signature_invalid");
}

TEST_F(SignatureRefusalTest, AnotherEmployeesSignatureForOtherDataDoesNotTransfer) {
  Identity other = MakeEmployee(ca_, At("2025-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"));
  const std::string other_cms = Sign(other, "another request", At("2026-03-15T08:30:00Z"));
  EXPECT_EQ(Verify(data_, other_cms).code(), "signature_invalid");
}

TEST_F(SignatureRefusalTest, AnotherCaIsUntrusted) {
  Identity rogue = MakeCa("Tereze CA", At("2020-01-01T00:00:00Z"), At("2040-01-01T00:00:00Z"));
  Identity impostor = MakeEmployee(rogue, At("2025-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"));
  const std::string forged = Sign(impostor, data_, At("2026-03-15T08:30:00Z"));
  Status s = Verify(data_, forged);
  EXPECT_EQ(s.code(), "certificate_untrusted") << s.ToString();
  EXPECT_EQ(s.kind(), Status::Kind::kRefused);
  // And the genuine signature is untrusted by the rogue CA.
  EXPECT_EQ(Verify(data_, cms_, rogue.certificate_pem).code(), "certificate_untrusted");
  // A bundle of both CAs trusts both.
  EXPECT_TRUE(Verify(data_, forged, ca_.certificate_pem + rogue.certificate_pem).ok());
}

TEST_F(SignatureRefusalTest, CaAsTrustedCertificateOfItsOwnSignatureIsNotAnEmployee) {
  // The CA's key may issue certificates, not sign requests (keyUsage keyCertSign only).
  const std::string by_ca = SignUnchecked(ca_, data_, At("2026-03-15T08:30:00Z"));
  EXPECT_EQ(Verify(data_, by_ca).code(), "certificate_untrusted");
}

TEST_F(SignatureRefusalTest, EmployeeCertificateIsNotATrustAnchor) {
  // Trusting the employee's own certificate (not self-signed) proves nothing.
  EXPECT_EQ(Verify(data_, cms_, employee_.certificate_pem).code(), "certificate_untrusted");
}

TEST_F(SignatureRefusalTest, GarbageIsSignatureMalformed) {
  std::string truncated = cms_.substr(0, cms_.size() / 2);
  std::string trailing = cms_ + std::string(1, '\0');
  std::string not_cms = CertDer(employee_.certificate_pem);  // Valid DER, wrong structure.
  for (const std::string& garbage :
       {std::string(), std::string("hello"), std::string("\x30\x82\xff\xff", 4), truncated,
        trailing, not_cms, std::string(1000, '\x30')}) {
    Status s = Verify(data_, garbage);
    EXPECT_EQ(s.code(), "signature_malformed") << s.ToString();
    EXPECT_EQ(s.kind(), Status::Kind::kMalformed);
  }
}

TEST_F(SignatureRefusalTest, NoSigningTimeIsRefused) {
  const std::string no_attrs = SignUnchecked(employee_, data_, std::nullopt);
  EXPECT_EQ(Verify(data_, no_attrs).code(), "signing_time_missing");
}

TEST_F(SignatureRefusalTest, TrustedCaMustBeCertificates) {
  for (const std::string& bad :
       {std::string(), std::string("not a pem"), employee_.private_key_pem,
        ca_.certificate_pem + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"}) {
    EXPECT_EQ(Verify(data_, cms_, bad).code(), "trusted_ca_malformed") << bad;
  }
  std::string many;
  for (int i = 0; i < 17; ++i) many += ca_.certificate_pem;
  EXPECT_EQ(Verify(data_, cms_, many).code(), "trusted_ca_malformed");
}

TEST_F(SignatureRefusalTest, LimitsAreEnforced) {
  const std::string huge(kMaxDataBytes + 1, 'x');
  std::string out;
  EXPECT_EQ(SignDetached(employee_, huge, At("2026-03-15T08:30:00Z"), &out).code(),
            "data_too_large");
  EXPECT_EQ(Verify(huge, cms_).code(), "data_too_large");
  EXPECT_EQ(Verify(data_, std::string(kMaxSignatureBytes + 1, '\x30')).code(),
            "signature_too_large");
  EXPECT_EQ(Verify(data_, cms_, std::string(kMaxPemBytes + 1, '-')).code(), "pem_too_large");
}

// --- Validity at the signing time --------------------------------------------------------

TEST(SignatureTimeTest, SignatureInsideValidityVerifiesLongAfterExpiry) {
  // Every certificate here expired years before the test runs: a check against "now" would
  // refuse this signature.
  Identity ca = MakeCa("Old CA", At("2000-01-01T00:00:00Z"), At("2010-01-01T00:00:00Z"));
  Identity employee = MakeEmployee(ca, At("2001-01-01T00:00:00Z"), At("2003-01-01T00:00:00Z"));
  const std::string data = "request signed in 2002";
  const std::string cms = Sign(employee, data, At("2002-06-01T10:00:00Z"));
  Verified v;
  Status s = VerifyDetached(data, cms, ca.certificate_pem, &v);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(v.signed_at_ms, At("2002-06-01T10:00:00Z"));
}

TEST(SignatureTimeTest, SigningOutsideValidityIsRefused) {
  Identity ca = MakeCa("CA", At("2000-01-01T00:00:00Z"), At("2030-01-01T00:00:00Z"));
  Identity employee = MakeEmployee(ca, At("2001-01-01T00:00:00Z"), At("2003-01-01T00:00:00Z"));
  for (const char* when : {"2003-06-01T00:00:00Z", "2000-12-31T23:59:59Z",
                           "2003-01-01T00:00:00Z"}) {  // The notAfter second counts as expired.
    std::string cms;
    Status s = SignDetached(employee, "late", At(when), &cms);
    EXPECT_EQ(s.code(), "certificate_expired_at_signing") << when;
    EXPECT_TRUE(cms.empty());
  }
  std::string cms;
  EXPECT_TRUE(SignDetached(employee, "on time", At("2002-12-31T23:59:59Z"), &cms).ok());
  EXPECT_TRUE(SignDetached(employee, "on time", At("2001-01-01T00:00:00Z"), &cms).ok());
}

TEST(SignatureTimeTest, CertificateExpiredBeforeSigningTimeIsRefusedByVerify) {
  // A CMS made by another tool with a signingTime after the certificate expired.
  Identity ca = MakeCa("CA", At("2000-01-01T00:00:00Z"), At("2040-01-01T00:00:00Z"));
  Identity employee = MakeEmployee(ca, At("2001-01-01T00:00:00Z"), At("2003-01-01T00:00:00Z"));
  Verified v;
  const std::string late = SignUnchecked(employee, "late", At("2004-01-01T00:00:00Z"));
  Status s = VerifyDetached("late", late, ca.certificate_pem, &v);
  EXPECT_EQ(s.code(), "certificate_expired_at_signing") << s.ToString();
  EXPECT_EQ(s.kind(), Status::Kind::kRefused);
  const std::string early = SignUnchecked(employee, "early", At("2000-06-01T00:00:00Z"));
  EXPECT_EQ(VerifyDetached("early", early, ca.certificate_pem, &v).code(),
            "certificate_expired_at_signing");
  // The same tool, inside the validity: accepted, which shows the refusal is about the time.
  const std::string ok = SignUnchecked(employee, "ok", At("2002-01-01T00:00:00Z"));
  EXPECT_TRUE(VerifyDetached("ok", ok, ca.certificate_pem, &v).ok());
}

TEST(SignatureTimeTest, CaNotValidAtSigningTimeIsRefusedThoughValidNow) {
  // The whole chain is judged at the signing time: in 2010 this CA did not exist yet, though
  // both certificates are valid today.
  Identity ca = MakeCa("Young CA", At("2015-01-01T00:00:00Z"), At("2100-01-01T00:00:00Z"));
  Identity employee = MakeEmployee(ca, At("2005-01-01T00:00:00Z"), At("2100-01-01T00:00:00Z"));
  Verified v;
  Status s =
      VerifyDetached("x", Sign(employee, "x", At("2010-01-01T00:00:00Z")), ca.certificate_pem, &v);
  EXPECT_EQ(s.code(), "certificate_expired_at_signing") << s.ToString();
  EXPECT_TRUE(
      VerifyDetached("x", Sign(employee, "x", At("2016-01-01T00:00:00Z")), ca.certificate_pem, &v)
          .ok());
}

// --- Issuing: inputs ---------------------------------------------------------------------

TEST(SignatureIssueTest, BadInputsAreRefused) {
  const int64_t from = At("2025-01-01T00:00:00Z");
  const int64_t to = At("2027-01-01T00:00:00Z");
  Identity ca = MakeCa("CA", from, to);
  Identity out;
  EXPECT_EQ(IssueEmployeeCertificate(ca, kName, "850101300604", 1, from, to, &out).code(),
            "invalid_iin");
  EXPECT_EQ(IssueEmployeeCertificate(ca, kName, "85010130060", 1, from, to, &out).code(),
            "invalid_iin");
  EXPECT_EQ(IssueEmployeeCertificate(ca, "", kIin, 1, from, to, &out).code(), "invalid_name");
  EXPECT_EQ(
      IssueEmployeeCertificate(ca, std::string("Bob\0Alice", 9), kIin, 1, from, to, &out).code(),
      "invalid_name");
  std::string longest;
  for (int i = 0; i < 64; ++i) longest += "Ж";  // 64 characters, 128 bytes.
  EXPECT_TRUE(IssueEmployeeCertificate(ca, longest, kIin, 1, from, to, &out).ok());
  EXPECT_EQ(SubjectEntry(out.certificate_pem, NID_commonName), longest);
  EXPECT_EQ(IssueEmployeeCertificate(ca, longest + "Ж", kIin, 1, from, to, &out).code(),
            "invalid_name");
  EXPECT_EQ(IssueEmployeeCertificate(ca, "Bad \xff UTF-8", kIin, 1, from, to, &out).code(),
            "invalid_name");
  EXPECT_EQ(IssueEmployeeCertificate(ca, kName, kIin, 0, from, to, &out).code(), "invalid_serial");
  EXPECT_EQ(IssueEmployeeCertificate(ca, kName, kIin, 1, to, from, &out).code(),
            "invalid_validity");
  EXPECT_EQ(IssueEmployeeCertificate(ca, kName, kIin, 1, -1000, to, &out).code(),
            "invalid_validity");
  EXPECT_EQ(CreateCertificateAuthority("CA", to, to, &out).code(), "invalid_validity");
  EXPECT_EQ(CreateCertificateAuthority("", from, to, &out).code(), "invalid_name");

  // The CA's key must match its certificate, and the issuer must be a CA.
  Identity other_ca = MakeCa("CA", from, to);
  Identity mixed{ca.certificate_pem, other_ca.private_key_pem};
  EXPECT_EQ(IssueEmployeeCertificate(mixed, kName, kIin, 1, from, to, &out).code(),
            "invalid_identity");
  Identity employee = MakeEmployee(ca, from, to);
  EXPECT_EQ(IssueEmployeeCertificate(employee, kName, kIin, 1, from, to, &out).code(),
            "invalid_identity");
  EXPECT_EQ(
      IssueEmployeeCertificate(Identity{"junk", "junk"}, kName, kIin, 1, from, to, &out).code(),
      "invalid_identity");
  std::string cms;
  Identity mixed_employee{employee.certificate_pem, other_ca.private_key_pem};
  EXPECT_EQ(SignDetached(mixed_employee, "x", At("2026-01-01T00:00:00Z"), &cms).code(),
            "invalid_identity");
}

// --- PEM and DER -------------------------------------------------------------------------

TEST(SignatureToDerTest, AcceptsDerAndBothPemLabels) {
  const std::string der("\x30\x03\x02\x01\x01", 5);
  std::string out;
  ASSERT_TRUE(SignatureToDer(der, &out).ok());
  EXPECT_EQ(out, der);
  for (const char* label : {"CMS", "PKCS7"}) {
    out.clear();
    Status s = SignatureToDer("\n" + ToPem(der, label), &out);
    ASSERT_TRUE(s.ok()) << label << ": " << s.ToString();
    EXPECT_EQ(out, der);
  }
  EXPECT_EQ(SignatureToDer(ToPem(der, "CERTIFICATE"), &out).code(), "signature_malformed");
  EXPECT_EQ(SignatureToDer("-----BEGIN CMS-----\n!!!\n-----END CMS-----\n", &out).code(),
            "signature_malformed");
  EXPECT_EQ(SignatureToDer(std::string(2 * kMaxSignatureBytes + 1, 'x'), &out).code(),
            "signature_too_large");
}

// --- The openssl command line as an outside judge ----------------------------------------

class SignOpenSslCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "/tereze_sign_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    std::string version;
    ASSERT_EQ(Run("openssl version", &version), 0)
        << "the openssl command is needed as the outside check of the CMS: " << version;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // Runs a shell command; its stdout and stderr into *output; the exit status.
  static int Run(const std::string& command, std::string* output) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return -1;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output->append(buf, n);
    const int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  int OpenSslVerify(const std::string& data_path, const std::string& cms_path,
                    const std::string& ca_path, const std::string& extra, std::string* output) {
    return Run("openssl cms -verify -binary -inform DER -in '" + cms_path + "' -content '" +
                   data_path + "' -CAfile '" + ca_path + "' -out /dev/null " + extra,
               output);
  }

  std::string dir_;
};

TEST_F(SignOpenSslCliTest, OpenSslVerifiesOurSignature) {
  Current c;
  const std::string data("scan bytes\r\n\0\xff", 14);
  const std::string cms_path = Write("sig.der", Sign(c.employee, data, c.now_ms));
  const std::string ca_path = Write("ca.pem", c.ca.certificate_pem);
  std::string output;
  EXPECT_EQ(OpenSslVerify(Write("data.bin", data), cms_path, ca_path, "", &output), 0) << output;
  EXPECT_NE(output.find("Verification successful"), std::string::npos) << output;

  // The same judge refuses changed data and another CA: the check above can fail.
  output.clear();
  EXPECT_NE(OpenSslVerify(Write("changed.bin", data + "x"), cms_path, ca_path, "", &output), 0)
      << output;
  Current rogue;
  output.clear();
  EXPECT_NE(OpenSslVerify(Write("data2.bin", data), cms_path,
                          Write("rogue.pem", rogue.ca.certificate_pem), "", &output),
            0)
      << output;

  // Our signingTime as openssl reads it.
  output.clear();
  ASSERT_EQ(Run("openssl cms -cmsout -print -inform DER -in '" + cms_path + "'", &output), 0);
  EXPECT_NE(output.find("signingTime"), std::string::npos) << output;
  EXPECT_NE(output.find("messageDigest"), std::string::npos) << output;
}

TEST_F(SignOpenSslCliTest, OpenSslVerifiesAnOldSignatureAtItsSigningTime) {
  Identity ca = MakeCa("Old CA", At("2000-01-01T00:00:00Z"), At("2010-01-01T00:00:00Z"));
  Identity employee = MakeEmployee(ca, At("2001-01-01T00:00:00Z"), At("2003-01-01T00:00:00Z"));
  const int64_t at = At("2002-06-01T10:00:00Z");
  const std::string data_path = Write("data.bin", "old");
  const std::string cms_path = Write("sig.der", Sign(employee, "old", at));
  const std::string ca_path = Write("ca.pem", ca.certificate_pem);
  std::string output;
  EXPECT_NE(OpenSslVerify(data_path, cms_path, ca_path, "", &output), 0) << "expired now";
  output.clear();
  EXPECT_EQ(
      OpenSslVerify(data_path, cms_path, ca_path, "-attime " + std::to_string(at / 1000), &output),
      0)
      << output;
}

TEST_F(SignOpenSslCliTest, WeVerifyOpenSslSignaturesAndRefuseWeakOrAttachedOnes) {
  Current c;
  const std::string data = "request signed by openssl";
  const std::string data_path = Write("data.bin", data);
  const std::string cert_path = Write("cert.pem", c.employee.certificate_pem);
  const std::string key_path = Write("key.pem", c.employee.private_key_pem);
  auto openssl_sign = [&](const std::string& extra, std::string* der) {
    const std::string out_path = dir_ + "/openssl.der";
    std::string output;
    const int rc =
        Run("openssl cms -sign -binary -outform DER -in '" + data_path + "' -signer '" + cert_path +
                "' -inkey '" + key_path + "' -out '" + out_path + "' " + extra,
            &output);
    ASSERT_EQ(rc, 0) << output;
    std::ifstream in(out_path, std::ios::binary);
    der->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  Verified v;
  std::string der;
  openssl_sign("-md sha256", &der);
  Status s = VerifyDetached(data, der, c.ca.certificate_pem, &v);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(v.signer_serial_number, std::string("IIN") + kIin);
  // openssl puts its own clock in signingTime.
  EXPECT_LE(std::abs(v.signed_at_ms - SystemClock().NowMs()), 600'000);

  openssl_sign("-md sha1", &der);
  EXPECT_EQ(VerifyDetached(data, der, c.ca.certificate_pem, &v).code(),
            "signature_algorithm_unsupported");
  openssl_sign("-md sha256 -nodetach", &der);
  EXPECT_EQ(VerifyDetached(data, der, c.ca.certificate_pem, &v).code(), "signature_malformed");
}

// --- verify-signature --------------------------------------------------------------------

class SignVerifyCommandTest : public SignOpenSslCliTest {
 protected:
  int Command(const std::string& data_path, const std::string& sig_path, const std::string& ca_path,
              std::string* output) {
    std::ostringstream out;
    const int rc = RunVerifySignature(data_path, sig_path, ca_path, out);
    *output = out.str();
    return rc;
  }

  Identity ca_ = MakeCa("Tereze CA", At("2020-01-01T00:00:00Z"), At("2040-01-01T00:00:00Z"));
  Identity employee_ = MakeEmployee(ca_, At("2025-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"));
};

TEST_F(SignVerifyCommandTest, ValidSignatureInDerAndPem) {
  const std::string data = "copy of diploma";
  const std::string der = Sign(employee_, data, At("2026-11-24T05:30:00Z"));
  const std::string data_path = Write("data.bin", data);
  const std::string ca_path = Write("ca.pem", ca_.certificate_pem);
  for (const std::string& sig : {der, ToPem(der, "CMS"), ToPem(der, "PKCS7")}) {
    std::string output;
    EXPECT_EQ(Command(data_path, Write("sig", sig), ca_path, &output), kVerifyExitValid) << output;
    EXPECT_NE(output.find("signature: valid"), std::string::npos) << output;
    EXPECT_NE(output.find(kName), std::string::npos) << output;
    EXPECT_NE(output.find("IIN850101300603"), std::string::npos) << output;
    EXPECT_NE(output.find("2026-11-24T05:30:00.000Z"), std::string::npos) << output;
    EXPECT_NE(output.find(Sha256Hex(data)), std::string::npos) << output;
  }
}

TEST_F(SignVerifyCommandTest, InvalidSignaturesExitTwo) {
  const std::string der = Sign(employee_, "original", At("2026-11-24T05:30:00Z"));
  const std::string sig_path = Write("sig.der", der);
  const std::string ca_path = Write("ca.pem", ca_.certificate_pem);
  std::string output;
  EXPECT_EQ(Command(Write("changed.bin", "changed"), sig_path, ca_path, &output),
            kVerifyExitInvalid);
  EXPECT_NE(output.find("signature_invalid"), std::string::npos) << output;
  EXPECT_EQ(output.find("signature: valid"), std::string::npos) << output;

  const std::string data_path = Write("data.bin", "original");
  EXPECT_EQ(Command(data_path, Write("garbage", "garbage"), ca_path, &output), kVerifyExitInvalid);
  EXPECT_NE(output.find("signature_malformed"), std::string::npos) << output;
  Identity rogue = MakeCa("Tereze CA", At("2020-01-01T00:00:00Z"), At("2040-01-01T00:00:00Z"));
  EXPECT_EQ(Command(data_path, sig_path, Write("rogue.pem", rogue.certificate_pem), &output),
            kVerifyExitInvalid);
  EXPECT_NE(output.find("certificate_untrusted"), std::string::npos) << output;
  EXPECT_EQ(Command(data_path, Write("big", std::string(2 * kMaxSignatureBytes + 1, '0')), ca_path,
                    &output),
            kVerifyExitInvalid);
}

TEST_F(SignVerifyCommandTest, UnreadableInputsExitOne) {
  const std::string der = Sign(employee_, "original", At("2026-11-24T05:30:00Z"));
  const std::string data_path = Write("data.bin", "original");
  const std::string sig_path = Write("sig.der", der);
  const std::string ca_path = Write("ca.pem", ca_.certificate_pem);
  std::string output;
  ASSERT_EQ(Command(data_path, sig_path, ca_path, &output), kVerifyExitValid) << output;
  EXPECT_EQ(Command(dir_ + "/missing", sig_path, ca_path, &output), kVerifyExitUsage);
  EXPECT_EQ(Command(data_path, dir_ + "/missing", ca_path, &output), kVerifyExitUsage);
  EXPECT_EQ(Command(data_path, sig_path, dir_ + "/missing", &output), kVerifyExitUsage);
  EXPECT_EQ(Command(data_path, sig_path, dir_, &output), kVerifyExitUsage);  // A directory.
  EXPECT_EQ(Command(data_path, sig_path, Write("junk.pem", "junk"), &output), kVerifyExitUsage);
  EXPECT_NE(output.find("error:"), std::string::npos) << output;
  EXPECT_EQ(Command("", sig_path, ca_path, &output), kVerifyExitUsage);
  EXPECT_NE(output.find("usage:"), std::string::npos) << output;
}

}  // namespace
}  // namespace tereze::sign

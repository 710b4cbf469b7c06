#include "sign/signature.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <utility>
#include <vector>

#include "core/crypto.h"
#include "core/iin.h"

namespace tereze::sign {

namespace {

// Owned<T> frees any OpenSSL object on every path, early returns included.
struct OpenSslFree {
  void operator()(BIO* p) const { BIO_free_all(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(X509_NAME* p) const { X509_NAME_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
  void operator()(ASN1_STRING* p) const { ASN1_STRING_free(p); }  // ASN1_TIME, ASN1_INTEGER
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
  void operator()(unsigned char* p) const { OPENSSL_free(p); }
  void operator()(char* p) const { OPENSSL_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, OpenSslFree>;

// 9999-12-31T23:59:59.999Z: the last instant GeneralizedTime can write.
constexpr int64_t kMaxInstantMs = 253402300799999;
// A trusted CA file is the current CA and maybe the ones it replaced; more is a mistake.
constexpr int kMaxTrustedCas = 16;

// The reason of the first OpenSSL error queued, for a message. Empties the queue, so that a
// later failure on this thread does not report a stale reason.
std::string OpenSslError() {
  const unsigned long e = ERR_peek_error();
  std::string out;
  if (e != 0) {
    const char* reason = ERR_reason_error_string(e);
    out = reason != nullptr ? reason : "error " + std::to_string(e);
  }
  ERR_clear_error();
  return out.empty() ? "no detail" : out;
}

Status OpenSslFailed(const char* what) {
  return Status::Internal(std::string(what) + ": " + OpenSslError());
}

// Without a callback OpenSSL would ask for an encrypted key's password on the terminal, which
// a server must never do: an encrypted key simply fails to load.
int NoPassword(char*, int, int, void*) { return -1; }

Owned<BIO> ReadOnlyBio(std::string_view bytes) {
  // The limits keep every input far below INT_MAX.
  return Owned<BIO>(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

bool ValidInstant(int64_t ms) { return ms >= 0 && ms <= kMaxInstantMs; }

time_t Seconds(int64_t ms) { return static_cast<time_t>(ms / 1000); }

Status CheckValidity(int64_t not_before_ms, int64_t not_after_ms) {
  if (!ValidInstant(not_before_ms) || !ValidInstant(not_after_ms)) {
    return Status::Malformed("invalid_validity", "validity must lie between 1970 and 9999");
  }
  if (Seconds(not_before_ms) >= Seconds(not_after_ms)) {
    return Status::Malformed("invalid_validity", "not_before must be before not_after");
  }
  return Status::Ok();
}

// Control characters are refused: a NUL or a newline in a name shown to a reviewer is how a
// certificate impersonates someone else.
Status CheckCommonName(const std::string& name, const char* what) {
  size_t chars = 0;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) {
      return Status::Malformed("invalid_name", std::string(what) + " holds a control character");
    }
    if ((c & 0xC0) != 0x80) ++chars;  // Not a UTF-8 continuation byte: a new character.
  }
  if (chars == 0 || chars > kMaxCommonNameChars) {
    return Status::Malformed(
        "invalid_name",
        std::string(what) + " must be 1 to " + std::to_string(kMaxCommonNameChars) + " characters");
  }
  return Status::Ok();
}

Status ReadCertificate(std::string_view pem, Owned<X509>* out) {
  if (pem.size() > kMaxPemBytes) {
    return Status::TooLarge("pem_too_large", "a certificate PEM is limited to " +
                                                 std::to_string(kMaxPemBytes) + " bytes");
  }
  Owned<BIO> bio = ReadOnlyBio(pem);
  if (!bio) return OpenSslFailed("BIO_new_mem_buf");
  out->reset(PEM_read_bio_X509(bio.get(), nullptr, NoPassword, nullptr));
  if (!*out) return Status::Malformed("invalid_identity", "certificate: " + OpenSslError());
  return Status::Ok();
}

Status ReadIdentity(const Identity& id, Owned<X509>* cert, Owned<EVP_PKEY>* key) {
  Status s = ReadCertificate(id.certificate_pem, cert);
  if (!s.ok()) return s;
  if (id.private_key_pem.size() > kMaxPemBytes) {
    return Status::TooLarge("pem_too_large",
                            "a key PEM is limited to " + std::to_string(kMaxPemBytes) + " bytes");
  }
  Owned<BIO> bio = ReadOnlyBio(id.private_key_pem);
  if (!bio) return OpenSslFailed("BIO_new_mem_buf");
  key->reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassword, nullptr));
  if (!*key) return Status::Malformed("invalid_identity", "private key: " + OpenSslError());
  if (X509_check_private_key(cert->get(), key->get()) != 1) {
    ERR_clear_error();
    return Status::Malformed("invalid_identity", "the key does not belong to the certificate");
  }
  return Status::Ok();
}

Status WriteIdentity(X509* cert, EVP_PKEY* key, Identity* out) {
  Owned<BIO> cert_bio(BIO_new(BIO_s_mem()));
  Owned<BIO> key_bio(BIO_new(BIO_s_mem()));
  if (!cert_bio || !key_bio) return OpenSslFailed("BIO_new");
  if (PEM_write_bio_X509(cert_bio.get(), cert) != 1) return OpenSslFailed("PEM_write_bio_X509");
  if (PEM_write_bio_PrivateKey(key_bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return OpenSslFailed("PEM_write_bio_PrivateKey");
  }
  out->certificate_pem = BioContents(cert_bio.get());
  out->private_key_pem = BioContents(key_bio.get());
  return Status::Ok();
}

// The first entry `nid` of a name as UTF-8; empty when absent.
std::string NameEntryUtf8(const X509_NAME* name, int nid) {
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return "";
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, value);
  Owned<unsigned char> owner(utf8);
  if (n < 0) {
    ERR_clear_error();
    return "";
  }
  return std::string(reinterpret_cast<const char*>(utf8), static_cast<size_t>(n));
}

bool AddNameEntry(X509_NAME* name, int nid, int type, const std::string& value) {
  return X509_NAME_add_entry_by_NID(name, nid, type,
                                    reinterpret_cast<const unsigned char*>(value.data()),
                                    static_cast<int>(value.size()), -1, 0) == 1;
}

// An extension in OpenSSL's configuration syntax ("critical,CA:TRUE"). `issuer` is the
// certificate itself for a self-signed one: the key identifiers are computed from it.
Status AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) return OpenSslFailed(value);
  return Status::Ok();
}

// The fields every certificate here has: version 3, serial, validity, subject, public key.
Status NewCertificate(ASN1_INTEGER* serial, int64_t not_before_ms, int64_t not_after_ms,
                      X509_NAME* subject, EVP_PKEY* key, Owned<X509>* out) {
  Owned<X509> cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_set_serialNumber(cert.get(), serial) != 1 ||
      ASN1_TIME_set(X509_getm_notBefore(cert.get()), Seconds(not_before_ms)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert.get()), Seconds(not_after_ms)) == nullptr ||
      X509_set_subject_name(cert.get(), subject) != 1 || X509_set_pubkey(cert.get(), key) != 1) {
    return OpenSslFailed("X509_new");
  }
  *out = std::move(cert);
  return Status::Ok();
}

Status NewKey(Owned<EVP_PKEY>* out) {
  out->reset(EVP_EC_gen("P-256"));
  if (!*out) return OpenSslFailed("EVP_EC_gen");
  return Status::Ok();
}

std::string Der(X509* cert) {
  const int n = i2d_X509(cert, nullptr);
  if (n <= 0) return "";
  std::string der(static_cast<size_t>(n), '\0');
  unsigned char* p = reinterpret_cast<unsigned char*>(der.data());
  i2d_X509(cert, &p);
  return der;
}

Status SignatureMalformed(const std::string& message) {
  return Status::Malformed("signature_malformed", message);
}

Status ReadTrustedCas(const std::string& pem, std::vector<Owned<X509>>* out) {
  if (pem.size() > kMaxPemBytes) {
    return Status::TooLarge("pem_too_large", "the trusted CA PEM is limited to " +
                                                 std::to_string(kMaxPemBytes) + " bytes");
  }
  Owned<BIO> bio = ReadOnlyBio(pem);
  if (!bio) return OpenSslFailed("BIO_new_mem_buf");
  ERR_clear_error();
  for (;;) {
    Owned<X509> cert(PEM_read_bio_X509(bio.get(), nullptr, NoPassword, nullptr));
    if (!cert) break;
    if (out->size() == kMaxTrustedCas) {
      return Status::Malformed(
          "trusted_ca_malformed",
          "more than " + std::to_string(kMaxTrustedCas) + " trusted certificates");
    }
    out->push_back(std::move(cert));
  }
  // Reading past the last certificate fails with "no start line"; any other failure is a
  // damaged certificate, which must not be skipped silently.
  const unsigned long e = ERR_peek_last_error();
  const bool clean_end = ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE;
  const std::string detail = OpenSslError();
  if (!clean_end) return Status::Malformed("trusted_ca_malformed", detail);
  if (out->empty()) return Status::Malformed("trusted_ca_malformed", "no PEM certificate");
  return Status::Ok();
}

// signingTime (RFC 5652 11.3): exactly one attribute with exactly one UTCTime or
// GeneralizedTime value, as seconds since the epoch.
Status ReadSigningTime(CMS_SignerInfo* si, int64_t* out_s) {
  const int index = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (index < 0) {
    return Status::Refused("signing_time_missing",
                           "no signingTime: the certificate cannot be checked at signing time");
  }
  if (CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, index) >= 0) {
    return SignatureMalformed("more than one signingTime attribute");
  }
  X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, index);
  ASN1_TYPE* value = X509_ATTRIBUTE_count(attr) == 1 ? X509_ATTRIBUTE_get0_type(attr, 0) : nullptr;
  const int type = value != nullptr ? ASN1_TYPE_get(value) : 0;
  if (type != V_ASN1_UTCTIME && type != V_ASN1_GENERALIZEDTIME) {
    return SignatureMalformed("signingTime is not a single time value");
  }
  const ASN1_TIME* when = value->value.asn1_string;
  Owned<ASN1_TIME> epoch(ASN1_TIME_set(nullptr, 0));
  if (!epoch) return OpenSslFailed("ASN1_TIME_set");
  int days = 0;
  int seconds = 0;
  if (ASN1_TIME_check(when) != 1 || ASN1_TIME_diff(&days, &seconds, epoch.get(), when) != 1) {
    ERR_clear_error();
    return SignatureMalformed("signingTime is not a valid time");
  }
  const int64_t total_s = int64_t{days} * 86400 + seconds;
  if (total_s < 0 || total_s > kMaxInstantMs / 1000) {
    return SignatureMalformed("signingTime is before 1970");
  }
  *out_s = total_s;
  return Status::Ok();
}

}  // namespace

Status CreateCertificateAuthority(const std::string& common_name, int64_t not_before_ms,
                                  int64_t not_after_ms, Identity* out) {
  Status s = CheckCommonName(common_name, "the CA's common name");
  if (!s.ok()) return s;
  s = CheckValidity(not_before_ms, not_after_ms);
  if (!s.ok()) return s;

  Owned<EVP_PKEY> key;
  s = NewKey(&key);
  if (!s.ok()) return s;
  // A random serial: a CA made twice with the same name must still be told apart.
  Owned<BIGNUM> random(BN_new());
  if (!random || BN_rand(random.get(), 127, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1) {
    return OpenSslFailed("BN_rand");
  }
  Owned<ASN1_INTEGER> serial(BN_to_ASN1_INTEGER(random.get(), nullptr));
  Owned<X509_NAME> name(X509_NAME_new());
  if (!serial || !name || !AddNameEntry(name.get(), NID_commonName, MBSTRING_UTF8, common_name)) {
    return Status::Malformed("invalid_name", "the CA's common name: " + OpenSslError());
  }
  Owned<X509> cert;
  s = NewCertificate(serial.get(), not_before_ms, not_after_ms, name.get(), key.get(), &cert);
  if (!s.ok()) return s;
  if (X509_set_issuer_name(cert.get(), name.get()) != 1) return OpenSslFailed("issuer");
  // pathlen:0: the CA issues employees' certificates only, never another CA.
  for (auto [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                            std::pair{NID_key_usage, "critical,keyCertSign,cRLSign"},
                            std::pair{NID_subject_key_identifier, "hash"},
                            std::pair{NID_authority_key_identifier, "keyid:always"}}) {
    s = AddExtension(cert.get(), cert.get(), nid, value);
    if (!s.ok()) return s;
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) return OpenSslFailed("X509_sign");
  return WriteIdentity(cert.get(), key.get(), out);
}

Status IssueEmployeeCertificate(const Identity& ca, const std::string& full_name,
                                const std::string& iin, int64_t serial, int64_t not_before_ms,
                                int64_t not_after_ms, Identity* out) {
  Status s = CheckCommonName(full_name, "the full name");
  if (!s.ok()) return s;
  IdentityNumber parsed;
  s = ParseIin(iin, &parsed);
  if (!s.ok()) return s;
  if (serial <= 0) {
    return Status::Malformed("invalid_serial", "RFC 5280 serial numbers are positive");
  }
  s = CheckValidity(not_before_ms, not_after_ms);
  if (!s.ok()) return s;
  Owned<X509> ca_cert;
  Owned<EVP_PKEY> ca_key;
  s = ReadIdentity(ca, &ca_cert, &ca_key);
  if (!s.ok()) return s;
  if (X509_check_ca(ca_cert.get()) == 0) {
    return Status::Malformed("invalid_identity", "the issuer is not a certificate authority");
  }

  const X509_NAME* ca_name = X509_get_subject_name(ca_cert.get());
  std::string organization = NameEntryUtf8(ca_name, NID_organizationName);
  if (organization.empty()) organization = NameEntryUtf8(ca_name, NID_commonName);
  Owned<X509_NAME> name(X509_NAME_new());
  if (!name || !AddNameEntry(name.get(), NID_commonName, MBSTRING_UTF8, full_name) ||
      !AddNameEntry(name.get(), NID_serialNumber, MBSTRING_ASC, "IIN" + parsed.digits) ||
      (!organization.empty() &&
       !AddNameEntry(name.get(), NID_organizationName, MBSTRING_UTF8, organization))) {
    return Status::Malformed("invalid_name", "subject: " + OpenSslError());
  }

  Owned<EVP_PKEY> key;
  s = NewKey(&key);
  if (!s.ok()) return s;
  Owned<ASN1_INTEGER> serial_number(ASN1_INTEGER_new());
  if (!serial_number || ASN1_INTEGER_set_int64(serial_number.get(), serial) != 1) {
    return OpenSslFailed("ASN1_INTEGER_set_int64");
  }
  Owned<X509> cert;
  s = NewCertificate(serial_number.get(), not_before_ms, not_after_ms, name.get(), key.get(),
                     &cert);
  if (!s.ok()) return s;
  if (X509_set_issuer_name(cert.get(), ca_name) != 1) return OpenSslFailed("issuer");
  // nonRepudiation: the employee vouches for the content (R12, R21), not only for a session.
  for (auto [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                            std::pair{NID_key_usage, "critical,digitalSignature,nonRepudiation"},
                            std::pair{NID_subject_key_identifier, "hash"},
                            std::pair{NID_authority_key_identifier, "keyid"}}) {
    s = AddExtension(cert.get(), ca_cert.get(), nid, value);
    if (!s.ok()) return s;
  }
  if (X509_sign(cert.get(), ca_key.get(), EVP_sha256()) <= 0) return OpenSslFailed("X509_sign");
  return WriteIdentity(cert.get(), key.get(), out);
}

Status SignDetached(const Identity& signer, std::string_view data, int64_t signed_at_ms,
                    std::string* cms_der) {
  if (data.size() > kMaxDataBytes) {
    return Status::TooLarge(
        "data_too_large", "signed data is limited to " + std::to_string(kMaxDataBytes) + " bytes");
  }
  if (!ValidInstant(signed_at_ms)) {
    return Status::Malformed("invalid_validity", "the signing time must lie between 1970 and 9999");
  }
  Owned<X509> cert;
  Owned<EVP_PKEY> key;
  Status s = ReadIdentity(signer, &cert, &key);
  if (!s.ok()) return s;

  // The same comparison as X509_verify_cert (the notAfter second itself counts as expired),
  // so that what is signed here verifies there.
  time_t at_s = Seconds(signed_at_ms);
  const int after_start = X509_cmp_time(X509_get0_notBefore(cert.get()), &at_s);
  const int after_end = X509_cmp_time(X509_get0_notAfter(cert.get()), &at_s);
  if (after_start == 0 || after_end == 0) return OpenSslFailed("X509_cmp_time");
  if (after_start > 0 || after_end < 0) {
    return Status::Refused("certificate_expired_at_signing",
                           "the signing time is outside the certificate's validity");
  }

  // CMS_PARTIAL: the signingTime attribute must be in place before CMS_final signs, or
  // OpenSSL adds its own from the system clock.
  const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  Owned<CMS_ContentInfo> cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  if (!cms) return OpenSslFailed("CMS_sign");
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), cert.get(), key.get(), EVP_sha256(), flags);
  if (si == nullptr) return OpenSslFailed("CMS_add1_signer");
  // ASN1_TIME_set picks UTCTime through 2049 and GeneralizedTime after, as RFC 5652 requires.
  Owned<ASN1_TIME> when(ASN1_TIME_set(nullptr, at_s));
  if (!when || CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, ASN1_STRING_type(when.get()),
                                           when.get(), -1) != 1) {
    return OpenSslFailed("signingTime");
  }
  Owned<BIO> content = ReadOnlyBio(data);
  if (!content || CMS_final(cms.get(), content.get(), nullptr, CMS_DETACHED | CMS_BINARY) != 1) {
    return OpenSslFailed("CMS_final");
  }
  Owned<BIO> der(BIO_new(BIO_s_mem()));
  if (!der || i2d_CMS_bio(der.get(), cms.get()) != 1) return OpenSslFailed("i2d_CMS_bio");
  *cms_der = BioContents(der.get());
  return Status::Ok();
}

Status VerifyDetached(std::string_view data, std::string_view cms_der,
                      const std::string& trusted_ca_pem, Verified* out) {
  if (data.size() > kMaxDataBytes) {
    return Status::TooLarge(
        "data_too_large", "signed data is limited to " + std::to_string(kMaxDataBytes) + " bytes");
  }
  if (cms_der.size() > kMaxSignatureBytes) {
    return Status::TooLarge(
        "signature_too_large",
        "a signature is limited to " + std::to_string(kMaxSignatureBytes) + " bytes");
  }
  std::vector<Owned<X509>> trusted;
  Status s = ReadTrustedCas(trusted_ca_pem, &trusted);
  if (!s.ok()) return s;

  // Parse: trailing bytes are refused, so that one signature has one encoding.
  const auto* p = reinterpret_cast<const unsigned char*>(cms_der.data());
  const unsigned char* end = p + cms_der.size();
  Owned<CMS_ContentInfo> cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())));
  if (!cms) return SignatureMalformed("not a CMS structure: " + OpenSslError());
  if (p != end) return SignatureMalformed("bytes after the CMS structure");
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    return SignatureMalformed("not CMS SignedData");
  }
  // An attached signature carries its own copy of the content: checking it would say nothing
  // about `data`.
  if (CMS_is_detached(cms.get()) != 1) {
    return SignatureMalformed("the signature carries its content; a detached one is expected");
  }
  STACK_OF(CMS_SignerInfo)* signer_infos = CMS_get0_SignerInfos(cms.get());
  if (signer_infos == nullptr || sk_CMS_SignerInfo_num(signer_infos) != 1) {
    return SignatureMalformed("exactly one signer is expected");
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(signer_infos, 0);

  X509_ALGOR* digest_alg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, nullptr);
  const ASN1_OBJECT* digest_oid = nullptr;
  X509_ALGOR_get0(&digest_oid, nullptr, nullptr, digest_alg);
  const int digest_nid = OBJ_obj2nid(digest_oid);
  // SHA-1 and MD5 collisions are practical: a signature over one would vouch for two texts.
  if (digest_nid != NID_sha256 && digest_nid != NID_sha384 && digest_nid != NID_sha512) {
    return Status::Refused("signature_algorithm_unsupported",
                           std::string("digest ") +
                               (digest_nid != NID_undef ? OBJ_nid2sn(digest_nid) : "unknown") +
                               "; SHA-256, SHA-384 or SHA-512 is required");
  }

  // The signer's certificate, from those the CMS carries (they also serve as untrusted
  // intermediates for the chain).
  Owned<STACK_OF(X509)> carried(CMS_get1_certs(cms.get()));
  X509* signer = nullptr;
  for (int i = 0; carried && i < sk_X509_num(carried.get()); ++i) {
    X509* candidate = sk_X509_value(carried.get(), i);
    if (CMS_SignerInfo_cert_cmp(si, candidate) == 0) {
      signer = candidate;
      break;
    }
  }
  if (signer == nullptr) return SignatureMalformed("the signer's certificate is not included");

  // The signature first: until it holds, signingTime is only a claim of whoever made the file.
  // The chain is checked below, at the signing time, hence CMS_NO_SIGNER_CERT_VERIFY here.
  Owned<BIO> content = ReadOnlyBio(data);
  if (!content) return OpenSslFailed("BIO_new_mem_buf");
  if (CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr,
                 CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    return Status::Refused("signature_invalid",
                           "the signature does not match the data: " + OpenSslError());
  }

  int64_t signed_at_s = 0;
  s = ReadSigningTime(si, &signed_at_s);
  if (!s.ok()) return s;

  Owned<X509_STORE> store(X509_STORE_new());
  if (!store) return OpenSslFailed("X509_STORE_new");
  for (const Owned<X509>& ca : trusted) {
    if (X509_STORE_add_cert(store.get(), ca.get()) != 1) return OpenSslFailed("X509_STORE_add");
  }
  Owned<X509_STORE_CTX> ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), signer, carried.get()) != 1 ||
      X509_STORE_CTX_set_default(ctx.get(), "smime_sign") != 1) {
    return OpenSslFailed("X509_STORE_CTX");
  }
  // After set_default, which would otherwise reset it. Sets X509_V_FLAG_USE_CHECK_TIME: every
  // certificate of the chain is judged at the signing time, not now (R12: verifiable later).
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(signed_at_s));
  if (X509_verify_cert(ctx.get()) != 1) {
    const int error = X509_STORE_CTX_get_error(ctx.get());
    const int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    ERR_clear_error();
    const std::string what = std::string(X509_verify_cert_error_string(error)) + " (depth " +
                             std::to_string(depth) + ")";
    if (error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID) {
      return Status::Refused("certificate_expired_at_signing",
                             "not valid at the signing time: " + what);
    }
    return Status::Refused("certificate_untrusted", what);
  }

  Verified v;
  const X509_NAME* subject = X509_get_subject_name(signer);
  v.signer_common_name = NameEntryUtf8(subject, NID_commonName);
  v.signer_serial_number = NameEntryUtf8(subject, NID_serialNumber);
  v.signed_at_ms = signed_at_s * 1000;
  v.certificate_sha256 = Sha256Hex(Der(signer));
  *out = std::move(v);
  return Status::Ok();
}

Status SignatureToDer(std::string_view der_or_pem, std::string* cms_der) {
  // Base64 and line breaks make PEM about 4/3 of the DER; twice the limit is plenty.
  if (der_or_pem.size() > 2 * kMaxSignatureBytes) {
    return Status::TooLarge(
        "signature_too_large",
        "a signature file is limited to " + std::to_string(2 * kMaxSignatureBytes) + " bytes");
  }
  const size_t start = der_or_pem.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos ||
      der_or_pem.substr(start).substr(0, 11) != std::string_view("-----BEGIN ")) {
    if (der_or_pem.size() > kMaxSignatureBytes) {
      return Status::TooLarge(
          "signature_too_large",
          "a signature is limited to " + std::to_string(kMaxSignatureBytes) + " bytes");
    }
    cms_der->assign(der_or_pem);
    return Status::Ok();
  }
  Owned<BIO> bio = ReadOnlyBio(der_or_pem);
  if (!bio) return OpenSslFailed("BIO_new_mem_buf");
  unsigned char* der = nullptr;
  long der_len = 0;
  char* label = nullptr;
  // PEM_bytes_read_bio returns the bytes as encoded: a re-encoding could differ from what was
  // signed.
  const int ok =
      PEM_bytes_read_bio(&der, &der_len, &label, PEM_STRING_CMS, bio.get(), NoPassword, nullptr);
  Owned<unsigned char> der_owner(der);
  Owned<char> label_owner(label);
  if (ok != 1) return SignatureMalformed("PEM: " + OpenSslError());
  // OpenSSL also hands out a CERTIFICATE block when asked for CMS.
  if (std::strcmp(label, PEM_STRING_CMS) != 0 && std::strcmp(label, PEM_STRING_PKCS7) != 0) {
    return SignatureMalformed(std::string("PEM block ") + label + ", expected CMS or PKCS7");
  }
  if (static_cast<size_t>(der_len) > kMaxSignatureBytes) {
    return Status::TooLarge(
        "signature_too_large",
        "a signature is limited to " + std::to_string(kMaxSignatureBytes) + " bytes");
  }
  cms_der->assign(reinterpret_cast<const char*>(der), static_cast<size_t>(der_len));
  return Status::Ok();
}

}  // namespace tereze::sign

// tereze-gbd: a stand-in for the state information systems (R10, R27) in the demo and the
// tests — the person register, civil-status records and the real estate register — answering
// what gbd::HttpStateSystems asks, from a JSON file:
//
//   tereze-gbd --listen 127.0.0.1:8091 --data data/gbd/people.json
//
//   GET /persons/{iin}                 {"iin", "surname", "name", "patronymic", "birth_date",
//                                       "documents": [{"kind", "number", "issued_by",
//                                                      "issue_date", "expiry_date"}]}
//   GET /persons/{iin}/civil-records   {"iin", "records": [{"kind", "number", "date",
//                                                           "registry_office"}]}
//   GET /persons/{iin}/real-estate     {"iin", "properties": [{"cadastral_number", "address",
//                                                              "kind", "share": "1/2"}]}
//   GET /healthz                       "ok"
//
// Every request names who asks and why (X-Employee-Id, X-Purpose; 400 without them), and the
// protected ones (civil records, real estate) the applicant's consent (X-Consent-Reference;
// 403 without it, before the IIN is even looked up, so a refusal does not tell whether the
// person exists). An IIN with a wrong check digit is 400, an unknown one 404. Errors are
// {"error": {"code", "message"}}. Each request is logged on stderr with who and why: the log
// the real systems keep of who read whose data.
//
// With port 0 a free port is picked; the first line on stdout is always
// "tereze-gbd listening on HOST:PORT", so a test can start it without a port race.
#include <CLI/CLI.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "core/iin.h"
#include "core/local_date.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;

constexpr size_t kMaxRequestHeaderBytes = 8 * 1024;
constexpr size_t kMaxRequestBodyBytes = 1024;  // GET only
constexpr auto kIdleTimeout = std::chrono::seconds(10);
constexpr int kMaxConnections = 64;
constexpr size_t kMaxDataFileBytes = size_t{16} << 20;
constexpr size_t kMaxLoggedValueBytes = 200;

// Beast of Boost 1.74 has its own string_view.
std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

struct Record {
  Json person;  // without civil_records and real_estate
  Json civil_records = Json::array();
  Json real_estate = Json::array();
};

using People = std::map<std::string, Record>;

// Loads and checks the data file; a person whose IIN fails the check digit, or whose birth
// date contradicts the IIN, is an error in the data, not something to serve.
bool LoadPeople(const std::string& path, People* people, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > kMaxDataFileBytes) {
    *error = path + " is larger than 16 MiB";
    return false;
  }
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object() || !json.contains("people") ||
      !json["people"].is_array()) {
    *error = path + ": expected {\"people\": [...]}";
    return false;
  }
  for (Json& entry : json["people"]) {
    if (!entry.is_object() || !entry.contains("iin") || !entry["iin"].is_string()) {
      *error = "a person without an iin";
      return false;
    }
    const std::string iin = entry["iin"].get<std::string>();
    tereze::IdentityNumber number;
    tereze::Status s = tereze::ParseIin(iin, &number);
    if (!s.ok()) {
      *error = iin + ": " + s.message();
      return false;
    }
    for (const char* key : {"surname", "name", "birth_date"}) {
      if (!entry.contains(key) || !entry[key].is_string()) {
        *error = iin + ": no " + key;
        return false;
      }
    }
    const std::string birth = entry["birth_date"].get<std::string>();
    if (!tereze::LocalDate::Parse(birth) ||
        (number.birth_date && number.birth_date->ToIso() != birth)) {
      *error = iin + ": birth_date " + birth + " does not match the IIN";
      return false;
    }
    if (people->count(iin) != 0) {
      *error = iin + " appears twice";
      return false;
    }
    Record record;
    if (entry.contains("civil_records")) record.civil_records = entry["civil_records"];
    if (entry.contains("real_estate")) record.real_estate = entry["real_estate"];
    entry.erase("civil_records");
    entry.erase("real_estate");
    if (!entry.contains("documents")) entry["documents"] = Json::array();
    record.person = std::move(entry);
    (*people)[iin] = std::move(record);
  }
  return true;
}

std::string PercentDecode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

// A header value as it goes into the log: decoded, cut, and without control characters, so
// that a caller cannot forge log lines.
std::string ForLog(std::string_view value) {
  std::string text = PercentDecode(value).substr(0, kMaxLoggedValueBytes);
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    if (c == '"') c = '\'';
  }
  return text;
}

struct Answer {
  bhttp::status status = bhttp::status::ok;
  Json body;
};

Answer Error(bhttp::status status, const std::string& code, const std::string& message) {
  return {status, Json{{"error", {{"code", code}, {"message", message}}}}};
}

Answer Handle(const People& people, const bhttp::request<bhttp::string_body>& request) {
  std::string_view target = View(request.target());
  target = target.substr(0, target.find('?'));
  if (request.method() != bhttp::verb::get) {
    return Error(bhttp::status::method_not_allowed, "method_not_allowed", "only GET");
  }
  if (target == "/healthz") return {bhttp::status::ok, "ok"};

  constexpr std::string_view kPrefix = "/persons/";
  if (target.substr(0, kPrefix.size()) != kPrefix) {
    return Error(bhttp::status::not_found, "not_found", "no such resource");
  }
  std::string_view rest = target.substr(kPrefix.size());
  const size_t slash = rest.find('/');
  const std::string iin(rest.substr(0, slash));
  const std::string_view what = slash == std::string_view::npos ? "" : rest.substr(slash);
  if (what != "" && what != "/civil-records" && what != "/real-estate") {
    return Error(bhttp::status::not_found, "not_found", "no such resource");
  }

  tereze::IdentityNumber number;
  if (tereze::Status s = tereze::ParseIin(iin, &number); !s.ok()) {
    return Error(bhttp::status::bad_request, "invalid_iin", s.message());
  }
  if (request["X-Employee-Id"].empty() || request["X-Purpose"].empty()) {
    return Error(bhttp::status::bad_request, "missing_context",
                 "X-Employee-Id and X-Purpose are required");
  }
  if (what != "" && request["X-Consent-Reference"].empty()) {
    return Error(bhttp::status::forbidden, "consent_required",
                 "civil records and real estate are protected: the applicant's consent "
                 "(X-Consent-Reference) is required");
  }
  auto it = people.find(iin);
  if (it == people.end()) {
    return Error(bhttp::status::not_found, "person_not_found", "no person with this IIN");
  }
  const Record& record = it->second;
  if (what == "") return {bhttp::status::ok, record.person};
  if (what == "/civil-records") {
    return {bhttp::status::ok, Json{{"iin", iin}, {"records", record.civil_records}}};
  }
  return {bhttp::status::ok, Json{{"iin", iin}, {"properties", record.real_estate}}};
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const People& people, int* connections)
      : stream_(std::move(socket)), people_(people), connections_(connections) {
    ++*connections_;
  }
  ~Session() { --*connections_; }

  void Read() {
    parser_.emplace();
    parser_->header_limit(kMaxRequestHeaderBytes);
    parser_->body_limit(kMaxRequestBodyBytes);
    stream_.expires_after(kIdleTimeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return;  // closed, timed out or garbage: drop the connection
                        self->Respond();
                      });
  }

 private:
  void Respond() {
    const auto& request = parser_->get();
    const Answer answer = Handle(people_, request);
    auto response =
        std::make_shared<bhttp::response<bhttp::string_body>>(answer.status, request.version());
    response->set(bhttp::field::server, "tereze-gbd");
    if (answer.body.is_string()) {
      response->set(bhttp::field::content_type, "text/plain; charset=utf-8");
      response->body() = answer.body.get<std::string>();
    } else {
      response->set(bhttp::field::content_type, "application/json");
      response->body() = answer.body.dump();
    }
    response->keep_alive(request.keep_alive());
    response->prepare_payload();

    std::ostringstream line;
    line << "tereze-gbd: " << request.method_string() << ' ' << ForLog(View(request.target()))
         << " employee=\"" << ForLog(View(request["X-Employee-Id"])) << "\" purpose=\""
         << ForLog(View(request["X-Purpose"])) << "\" consent=\""
         << ForLog(View(request["X-Consent-Reference"])) << "\" -> " << response->result_int()
         << '\n';
    std::cerr << line.str() << std::flush;

    stream_.expires_after(kIdleTimeout);
    bhttp::async_write(stream_, *response,
                       [self = shared_from_this(), response](beast::error_code ec, size_t) {
                         if (ec || !response->keep_alive()) {
                           beast::error_code ignored;
                           self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
                           return;
                         }
                         self->Read();
                       });
  }

  beast::tcp_stream stream_;
  const People& people_;
  int* connections_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
};

void Accept(tcp::acceptor& acceptor, const People& people, int* connections) {
  acceptor.async_accept([&acceptor, &people, connections](beast::error_code ec, tcp::socket s) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      // Over the limit the connection is closed at once: a stand-in need not queue.
      if (*connections < kMaxConnections) {
        std::make_shared<Session>(std::move(s), people, connections)->Read();
      }
    }
    Accept(acceptor, people, connections);
  });
}

bool SplitHostPort(const std::string& text, std::string* host, uint16_t* port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  const std::string digits = text.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  const int value = std::stoi(digits);
  if (value > 65535) return false;
  *host = text.substr(0, colon);
  *port = static_cast<uint16_t>(value);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"tereze-gbd: a stand-in for the state information systems (demo and tests)"};
  std::string listen = "127.0.0.1:8091";
  std::string data;
  cli.add_option("--listen", listen, "HOST:PORT to listen on; port 0 picks a free one")
      ->capture_default_str();
  cli.add_option("--data", data, "the people file, e.g. data/gbd/people.json")->required();
  CLI11_PARSE(cli, argc, argv);

  People people;
  std::string error;
  if (!LoadPeople(data, &people, &error)) {
    std::cerr << "tereze-gbd: " << error << '\n';
    return 1;
  }
  std::string host;
  uint16_t port = 0;
  if (!SplitHostPort(listen, &host, &port)) {
    std::cerr << "tereze-gbd: --listen wants HOST:PORT, got " << listen << '\n';
    return 2;
  }

  int connections = 0;  // outlives the io_context, whose destructor frees the last sessions
  asio::io_context ioc(1);
  tcp::acceptor acceptor(ioc);
  beast::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) {
    std::cerr << "tereze-gbd: bad listen address " << host << '\n';
    return 2;
  }
  const tcp::endpoint endpoint(address, port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    std::cerr << "tereze-gbd: cannot listen on " << listen << ": " << ec.message() << '\n';
    return 1;
  }
  std::cout << "tereze-gbd listening on " << host << ':' << acceptor.local_endpoint().port()
            << std::endl;
  std::cerr << "tereze-gbd: " << people.size() << " people from " << data << '\n';

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
  Accept(acceptor, people, &connections);
  ioc.run();
  std::cerr << "tereze-gbd: stopped\n";
  return 0;
}

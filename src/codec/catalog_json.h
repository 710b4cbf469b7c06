// The catalog's JSON form: the import file of `tereze catalog import`
// (data/catalog/services.json is one) and the API's service objects.
#pragma once

#include <string>
#include <vector>

#include "domain/catalog.h"

namespace tereze::codec {

// Reads a catalog file. Every problem is reported (type errors and the
// rules of domain::ValidateCatalog), each with the line where its service
// starts and the path inside it; `errors` empty means the catalog is good,
// and then its services are in code order.
void DecodeCatalog(const std::string& text, domain::Catalog* catalog,
                   std::vector<domain::CatalogError>* errors);

// The whole catalog as canonical JSON (stored with each version).
std::string EncodeCatalog(const domain::Catalog& catalog);

// One service as the API shows it, with payments resolved to tiyn for `year`
// where the МРП table has it.
std::string EncodeService(const domain::Service& service, const domain::Catalog& catalog, int year);

}  // namespace tereze::codec

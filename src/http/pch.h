// Precompiled header of the http layer: the heavy headers, parsed once.
#pragma once

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>
#include <utility>  // Boost 1.74's asio uses std::exchange without including it

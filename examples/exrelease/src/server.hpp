#pragma once

#include "config.hpp"

namespace exrelease {

// Serves HTTP until SIGTERM or SIGINT, then stops accepting, lets requests in
// flight finish, and returns 0. Returns 1 when it cannot listen.
int serve(const ServerConfig &config);

}  // namespace exrelease

// Name-based UUIDs (loader/uuid.cpp): the SBOM's serial number.
#pragma once

#include <string>

// The version-5 (SHA-1, name-based) UUID of <name> in the namespace
// <namespace_uuid> (RFC 4122 section 4.3), lower-case as CMake's
// string(UUID ... TYPE SHA1) writes it.
std::string uuid5(const std::string &namespace_uuid, const std::string &name);

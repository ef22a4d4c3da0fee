# Podman's default OCI format would drop HEALTHCHECK: the build asks for the
# docker format.
set(df "${RunCMake_TEST_BINARY_DIR}/app.Dockerfile")
if(NOT EXISTS "${df}.args")
  string(APPEND RunCMake_TEST_FAILED "the engine was not asked to build the image\n")
  return()
endif()
file(READ "${df}.args" args)
if(NOT args MATCHES "\n--format\ndocker\n")
  string(APPEND RunCMake_TEST_FAILED "podman build was not given --format docker:\n${args}\n")
endif()

include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
# DOCKERFILE_SYNTAX: the first line, only when asked for.
list(GET lines 0 first)
if(NOT first STREQUAL "# syntax=docker/dockerfile:1.4")
  string(APPEND RunCMake_TEST_FAILED "the first line is '${first}', not the syntax line\n")
endif()
expect_line_order(
  "FROM \${BUILDER_IMAGE} AS builder"
  "RUN mkdir -p /cmake-release-empty"
  "FROM \${RUNTIME_IMAGE} AS runtime"
  "COPY --from=builder /build/release/app /opt/app"
  "COPY --from=builder --chown=65532:65532 [\"/cmake-release-empty/\", \"/var/lib/app/\"]"
  "COPY --from=builder --chown=65532:65532 [\"/cmake-release-empty/\", \"/srv/app/logs/\"]"
  "VOLUME [\"/var/lib/app\", \"/srv/app/logs\"]"
  "ENV RELEASE_DATA=\"/var/lib/app\""
  "ENV RELEASE_TMP=/tmp/app"
  "USER 65532:65532"
  "ENTRYPOINT [\"/opt/app/bin/app\"]"
  "CMD [\"start\", \"-c\", \"/etc/app config.conf\"]")
# The volumes are made by COPY, not RUN: the runtime stage still runs nothing.
expect_no_run_in_runtime()
# ENGINE_ARGS, then the build tree's RELEASE_CONTAINER_ENGINE_ARGS, reach the
# image step as one list.
file(READ "${RunCMake_TEST_BINARY_DIR}/_release/.container-image/app/steps/container-build.cmake" call)
string(FIND "${call}" "\n  ENGINE_ARGS [=[--label]=] [=[org.example.origin=call]=] [=[--network=host]=] [=[--pull=never]=]\n" at)
if(at LESS 0)
  string(APPEND RunCMake_TEST_FAILED "the image step's call does not pass ENGINE_ARGS and RELEASE_CONTAINER_ENGINE_ARGS:\n${call}\n")
endif()

include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
# One runtime stage copying the context (the release directory), and a small
# builder stage only for the volume's empty directory: nothing is compiled.
expect_line_order(
  "ARG RUNTIME_IMAGE=debian:bookworm-slim"
  "FROM \${BUILDER_IMAGE} AS builder"
  "RUN mkdir -p /cmake-release-empty"
  "FROM \${RUNTIME_IMAGE} AS runtime"
  "COPY . /opt/app"
  "COPY --from=builder --chown=65532:65532 [\"/cmake-release-empty/\", \"/var/lib/app/\"]"
  "USER 65532:65532"
  "ENTRYPOINT [\"/opt/app/bin/app\"]"
  "CMD [\"start\"]")
foreach(builder_only "COPY . ." "RUN [\"cmake\"" "apt-get" "--from=builder /build")
  expect_no_match("${builder_only}")
endforeach()
expect_no_run_in_runtime()
expect_no_match("${RunCMake_TEST_BINARY_DIR}")
read_ignorefile(app)
expect_ignore_line("tmp")
# The image step gets the release directory as its context, the host check
# of the release's glibc, and runs after the release is assembled.
file(READ "${RunCMake_TEST_BINARY_DIR}/_release/.container-image/app/steps/container-build.cmake" call)
foreach(want "\n  CONTEXT [=[${RunCMake_TEST_BINARY_DIR}/release/app]=]\n" "\n  GLIBC_CHECK [=[host]=]\n"
    "\n  HOST_MANIFEST [=[${RunCMake_TEST_BINARY_DIR}/")
  string(FIND "${call}" "${want}" at)
  if(at LESS 0)
    string(APPEND RunCMake_TEST_FAILED "the image step's call does not pass ${want}:\n${call}\n")
  endif()
endforeach()
file(READ "${RunCMake_TEST_BINARY_DIR}/build.ninja" ninja)
if(NOT ninja MATCHES "build container-image-app: [^\n]*release-app")
  string(APPEND RunCMake_TEST_FAILED "container-image-app does not depend on release-app\n")
endif()

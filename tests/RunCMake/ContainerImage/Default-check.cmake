include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
expect_line_order(
  "ARG BUILDER_IMAGE=debian:bookworm"
  "ARG RUNTIME_IMAGE=debian:bookworm-slim"
  "ARG RUNTIME_GLIBC=2.36"
  "FROM \${BUILDER_IMAGE} AS builder"
  "    apt-get update \\"
  " && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\"
  "COPY . ."
  "RUN [\"cmake\", \"-S\", \"/src/tests/RunCMake/ContainerImage\", \"-B\", \"/build\", \"-G\", \"Ninja\", \"--no-warn-unused-cli\", \"-DCMAKE_BUILD_TYPE=Release\", \"-DBUILD_TESTING=OFF\", ${image_module_args}, \"-DRELEASE_VERSION_OVERRIDE=app=1.2.3\"]"
  "    [\"cmake\", \"--build\", \"/build\", \"--target\", \"release-app\"]"
  "RUN need=\$(sed -n 's/^glibc=//p' /build/release/app/releases/1.2.3/manifest.txt) \\"
  "FROM \${RUNTIME_IMAGE} AS runtime"
  "COPY --from=builder /build/release/app /opt/app"
  "ENV RELEASE_TMP=/tmp/app"
  "USER 65532:65532"
  "STOPSIGNAL SIGTERM"
  "ENTRYPOINT [\"/opt/app/bin/app\"]"
  "CMD [\"start\"]")
expect_match("\nLABEL org.opencontainers.image.title=\"app\" \\\n      org.opencontainers.image.version=\"1.2.3\"")
expect_no_run_in_runtime()
expect_no_match("EXPOSE")
# No `# syntax` line (BuildKit would pull that frontend from a registry), no
# volumes, no RELEASE_DATA.
expect_no_match("# syntax=")
expect_no_match("VOLUME")
expect_no_match("RELEASE_DATA")
expect_no_match("org.opencontainers.image.created")
# The Dockerfile names no path of this machine.
expect_no_match("${CMAKE_RELEASE_SOURCE_DIR}")
expect_no_match("${RunCMake_TEST_BINARY_DIR}")
# The git revision, when the source tree has one.
execute_process(COMMAND git -C "${CMAKE_RELEASE_SOURCE_DIR}" rev-parse --verify -q HEAD
  OUTPUT_VARIABLE rev RESULT_VARIABLE rc ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
if(rc EQUAL 0 AND rev)
  # With "-dirty" when tracked files have changes.
  execute_process(COMMAND git -C "${CMAKE_RELEASE_SOURCE_DIR}" status --porcelain --untracked-files=no
    OUTPUT_VARIABLE changes)
  if(NOT changes STREQUAL "")
    string(APPEND rev "-dirty")
  endif()
  expect_match("org.opencontainers.image.revision=\"${rev}\"")
endif()
# The ignore file beside it leaves out .git and this build tree when it lies
# in the context.
read_ignorefile(app)
expect_ignore_line(".git")
# Secrets are left out by default.
foreach(secret "**/.env" "**/.env.*" "**/*.pem" "**/*.key" "**/id_rsa*" "**/id_ed25519*"
    "**/.ssh" "**/.aws" "**/.npmrc" "**/.netrc")
  expect_ignore_line("${secret}")
endforeach()
cmake_path(IS_PREFIX CMAKE_RELEASE_SOURCE_DIR "${RunCMake_TEST_BINARY_DIR}" NORMALIZE inside)
if(inside)
  file(RELATIVE_PATH rel "${CMAKE_RELEASE_SOURCE_DIR}" "${RunCMake_TEST_BINARY_DIR}")
  expect_ignore_line("${rel}")
endif()
# The targets exist.
foreach(t container-image container-image-app)
  if(NOT EXISTS "${RunCMake_TEST_BINARY_DIR}/build.ninja")
    break()
  endif()
  file(STRINGS "${RunCMake_TEST_BINARY_DIR}/build.ninja" hit REGEX "^build ${t}: ")
  if(NOT hit)
    string(APPEND RunCMake_TEST_FAILED "no target ${t} in build.ninja\n")
  endif()
endforeach()

include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
# The builder runs on the build platform and cross-compiles; the runtime
# stage is the target's base and still runs nothing.
expect_line_order(
  "ARG BUILDER_IMAGE=debian:bookworm"
  "ARG RUNTIME_IMAGE=debian:bookworm-slim"
  "FROM --platform=\$BUILDPLATFORM \${BUILDER_IMAGE} AS builder"
  "    dpkg --add-architecture arm64 \\"
  " && apt-get update \\"
  " && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\"
  "      cmake \\"
  "      ninja-build \\"
  "      g++ \\"
  "      g++-aarch64-linux-gnu \\"
  "      patchelf \\"
  "      pkgconf \\"
  "      ccache \\"
  "      libfoo-dev:arm64 \\"
  "      protobuf-compiler \\"
  "      libbar-dev:amd64 \\"
  "      libz1:arm64=1:1.2.13 \\"
  "      zlib1g-dev:arm64=1:1.2.13"
  "RUN [\"cmake\", \"-S\", \"/src/tests/RunCMake/ContainerImage\", \"-B\", \"/build\", \"-G\", \"Ninja\", \"--no-warn-unused-cli\", \"-DCMAKE_BUILD_TYPE=Release\", \"-DBUILD_TESTING=OFF\", ${image_module_args}, \"-DCMAKE_TOOLCHAIN_FILE=${image_toolchain_dir}/aarch64-linux-gnu.cmake\", \"-DRELEASE_VERSION_OVERRIDE=app=1.2.3\"]"
  "FROM --platform=linux/arm64 \${RUNTIME_IMAGE} AS runtime"
  "COPY --from=builder /build/release/app /opt/app")
expect_no_run_in_runtime()
expect_no_match("${CMAKE_RELEASE_SOURCE_DIR}")
# The engine is asked for the platform.
file(STRINGS "${RunCMake_TEST_BINARY_DIR}/_release/.container-image/app/steps/container-build.cmake"
  hit REGEX "^  PLATFORM \\[=\\[linux/arm64\\]=\\]$")
if(NOT hit)
  string(APPEND RunCMake_TEST_FAILED "the image step's call does not pass PLATFORM linux/arm64\n")
endif()

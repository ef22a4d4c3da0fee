include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
expect_line_order(
  "FROM --platform=\$BUILDPLATFORM \${BUILDER_IMAGE} AS builder"
  "    dpkg --add-architecture arm64 \\"
  "      g++-aarch64-linux-gnu \\"
  "FROM --platform=linux/arm64 \${RUNTIME_IMAGE} AS runtime")
expect_match("\"-DCMAKE_TOOLCHAIN_FILE=${image_toolchain_dir}/aarch64-linux-gnu.cmake\"")

include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
expect_line_order(
  "FROM \${BUILDER_IMAGE} AS builder"
  "RUN [\"cmake\", \"-S\", \"/src/tests/RunCMake/ContainerImage\", \"-B\", \"/build\", \"-G\", \"Ninja\", \"--no-warn-unused-cli\", \"-DCMAKE_BUILD_TYPE=Release\", \"-DBUILD_TESTING=OFF\", ${image_module_args}, \"-DRELEASE_VERSION_OVERRIDE=app=1.2.3\"]"
  "FROM \${RUNTIME_IMAGE} AS runtime")

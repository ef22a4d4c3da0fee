include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(images/web)
expect_line_order(
  "ARG BUILDER_IMAGE=debian:bookworm-20250520"
  "ARG RUNTIME_IMAGE=ubuntu:jammy@sha256:0123456789abcdef"
  "      libsqlite3-dev \\"
  "      libssl-dev"
  "RUN [\"cmake\", \"-S\", \"/src/tests/RunCMake/ContainerImage\", \"-B\", \"/build\", \"-G\", \"Ninja\", \"--no-warn-unused-cli\", \"-DCMAKE_BUILD_TYPE=Release\", \"-DBUILD_TESTING=OFF\", ${image_module_args}, \"-DRELEASE_VERSION_OVERRIDE=app=1.2.3\", \"-DFOO=bar\", \"-DWITH SPACE=x y\", \"-DLIST=a;b\"]"
  "ENV GREETING=\"hello world\""
  "ENV TRICKY=\"a\\\"b\\$c\\\\d\""
  "USER 1000:1000"
  "EXPOSE 8080 53/udp")
expect_match("docker build -f <this file> -t registry.example:5000/team/web:2.0 <context>")
expect_no_run_in_runtime()
read_ignorefile(images/web)

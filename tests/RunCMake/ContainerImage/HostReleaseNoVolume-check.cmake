include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
# Without VOLUMES (or a shell-less base) the Dockerfile has one stage only.
expect_line_order("FROM \${RUNTIME_IMAGE} AS runtime" "COPY . /opt/app" "ENTRYPOINT [\"/opt/app/bin/app\"]")
expect_no_match("AS builder")
expect_no_match("--from=builder")

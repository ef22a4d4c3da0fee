include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
expect_line_order("ARG RUNTIME_GLIBC=2.31")

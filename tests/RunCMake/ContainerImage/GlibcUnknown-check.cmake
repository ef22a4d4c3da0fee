include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
# Not known: the builder's check says it skipped, unless the build names it.
expect_line_order("ARG RUNTIME_GLIBC=")

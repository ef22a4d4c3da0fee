include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
expect_match("org.opencontainers.image.created=\"2023-11-14T22:13:20Z\"")

include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
expect_line_order(
  "COPY --from=builder /build/release/app /srv/app"
  "WORKDIR /srv/app"
  "ENTRYPOINT [\"/srv/app/bin/app\"]")
expect_no_match("/opt/app")

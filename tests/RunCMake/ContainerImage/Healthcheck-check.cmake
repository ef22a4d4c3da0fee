include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
# The options in a fixed order, whatever order the call gave them in.
expect_line_order("CMD [\"start\"]"
  "HEALTHCHECK --interval=1m30s --start-period=500ms --retries=2 CMD [\"/opt/app/bin/app\", \"probe\", \"http://127.0.0.1:8080/health\"]")
read_dockerfile(tcp)
expect_line_order("HEALTHCHECK CMD [\"/opt/app/bin/app\", \"probe\", \"tcp://[::1]:5432\"]")
# Podman and Buildah keep HEALTHCHECK only in the docker format: the image
# step is told to ask for it.
file(READ "${RunCMake_TEST_BINARY_DIR}/_release/.container-image/app/steps/container-build.cmake" call)
string(FIND "${call}" "\n  IMAGE_FORMAT [=[docker]=]\n" at)
if(at LESS 0)
  string(APPEND RunCMake_TEST_FAILED "the image step's call does not ask for the docker format:\n${call}\n")
endif()

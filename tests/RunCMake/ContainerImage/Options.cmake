add_release(app TARGETS app)
add_container_image(web RELEASE app
  CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  TAG registry.example:5000/team/web:2.0
  BUILDER_IMAGE debian:bookworm-20250520
  RUNTIME_IMAGE "ubuntu:jammy@sha256:0123456789abcdef"
  BUILD_PACKAGES libsqlite3-dev libssl-dev
  PORTS 8080 53/udp
  ENV "GREETING=hello world" "TRICKY=a\"b$c\\d"
  USER 1000:1000
  CMAKE_ARGS -DFOO=bar "-DWITH SPACE=x y" "-DLIST=a;b"
  DOCKERFILE images/web.Dockerfile)

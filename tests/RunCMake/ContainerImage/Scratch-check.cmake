include("${RunCMake_TEST_SOURCE_DIR}/check-lib.cmake")
read_dockerfile(app)
# A stage of its own makes what scratch lacks; the runtime stage only copies.
expect_line_order(
  "ARG RUNTIME_IMAGE=scratch"
  "FROM \${BUILDER_IMAGE} AS rootfs"
  "RUN mkdir -p /cmake-release-root/etc /cmake-release-root/tmp \\"
  " && chmod 1777 /cmake-release-root/tmp \\"
  " && printf '%s\\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' 'app:x:1000:1000:app:/nonexistent:/sbin/nologin' >/cmake-release-root/etc/passwd \\"
  " && printf '%s\\n' 'root:x:0:' 'nonroot:x:65532:' 'nogroup:x:65534:' 'app:x:1000:' >/cmake-release-root/etc/group \\"
  " && printf '%s\\n' 'passwd: files' 'group: files' 'shadow: files' 'hosts: files dns' 'networks: files' 'protocols: files' 'services: files' 'ethers: files' 'rpc: files' >/cmake-release-root/etc/nsswitch.conf"
  " && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates tzdata"
  "FROM \${BUILDER_IMAGE} AS builder"
  "COPY . ."
  "FROM \${RUNTIME_IMAGE} AS runtime"
  "COPY --from=rootfs /cmake-release-root/ /"
  "COPY --from=rootfs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt"
  "COPY --from=rootfs /usr/share/zoneinfo /usr/share/zoneinfo"
  "COPY --from=builder /build/release/app /opt/app"
  "USER 1000:1000"
  "ENTRYPOINT [\"/opt/app/bin/app\"]")
expect_no_run_in_runtime()

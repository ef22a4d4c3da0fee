# Internal helpers of add_container_image() (ContainerImage.cmake) for what
# the runtime stage is: HOST_RELEASE (the image made from the release this
# build tree assembled), HEALTHCHECK, RUNTIME_FILES, and bases without a shell
# (RUNTIME_IMAGE scratch, distroless) for HERMETIC releases.
# No include guard: it defines only variables and functions, and the public
# function includes it again into its own scope, because directory variables
# are not seen from a sibling directory that did not include the module.

# Bases without a shell or libc (the runtime stage can RUN nothing there):
# scratch, distroless images except their :debug variants (which have
# busybox), Chainguard's static.
set(_RELEASE_CI_SHELLLESS_REGEX "^(scratch|([^/]+/)*distroless/.*|cgr\\.dev/chainguard/static([:@].*)?)$")
# Where the rootfs stage puts the files a shell-less base lacks.
set(_RELEASE_CI_ROOTFS_DIR "/cmake-release-root")
# RUNTIME_FILES: the Debian package each comes from, and what of it goes in.
set(_RELEASE_CI_RUNTIME_FILES
  "ca-certificates|/etc/ssl/certs/ca-certificates.crt"
  "tzdata|/usr/share/zoneinfo")

# _release_ci_runtime_check(<name>)
# Checks HOST_RELEASE, HEALTHCHECK, RUNTIME_FILES and a shell-less
# RUNTIME_IMAGE of the add_container_image() call that calls it (its arg_*,
# rel, runtime_image, platform, host_platform variables) and sets there:
# host_release (TRUE/FALSE), shellless (TRUE/FALSE), hermetic (TRUE/FALSE),
# healthcheck_url (only with HEALTHCHECK) and healthcheck_options.
function(_release_ci_runtime_check name)
  set(host_release FALSE)
  if(arg_HOST_RELEASE)
    set(host_release TRUE)
    foreach(kw CONTEXT BUILD_PACKAGES CMAKE_ARGS)
      if(DEFINED arg_${kw})
        _release_fail("${kw} is given with HOST_RELEASE, which copies the "
          "release this build tree assembled: no builder stage compiles anything, and the "
          "build context is the release directory. Fix: leave ${kw} out, or drop HOST_RELEASE "
          "to build the release in the image's builder stage.")
      endif()
    endforeach()
    set(release_platform "${host_platform}")
    if(CMAKE_CROSSCOMPILING)
      set(release_platform "${RELEASE_CONTAINER_PLATFORM}")
    endif()
    if(NOT platform STREQUAL "" AND NOT platform STREQUAL release_platform)
      _release_fail("HOST_RELEASE copies the release this build tree "
        "assembles for '${release_platform}', which does not run on the image's platform "
        "'${platform}'. Fix: build the release for ${platform} (a build tree with its "
        "toolchain file), or drop HOST_RELEASE to cross-compile in the builder stage.")
    endif()
  endif()

  get_target_property(hermetic "release-${rel}" RELEASE_HERMETIC)
  if(NOT hermetic)
    set(hermetic FALSE)
  endif()
  set(shellless FALSE)
  if(runtime_image MATCHES "${_RELEASE_CI_SHELLLESS_REGEX}" AND NOT runtime_image MATCHES ":debug")
    set(shellless TRUE)
    if(DEFINED arg_RUNTIME_PACKAGES)
      _release_fail("RUNTIME_PACKAGES needs apt-get in the runtime stage, "
        "and RUNTIME_IMAGE '${runtime_image}' has no shell to run it. Fix: ask for "
        "RUNTIME_FILES ca-certificates tzdata instead (made in a stage of their own), "
        "or use a Debian RUNTIME_IMAGE.")
    endif()
    if(NOT hermetic)
      _release_fail("RUNTIME_IMAGE '${runtime_image}' has no shell, and "
        "release '${rel}' is not HERMETIC: its control program needs /bin/sh, its "
        "programs the C library and loader of the base (scratch has none). Fix: add "
        "HERMETIC to add_release(${rel} ...), or use a base with a shell and a libc such as "
        "debian:bookworm-slim.")
    endif()
    get_target_property(launcher "release-${rel}" RELEASE_LAUNCHER)
    if(launcher STREQUAL "sh")
      _release_fail("RUNTIME_IMAGE '${runtime_image}' has no shell, and "
        "release '${rel}' has LAUNCHER sh: its bin/${RELEASE_NAME} is a shell script. Fix: "
        "use LAUNCHER native in add_release(${rel} ...) (the default for HERMETIC "
        "releases), or a base with /bin/sh.")
    endif()
  endif()

  set(known "")
  foreach(entry IN LISTS _RELEASE_CI_RUNTIME_FILES)
    string(REGEX REPLACE "\\|.*$" "" what "${entry}")
    list(APPEND known "${what}")
  endforeach()
  foreach(what IN LISTS arg_RUNTIME_FILES)
    if(NOT what IN_LIST known)
      list(JOIN known " " known_text)
      _release_fail("RUNTIME_FILES '${what}' is not one cmake-release "
        "provides. Fix: name some of: ${known_text}.")
    endif()
  endforeach()
  _release_ci_healthcheck_check("${name}")

  set(host_release "${host_release}" PARENT_SCOPE)
  set(shellless "${shellless}" PARENT_SCOPE)
  set(hermetic "${hermetic}" PARENT_SCOPE)
  if(DEFINED healthcheck_url)
    set(healthcheck_url "${healthcheck_url}" PARENT_SCOPE)
  endif()
  set(healthcheck_options "${healthcheck_options}" PARENT_SCOPE)
endfunction()

# _release_ci_healthcheck_check(<name>)
# Checks arg_HEALTHCHECK of the caller's caller: <url> [INTERVAL <duration>]
# [TIMEOUT <duration>] [START_PERIOD <duration>] [RETRIES <n>], and sets
# healthcheck_options there (--interval=... words, in that order).
function(_release_ci_healthcheck_check name)
  if(NOT DEFINED arg_HEALTHCHECK)
    set(healthcheck_options "" PARENT_SCOPE)
    return()
  endif()
  list(POP_FRONT arg_HEALTHCHECK url)
  set(host "([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])")
  # A path only for http; port 1-65535. (${CMAKE_MATCH_n} would be expanded
  # before MATCHES sets it: the groups are read after the match.)
  set(port 0)
  if(url MATCHES "^(tcp|http)://${host}:([0-9]+)(/[^ \t\n\"]*)?$")
    if(CMAKE_MATCH_1 STREQUAL "http" OR "${CMAKE_MATCH_5}" STREQUAL "")
      set(port "${CMAKE_MATCH_4}")
    endif()
  endif()
  if(port LESS 1 OR port GREATER 65535)
    _release_fail("HEALTHCHECK '${url}' is not a URL that "
      "'bin/${RELEASE_NAME} probe' takes. Fix: give tcp://<host>:<port> or "
      "http://<host>:<port>/<path> as the program answers inside the container, "
      "e.g. HEALTHCHECK http://127.0.0.1:8080/health.")
  endif()
  cmake_parse_arguments(hc "" "INTERVAL;TIMEOUT;START_PERIOD;RETRIES" "" ${arg_HEALTHCHECK})
  if(hc_UNPARSED_ARGUMENTS OR hc_KEYWORDS_MISSING_VALUES)
    list(JOIN hc_UNPARSED_ARGUMENTS " " bad)
    list(JOIN hc_KEYWORDS_MISSING_VALUES " " missing)
    _release_fail("HEALTHCHECK ${url} has arguments it does not know "
      "('${bad}') or options without a value ('${missing}'). Fix: give the URL, then "
      "only INTERVAL, TIMEOUT, START_PERIOD (durations such as 30s or 1m30s) and "
      "RETRIES (a number), each with its value.")
  endif()
  set(options "")
  foreach(opt INTERVAL TIMEOUT START_PERIOD)
    if(DEFINED hc_${opt})
      if(NOT hc_${opt} MATCHES "^([0-9]+(ms|s|m|h))+$")
        _release_fail("HEALTHCHECK ${opt} '${hc_${opt}}' is not a duration. "
          "Fix: write it as the engine does, e.g. 500ms, 30s, 1m30s.")
      endif()
      string(TOLOWER "${opt}" flag)
      string(REPLACE "_" "-" flag "${flag}")
      list(APPEND options "--${flag}=${hc_${opt}}")
    endif()
  endforeach()
  if(DEFINED hc_RETRIES)
    if(NOT hc_RETRIES MATCHES "^[1-9][0-9]*$")
      _release_fail("HEALTHCHECK RETRIES '${hc_RETRIES}' is not a number "
        "of failed probes. Fix: give a whole number from 1, e.g. RETRIES 3.")
    endif()
    list(APPEND options "--retries=${hc_RETRIES}")
  endif()
  set(healthcheck_url "${url}" PARENT_SCOPE)
  set(healthcheck_options "${options}" PARENT_SCOPE)
endfunction()

# _release_ci_runtime_parts(<user>)
# The Dockerfile parts that depend on the image's kind, set in the scope of
# the add_container_image() call that calls it, after its checks and before
# its configure_file() (reading its RELEASE_IMAGE_RUNTIME_RELEASE_DIR, RELEASE_PREFIX):
# RELEASE_IMAGE_HEALTHCHECK_LINES; RELEASE_IMAGE_ROOTFS_STAGE and RELEASE_IMAGE_ROOTFS_COPY (what a
# shell-less base lacks, RUNTIME_FILES); RELEASE_IMAGE_BUILDER_STAGE
# (templates/Dockerfile-builder.in; for HOST_RELEASE only the VOLUMES' empty
# directory, or nothing); RELEASE_IMAGE_RELEASE_COPY; RELEASE_IMAGE_INTRO; ignore_template.
function(_release_ci_runtime_parts user)
  set(prefix "${RELEASE_IMAGE_RUNTIME_RELEASE_DIR}")

  set(hc "")
  if(DEFINED healthcheck_url)
    _release_ci_json_array(probe "${prefix}/bin/${RELEASE_NAME}" probe "${healthcheck_url}")
    list(JOIN healthcheck_options " " opts)
    if(NOT opts STREQUAL "")
      string(APPEND opts " ")
    endif()
    string(CONCAT hc "# The engine runs the control program's probe command (no curl needed in\n"
      "# the image). Docker keeps HEALTHCHECK; Podman and Buildah only in the docker\n"
      "# image format (the image target builds with --format docker).\n"
      "HEALTHCHECK ${opts}CMD ${probe}\n")
  endif()
  set(RELEASE_IMAGE_HEALTHCHECK_LINES "${hc}")

  _release_ci_rootfs_lines("${user}")

  if(host_release)
    _release_ci_relative(release_in_build "${RELEASE_DIR}" "${CMAKE_BINARY_DIR}")
    if(release_in_build STREQUAL "")
      set(release_in_build "<release directory>")
    else()
      set(release_in_build "<build tree>/${release_in_build}")
    endif()
    set(RELEASE_IMAGE_RELEASE_COPY "COPY . ${prefix}")
    set(builder "")
    if(NOT RELEASE_IMAGE_VOLUME_BUILDER STREQUAL "")
      string(CONCAT builder "# ---- builder: no compiler, only the VOLUMES' empty directory ----\n"
        "FROM \${BUILDER_IMAGE} AS builder${RELEASE_IMAGE_VOLUME_BUILDER}\n")
    endif()
    string(CONCAT RELEASE_IMAGE_INTRO
      "# HOST_RELEASE: the image carries the release this build tree assembled\n"
      "# (${release_in_build}), copied as it is: nothing is compiled here, and\n"
      "# the build context is that release directory. The image target builds the\n"
      "# release first, checks its recorded glibc against the runtime image's, then\n"
      "# runs the engine; by hand:\n"
      "#   docker build -f <this file> -t ${RELEASE_IMAGE_TAG} ${release_in_build}\n")
    set(ignore_template "dockerignore-release.in")
  else()
    set(RELEASE_IMAGE_RELEASE_COPY "COPY --from=builder ${RELEASE_IMAGE_BUILDER_RELEASE_DIR} ${prefix}")
    file(READ "${_RELEASE_CI_TEMPLATE_DIR}/Dockerfile-builder.in" builder)
    string(REGEX REPLACE "^(##[^\n]*\n)+" "" builder "${builder}")
    string(CONFIGURE "${builder}" builder @ONLY)
    string(CONCAT RELEASE_IMAGE_INTRO
      "# Build it from the build tree with `cmake --build <build-dir> --target container-image-${RELEASE_IMAGE_NAME}`,\n"
      "# or by hand from the build context (${RELEASE_IMAGE_CONTEXT_DESC}):\n"
      "#   docker build -f <this file> -t ${RELEASE_IMAGE_TAG} <context>\n")
    set(ignore_template "dockerignore.in")
  endif()
  set(RELEASE_IMAGE_BUILDER_STAGE "${builder}")
  string(APPEND RELEASE_IMAGE_INTRO "# and run it with\n#   docker run --rm${RELEASE_IMAGE_RUN_EXAMPLE} ${RELEASE_IMAGE_TAG}\n")
  if(NOT host_release)
    string(APPEND RELEASE_IMAGE_INTRO "#\n# The builder stage compiles the project and assembles the release\n"
      "# \"${RELEASE_IMAGE_RELEASE}\"; the runtime stage gets that release and nothing else.\n")
  endif()

  foreach(v RELEASE_IMAGE_HEALTHCHECK_LINES RELEASE_IMAGE_ROOTFS_STAGE RELEASE_IMAGE_ROOTFS_COPY
      RELEASE_IMAGE_BUILDER_STAGE RELEASE_IMAGE_RELEASE_COPY RELEASE_IMAGE_INTRO)
    set(${v} "${${v}}" PARENT_SCOPE)
  endforeach()
  set(ignore_template "${ignore_template}" PARENT_SCOPE)
endfunction()

# _release_ci_rootfs_lines(<user>)
# Sets RELEASE_IMAGE_ROOTFS_STAGE and RELEASE_IMAGE_ROOTFS_COPY in the caller's scope. A stage of
# its own (from BUILDER_IMAGE, compiling nothing), so that the builder
# stage's layers stay those of the same image on another base, and a source
# edit does not make these files again. For a shell-less base, /etc/passwd and /etc/group (root, the 65532 "nonroot" user
# distroless has, nobody, and USER when it is another), an /etc/nsswitch.conf
# naming only the sources glibc has built in since 2.34 (files, dns; the
# compat module a HERMETIC release bundles is not needed), /tmp with mode
# 1777; and the
# RUNTIME_FILES, installed in that stage from Debian.
function(_release_ci_rootfs_lines user)
  set(root "${_RELEASE_CI_ROOTFS_DIR}")
  set(run "")
  set(copy "")
  if(shellless)
    string(REPLACE ":" ";" ids "${user}")
    list(GET ids 0 uid)
    list(GET ids 1 gid)
    set(passwd "root:x:0:0:root:/root:/sbin/nologin"
      "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin"
      "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin")
    set(group "root:x:0:" "nonroot:x:65532:" "nogroup:x:65534:")
    if(NOT uid MATCHES "^(0|65532|65534)$")
      list(APPEND passwd "${RELEASE_NAME}:x:${uid}:${gid}:${RELEASE_NAME}:/nonexistent:/sbin/nologin")
    endif()
    if(NOT gid MATCHES "^(0|65532|65534)$")
      list(APPEND group "${RELEASE_NAME}:x:${gid}:")
    endif()
    set(nss "passwd: files" "group: files" "shadow: files" "hosts: files dns"
      "networks: files" "protocols: files" "services: files" "ethers: files" "rpc: files")
    list(JOIN passwd "' '" passwd)
    list(JOIN group "' '" group)
    list(JOIN nss "' '" nss)
    string(CONCAT run
      "# What programs expect of a root filesystem, which RUNTIME_IMAGE ${runtime_image}\n"
      "# lacks: users and groups (uid 65532 runs the release), NSS sources that glibc\n"
      "# has built in (files, dns), and /tmp for everyone (mode 1777).\n"
      "RUN mkdir -p ${root}/etc ${root}/tmp \\\n"
      " && chmod 1777 ${root}/tmp \\\n"
      " && printf '%s\\n' '${passwd}' >${root}/etc/passwd \\\n"
      " && printf '%s\\n' '${group}' >${root}/etc/group \\\n"
      " && printf '%s\\n' '${nss}' >${root}/etc/nsswitch.conf\n")
    set(copy "COPY --from=rootfs ${root}/ /\n")
  endif()
  set(packages "")
  foreach(entry IN LISTS _RELEASE_CI_RUNTIME_FILES)
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 what)
    list(GET entry 1 path)
    if(what IN_LIST arg_RUNTIME_FILES)
      list(APPEND packages "${what}")
      string(APPEND copy "COPY --from=rootfs ${path} ${path}\n")
    endif()
  endforeach()
  if(packages)
    list(JOIN packages " " packages)
    string(CONCAT run "${run}"
      "# RUNTIME_FILES, from Debian's packages (copied into the runtime stage below).\n"
      "RUN --mount=type=cache,id=runtime-files-apt-cache,target=/var/cache/apt,sharing=locked \\\n"
      "    --mount=type=cache,id=runtime-files-apt-lists,target=/var/lib/apt,sharing=locked \\\n"
      "    rm -f /etc/apt/apt.conf.d/docker-clean \\\n"
      " && apt-get update \\\n"
      " && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages}\n")
  endif()
  set(stage "")
  if(NOT copy STREQUAL "")
    string(PREPEND copy "# The files the base lacks (made in the rootfs stage).\n")
    set(platform_arg "")
    if(cross)
      set(platform_arg "--platform=\$BUILDPLATFORM ")
    endif()
    set(stage "# ---- rootfs: files for the runtime stage, nothing compiled ----\nFROM ${platform_arg}\${BUILDER_IMAGE} AS rootfs\n${run}\n")
  endif()
  set(RELEASE_IMAGE_ROOTFS_STAGE "${stage}" PARENT_SCOPE)
  set(RELEASE_IMAGE_ROOTFS_COPY "${copy}" PARENT_SCOPE)
endfunction()

# _release_ci_runtime_step_args()
# The image step's values for this file's step side
# (steps/container-runtime.cmake), from the caller's host_release and
# healthcheck_url: glibc_check (builder or host) and image_format (docker
# for a HEALTHCHECK, else empty).
function(_release_ci_runtime_step_args)
  set(check builder)
  if(host_release)
    set(check host)
  endif()
  set(format "")
  if(DEFINED healthcheck_url)
    set(format docker)
  endif()
  set(glibc_check "${check}")
  set(image_format "${format}")
  return(PROPAGATE glibc_check image_format)
endfunction()

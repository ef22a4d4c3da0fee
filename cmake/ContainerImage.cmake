#[=======================================================================[.rst:
ContainerImage
--------------

Builds a container image for a release made by :command:`add_release`: a
two-stage Dockerfile, written when CMake configures the project, whose builder
stage compiles the project and assembles the release and whose runtime stage
carries that release and nothing else.

.. code-block:: cmake

  include(ContainerImage)

.. command:: add_container_image

  .. code-block:: cmake

    add_container_image(<name>
      RELEASE <release>
      [TAG <image>[:<tag>]]
      [BUILDER_IMAGE <image>]
      [RUNTIME_IMAGE <image>]
      [BUILD_PACKAGES <deb>...]
      [RUNTIME_PACKAGES <deb>...]
      [PORTS <port>[/tcp|/udp]...]
      [ENV <VAR>=<value>...]
      [USER <uid>:<gid>]
      [CONTEXT <dir>]
      [CMAKE_ARGS <arg>...]
      [DOCKERFILE <path>]
      [PLATFORM <os>/<arch>[/<variant>]]
      [GLIBC_VERSION <x.y>]
      [CMD <arg>...]
      [VOLUMES <dir>...]
      [ENGINE_ARGS <arg>...]
      [DOCKERFILE_SYNTAX <frontend image>]
      [HOST_RELEASE]
      [HEALTHCHECK <url> [INTERVAL <d>] [TIMEOUT <d>] [START_PERIOD <d>] [RETRIES <n>]]
      [RUNTIME_FILES ca-certificates|tzdata...])

  Writes ``<path>`` (default ``${CMAKE_BINARY_DIR}/<name>.Dockerfile``) and
  ``<path>.dockerignore`` beside it, and adds the targets
  ``container-image-<name>`` and ``container-image`` (every image of the
  build), which run a container engine on them.

  ``RELEASE <release>``
    Required. A release declared earlier by :command:`add_release`.

  ``TAG <image>[:<tag>]``
    Name of the image. Default: ``<name>:<release version>`` (characters a
    tag may not hold, such as ``+`` and ``~``, become ``_``).

  ``BUILDER_IMAGE <image>``, ``RUNTIME_IMAGE <image>``
    Base images of the two stages. Defaults: ``debian:bookworm`` and
    ``debian:bookworm-slim``. Keep both on the same distribution release:
    the release uses the runtime image's glibc. Both are also ``ARG``\ s of
    the Dockerfile, so ``--build-arg RUNTIME_IMAGE=...@sha256:...`` pins them.

  ``BUILD_PACKAGES <deb>...``
    Debian packages the builder installs besides ``cmake``, ``ninja-build``,
    ``g++``, ``patchelf``, ``pkgconf`` and ``ccache`` (the -dev packages of
    your dependencies).

  ``RUNTIME_PACKAGES <deb>...``
    Debian packages the runtime stage installs (``ca-certificates``,
    ``tzdata``: things that are not shared libraries). Without them the
    runtime stage has no ``RUN`` at all.

  ``PORTS <port>...``
    ``EXPOSE`` d ports, ``1``-``65535``, optionally ``/tcp`` or ``/udp``.

  ``ENV <VAR>=<value>...``
    Environment of the runtime stage. The release's own ``ENV`` defaults
    already apply; these are for the image.

  ``USER <uid>:<gid>``
    Numeric, non-root. Default: ``65532:65532``.

  ``CONTEXT <dir>``
    The build context. Default: the top-level source directory. It must hold
    the project's top-level source directory. cmake-release inside it as
    sources (vendored, a submodule) is used as it is; otherwise (FetchContent,
    an installed package, a path elsewhere) a copy of it goes into
    ``<build dir>/_cmake-release``, which the builder configures with
    (``FETCHCONTENT_SOURCE_DIR_<NAME>``, ``CMakeRelease_DIR``), so the build
    directory must then lie in the context. The ignore file leaves out
    secrets and every CMake build tree found in the context.

  ``CMAKE_ARGS <arg>...``
    Extra arguments for the builder stage's ``cmake`` configure step, after
    ``-G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF`` and
    ``-DCMAKE_MODULE_PATH=<cmake-release's cmake/ in the builder>``.

  ``DOCKERFILE <path>``
    Where to write the Dockerfile (relative paths: to the current binary
    directory). A file there that add_container_image did not write is never
    overwritten.

  ``PLATFORM <os>/<arch>[/<variant>]``
    The image's platform (``linux/arm64``, ``linux/arm/v7``, ...). Default:
    the toolchain file's ``RELEASE_CONTAINER_PLATFORM``, else none (the
    engine's own). For a platform other than this machine's the builder
    stage runs natively (``FROM --platform=$BUILDPLATFORM``) and
    cross-compiles with ``g++-<triple>``, the target's ``<package>:<arch>``
    -dev packages and cmake-release's ``toolchains/<triple>.cmake``; the
    runtime stage is the target's base. The engine gets ``--platform``.

  ``GLIBC_VERSION <x.y>``
    The glibc of ``RUNTIME_IMAGE`` when it is not one of the well-known
    Debian, Ubuntu and distroless bases. Before the engine runs, the image
    target fails when the builder image's glibc is newer than the runtime
    image's; in the build, the builder stage fails when the release's
    recorded glibc is. An unknown base skips the first check with a note.

  ``CMD <arg>...``
    The image's ``CMD``: the control script's command and its arguments.
    Default: ``start`` (which adds the release's ``ARGS``).

  ``VOLUMES <dir>...``
    Absolute directories of the image, outside the release, created owned
    by ``USER`` and declared ``VOLUME``; the first is the release's
    ``RELEASE_DATA``. The release itself stays root's and read-only.

  ``ENGINE_ARGS <arg>...``
    Extra arguments of the engine's build command (``--network=host``,
    ``--pull=never``, ``--build-arg``, ``--secret``), after the module's own
    and before the context; then those of
    :variable:`RELEASE_CONTAINER_ENGINE_ARGS`.

  ``DOCKERFILE_SYNTAX <frontend image>``
    Writes ``# syntax=<frontend image>`` as the first line. Without it there
    is none: every instruction the Dockerfile uses is in the frontend built
    into Docker 20.10's BuildKit and Podman 4, and the line would make
    BuildKit pull that frontend from a registry.

  ``HOST_RELEASE``
    The image copies the release this build tree assembled: the build
    context is the release directory, the runtime stage its only stage (plus
    stages that compile nothing when VOLUMES, RUNTIME_FILES or a shell-less
    base need files made), and the image target depends on
    ``release-<release>``. The glibc check compares the release's recorded
    glibc with ``RUNTIME_IMAGE``'s. Not with ``CONTEXT``, ``BUILD_PACKAGES``,
    ``CMAKE_ARGS``, nor a ``PLATFORM`` the release is not built for.

  ``HEALTHCHECK <url> [INTERVAL <d>] [TIMEOUT <d>] [START_PERIOD <d>] [RETRIES <n>]``
    ``HEALTHCHECK [--interval=<d> ...] CMD ["<prefix>/bin/<release>", "probe", "<url>"]``:
    the control program's ``probe`` command, ``<url>`` ``tcp://<host>:<port>``
    or ``http://<host>:<port>/<path>``; durations as ``30s``, ``1m30s``,
    ``500ms``. Only the Docker image format keeps it: Podman and Buildah
    build such an image with ``--format docker``.

  ``RUNTIME_FILES ca-certificates|tzdata...``
    Copies ``/etc/ssl/certs/ca-certificates.crt`` or ``/usr/share/zoneinfo``
    from Debian's packages (installed in a ``rootfs`` stage that compiles
    nothing) into the runtime stage, for bases that lack them (``scratch``).

  A ``RUNTIME_IMAGE`` without a shell (``scratch``, ``gcr.io/distroless/...``
  except ``:debug``, ``cgr.dev/chainguard/static``) needs a ``HERMETIC``
  release and no ``RUNTIME_PACKAGES``; its runtime stage gets ``/etc/passwd``
  and ``/etc/group`` (uid 65532 ``nonroot``), an ``/etc/nsswitch.conf`` with
  glibc's built-in sources only (``files``, ``dns``) and ``/tmp`` (1777).

  The builder stage is configured with
  ``-DRELEASE_VERSION_OVERRIDE=<release>=<this build's version>``, so that a
  version the project computes from git (which is not in the context) is
  the host's in the image too.

  The engine is the cache variable :variable:`RELEASE_CONTAINER_ENGINE`, else
  the environment variable of the same name at build time, else the first of
  ``docker``, ``podman``, ``buildah`` that answers ``info`` and builds a
  one-file probe image (so a docker CLI without BuildKit's buildx component
  is passed over, with the reason printed). The choice is printed. With
  none, building an image target fails; configuring does not.

.. variable:: RELEASE_CONTAINER_ENGINE

  The container engine (``docker``, ``podman``, ``buildah`` or a path to one
  of them) the image targets use. Empty: decided at build time as above.

.. variable:: RELEASE_CONTAINER_ENGINE_ARGS

  A list of arguments for the engine's build command of every image of this
  build tree, after each image's ``ENGINE_ARGS``.

#]=======================================================================]
include_guard(GLOBAL)
# The functions below keep the policies of CMake 3.25 (recorded when they are
# defined), whatever cmake_minimum_required() the including project has.
cmake_policy(PUSH)
cmake_policy(VERSION 3.25)

set(RELEASE_CONTAINER_ENGINE "" CACHE STRING
  "Container engine for the container-image targets (docker, podman, buildah); empty: the first that builds")
set(RELEASE_CONTAINER_ENGINE_ARGS "" CACHE STRING
  "Extra arguments (a CMake list) for the engine's build command of every container-image target, e.g. --network=host")

# _release_ci_constants()
# The module's constants, set in the scope of the caller (a macro). The
# public function calls it first: variables set here at file level would be
# invisible in a sibling directory that did not include() the module itself
# (include_guard(GLOBAL) stops the second include).
macro(_release_ci_constants)
  # Where this module and its siblings live: the builder stage needs them too.
  set(_RELEASE_CI_MODULE_DIR "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  get_filename_component(_RELEASE_CI_TEMPLATE_DIR "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../templates" ABSOLUTE)
  get_filename_component(_RELEASE_CI_TOOLCHAIN_DIR "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../toolchains" ABSOLUTE)

  # The first lines of files we write, to tell them from a user's own files.
  set(_RELEASE_CI_MARK "Generated by add_container_image(")

  # Names as an image reference accepts them (lower case, separators inside).
  set(_RELEASE_CI_REPO_REGEX
    "^([A-Za-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+|__[a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+|__[a-z0-9]+)*)*$")
  set(_RELEASE_CI_TAG_REGEX "^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
  set(_RELEASE_CI_DEB_REGEX "^[a-z0-9][a-z0-9+.-]+(:[a-z0-9]+)?(=[A-Za-z0-9.+~:-]+)?$")
  set(_RELEASE_CI_IMAGE_NAME_REGEX "^[A-Za-z0-9][A-Za-z0-9._+-]*$")

  # Platforms an image can be built for, with their target triple and Debian
  # architecture: the table the toolchain files use.
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleasePlatforms.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleaseCommon.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ContainerImageContext.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ContainerImageRun.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ContainerImageRuntime.cmake")

  # The glibc of well-known base images, by repository and tag (the tag
  # without a date suffix such as -20240211). Anything else is unknown: the
  # glibc check is then skipped unless GLIBC_VERSION says what the runtime
  # image has.
  set(_RELEASE_CI_GLIBC_TABLE
    "debian:buster|2.28" "debian:10|2.28"
    "debian:bullseye|2.31" "debian:11|2.31"
    "debian:bookworm|2.36" "debian:12|2.36"
    "debian:trixie|2.41" "debian:13|2.41"
    "ubuntu:focal|2.31" "ubuntu:20.04|2.31"
    "ubuntu:jammy|2.35" "ubuntu:22.04|2.35"
    "ubuntu:noble|2.39" "ubuntu:24.04|2.39"
    "gcr.io/distroless/cc-debian11|2.31" "gcr.io/distroless/base-debian11|2.31"
    "gcr.io/distroless/cc-debian12|2.36" "gcr.io/distroless/base-debian12|2.36"
    "gcr.io/distroless/cc-debian13|2.41" "gcr.io/distroless/base-debian13|2.41")
endmacro()

# _release_ci_fail(<name> <message>...)
function(_release_ci_fail name)
  string(JOIN "" msg ${ARGN})
  message(FATAL_ERROR "add_container_image(${name}): ${msg}")
endfunction()

# _release_ci_check_reference(<name> <keyword> <value>)
# An image reference: [registry[:port]/]path[:tag][@digest].
function(_release_ci_check_reference name keyword value)
  set(ref "${value}")
  set(digest "")
  if(ref MATCHES "^([^@]*)@(.*)$")
    set(ref "${CMAKE_MATCH_1}")
    set(digest "${CMAKE_MATCH_2}")
  endif()
  set(tag "")
  if(ref MATCHES "^(.*):([^:/]*)$")
    set(ref "${CMAKE_MATCH_1}")
    set(tag "${CMAKE_MATCH_2}")
  endif()
  string(LENGTH "${tag}" tag_length)
  if(NOT ref MATCHES "${_RELEASE_CI_REPO_REGEX}"
      OR (NOT tag STREQUAL "" AND (NOT tag MATCHES "${_RELEASE_CI_TAG_REGEX}" OR tag_length GREATER 128))
      OR (NOT digest STREQUAL "" AND NOT digest MATCHES "^[a-z0-9]+:[a-f0-9]+$")
      OR (keyword STREQUAL "TAG" AND NOT digest STREQUAL ""))
    _release_ci_fail("${name}" "${keyword} '${value}' is not a valid image reference. "
      "Fix: use [registry/]name[:tag] with a lower-case name, e.g. "
      "'example.org/team/app:1.0'.")
  endif()
endfunction()

# _release_ci_json_array(<out-var> <item>... [LIST <list-var>])
# A JSON array of strings, for exec-form Dockerfile instructions. Items after
# LIST come from the elements of <list-var>, read one by one, so an element
# holding a semicolon (-DCMAKE_PREFIX_PATH=a;b) stays one argument.
function(_release_ci_json_array out)
  set(items "")
  set(from_list "")
  foreach(i RANGE 1 ${ARGC})
    if(i EQUAL ARGC)
      break()
    endif()
    if(ARGV${i} STREQUAL "LIST")
      math(EXPR next "${i} + 1")
      set(from_list "${ARGV${next}}")
      break()
    endif()
    list(APPEND items "${ARGV${i}}")
  endforeach()
  set(json "")
  foreach(item IN LISTS items ${from_list})
    string(REPLACE "\\" "\\\\" item "${item}")
    string(REPLACE "\"" "\\\"" item "${item}")
    string(REPLACE "\t" "\\t" item "${item}")
    if(json STREQUAL "")
      set(json "\"${item}\"")
    else()
      string(APPEND json ", \"${item}\"")
    endif()
  endforeach()
  set(${out} "[${json}]" PARENT_SCOPE)
endfunction()

# _release_ci_quote(<out-var> <value>)
# A double-quoted Dockerfile word for ENV and LABEL: backslash, double quote
# and $ (variable expansion) are escaped.
function(_release_ci_quote out value)
  string(REPLACE "\\" "\\\\" value "${value}")
  string(REPLACE "\"" "\\\"" value "${value}")
  string(REPLACE "$" "\\$" value "${value}")
  set(${out} "\"${value}\"" PARENT_SCOPE)
endfunction()

# _release_ci_label(<key> <value>)
# Appends org.opencontainers.image.<key>="<value>" to _ci_LABEL_LINES of the
# caller (a macro: it works on add_container_image's variables).
macro(_release_ci_label key value)
  _release_ci_quote(_release_ci_q "${value}")
  if(_ci_LABEL_LINES STREQUAL "")
    set(_ci_LABEL_LINES "LABEL org.opencontainers.image.${key}=${_release_ci_q}")
  else()
    string(APPEND _ci_LABEL_LINES " \\\n      org.opencontainers.image.${key}=${_release_ci_q}")
  endif()
endmacro()

# _release_ci_relative(<out-var> <path> <base>)
# <path> relative to <base>, or "" when <path> is not inside <base>
# ("." when they are the same directory).
function(_release_ci_relative out path base)
  cmake_path(IS_PREFIX base "${path}" NORMALIZE inside)
  if(NOT inside)
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  cmake_path(RELATIVE_PATH path BASE_DIRECTORY "${base}" OUTPUT_VARIABLE rel)
  if(rel STREQUAL "")
    set(rel ".")
  endif()
  string(REGEX REPLACE "/$" "" rel "${rel}")
  set(${out} "${rel}" PARENT_SCOPE)
endfunction()

# _release_ci_check_ours(<name> <file> <keyword>)
# Fails when <file> exists and was not written by add_container_image.
function(_release_ci_check_ours name file keyword)
  if(NOT EXISTS "${file}")
    return()
  endif()
  if(IS_DIRECTORY "${file}")
    _release_ci_fail("${name}" "${keyword} '${file}' is a directory. "
      "Name a file (or leave DOCKERFILE out for the default).")
  endif()
  file(STRINGS "${file}" head LIMIT_COUNT 3)
  string(FIND "${head}" "${_RELEASE_CI_MARK}" at)
  if(at LESS 0)
    _release_ci_fail("${name}" "'${file}' already exists and was not written by "
      "add_container_image, so it is left alone. Move it away, or set DOCKERFILE "
      "to another path.")
  endif()
endfunction()

# _release_ci_known_glibc(<out-var> <image>)
# The glibc version of a well-known base image (see _RELEASE_CI_GLIBC_TABLE),
# or "" when the image is not known.
function(_release_ci_known_glibc out image)
  set(ref "${image}")
  string(REGEX REPLACE "@.*$" "" ref "${ref}")
  set(tag "")
  if(ref MATCHES "^(.*):([^:/]*)$")
    set(ref "${CMAKE_MATCH_1}")
    set(tag "${CMAKE_MATCH_2}")
  endif()
  string(REGEX REPLACE "^(index\\.)?docker\\.io/" "" ref "${ref}")
  string(REGEX REPLACE "^library/" "" ref "${ref}")
  # bookworm-20240211-slim, jammy-20240111: the dated builds of a release.
  string(REGEX REPLACE "-slim$" "" tag "${tag}")
  string(REGEX REPLACE "-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$" "" tag "${tag}")
  set(found "")
  foreach(entry IN LISTS _RELEASE_CI_GLIBC_TABLE)
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 key)
    list(GET entry 1 version)
    if(key STREQUAL "${ref}:${tag}" OR key STREQUAL "${ref}")
      set(found "${version}")
      break()
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# _release_ci_platform_of_host(<out-var>)
# The container platform of the machine CMake runs on ("" when not known).
function(_release_ci_platform_of_host out)
  set(p "")
  set(cpu "${CMAKE_HOST_SYSTEM_PROCESSOR}")
  if(cpu MATCHES "^(x86_64|amd64|AMD64)$")
    set(p linux/amd64)
  elseif(cpu MATCHES "^(aarch64|arm64)$")
    set(p linux/arm64)
  elseif(cpu MATCHES "^armv[78]")
    set(p linux/arm/v7)
  elseif(cpu MATCHES "^(riscv64|ppc64le|s390x)$")
    set(p "linux/${cpu}")
  elseif(cpu MATCHES "^i[3-6]86$")
    set(p linux/386)
  endif()
  set(${out} "${p}" PARENT_SCOPE)
endfunction()

function(add_container_image name)
  set(options HOST_RELEASE)
  _release_ci_constants()
  set(one TAG BUILDER_IMAGE RUNTIME_IMAGE USER CONTEXT DOCKERFILE RELEASE PLATFORM GLIBC_VERSION
    DOCKERFILE_SYNTAX)
  set(multi BUILD_PACKAGES RUNTIME_PACKAGES PORTS ENV CMAKE_ARGS CMD VOLUMES ENGINE_ARGS
    HEALTHCHECK RUNTIME_FILES)
  cmake_parse_arguments(PARSE_ARGV 1 arg "${options}" "${one}" "${multi}")

  # ---- checks, all before any side effect ----
  if(NOT name MATCHES "${_RELEASE_CI_IMAGE_NAME_REGEX}")
    message(FATAL_ERROR "add_container_image: the name '${name}' is not valid. "
      "It becomes part of target and file names: use letters, digits and . _ + - "
      "(starting with a letter or digit).")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    list(JOIN arg_UNPARSED_ARGUMENTS " " unparsed)
    _release_ci_fail("${name}" "unknown arguments: ${unparsed}. "
      "Known keywords: RELEASE TAG BUILDER_IMAGE RUNTIME_IMAGE BUILD_PACKAGES "
      "RUNTIME_PACKAGES PORTS ENV USER CONTEXT CMAKE_ARGS DOCKERFILE PLATFORM GLIBC_VERSION "
      "CMD VOLUMES ENGINE_ARGS DOCKERFILE_SYNTAX HOST_RELEASE HEALTHCHECK RUNTIME_FILES.")
  endif()
  if(arg_KEYWORDS_MISSING_VALUES)
    list(JOIN arg_KEYWORDS_MISSING_VALUES " " missing)
    _release_ci_fail("${name}" "keyword(s) given without a value: ${missing}. "
      "Give each a value, or leave the keyword out for its default.")
  endif()
  if(TARGET "container-image-${name}")
    _release_ci_fail("${name}" "an image named '${name}' already exists "
      "(target container-image-${name}). Give each add_container_image() call its own name.")
  endif()

  # RELEASE: a release declared before this call.
  if(NOT DEFINED arg_RELEASE)
    _release_ci_fail("${name}" "no RELEASE given. Name the release the image "
      "carries: add_container_image(${name} RELEASE <release-name>), after its add_release().")
  endif()
  get_property(known GLOBAL PROPERTY RELEASE_NAMES)
  if(NOT arg_RELEASE IN_LIST known OR NOT TARGET "release-${arg_RELEASE}")
    if(known)
      list(JOIN known ", " known_text)
    else()
      set(known_text "none")
    endif()
    _release_ci_fail("${name}" "unknown release '${arg_RELEASE}' "
      "(releases declared so far: ${known_text}). Call add_release(${arg_RELEASE} ...) "
      "before add_container_image(), and check the spelling.")
  endif()
  set(rel "${arg_RELEASE}")
  foreach(p RELEASE_NAME RELEASE_VERSION RELEASE_DIR RELEASE_PREFIX)
    get_target_property(${p} "release-${rel}" ${p})
    if(NOT ${p})
      _release_ci_fail("${name}" "target release-${rel} has no ${p} property; "
        "was it made by add_release()?")
    endif()
  endforeach()

  # TAG, base images.
  if(DEFINED arg_TAG)
    set(tag "${arg_TAG}")
  else()
    string(REGEX REPLACE "[^A-Za-z0-9_.-]" "_" vsn_tag "${RELEASE_VERSION}")
    set(tag "${name}:${vsn_tag}")
    if(NOT name MATCHES "${_RELEASE_CI_REPO_REGEX}")
      _release_ci_fail("${name}" "the default TAG '${tag}' is not a valid image "
        "reference (image names are lower case). Give a TAG, e.g. "
        "TAG myapp:${vsn_tag}.")
    endif()
  endif()
  _release_ci_check_reference("${name}" TAG "${tag}")
  set(builder_image "debian:bookworm")
  set(runtime_image "debian:bookworm-slim")
  if(DEFINED arg_BUILDER_IMAGE)
    _release_ci_check_reference("${name}" BUILDER_IMAGE "${arg_BUILDER_IMAGE}")
    set(builder_image "${arg_BUILDER_IMAGE}")
  endif()
  if(DEFINED arg_RUNTIME_IMAGE)
    _release_ci_check_reference("${name}" RUNTIME_IMAGE "${arg_RUNTIME_IMAGE}")
    set(runtime_image "${arg_RUNTIME_IMAGE}")
  endif()

  # PLATFORM: given, else the toolchain's, else none (the engine's own).
  set(platform "")
  set(platform_origin "")
  if(DEFINED arg_PLATFORM)
    set(platform "${arg_PLATFORM}")
    set(platform_origin "PLATFORM")
  elseif(NOT "${RELEASE_CONTAINER_PLATFORM}" STREQUAL "")
    set(platform "${RELEASE_CONTAINER_PLATFORM}")
    set(platform_origin "the toolchain's RELEASE_CONTAINER_PLATFORM")
  endif()
  if(platform STREQUAL "linux/arm64/v8")
    set(platform linux/arm64)
  endif()
  set(target_triple "")
  set(target_arch "")
  set(known_platforms "")
  foreach(entry IN LISTS _RELEASE_PLATFORMS)
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 2 p)
    list(APPEND known_platforms "${p}")
    if(p STREQUAL platform)
      list(GET entry 0 target_triple)
      list(GET entry 3 target_arch)
    endif()
  endforeach()
  if(NOT platform STREQUAL "" AND target_triple STREQUAL "")
    list(JOIN known_platforms ", " known_text)
    _release_ci_fail("${name}" "${platform_origin} '${platform}' is not a platform "
      "cmake-release can build images for. Use one of: ${known_text} "
      "(<os>/<arch>[/<variant>], as docker build --platform takes it).")
  endif()
  # The builder stage cross-compiles when the image is for another machine
  # than this one (the engine is taken to run here).
  _release_ci_platform_of_host(host_platform)
  set(cross FALSE)
  if(NOT platform STREQUAL "" AND NOT platform STREQUAL host_platform)
    set(cross TRUE)
  endif()

  # GLIBC_VERSION: the runtime image's glibc, for images the table does not know.
  if(DEFINED arg_GLIBC_VERSION AND NOT arg_GLIBC_VERSION MATCHES "^[0-9]+\\.[0-9]+$")
    _release_ci_fail("${name}" "GLIBC_VERSION '${arg_GLIBC_VERSION}' is not a glibc "
      "version. Give the runtime image's glibc as <major>.<minor>, e.g. 2.36 "
      "(ldd --version in the image tells it).")
  endif()

  # Packages.
  foreach(kw BUILD_PACKAGES RUNTIME_PACKAGES)
    foreach(pkg IN LISTS arg_${kw})
      if(NOT pkg MATCHES "${_RELEASE_CI_DEB_REGEX}")
        _release_ci_fail("${name}" "${kw} '${pkg}' is not a Debian package name. "
          "Use names as apt-get takes them: lower case, e.g. libsqlite3-dev, "
          "optionally with :<arch> or =<version>.")
      endif()
    endforeach()
  endforeach()

  # PORTS.
  foreach(port IN LISTS arg_PORTS)
    if(NOT port MATCHES "^([0-9]+)(/(tcp|udp))?$"
        OR CMAKE_MATCH_1 LESS 1 OR CMAKE_MATCH_1 GREATER 65535)
      _release_ci_fail("${name}" "PORTS '${port}' is not a port. "
        "Use a number from 1 to 65535, optionally followed by /tcp or /udp (e.g. 8080 or 53/udp).")
    endif()
  endforeach()

  # ENV.
  foreach(item IN LISTS arg_ENV)
    if(NOT item MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=")
      _release_ci_fail("${name}" "ENV '${item}' is not VAR=value. "
        "Write each item as NAME=value, NAME made of letters, digits and _ (not starting with a digit).")
    endif()
    if(item MATCHES "\n")
      _release_ci_fail("${name}" "ENV '${item}' holds a line break, which a Dockerfile cannot carry. "
        "Set such values at run time (docker run -e).")
    endif()
  endforeach()

  # USER.
  set(user "65532:65532")
  if(DEFINED arg_USER)
    if(NOT arg_USER MATCHES "^([0-9]+):([0-9]+)$")
      _release_ci_fail("${name}" "USER '${arg_USER}' is not <uid>:<gid> in numbers. "
        "Use numeric ids such as 65532:65532: a user name cannot be checked as "
        "non-root (Kubernetes runAsNonRoot needs a number), and the runtime image "
        "need not know the name.")
    endif()
    if(CMAKE_MATCH_1 EQUAL 0)
      _release_ci_fail("${name}" "USER '${arg_USER}' runs the release as root. "
        "Use a non-root uid, e.g. the default 65532:65532.")
    endif()
    set(user "${arg_USER}")
  endif()

  # CMAKE_ARGS, CMD, ENGINE_ARGS, VOLUMES, DOCKERFILE_SYNTAX.
  foreach(a IN LISTS arg_CMAKE_ARGS)
    if(a MATCHES "\n")
      _release_ci_fail("${name}" "CMAKE_ARGS '${a}' holds a line break. Give each argument on one line.")
    endif()
  endforeach()
  _release_ci_check_run_args("${name}")
  if(DEFINED arg_DOCKERFILE_SYNTAX)
    _release_ci_check_reference("${name}" DOCKERFILE_SYNTAX "${arg_DOCKERFILE_SYNTAX}")
  endif()
  _release_ci_runtime_check("${name}")   # ContainerImageRuntime.cmake

  # CONTEXT: it must hold the project and cmake-release's modules and templates.
  if(NOT host_release)
    set(context "${CMAKE_SOURCE_DIR}")
    if(DEFINED arg_CONTEXT)
      cmake_path(ABSOLUTE_PATH arg_CONTEXT BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
        NORMALIZE OUTPUT_VARIABLE context)
      if(NOT IS_DIRECTORY "${context}")
        _release_ci_fail("${name}" "CONTEXT '${arg_CONTEXT}' is not a directory. "
          "Give the directory the engine builds from (relative paths start at "
          "this CMakeLists.txt's directory).")
      endif()
    endif()
    file(REAL_PATH "${context}" context)
    string(REGEX REPLACE "(.)/$" "\\1" context "${context}")
    file(REAL_PATH "${CMAKE_SOURCE_DIR}" top_source)
    _release_ci_relative(source_rel "${top_source}" "${context}")
    if(source_rel STREQUAL "")
      _release_ci_fail("${name}" "the build context '${context}' does not hold the "
        "project's top-level source directory '${top_source}', which the builder stage "
        "configures. Set CONTEXT to a directory that contains it.")
    endif()
    # Where the build tree and cmake-release are, seen from the context.
    _release_ci_context_layout("${name}" "${context}")

    # A cross image configures with cmake-release's toolchain file for the
    # target, which the builder finds in the context.
    set(toolchain_rel "")
    if(cross)
      set(toolchain_file "${_RELEASE_CI_TOOLCHAIN_DIR}/${target_triple}.cmake")
      if(EXISTS "${toolchain_file}")
        file(REAL_PATH "${toolchain_file}" toolchain_file)
        if(copy_rel STREQUAL "")
          _release_ci_relative(toolchain_rel "${toolchain_file}" "${context}")
        else()
          set(toolchain_rel "${copy_rel}/toolchains/${target_triple}.cmake")
        endif()
      endif()
      if(toolchain_rel STREQUAL "")
        _release_ci_fail("${name}" "an image for ${platform} is cross-compiled by the "
          "builder stage with cmake-release's toolchains/${target_triple}.cmake, which "
          "must lie in the build context '${context}' (it was looked for at "
          "'${toolchain_file}'). Put cmake-release, with its toolchains/ directory, inside "
          "the context (vendored or a git submodule), or set CONTEXT to a directory that "
          "holds both the project and cmake-release.")
      endif()
    endif()

    # The release directory as the builder stage will find it.
    _release_ci_relative(release_rel "${RELEASE_DIR}" "${CMAKE_BINARY_DIR}")
    if(release_rel STREQUAL "" OR release_rel STREQUAL ".")
      _release_ci_fail("${name}" "the release directory '${RELEASE_DIR}' of release "
        "'${rel}' is not inside the build directory '${top_binary}', so the builder "
        "stage cannot know where it will be. Give add_release() an OUTPUT_DIRECTORY "
        "inside the build directory (or none).")
    endif()
  else()
    # HOST_RELEASE: the image copies the release directory as it is, which is
    # the context; none of the above applies.
    set(context "${RELEASE_DIR}")
    file(REAL_PATH "${CMAKE_SOURCE_DIR}" top_source)
  endif()

  # DOCKERFILE and its ignore file.
  set(dockerfile "${CMAKE_BINARY_DIR}/${name}.Dockerfile")
  if(DEFINED arg_DOCKERFILE)
    cmake_path(ABSOLUTE_PATH arg_DOCKERFILE BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
      NORMALIZE OUTPUT_VARIABLE dockerfile)
  endif()
  set(ignorefile "${dockerfile}.dockerignore")
  _release_ci_check_ours("${name}" "${dockerfile}" DOCKERFILE)
  _release_ci_check_ours("${name}" "${ignorefile}" "DOCKERFILE's ignore file")
  foreach(f IN ITEMS "${dockerfile}" "${ignorefile}")
    get_property(owner GLOBAL PROPERTY "_RELEASE_CI_FILE_${f}")
    if(owner)
      _release_ci_fail("${name}" "'${f}' is already written by add_container_image(${owner}). "
        "Give this image its own DOCKERFILE.")
    endif()
  endforeach()

  # ---- everything is checked: compute the Dockerfile's parts ----
  if(source_rel STREQUAL ".")
    set(src_in_builder "/src")
    set(_ci_CONTEXT_DESC "the project's top-level source directory")
  else()
    set(src_in_builder "/src/${source_rel}")
    cmake_path(RELATIVE_PATH context BASE_DIRECTORY "${top_source}" OUTPUT_VARIABLE up)
    string(REGEX REPLACE "/$" "" up "${up}")
    set(_ci_CONTEXT_DESC "'${up}' from the project's top-level source directory")
  endif()

  set(_ci_NAME "${name}")
  set(_ci_RELEASE "${RELEASE_NAME}")
  set(_ci_TAG "${tag}")
  set(_ci_BUILDER_IMAGE "${builder_image}")
  set(_ci_RUNTIME_IMAGE "${runtime_image}")
  set(_ci_USER "${user}")

  set(_ci_BUILDER_FROM "FROM \${BUILDER_IMAGE} AS builder")
  set(_ci_RUNTIME_FROM "FROM \${RUNTIME_IMAGE} AS runtime")
  set(_ci_ADD_ARCH "")
  set(_ci_PLATFORM_COMMENT "")
  set(toolchain_args "")
  if(cross)
    # The builder runs on the build machine's own platform and cross-compiles:
    # its tools (cmake, ninja, patchelf, pkg-config, ccache) are native, the
    # compiler is Debian's g++-<triple>, and the libraries the release links
    # are the target's (<package>:<arch>). BUILD_PACKAGES that look like
    # libraries (lib*, *-dev) are taken for the target; other names are tools
    # and stay native; a package with its own :<arch> is left as written.
    # g++ for the build machine too: add_release() compiles its native helper
    # (release-loader) for the machine that runs the build.
    set(build_packages cmake ninja-build g++ "g++-${target_triple}" patchelf pkgconf ccache)
    foreach(pkg IN LISTS arg_BUILD_PACKAGES)
      if(pkg MATCHES "^([^:=]+)(=.*)?$")
        set(pkg_name "${CMAKE_MATCH_1}")
        set(pkg_version "${CMAKE_MATCH_2}")
        if(pkg_name MATCHES "^lib|-dev$")
          set(pkg "${pkg_name}:${target_arch}${pkg_version}")
        endif()
      endif()
      list(APPEND build_packages "${pkg}")
    endforeach()
    set(_ci_BUILDER_FROM "FROM --platform=\$BUILDPLATFORM \${BUILDER_IMAGE} AS builder")
    set(_ci_RUNTIME_FROM "FROM --platform=${platform} \${RUNTIME_IMAGE} AS runtime")
    set(_ci_ADD_ARCH "    dpkg --add-architecture ${target_arch} \\\n && ")
    string(CONCAT _ci_PLATFORM_COMMENT
      "#\n"
      "# The image is for ${platform}. The builder stage runs on the build machine's\n"
      "# platform ($BUILDPLATFORM) and cross-compiles with g++-${target_triple} and the\n"
      "# target's ${target_arch} -dev packages, configured with cmake-release's toolchain\n"
      "# file; the runtime stage is the ${platform} base and, without RUNTIME_PACKAGES,\n"
      "# runs nothing, so nothing is emulated. Build it with --platform ${platform}\n"
      "# (Podman 4.3 also needs --build-arg BUILDPLATFORM=${host_platform}, or its\n"
      "# builder stage would be the ${platform} image, run emulated).\n")
    list(APPEND toolchain_args "-DCMAKE_TOOLCHAIN_FILE=/src/${toolchain_rel}")
  else()
    set(build_packages cmake ninja-build g++ patchelf pkgconf ccache ${arg_BUILD_PACKAGES})
    set(_ci_ADD_ARCH "    ")
  endif()
  list(REMOVE_DUPLICATES build_packages)
  list(JOIN build_packages " \\\n      " _ci_BUILD_PACKAGES_LINES)
  string(PREPEND _ci_BUILD_PACKAGES_LINES "      ")

  # The builder finds cmake-release where the context has it, also when this
  # configure found it through an absolute path given on the command line.
  set(module_args "")
  if(NOT copy_rel STREQUAL "" AND NOT host_release)
    cmake_path(GET module_dir PARENT_PATH release_root)
    _release_ci_stage_modules(module_args "${release_root}" "${top_binary}/${_RELEASE_CI_MODULE_COPY}"
      "/src/${copy_rel}")
  else()
    list(APPEND module_args "-DCMAKE_MODULE_PATH=/src/${module_rel}")
  endif()
  if(CMakeRelease_DIR AND copy_rel STREQUAL "" AND NOT host_release)
    file(REAL_PATH "${CMakeRelease_DIR}" package_dir)
    _release_ci_relative(package_rel "${package_dir}" "${context}")
    _release_ci_relative(package_in_build "${package_dir}" "${top_binary}")
    if(NOT package_rel STREQUAL "" AND package_in_build STREQUAL "")
      list(APPEND module_args "-DCMakeRelease_DIR=/src/${package_rel}")
    endif()
  endif()
  # The release gets this build's version, however the project computes it
  # (git is not in the context): see ReleaseVersionOverride.cmake.
  _release_ci_json_array(_ci_CONFIGURE_JSON cmake -S "${src_in_builder}" -B /build -G Ninja
    --no-warn-unused-cli -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF ${module_args}
    ${toolchain_args} "-DRELEASE_VERSION_OVERRIDE=${rel}=${RELEASE_VERSION}" LIST arg_CMAKE_ARGS)
  _release_ci_json_array(_ci_BUILD_JSON cmake --build /build --target "release-${rel}")
  set(_ci_BUILDER_RELEASE_DIR "/build/${release_rel}")
  set(_ci_BUILDER_MANIFEST "/build/${release_rel}/releases/${RELEASE_VERSION}/manifest.txt")
  set(_ci_RUNTIME_RELEASE_DIR "${RELEASE_PREFIX}")

  if(arg_RUNTIME_PACKAGES)
    list(JOIN arg_RUNTIME_PACKAGES " \\\n      " pkgs)
    string(CONCAT _ci_RUNTIME_RUN
      "# Packages the release does not carry (RUNTIME_PACKAGES); the apt lists and\n"
      "# downloads stay in cache mounts, out of the image. These mounts have ids of\n"
      "# their own: with the builder's, Podman 4.3 was seen to wait forever here for\n"
      "# the lock the builder stage took on them.\n"
      "RUN --mount=type=cache,id=runtime-apt-cache,target=/var/cache/apt,sharing=locked \\\n"
      "    --mount=type=cache,id=runtime-apt-lists,target=/var/lib/apt,sharing=locked \\\n"
      "    rm -f /etc/apt/apt.conf.d/docker-clean \\\n"
      " && apt-get update \\\n"
      " && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\\n"
      "      ${pkgs}\n")
  else()
    set(_ci_RUNTIME_RUN "# No RUNTIME_PACKAGES: nothing runs in this stage, it only copies.\n")
  endif()

  set(_ci_ENV_LINES "")
  foreach(item IN LISTS arg_ENV)
    _release_split_env("${item}" var value)
    _release_ci_quote(q "${value}")
    string(APPEND _ci_ENV_LINES "ENV ${var}=${q}\n")
  endforeach()

  # What `docker run` needs: the release's REQUIRED_ENV and the ports.
  get_target_property(required_env "release-${rel}" RELEASE_REQUIRED_ENV)
  set(_ci_RUN_EXAMPLE "")
  set(_ci_REQUIRED_ENV_COMMENT "")
  foreach(port IN LISTS arg_PORTS)
    string(REGEX REPLACE "/tcp$" "" port "${port}")
    if(port MATCHES "^([0-9]+)/udp$")
      string(APPEND _ci_RUN_EXAMPLE " -p ${CMAKE_MATCH_1}:${CMAKE_MATCH_1}/udp")
    else()
      string(APPEND _ci_RUN_EXAMPLE " -p ${port}:${port}")
    endif()
  endforeach()
  if(required_env)
    foreach(var IN LISTS required_env)
      string(APPEND _ci_RUN_EXAMPLE " -e ${var}=...")
    endforeach()
    list(JOIN required_env " " vars)
    set(_ci_REQUIRED_ENV_COMMENT
      "# The release does not start without these; give them at run time (-e):\n# ${vars}\n")
  endif()

  set(_ci_EXPOSE_LINES "")
  if(arg_PORTS)
    list(JOIN arg_PORTS " " ports)
    set(_ci_EXPOSE_LINES "EXPOSE ${ports}\n")
  endif()

  # OCI labels: what is known now. The revision is the commit checked out when
  # CMake configured; created only with SOURCE_DATE_EPOCH, so that two builds
  # of one commit give the same image configuration.
  # Built as text, not as a list: a description may hold a semicolon.
  set(_ci_LABEL_LINES "")
  _release_ci_label(title "${RELEASE_NAME}")
  _release_ci_label(version "${RELEASE_VERSION}")
  if(NOT "${CMAKE_PROJECT_DESCRIPTION}" STREQUAL "")
    _release_ci_label(description "${CMAKE_PROJECT_DESCRIPTION}")
  endif()
  if(NOT "${CMAKE_PROJECT_HOMEPAGE_URL}" STREQUAL "")
    _release_ci_label(url "${CMAKE_PROJECT_HOMEPAGE_URL}")
  endif()
  _release_ci_revision(revision "${top_source}")
  if(NOT revision STREQUAL "")
    _release_ci_label(revision "${revision}")
  endif()
  if(DEFINED ENV{SOURCE_DATE_EPOCH} AND "$ENV{SOURCE_DATE_EPOCH}" MATCHES "^[0-9]+$")
    string(TIMESTAMP created "%Y-%m-%dT%H:%M:%SZ" UTC)
    _release_ci_label(created "${created}")
  endif()

  # The ignore file: our patterns, the build trees inside the context, then
  # the user's own .dockerignore/.containerignore of the context (BuildKit and
  # Buildah read <Dockerfile>.dockerignore instead of the context's file).
  _release_ci_ignore_build_trees(_ci_IGNORE_BUILD_DIRS "${context}" "${bin_rel}" "${copy_rel}")
  set(_ci_IGNORE_USER "")
  foreach(f IN ITEMS .dockerignore .containerignore)
    if(EXISTS "${context}/${f}")
      file(READ "${context}/${f}" user_ignore)
      string(APPEND _ci_IGNORE_USER "# From the context's ${f}:\n${user_ignore}\n")
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${context}/${f}")
    endif()
  endforeach()

  # ---- the glibc check's facts, for the build step ----
  # The builder stage builds the release against the builder image's glibc;
  # the image runs it on the runtime image's. A builder newer than the runtime
  # is the "GLIBC_2.xx not found" trap: the build step refuses it before it
  # runs the engine. The release this machine built (when it is for the same
  # platform) is looked at too, as a hint.
  _release_ci_known_glibc(builder_glibc "${builder_image}")
  if(DEFINED arg_GLIBC_VERSION)
    set(runtime_glibc "${arg_GLIBC_VERSION}")
    set(runtime_glibc_origin "GLIBC_VERSION")
  else()
    _release_ci_known_glibc(runtime_glibc "${runtime_image}")
    set(runtime_glibc_origin "")
  endif()
  set(host_release_platform "${host_platform}")
  if(CMAKE_CROSSCOMPILING)
    set(host_release_platform "${RELEASE_CONTAINER_PLATFORM}")
  endif()
  set(image_platform "${platform}")
  if(image_platform STREQUAL "")
    set(image_platform "${host_platform}")
  endif()
  set(host_manifest "")
  get_target_property(release_work "release-${rel}" RELEASE_WORK_DIR)
  if(release_work AND host_release_platform STREQUAL image_platform)
    set(host_manifest "${release_work}/manifest.txt")
  endif()

  set(_ci_RUNTIME_GLIBC "${runtime_glibc}")
  _release_ci_run_parts("${user}" "${volumes}")
  _release_ci_engine_args_arg(engine_args_arg)
  _release_ci_runtime_parts("${user}")             # ContainerImageRuntime.cmake
  _release_ci_runtime_step_args(runtime_step_args)

  configure_file("${_RELEASE_CI_TEMPLATE_DIR}/Dockerfile.in" "${dockerfile}" @ONLY)
  configure_file("${_RELEASE_CI_TEMPLATE_DIR}/${ignore_template}" "${ignorefile}" @ONLY)
  set_property(GLOBAL PROPERTY "_RELEASE_CI_FILE_${dockerfile}" "${name}")
  set_property(GLOBAL PROPERTY "_RELEASE_CI_FILE_${ignorefile}" "${name}")

  # ---- targets ----
  add_custom_target("container-image-${name}"
    COMMAND "${CMAKE_COMMAND}"
      "-DIMAGE_NAME=${name}"
      "-DENGINE=$CACHE{RELEASE_CONTAINER_ENGINE}"
      "${engine_args_arg}"
      "-DDOCKERFILE=${dockerfile}"
      "-DIGNOREFILE=${ignorefile}"
      "-DCONTEXT=${context}"
      "-DTAG=${tag}"
      "-DPLATFORM=${platform}"
      "-DBUILD_PLATFORM=${host_platform}"
      "-DBUILDER_IMAGE=${builder_image}"
      "-DRUNTIME_IMAGE=${runtime_image}"
      "-DBUILDER_GLIBC=${builder_glibc}"
      "-DRUNTIME_GLIBC=${runtime_glibc}"
      "-DRUNTIME_GLIBC_ORIGIN=${runtime_glibc_origin}"
      "-DHOST_MANIFEST=${host_manifest}"
      "-DRELEASE_HERMETIC=$<TARGET_PROPERTY:release-${rel},RELEASE_HERMETIC>"
      ${runtime_step_args}
      -P "${_RELEASE_CI_MODULE_DIR}/steps/container-build.cmake"
    COMMENT "Building container image ${tag}"
    SOURCES "${dockerfile}"
    USES_TERMINAL
    VERBATIM)
  if(NOT TARGET container-image)
    add_custom_target(container-image)
  endif()
  add_dependencies(container-image "container-image-${name}")
  if(host_release)
    add_dependencies("container-image-${name}" "release-${rel}")
  endif()
  set_target_properties("container-image-${name}" PROPERTIES
    RELEASE_IMAGE_NAME "${name}"
    RELEASE_IMAGE_TAG "${tag}"
    RELEASE_IMAGE_RELEASE "${rel}"
    RELEASE_IMAGE_DOCKERFILE "${dockerfile}"
    RELEASE_IMAGE_CONTEXT "${context}"
    RELEASE_IMAGE_PLATFORM "${platform}")
  set_property(GLOBAL APPEND PROPERTY RELEASE_IMAGE_NAMES "${name}")
endfunction()

cmake_policy(POP)

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
# The module's constants, set in the scope of the caller. The public
# functions call it first, after including the helper files (they only
# define functions and variables): variables set at file level would be
# invisible in a sibling directory that did not include() the module itself
# (include_guard(GLOBAL) stops the second include).
function(_release_ci_constants)
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
  return(PROPAGATE _RELEASE_CI_MODULE_DIR _RELEASE_CI_TEMPLATE_DIR _RELEASE_CI_TOOLCHAIN_DIR
    _RELEASE_CI_MARK _RELEASE_CI_REPO_REGEX _RELEASE_CI_TAG_REGEX _RELEASE_CI_DEB_REGEX
    _RELEASE_CI_IMAGE_NAME_REGEX _RELEASE_CI_GLIBC_TABLE)
endfunction()

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

# add_container_image() is a sequence of phases, each a function that shares
# its scope: it reads the arg_* values and what earlier phases computed, and
# hands back what it computes with return(PROPAGATE). The checks are in
# ContainerImageChecks.cmake, the Dockerfile's parts in
# ContainerImageDockerfile.cmake, the rest below.

# _release_ci_glibc_facts(<image>)
# What the build step's glibc check needs.
function(_release_ci_glibc_facts name)
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

  set(RELEASE_IMAGE_RUNTIME_GLIBC "${runtime_glibc}")
  return(PROPAGATE builder_glibc runtime_glibc runtime_glibc_origin host_manifest RELEASE_IMAGE_RUNTIME_GLIBC)
endfunction()

# _release_ci_declare(<image>)
# The targets container-image-<image> and container-image: the build step
# (steps/container-build.cmake) runs the engine.
function(_release_ci_declare name)
  set(work "${CMAKE_BINARY_DIR}/_release/.container-image/${name}")
  _release_ci_runtime_step_args()        # ContainerImageRuntime.cmake: glibc_check, image_format
  set(engine "$CACHE{RELEASE_CONTAINER_ENGINE}")
  set(engine_args ${arg_ENGINE_ARGS} $CACHE{RELEASE_CONTAINER_ENGINE_ARGS})
  _release_step_call("${work}" container-build IMAGE_NAME=name ENGINE=engine
    ENGINE_ARGS=engine_args DOCKERFILE=dockerfile IGNOREFILE=ignorefile CONTEXT=context TAG=tag
    PLATFORM=platform BUILD_PLATFORM=host_platform BUILDER_IMAGE=builder_image
    RUNTIME_IMAGE=runtime_image BUILDER_GLIBC=builder_glibc RUNTIME_GLIBC=runtime_glibc
    RUNTIME_GLIBC_ORIGIN=runtime_glibc_origin HOST_MANIFEST=host_manifest
    HERMETIC=release_hermetic GLIBC_CHECK=glibc_check IMAGE_FORMAT=image_format)
  _release_step_run(command depends "${work}" container-build)
  add_custom_target("container-image-${name}"
    COMMAND ${command}
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
endfunction()

# _release_ci_record(<image>)
# The image's target properties and the global list of images.
function(_release_ci_record name)
  set_target_properties("container-image-${name}" PROPERTIES
    RELEASE_IMAGE_NAME "${name}"
    RELEASE_IMAGE_TAG "${tag}"
    RELEASE_IMAGE_RELEASE "${rel}"
    RELEASE_IMAGE_DOCKERFILE "${dockerfile}"
    RELEASE_IMAGE_CONTEXT "${context}"
    RELEASE_IMAGE_PLATFORM "${platform}")
  set_property(GLOBAL APPEND PROPERTY RELEASE_IMAGE_NAMES "${name}")
endfunction()

function(add_container_image name)
  foreach(module ReleasePlatforms ReleaseCommon ReleaseStepConfig ContainerImageChecks
      ContainerImageDockerfile ContainerImageContext ContainerImageRun ContainerImageRuntime)
    include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${module}.cmake")
  endforeach()
  _release_ci_constants()
  set(options HOST_RELEASE)
  set(one TAG BUILDER_IMAGE RUNTIME_IMAGE USER CONTEXT DOCKERFILE RELEASE PLATFORM GLIBC_VERSION
    DOCKERFILE_SYNTAX)
  set(multi BUILD_PACKAGES RUNTIME_PACKAGES PORTS ENV CMAKE_ARGS CMD VOLUMES ENGINE_ARGS
    HEALTHCHECK RUNTIME_FILES)
  cmake_parse_arguments(PARSE_ARGV 1 arg "${options}" "${one}" "${multi}")

  _release_ci_check_name(add_container_image "${name}")
  # Parse and validate (every check before any side effect), compute the
  # Dockerfile's parts, write it, declare the targets, record.
  _release_ci_check_call("${name}")
  _release_ci_check_images("${name}")
  _release_ci_check_platform("${name}")
  _release_ci_runtime_check("${name}")   # ContainerImageRuntime.cmake: HOST_RELEASE, bases, HEALTHCHECK
  _release_ci_check_values("${name}")
  _release_ci_check_context("${name}")
  _release_ci_check_dockerfile("${name}")
  _release_ci_builder_stage("${name}")
  _release_ci_runtime_stage("${name}")
  _release_ci_glibc_facts("${name}")
  _release_ci_write_files("${name}")
  _release_ci_declare("${name}")
  _release_ci_record("${name}")
endfunction()

cmake_policy(POP)

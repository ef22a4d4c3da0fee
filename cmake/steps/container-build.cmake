# Build-time step of add_container_image(): picks a container engine that
# builds and builds one image with it.
#
#   cmake -DIMAGE_NAME=<name> -DENGINE=<engine or empty> -DDOCKERFILE=<file>
#         -DIGNOREFILE=<file> -DCONTEXT=<dir> -DTAG=<image:tag>
#         [-DENGINE_ARGS=<arg>;...] [-DPLATFORM=<os/arch> -DBUILD_PLATFORM=<os/arch>]
#         [-DBUILDER_IMAGE=<image> -DRUNTIME_IMAGE=<image>
#          -DBUILDER_GLIBC=<x.y> -DRUNTIME_GLIBC=<x.y> -DRUNTIME_GLIBC_ORIGIN=<keyword>
#          -DHOST_MANIFEST=<manifest.txt>]
#         [-DGLIBC_CHECK=builder|host|hermetic -DIMAGE_FORMAT=docker]
#         (see container-runtime.cmake)
#         -P container-build.cmake
#
# Before any engine is asked, the glibc check: a builder image whose glibc is
# newer than the runtime image's fails the build (see below).
#
# ENGINE is the cache variable RELEASE_CONTAINER_ENGINE; when it is empty the
# environment variable of the same name decides, and when that is empty too,
# the first of docker, podman, buildah that builds. Being on PATH is not
# enough, nor is answering `info`: a docker CLI without its daemon, or one
# without BuildKit (a 23+ CLI whose buildx component is missing), is on PATH
# on many machines. Each engine is asked to build a one-file image from
# scratch (BuildKit, as the real build uses); the first that does is used,
# and what was passed over is printed with the reason.
cmake_minimum_required(VERSION 3.25)

foreach(v IMAGE_NAME DOCKERFILE IGNOREFILE CONTEXT TAG)
  if(NOT DEFINED ${v} OR "${${v}}" STREQUAL "")
    message(FATAL_ERROR "container-build.cmake: -D${v}=... is required (this script is run by the container-image targets)")
  endif()
endforeach()

function(_release_ci_build_fail)
  string(JOIN "" msg ${ARGN})
  message(FATAL_ERROR "add_container_image(${IMAGE_NAME}): ${msg}")
endfunction()

# _release_ci_engine_kind(<out-var> <exe>): podman, buildah or docker (any
# other name is taken to understand docker's command line). Only the file
# name decides.
function(_release_ci_engine_kind out exe)
  get_filename_component(n "${exe}" NAME)
  if(n MATCHES "^podman")
    set(${out} podman PARENT_SCOPE)
  elseif(n MATCHES "^buildah")
    set(${out} buildah PARENT_SCOPE)
  else()
    set(${out} docker PARENT_SCOPE)
  endif()
endfunction()

# _release_ci_first_line(<out-var> <text> <exit-status>): the first line of
# <text> (a command's error output) that says something, stripped of an
# "ERROR:"/"Error:" prefix; "exit status <exit-status>" when none does.
function(_release_ci_first_line out text rc)
  string(REGEX REPLACE "\r" "" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(first "exit status ${rc}")
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    string(REGEX REPLACE "^(ERROR|Error|error):[ ]*" "" line "${line}")
    if(NOT line STREQUAL "")
      set(first "${line}")
      break()
    endif()
  endforeach()
  set(${out} "${first}" PARENT_SCOPE)
endfunction()

# _release_ci_engine_works(<out-var> <why-var> <fix-var> <engine>)
# <out-var>: the engine's full path when it answers `info` and builds the
# probe image, else "". <why-var>: why not, in a few words. <fix-var>: what
# to do about it, when known.
function(_release_ci_engine_works out why fix engine)
  set(${out} "" PARENT_SCOPE)
  set(${fix} "" PARENT_SCOPE)
  if(IS_ABSOLUTE "${engine}")
    set(exe "${engine}")
    if(NOT EXISTS "${exe}" OR IS_DIRECTORY "${exe}")
      set(${why} "${engine}: no such file" PARENT_SCOPE)
      return()
    endif()
  else()
    unset(_release_ci_found)
    find_program(_release_ci_found NAMES "${engine}" NO_CACHE)
    set(exe "${_release_ci_found}")
    if(NOT exe)
      set(${why} "${engine}: not found on PATH" PARENT_SCOPE)
      return()
    endif()
  endif()
  execute_process(COMMAND "${exe}" info
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err TIMEOUT 60)
  if(NOT rc EQUAL 0)
    _release_ci_first_line(err "${err}" "${rc}")
    set(${why} "${engine}: found at ${exe}, but '${engine} info' fails (${err})" PARENT_SCOPE)
    return()
  endif()

  # The probe: a one-file image from scratch, built the way the real build
  # runs (BuildKit for docker), exported to a directory. A success is
  # remembered for this exact program file (path, size, time), so that only
  # the first image build pays for it; a failure is asked again every time.
  file(SIZE "${exe}" size)
  file(TIMESTAMP "${exe}" mtime "%s" UTC)
  set(stamp_text "${exe}|${size}|${mtime}")
  set(probe "${DOCKERFILE}.probe")
  if(EXISTS "${probe}/builds")
    file(READ "${probe}/builds" known)
    if(known STREQUAL stamp_text)
      set(${out} "${exe}" PARENT_SCOPE)
      return()
    endif()
  endif()
  file(REMOVE_RECURSE "${probe}")
  file(WRITE "${probe}/context/Dockerfile" "FROM scratch\nCOPY probe.txt /probe.txt\n")
  file(WRITE "${probe}/context/probe.txt" "cmake-release engine probe\n")
  _release_ci_engine_kind(kind "${exe}")
  set(cmd "${exe}" build -f "${probe}/context/Dockerfile"
    --output "type=local,dest=${probe}/out")
  if(kind STREQUAL "docker")
    set(cmd "${CMAKE_COMMAND}" -E env DOCKER_BUILDKIT=1 ${cmd})
  else()
    # Podman and Buildah also keep an image of the probe: with a fixed
    # timestamp and name it is the same one every time.
    list(APPEND cmd --timestamp 0 -t localhost/cmake-release-engine-probe:latest)
  endif()
  execute_process(COMMAND ${cmd} "${probe}/context"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err TIMEOUT 300)
  if(NOT rc EQUAL 0)
    _release_ci_first_line(line "${err}" "${rc}")
    if(err MATCHES "buildx")
      string(CONCAT reason "${engine}: found at ${exe}, but it cannot build with BuildKit: "
        "its buildx component is missing (${line})")
      string(CONCAT remedy "install Docker's buildx plugin for it (Docker's package "
        "docker-buildx-plugin, Debian's docker-buildx), use a docker CLI with BuildKit "
        "built in (Docker 20.10: Debian's docker.io, /usr/bin/docker), or set "
        "RELEASE_CONTAINER_ENGINE to podman")
      set(${fix} "${remedy}" PARENT_SCOPE)
    else()
      string(CONCAT reason "${engine}: found at ${exe}, answers 'info', but fails to "
        "build a one-file image (${line})")
    endif()
    set(${why} "${reason}" PARENT_SCOPE)
    return()
  endif()
  file(WRITE "${probe}/builds" "${stamp_text}")
  set(${out} "${exe}" PARENT_SCOPE)
endfunction()

# ---- the glibc check, before any engine is asked ----
# HOST_RELEASE and HERMETIC images check (or need not check) their own way.
include("${CMAKE_CURRENT_LIST_DIR}/container-runtime.cmake")
_release_ci_runtime_glibc_check()
# The release in the image is built in the builder stage, against the
# builder image's glibc, and runs on the runtime image's glibc: a builder
# newer than the runtime gives programs that fail in the image with
# "GLIBC_2.xx not found". The versions come from add_container_image's table
# of known base images (or its GLIBC_VERSION keyword for the runtime image).
if(NOT "${RUNTIME_GLIBC_ORIGIN}" STREQUAL "")
  set(runtime_desc "${RUNTIME_IMAGE} (glibc ${RUNTIME_GLIBC} by ${RUNTIME_GLIBC_ORIGIN})")
else()
  set(runtime_desc "${RUNTIME_IMAGE}")
endif()
if(RELEASE_HERMETIC)
  # A HERMETIC release carries its glibc (docs/hermetic.md): no check applies.
  message(STATUS "add_container_image(${IMAGE_NAME}): glibc check not applicable: the "
    "release is HERMETIC and carries its own glibc")
elseif("${RUNTIME_GLIBC}" STREQUAL "" OR "${BUILDER_GLIBC}" STREQUAL "")
  if("${RUNTIME_GLIBC}" STREQUAL "")
    set(unknown "of the runtime image ${RUNTIME_IMAGE} is not known (set GLIBC_VERSION)")
  else()
    set(unknown "of the builder image ${BUILDER_IMAGE} is not known")
  endif()
  if(NOT "${RUNTIME_IMAGE}" STREQUAL "")
    message(STATUS "add_container_image(${IMAGE_NAME}): glibc check skipped: the glibc ${unknown}")
  endif()
elseif(BUILDER_GLIBC VERSION_GREATER RUNTIME_GLIBC)
  _release_ci_build_fail("the release is built in the builder image ${BUILDER_IMAGE}, "
    "whose glibc is ${BUILDER_GLIBC}, and would need up to GLIBC_${BUILDER_GLIBC}, but the "
    "runtime image ${runtime_desc} has glibc ${RUNTIME_GLIBC}: its programs would stop "
    "with 'GLIBC_2.xx not found'. Image ${TAG} is not built. Fix: build on an older "
    "base (a BUILDER_IMAGE of the runtime's release, e.g. debian:bookworm for "
    "debian:bookworm-slim), or pick a newer RUNTIME_IMAGE.")
else()
  message(STATUS "add_container_image(${IMAGE_NAME}): glibc check: builder ${BUILDER_IMAGE} "
    "has ${BUILDER_GLIBC}, runtime ${RUNTIME_IMAGE} has ${RUNTIME_GLIBC}")
endif()
# The release this machine built for the same platform: not what goes into
# the image, but the same sources; a note when it could not run there.
if(NOT RELEASE_HERMETIC AND NOT "${HOST_MANIFEST}" STREQUAL "" AND EXISTS "${HOST_MANIFEST}"
    AND NOT "${RUNTIME_GLIBC}" STREQUAL "")
  file(STRINGS "${HOST_MANIFEST}" host_glibc REGEX "^glibc=")
  string(REGEX REPLACE "^glibc=" "" host_glibc "${host_glibc}")
  if(host_glibc MATCHES "^[0-9]+\\.[0-9]+" AND host_glibc VERSION_GREATER RUNTIME_GLIBC)
    message(STATUS "add_container_image(${IMAGE_NAME}): note: the release built on this "
      "machine needs GLIBC_${host_glibc}, but ${RUNTIME_IMAGE} has ${RUNTIME_GLIBC}: "
      "that copy would not run in the image (the image's own release is built in "
      "${BUILDER_IMAGE}).")
  endif()
endif()

if(NOT "${ENGINE}" STREQUAL "")
  set(candidates "${ENGINE}")
  set(origin "the cache variable RELEASE_CONTAINER_ENGINE")
elseif(NOT "$ENV{RELEASE_CONTAINER_ENGINE}" STREQUAL "")
  set(candidates "$ENV{RELEASE_CONTAINER_ENGINE}")
  set(origin "the environment variable RELEASE_CONTAINER_ENGINE")
else()
  set(candidates docker podman buildah)
  set(origin "")
endif()

set(exe "")
set(reasons "")
set(fixes "")
foreach(candidate IN LISTS candidates)
  _release_ci_engine_works(exe why fix "${candidate}")
  if(exe)
    set(engine "${candidate}")
    break()
  endif()
  string(APPEND reasons "\n  ${why}")
  if(NOT fix STREQUAL "" AND origin)
    string(APPEND fixes " ${fix}.")
  elseif(NOT fix STREQUAL "")
    string(APPEND fixes " For ${candidate}: ${fix}.")
  endif()
  if(NOT origin)
    message(STATUS "add_container_image(${IMAGE_NAME}): passed over ${why}")
  endif()
endforeach()

if(NOT exe)
  if(origin)
    if(fixes STREQUAL "")
      string(CONCAT fixes " Fix: start that engine, or set RELEASE_CONTAINER_ENGINE to one "
        "that works (docker, podman or buildah), or clear it to use the first engine that builds.")
    else()
      string(PREPEND fixes " Fix:")
    endif()
    _release_ci_build_fail("the container engine '${candidates}' named by ${origin} "
      "cannot build image ${TAG}:${reasons}\n${fixes}")
  else()
    _release_ci_build_fail("no container engine builds, so image ${TAG} cannot be built:${reasons}\n"
      "Fix: install and start docker (with BuildKit) or podman (or buildah), or set "
      "RELEASE_CONTAINER_ENGINE (cache or environment variable) to the engine to use.${fixes}")
  endif()
endif()
if(origin)
  message(STATUS "add_container_image(${IMAGE_NAME}): engine ${exe}, named by ${origin}")
else()
  message(STATUS "add_container_image(${IMAGE_NAME}): engine ${exe}, the first of "
    "docker, podman, buildah that builds")
endif()

_release_ci_engine_kind(kind "${exe}")
set(command "${exe}" build -f "${DOCKERFILE}" -t "${TAG}")
if(NOT kind STREQUAL "docker")
  # Buildah reads <Dockerfile>.dockerignore by itself only in newer versions
  # and only for some ways of naming the file: name it.
  list(APPEND command --ignorefile "${IGNOREFILE}")
  if(kind STREQUAL "buildah")
    # buildah keeps no layer cache unless asked; podman does by default.
    list(APPEND command --layers)
  endif()
  if("$ENV{SOURCE_DATE_EPOCH}" MATCHES "^[0-9]+$")
    list(APPEND command --timestamp "$ENV{SOURCE_DATE_EPOCH}")
  endif()
  set(env_prefix "")
else()
  # BuildKit reads <Dockerfile>.dockerignore and knows RUN --mount.
  set(env_prefix "${CMAKE_COMMAND}" -E env DOCKER_BUILDKIT=1)
endif()
if(NOT "${PLATFORM}" STREQUAL "")
  list(APPEND command --platform "${PLATFORM}")
  # Podman 4.3 (Buildah 1.28) with --platform leaves $BUILDPLATFORM empty in
  # FROM --platform=$BUILDPLATFORM, and the builder stage would then be the
  # target's image, run under emulation. Naming the build machine's platform
  # keeps it native (BuildKit sets BUILDPLATFORM itself).
  if(NOT kind STREQUAL "docker" AND NOT "${BUILD_PLATFORM}" STREQUAL "")
    list(APPEND command --build-arg "BUILDPLATFORM=${BUILD_PLATFORM}")
  endif()
endif()
_release_ci_runtime_format("${kind}" command)   # HEALTHCHECK: --format docker
# ENGINE_ARGS (the call's, then RELEASE_CONTAINER_ENGINE_ARGS): after ours,
# so that they can add to or override them.
list(APPEND command ${ENGINE_ARGS} "${CONTEXT}")

message(STATUS "add_container_image(${IMAGE_NAME}): building ${TAG} with ${exe}")
execute_process(COMMAND ${env_prefix} ${command}
  RESULT_VARIABLE rc
  COMMAND_ECHO STDOUT)
if(NOT rc EQUAL 0)
  _release_ci_build_fail("'${engine} build' of image ${TAG} failed (exit status ${rc}): "
    "the engine's output above shows the step that failed. Fix: correct what that step "
    "uses, or the add_container_image() call the step comes from: ${DOCKERFILE} is "
    "written from that call at every configure, so edits to it are lost.")
endif()
message(STATUS "add_container_image(${IMAGE_NAME}): built ${TAG}")

# Build-time step of add_container_image(): picks a container engine that
# builds and builds one image with it.
#
#   cmake -P <work>/steps/container-build.cmake   (the call, cmake/ReleaseStepConfig.cmake)
#
#   _release_container_build_impl(IMAGE_NAME <name> [ENGINE <engine>] DOCKERFILE <file>
#     IGNOREFILE <file> CONTEXT <dir> TAG <image:tag> [ENGINE_ARGS <arg>...]
#     [PLATFORM <os/arch> BUILD_PLATFORM <os/arch>]
#     [BUILDER_IMAGE <image> RUNTIME_IMAGE <image> BUILDER_GLIBC <x.y> RUNTIME_GLIBC <x.y>
#      RUNTIME_GLIBC_ORIGIN <keyword> HOST_MANIFEST <manifest.txt>]
#     [HERMETIC <bool>] [GLIBC_CHECK builder|host] [IMAGE_FORMAT docker])
#   (GLIBC_CHECK, IMAGE_FORMAT: see container-runtime.cmake)
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

include("${CMAKE_CURRENT_LIST_DIR}/container-runtime.cmake")
function(_release_ci_build_fail)
  string(JOIN "" msg ${ARGN})
  message(FATAL_ERROR "add_container_image(${arg_IMAGE_NAME}): ${msg}")
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
  set(probe "${arg_DOCKERFILE}.probe")
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

# _release_ci_glibc_check()
# The release in the image is built in the builder stage, against the
# builder image's glibc, and runs on the runtime image's glibc: a builder
# newer than the runtime gives programs that fail in the image with
# "GLIBC_2.xx not found". The versions come from add_container_image's table
# of known base images (or its GLIBC_VERSION keyword for the runtime image).
function(_release_ci_glibc_check)
  if(NOT "${arg_RUNTIME_GLIBC_ORIGIN}" STREQUAL "")
    set(runtime_desc "${arg_RUNTIME_IMAGE} (glibc ${arg_RUNTIME_GLIBC} by ${arg_RUNTIME_GLIBC_ORIGIN})")
  else()
    set(runtime_desc "${arg_RUNTIME_IMAGE}")
  endif()
  if(arg_HERMETIC)
    # A HERMETIC release carries its glibc (docs/hermetic.md): no check applies.
    message(STATUS "add_container_image(${arg_IMAGE_NAME}): glibc check not applicable: the "
      "release is HERMETIC and carries its own glibc")
  elseif("${arg_RUNTIME_GLIBC}" STREQUAL "" OR "${arg_BUILDER_GLIBC}" STREQUAL "")
    if("${arg_RUNTIME_GLIBC}" STREQUAL "")
      set(unknown "of the runtime image ${arg_RUNTIME_IMAGE} is not known (set GLIBC_VERSION)")
    else()
      set(unknown "of the builder image ${arg_BUILDER_IMAGE} is not known")
    endif()
    if(NOT "${arg_RUNTIME_IMAGE}" STREQUAL "")
      message(STATUS "add_container_image(${arg_IMAGE_NAME}): glibc check skipped: the glibc ${unknown}")
    endif()
  elseif(arg_BUILDER_GLIBC VERSION_GREATER arg_RUNTIME_GLIBC)
    _release_ci_build_fail("the release is built in the builder image ${arg_BUILDER_IMAGE}, "
      "whose glibc is ${arg_BUILDER_GLIBC}, and would need up to GLIBC_${arg_BUILDER_GLIBC}, but the "
      "runtime image ${runtime_desc} has glibc ${arg_RUNTIME_GLIBC}: its programs would stop "
      "with 'GLIBC_2.xx not found'. Image ${arg_TAG} is not built. Fix: build on an older "
      "base (a BUILDER_IMAGE of the runtime's release, e.g. debian:bookworm for "
      "debian:bookworm-slim), or pick a newer RUNTIME_IMAGE.")
  else()
    message(STATUS "add_container_image(${arg_IMAGE_NAME}): glibc check: builder ${arg_BUILDER_IMAGE} "
      "has ${arg_BUILDER_GLIBC}, runtime ${arg_RUNTIME_IMAGE} has ${arg_RUNTIME_GLIBC}")
  endif()
  # The release this machine built for the same platform: not what goes into
  # the image, but the same sources; a note when it could not run there.
  if(NOT arg_HERMETIC AND NOT "${arg_HOST_MANIFEST}" STREQUAL "" AND EXISTS "${arg_HOST_MANIFEST}"
      AND NOT "${arg_RUNTIME_GLIBC}" STREQUAL "")
    file(STRINGS "${arg_HOST_MANIFEST}" host_glibc REGEX "^glibc=")
    string(REGEX REPLACE "^glibc=" "" host_glibc "${host_glibc}")
    if(host_glibc MATCHES "^[0-9]+\\.[0-9]+" AND host_glibc VERSION_GREATER arg_RUNTIME_GLIBC)
      message(STATUS "add_container_image(${arg_IMAGE_NAME}): note: the release built on this "
        "machine needs GLIBC_${host_glibc}, but ${arg_RUNTIME_IMAGE} has ${arg_RUNTIME_GLIBC}: "
        "that copy would not run in the image (the image's own release is built in "
        "${arg_BUILDER_IMAGE}).")
    endif()
  endif()
endfunction()

# _release_ci_pick_engine()
# Sets `exe` (the engine's program), `engine` (as named) and `origin` (what
# named it, "" for the first that builds), or stops saying why none builds.
function(_release_ci_pick_engine)
  if(NOT "${arg_ENGINE}" STREQUAL "")
    set(candidates "${arg_ENGINE}")
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
      message(STATUS "add_container_image(${arg_IMAGE_NAME}): passed over ${why}")
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
        "cannot build image ${arg_TAG}:${reasons}\n${fixes}")
    else()
      _release_ci_build_fail("no container engine builds, so image ${arg_TAG} cannot be built:${reasons}\n"
        "Fix: install and start docker (with BuildKit) or podman (or buildah), or set "
        "RELEASE_CONTAINER_ENGINE (cache or environment variable) to the engine to use.${fixes}")
    endif()
  endif()
  if(origin)
    message(STATUS "add_container_image(${arg_IMAGE_NAME}): engine ${exe}, named by ${origin}")
  else()
    message(STATUS "add_container_image(${arg_IMAGE_NAME}): engine ${exe}, the first of "
      "docker, podman, buildah that builds")
  endif()
  return(PROPAGATE exe engine origin)
endfunction()

function(_release_container_build_impl)
  cmake_parse_arguments(PARSE_ARGV 0 arg ""
    "IMAGE_NAME;ENGINE;DOCKERFILE;IGNOREFILE;CONTEXT;TAG;PLATFORM;BUILD_PLATFORM;BUILDER_IMAGE;RUNTIME_IMAGE;BUILDER_GLIBC;RUNTIME_GLIBC;RUNTIME_GLIBC_ORIGIN;HOST_MANIFEST;HERMETIC;GLIBC_CHECK;IMAGE_FORMAT"
    "ENGINE_ARGS")
  foreach(v IMAGE_NAME DOCKERFILE IGNOREFILE CONTEXT TAG)
    if("${arg_${v}}" STREQUAL "")
      message(FATAL_ERROR "container-build.cmake: ${v} is required (this step is run by the container-image targets)")
    endif()
  endforeach()
  # HOST_RELEASE images check the release this machine built (or, HERMETIC,
  # need no check): container-runtime.cmake; the others the builder's glibc.
  _release_ci_runtime_glibc_check()
  _release_ci_glibc_check()
  _release_ci_pick_engine()
  _release_ci_engine_kind(kind "${exe}")
  set(command "${exe}" build -f "${arg_DOCKERFILE}" -t "${arg_TAG}")
  if(NOT kind STREQUAL "docker")
    # Buildah reads <Dockerfile>.dockerignore by itself only in newer versions
    # and only for some ways of naming the file: name it.
    list(APPEND command --ignorefile "${arg_IGNOREFILE}")
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
  if(NOT "${arg_PLATFORM}" STREQUAL "")
    list(APPEND command --platform "${arg_PLATFORM}")
    # Podman 4.3 (Buildah 1.28) with --platform leaves $BUILDPLATFORM empty in
    # FROM --platform=$BUILDPLATFORM, and the builder stage would then be the
    # target's image, run under emulation. Naming the build machine's platform
    # keeps it native (BuildKit sets BUILDPLATFORM itself).
    if(NOT kind STREQUAL "docker" AND NOT "${arg_BUILD_PLATFORM}" STREQUAL "")
      list(APPEND command --build-arg "BUILDPLATFORM=${arg_BUILD_PLATFORM}")
    endif()
  endif()
  _release_ci_runtime_format("${kind}" command)   # HEALTHCHECK: --format docker
  # ENGINE_ARGS (the call's, then RELEASE_CONTAINER_ENGINE_ARGS): after ours,
  # so that they can add to or override them.
  list(APPEND command ${arg_ENGINE_ARGS} "${arg_CONTEXT}")

  message(STATUS "add_container_image(${arg_IMAGE_NAME}): building ${arg_TAG} with ${exe}")
  execute_process(COMMAND ${env_prefix} ${command}
    RESULT_VARIABLE rc
    COMMAND_ECHO STDOUT)
  if(NOT rc EQUAL 0)
    _release_ci_build_fail("'${engine} build' of image ${arg_TAG} failed (exit status ${rc}): "
      "the engine's output above shows the step that failed. Fix: correct what that step "
      "uses, or the add_container_image() call the step comes from: ${arg_DOCKERFILE} is "
      "written from that call at every configure, so edits to it are lost.")
  endif()
  message(STATUS "add_container_image(${arg_IMAGE_NAME}): built ${arg_TAG}")
endfunction()

# Runs the image build step (cmake/steps/container-build.cmake) as its
# generated call file does, from -D variables: for the engine tests
# (container.engine-choice, container.docker-no-buildx), which run the step
# with stand-in engines and no configured project.
#
#   cmake -DIMAGE_NAME=<n> -DENGINE=<e> -DDOCKERFILE=<f> -DIGNOREFILE=<f> -DCONTEXT=<d>
#         -DTAG=<t> [-DPLATFORM=<p> -DBUILD_PLATFORM=<p>] [-DENGINE_ARGS=<a;b>]
#         -P build-step.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/steps/container-build.cmake")
set(args "")
foreach(key IMAGE_NAME ENGINE DOCKERFILE IGNOREFILE CONTEXT TAG PLATFORM BUILD_PLATFORM)
  if(NOT "${${key}}" STREQUAL "")
    list(APPEND args ${key} "${${key}}")
  endif()
endforeach()
if(DEFINED ENGINE_ARGS)
  list(APPEND args ENGINE_ARGS ${ENGINE_ARGS})
endif()
_release_container_build_impl(${args})

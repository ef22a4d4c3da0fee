# Internal helpers of add_container_image() (ContainerImage.cmake): the Dockerfile's parts
# (the @RELEASE_IMAGE_*@ values of templates/Dockerfile.in and dockerignore.in)
# and the writing of both files.
# Only functions: the public functions include it again into their own scope.

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
# Appends org.opencontainers.image.<key>="<value>" to the caller's
# RELEASE_IMAGE_LABEL_LINES.
function(_release_ci_label key value)
  _release_ci_quote(q "${value}")
  if(RELEASE_IMAGE_LABEL_LINES STREQUAL "")
    set(RELEASE_IMAGE_LABEL_LINES "LABEL org.opencontainers.image.${key}=${q}")
  else()
    string(APPEND RELEASE_IMAGE_LABEL_LINES " \\\n      org.opencontainers.image.${key}=${q}")
  endif()
  return(PROPAGATE RELEASE_IMAGE_LABEL_LINES)
endfunction()

# _release_ci_builder_stage(<image>)
# The Dockerfile's parts of the builder stage (RELEASE_IMAGE_* for
# templates/Dockerfile.in): bases, packages, the configure and build
# commands, where the release is.
function(_release_ci_builder_stage name)
  if(source_rel STREQUAL ".")
    set(src_in_builder "/src")
    set(RELEASE_IMAGE_CONTEXT_DESC "the project's top-level source directory")
  else()
    set(src_in_builder "/src/${source_rel}")
    cmake_path(RELATIVE_PATH context BASE_DIRECTORY "${top_source}" OUTPUT_VARIABLE up)
    string(REGEX REPLACE "/$" "" up "${up}")
    set(RELEASE_IMAGE_CONTEXT_DESC "'${up}' from the project's top-level source directory")
  endif()

  set(RELEASE_IMAGE_NAME "${name}")
  set(RELEASE_IMAGE_RELEASE "${RELEASE_NAME}")
  set(RELEASE_IMAGE_TAG "${tag}")
  set(RELEASE_IMAGE_BUILDER_IMAGE "${builder_image}")
  set(RELEASE_IMAGE_RUNTIME_IMAGE "${runtime_image}")
  set(RELEASE_IMAGE_USER "${user}")

  set(RELEASE_IMAGE_BUILDER_FROM "FROM \${BUILDER_IMAGE} AS builder")
  set(RELEASE_IMAGE_RUNTIME_FROM "FROM \${RUNTIME_IMAGE} AS runtime")
  set(RELEASE_IMAGE_ADD_ARCH "")
  set(RELEASE_IMAGE_PLATFORM_COMMENT "")
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
    set(RELEASE_IMAGE_BUILDER_FROM "FROM --platform=\$BUILDPLATFORM \${BUILDER_IMAGE} AS builder")
    set(RELEASE_IMAGE_RUNTIME_FROM "FROM --platform=${platform} \${RUNTIME_IMAGE} AS runtime")
    set(RELEASE_IMAGE_ADD_ARCH "    dpkg --add-architecture ${target_arch} \\\n && ")
    string(CONCAT RELEASE_IMAGE_PLATFORM_COMMENT
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
    set(RELEASE_IMAGE_ADD_ARCH "    ")
  endif()
  list(REMOVE_DUPLICATES build_packages)
  list(JOIN build_packages " \\\n      " RELEASE_IMAGE_BUILD_PACKAGES_LINES)
  string(PREPEND RELEASE_IMAGE_BUILD_PACKAGES_LINES "      ")

  # The builder finds cmake-release where the context has it, also when this
  # configure found it through an absolute path given on the command line.
  set(module_args "")
  if(NOT copy_rel STREQUAL "")
    cmake_path(GET module_dir PARENT_PATH release_root)
    _release_ci_stage_modules(module_args "${release_root}" "${top_binary}/${_RELEASE_CI_MODULE_COPY}"
      "/src/${copy_rel}")
  else()
    list(APPEND module_args "-DCMAKE_MODULE_PATH=/src/${module_rel}")
  endif()
  if(CMakeRelease_DIR AND copy_rel STREQUAL "")
    file(REAL_PATH "${CMakeRelease_DIR}" package_dir)
    _release_ci_relative(package_rel "${package_dir}" "${context}")
    _release_ci_relative(package_in_build "${package_dir}" "${top_binary}")
    if(NOT package_rel STREQUAL "" AND package_in_build STREQUAL "")
      list(APPEND module_args "-DCMakeRelease_DIR=/src/${package_rel}")
    endif()
  endif()
  _release_ci_json_array(RELEASE_IMAGE_CONFIGURE_JSON cmake -S "${src_in_builder}" -B /build -G Ninja
    --no-warn-unused-cli -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF ${module_args}
    ${toolchain_args} "-DRELEASE_VERSION_OVERRIDE=${rel}=${RELEASE_VERSION}" LIST arg_CMAKE_ARGS)
  _release_ci_json_array(RELEASE_IMAGE_BUILD_JSON cmake --build /build --target "release-${rel}")
  set(RELEASE_IMAGE_BUILDER_RELEASE_DIR "/build/${release_rel}")
  set(RELEASE_IMAGE_BUILDER_MANIFEST "/build/${release_rel}/releases/${RELEASE_VERSION}/manifest.txt")
  set(RELEASE_IMAGE_RUNTIME_RELEASE_DIR "${RELEASE_PREFIX}")
  return(PROPAGATE RELEASE_IMAGE_CONTEXT_DESC RELEASE_IMAGE_NAME RELEASE_IMAGE_RELEASE RELEASE_IMAGE_TAG RELEASE_IMAGE_BUILDER_IMAGE RELEASE_IMAGE_RUNTIME_IMAGE RELEASE_IMAGE_USER RELEASE_IMAGE_BUILDER_FROM RELEASE_IMAGE_RUNTIME_FROM RELEASE_IMAGE_ADD_ARCH RELEASE_IMAGE_PLATFORM_COMMENT RELEASE_IMAGE_BUILD_PACKAGES_LINES RELEASE_IMAGE_CONFIGURE_JSON RELEASE_IMAGE_BUILD_JSON RELEASE_IMAGE_BUILDER_RELEASE_DIR RELEASE_IMAGE_BUILDER_MANIFEST RELEASE_IMAGE_RUNTIME_RELEASE_DIR)
endfunction()

# _release_ci_runtime_stage(<image>)
# The Dockerfile's parts of the runtime stage: packages, ENV, EXPOSE, the
# run example, OCI labels; and the ignore file's build trees and user part.
function(_release_ci_runtime_stage name)
  if(arg_RUNTIME_PACKAGES)
    list(JOIN arg_RUNTIME_PACKAGES " \\\n      " pkgs)
    string(CONCAT RELEASE_IMAGE_RUNTIME_RUN
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
    set(RELEASE_IMAGE_RUNTIME_RUN "# No RUNTIME_PACKAGES: nothing runs in this stage, it only copies.\n")
  endif()

  set(RELEASE_IMAGE_ENV_LINES "")
  foreach(item IN LISTS arg_ENV)
    _release_split_env("${item}" var value)
    _release_ci_quote(q "${value}")
    string(APPEND RELEASE_IMAGE_ENV_LINES "ENV ${var}=${q}\n")
  endforeach()

  # What `docker run` needs: the release's REQUIRED_ENV and the ports.
  get_target_property(required_env "release-${rel}" RELEASE_REQUIRED_ENV)
  set(RELEASE_IMAGE_RUN_EXAMPLE "")
  set(RELEASE_IMAGE_REQUIRED_ENV_COMMENT "")
  foreach(port IN LISTS arg_PORTS)
    string(REGEX REPLACE "/tcp$" "" port "${port}")
    if(port MATCHES "^([0-9]+)/udp$")
      string(APPEND RELEASE_IMAGE_RUN_EXAMPLE " -p ${CMAKE_MATCH_1}:${CMAKE_MATCH_1}/udp")
    else()
      string(APPEND RELEASE_IMAGE_RUN_EXAMPLE " -p ${port}:${port}")
    endif()
  endforeach()
  if(required_env)
    foreach(var IN LISTS required_env)
      string(APPEND RELEASE_IMAGE_RUN_EXAMPLE " -e ${var}=...")
    endforeach()
    list(JOIN required_env " " vars)
    set(RELEASE_IMAGE_REQUIRED_ENV_COMMENT
      "# The release does not start without these; give them at run time (-e):\n# ${vars}\n")
  endif()

  set(RELEASE_IMAGE_EXPOSE_LINES "")
  if(arg_PORTS)
    list(JOIN arg_PORTS " " ports)
    set(RELEASE_IMAGE_EXPOSE_LINES "EXPOSE ${ports}\n")
  endif()

  # OCI labels: what is known now. The revision is the commit checked out when
  # CMake configured; created only with SOURCE_DATE_EPOCH, so that two builds
  # of one commit give the same image configuration.
  # Built as text, not as a list: a description may hold a semicolon.
  set(RELEASE_IMAGE_LABEL_LINES "")
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
  _release_ci_ignore_build_trees(RELEASE_IMAGE_IGNORE_BUILD_DIRS "${context}" "${bin_rel}" "${copy_rel}")
  set(RELEASE_IMAGE_IGNORE_USER "")
  foreach(f IN ITEMS .dockerignore .containerignore)
    if(EXISTS "${context}/${f}")
      file(READ "${context}/${f}" user_ignore)
      string(APPEND RELEASE_IMAGE_IGNORE_USER "# From the context's ${f}:\n${user_ignore}\n")
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${context}/${f}")
    endif()
  endforeach()
  return(PROPAGATE RELEASE_IMAGE_RUNTIME_RUN RELEASE_IMAGE_ENV_LINES RELEASE_IMAGE_RUN_EXAMPLE RELEASE_IMAGE_REQUIRED_ENV_COMMENT RELEASE_IMAGE_EXPOSE_LINES RELEASE_IMAGE_LABEL_LINES RELEASE_IMAGE_IGNORE_BUILD_DIRS RELEASE_IMAGE_IGNORE_USER)
endfunction()

# _release_ci_write_files(<image>)
# Writes the Dockerfile and its ignore file from the templates.
function(_release_ci_write_files name)
  _release_ci_run_parts("${user}" "${volumes}")
  _release_ci_runtime_parts("${user}")   # ContainerImageRuntime.cmake: what depends on the kind
  configure_file("${_RELEASE_CI_TEMPLATE_DIR}/Dockerfile.in" "${dockerfile}" @ONLY)
  configure_file("${_RELEASE_CI_TEMPLATE_DIR}/${ignore_template}" "${ignorefile}" @ONLY)
  set_property(GLOBAL APPEND PROPERTY _RELEASE_CI_FILES "${name}|${dockerfile}" "${name}|${ignorefile}")
endfunction()

# Internal helpers of add_container_image() (ContainerImage.cmake): the parse-and-validate
# phases, every check before any side effect (names start with _release_ci_).
# Only functions: the public functions include it again into their own scope.

# _release_ci_check_name(<function> <image>)
# The image name of add_container_image() or add_oci_image() (<function>);
# then _RELEASE_CALLER, in the caller's scope, is <function>(<image>).
function(_release_ci_check_name function name)
  set(_RELEASE_CALLER "${function}")
  if(NOT name MATCHES "${_RELEASE_CI_IMAGE_NAME_REGEX}")
    _release_fail("the name '${name}' is not valid. Fix: use "
      "letters, digits and . _ + - (starting with a letter or digit): it becomes part "
      "of target and file names.")
  endif()
  set(_RELEASE_CALLER "${function}(${name})")
  return(PROPAGATE _RELEASE_CALLER)
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
    _release_fail("${keyword} '${value}' is not a valid image reference. "
      "Fix: use [registry/]name[:tag] with a lower-case name, e.g. "
      "'example.org/team/app:1.0'.")
  endif()
endfunction()

# _release_ci_check_ours(<name> <file> <keyword>)
# Fails when <file> exists and was not written by add_container_image.
function(_release_ci_check_ours name file keyword)
  if(NOT EXISTS "${file}")
    return()
  endif()
  if(IS_DIRECTORY "${file}")
    _release_fail("${keyword} '${file}' is a directory. "
      "Fix: name a file (or leave DOCKERFILE out for the default).")
  endif()
  file(STRINGS "${file}" head LIMIT_COUNT 3)
  string(FIND "${head}" "${_RELEASE_CI_MARK}" at)
  if(at LESS 0)
    _release_fail("'${file}' already exists and was not written by "
      "add_container_image, so it is left alone. Fix: move it away, or set DOCKERFILE "
      "to another path.")
  endif()
endfunction()

# _release_ci_check_call(<image>)
# The call as a whole: unknown arguments, keywords without a value, the
# name, and RELEASE: a release declared before this call (its NAME, VERSION
# and DIR properties).
function(_release_ci_check_call name)
  if(arg_UNPARSED_ARGUMENTS)
    list(JOIN arg_UNPARSED_ARGUMENTS " " unparsed)
    set(keywords RELEASE ${one} ${multi} ${options})
    list(REMOVE_DUPLICATES keywords)
    list(JOIN keywords " " keywords)
    _release_fail("unknown arguments: ${unparsed}. Fix: use only the keywords ${keywords}.")
  endif()
  _release_check_values_given("Fix: give each a value, or leave the keyword out for its default.")
  if(TARGET "container-image-${name}")
    _release_fail("an image named '${name}' already exists "
      "(target container-image-${name}). Fix: give each add_container_image() call its own name.")
  endif()

  # RELEASE: a release declared before this call.
  if(NOT DEFINED arg_RELEASE)
    _release_fail("no RELEASE given. Fix: name the release the image "
      "carries: add_container_image(${name} RELEASE <release-name>), after its add_release().")
  endif()
  _release_find_release(found known_text "${arg_RELEASE}")
  if(NOT found)
    _release_fail("unknown release '${arg_RELEASE}' "
      "(releases declared so far: ${known_text}). Fix: call add_release(${arg_RELEASE} ...) "
      "before add_container_image(), and check the spelling.")
  endif()
  set(rel "${arg_RELEASE}")
  get_target_property(release_hermetic "release-${rel}" RELEASE_HERMETIC)
  foreach(p RELEASE_NAME RELEASE_VERSION RELEASE_DIR RELEASE_PREFIX)
    get_target_property(${p} "release-${rel}" ${p})
    if(NOT ${p})
      _release_fail("target release-${rel} has no ${p} property, so it was not "
        "made by add_release(). Fix: name a release made by add_release() in RELEASE.")
    endif()
  endforeach()
  return(PROPAGATE rel RELEASE_NAME RELEASE_VERSION RELEASE_DIR RELEASE_PREFIX release_hermetic)
endfunction()

# _release_ci_check_images(<image>)
# TAG (default <image>:<release version>) and the two base images.
function(_release_ci_check_images name)
  # TAG, base images.
  if(DEFINED arg_TAG)
    set(tag "${arg_TAG}")
  else()
    string(REGEX REPLACE "[^A-Za-z0-9_.-]" "_" vsn_tag "${RELEASE_VERSION}")
    set(tag "${name}:${vsn_tag}")
    if(NOT name MATCHES "${_RELEASE_CI_REPO_REGEX}")
      _release_fail("the default TAG '${tag}' is not a valid image "
        "reference (image names are lower case). Fix: give a TAG, e.g. "
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
  return(PROPAGATE tag builder_image runtime_image)
endfunction()

# _release_ci_check_platform(<image>)
# PLATFORM (else the toolchain's RELEASE_CONTAINER_PLATFORM, else none), its
# target triple and Debian architecture, and whether the builder
# cross-compiles.
function(_release_ci_check_platform name)
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
    _release_fail("${platform_origin} '${platform}' is not a platform "
      "cmake-release can build images for. Fix: use one of: ${known_text} "
      "(<os>/<arch>[/<variant>], as docker build --platform takes it).")
  endif()
  # The builder stage cross-compiles when the image is for another machine
  # than this one (the engine is taken to run here).
  _release_ci_platform_of_host(host_platform)
  set(cross FALSE)
  if(NOT platform STREQUAL "" AND NOT platform STREQUAL host_platform)
    set(cross TRUE)
  endif()
  return(PROPAGATE platform target_triple target_arch host_platform cross)
endfunction()

# _release_ci_check_values(<image>)
# GLIBC_VERSION, the packages, PORTS, ENV, USER, CMAKE_ARGS and the run-time
# keywords (CMD, ENGINE_ARGS, VOLUMES, DOCKERFILE_SYNTAX).
function(_release_ci_check_values name)
  # GLIBC_VERSION: the runtime image's glibc, for images the table does not know.
  if(DEFINED arg_GLIBC_VERSION AND NOT arg_GLIBC_VERSION MATCHES "^[0-9]+\\.[0-9]+$")
    _release_fail("GLIBC_VERSION '${arg_GLIBC_VERSION}' is not a glibc "
      "version. Fix: give the runtime image's glibc as <major>.<minor>, e.g. 2.36 "
      "(ldd --version in the image tells it).")
  endif()

  # Packages.
  foreach(kw BUILD_PACKAGES RUNTIME_PACKAGES)
    foreach(pkg IN LISTS arg_${kw})
      if(NOT pkg MATCHES "${_RELEASE_CI_DEB_REGEX}")
        _release_fail("${kw} '${pkg}' is not a Debian package name. "
          "Fix: use names as apt-get takes them: lower case, e.g. libsqlite3-dev, "
          "optionally with :<arch> or =<version>.")
      endif()
    endforeach()
  endforeach()

  # PORTS.
  foreach(port IN LISTS arg_PORTS)
    if(NOT port MATCHES "^([0-9]+)(/(tcp|udp))?$"
        OR CMAKE_MATCH_1 LESS 1 OR CMAKE_MATCH_1 GREATER 65535)
      _release_fail("PORTS '${port}' is not a port. "
        "Fix: use a number from 1 to 65535, optionally followed by /tcp or /udp (e.g. 8080 or 53/udp).")
    endif()
  endforeach()

  # ENV.
  foreach(item IN LISTS arg_ENV)
    if(NOT item MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=")
      _release_fail("ENV '${item}' is not VAR=value. "
        "Fix: write each item as NAME=value, NAME made of letters, digits and _ (not starting with a digit).")
    endif()
    if(item MATCHES "\n")
      _release_fail("ENV '${item}' holds a line break, which a Dockerfile cannot carry. "
        "Fix: set such values at run time (docker run -e).")
    endif()
  endforeach()

  # USER.
  set(user "65532:65532")
  if(DEFINED arg_USER)
    if(NOT arg_USER MATCHES "^([0-9]+):([0-9]+)$")
      _release_fail("USER '${arg_USER}' is not <uid>:<gid> in numbers. "
        "Fix: use numeric ids such as 65532:65532: a user name cannot be checked as "
        "non-root (Kubernetes runAsNonRoot needs a number), and the runtime image "
        "need not know the name.")
    endif()
    if(CMAKE_MATCH_1 EQUAL 0)
      _release_fail("USER '${arg_USER}' runs the release as root. "
        "Fix: use a non-root uid, e.g. the default 65532:65532.")
    endif()
    set(user "${arg_USER}")
  endif()

  # CMAKE_ARGS, CMD, ENGINE_ARGS, VOLUMES, DOCKERFILE_SYNTAX.
  foreach(a IN LISTS arg_CMAKE_ARGS)
    if(a MATCHES "\n")
      _release_fail("CMAKE_ARGS '${a}' holds a line break. Fix: give each argument on one line.")
    endif()
  endforeach()
  _release_ci_check_run_args("${name}")
  if(DEFINED arg_DOCKERFILE_SYNTAX)
    _release_ci_check_reference("${name}" DOCKERFILE_SYNTAX "${arg_DOCKERFILE_SYNTAX}")
  endif()
  return(PROPAGATE user volumes)
endfunction()

# _release_ci_check_context(<image>)
# CONTEXT: it must hold the project, cmake-release's modules (or the build
# tree, for a copy of them), a cross image's toolchain file, and the release
# directory must lie in the build tree.
function(_release_ci_check_context name)
  if(host_release)
    # HOST_RELEASE: the context is the release directory, copied as it is;
    # nothing below applies (ContainerImageRuntime.cmake).
    set(context "${RELEASE_DIR}")
    file(REAL_PATH "${CMAKE_SOURCE_DIR}" top_source)
    set(source_rel ".")
    foreach(var top_binary bin_rel module_dir module_rel copy_rel toolchain_rel release_rel)
      set(${var} "")
    endforeach()
    return(PROPAGATE context top_source source_rel top_binary bin_rel module_dir module_rel copy_rel toolchain_rel release_rel)
  endif()
  # CONTEXT: it must hold the project and cmake-release's modules and templates.
  set(context "${CMAKE_SOURCE_DIR}")
  if(DEFINED arg_CONTEXT)
    cmake_path(ABSOLUTE_PATH arg_CONTEXT BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
      NORMALIZE OUTPUT_VARIABLE context)
    if(NOT IS_DIRECTORY "${context}")
      _release_fail("CONTEXT '${arg_CONTEXT}' is not a directory. "
        "Fix: give the directory the engine builds from (relative paths start at "
        "this CMakeLists.txt's directory).")
    endif()
  endif()
  file(REAL_PATH "${context}" context)
  string(REGEX REPLACE "(.)/$" "\\1" context "${context}")
  file(REAL_PATH "${CMAKE_SOURCE_DIR}" top_source)
  _release_ci_relative(source_rel "${top_source}" "${context}")
  if(source_rel STREQUAL "")
    _release_fail("the build context '${context}' does not hold the "
      "project's top-level source directory '${top_source}', which the builder stage "
      "configures. Fix: set CONTEXT to a directory that contains it.")
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
      _release_fail("an image for ${platform} is cross-compiled by the "
        "builder stage with cmake-release's toolchains/${target_triple}.cmake, which "
        "must lie in the build context '${context}' (it was looked for at "
        "'${toolchain_file}'). Fix: put cmake-release, with its toolchains/ directory, inside "
        "the context (vendored or a git submodule), or set CONTEXT to a directory that "
        "holds both the project and cmake-release.")
    endif()
  endif()

  # The release directory as the builder stage will find it.
  _release_ci_relative(release_rel "${RELEASE_DIR}" "${CMAKE_BINARY_DIR}")
  if(release_rel STREQUAL "" OR release_rel STREQUAL ".")
    _release_fail("the release directory '${RELEASE_DIR}' of release "
      "'${rel}' is not inside the build directory '${top_binary}', so the builder "
      "stage cannot know where it will be. Fix: give add_release() an OUTPUT_DIRECTORY "
      "inside the build directory (or none).")
  endif()
  return(PROPAGATE context top_source source_rel top_binary bin_rel module_dir module_rel copy_rel toolchain_rel release_rel)
endfunction()

# _release_ci_check_dockerfile(<image>)
# DOCKERFILE and its ignore file: not a user's file, not another image's.
function(_release_ci_check_dockerfile name)
  # DOCKERFILE and its ignore file.
  set(dockerfile "${CMAKE_BINARY_DIR}/${name}.Dockerfile")
  if(DEFINED arg_DOCKERFILE)
    cmake_path(ABSOLUTE_PATH arg_DOCKERFILE BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
      NORMALIZE OUTPUT_VARIABLE dockerfile)
  endif()
  set(ignorefile "${dockerfile}.dockerignore")
  _release_ci_check_ours("${name}" "${dockerfile}" DOCKERFILE)
  _release_ci_check_ours("${name}" "${ignorefile}" "DOCKERFILE's ignore file")
  get_property(written GLOBAL PROPERTY _RELEASE_CI_FILES)
  foreach(f IN ITEMS "${dockerfile}" "${ignorefile}")
    set(owner "")
    foreach(entry IN LISTS written)
      if(entry MATCHES "^([^|]*)\\|(.*)$" AND CMAKE_MATCH_2 STREQUAL f)
        set(owner "${CMAKE_MATCH_1}")
      endif()
    endforeach()
    if(owner)
      _release_fail("'${f}' is already written by add_container_image(${owner}). "
        "Fix: give this image its own DOCKERFILE.")
    endif()
  endforeach()
  return(PROPAGATE dockerfile ignorefile)
endfunction()

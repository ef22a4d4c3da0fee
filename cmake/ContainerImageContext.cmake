# Internal helpers of add_container_image() (ContainerImage.cmake) for what the
# build context holds: the ignore file's lines (secrets, build trees), the copy
# of cmake-release the builder stage uses when the project's own copy is not in
# the context as sources, and the revision label.
# No include guard: it defines only variables and functions, and the public
# function includes it again into its own scope, because directory variables
# are not seen from a sibling directory that did not include the module.

# Where in the build tree the copy of cmake-release for the builder stage goes
# (see _release_ci_stage_modules).
set(_RELEASE_CI_MODULE_COPY "_cmake-release")

# _release_ci_ignore_escape(<out-var> <path>)
# <path> as an ignore-file line that names exactly that path: the pattern
# characters * ? [ ] and \ are escaped, and so are a leading # (a comment)
# and ! (an exception). A directory named bld[1] must not become the glob
# that leaves out bld1 and keeps bld[1].
function(_release_ci_ignore_escape out path)
  string(REGEX REPLACE "([][*?\\\\])" "\\\\\\1" path "${path}")
  if(path MATCHES "^[#!]")
    string(PREPEND path "\\")
  endif()
  set(${out} "${path}" PARENT_SCOPE)
endfunction()

# _release_ci_build_trees(<out-var> <context>)
# Every CMake build tree (a directory holding CMakeCache.txt) inside
# <context>, relative to it, sorted, without trees nested in another one.
# Symbolic links are not followed (policy CMP0009).
function(_release_ci_build_trees out context)
  file(GLOB_RECURSE caches LIST_DIRECTORIES false RELATIVE "${context}"
    "${context}/CMakeCache.txt")
  set(trees "")
  foreach(cache IN LISTS caches)
    cmake_path(GET cache PARENT_PATH dir)
    if(NOT dir STREQUAL "")
      list(APPEND trees "${dir}")
    endif()
  endforeach()
  list(SORT trees)
  set(kept "")
  foreach(dir IN LISTS trees)
    set(nested FALSE)
    foreach(outer IN LISTS kept)
      cmake_path(IS_PREFIX outer "${dir}" nested)
      if(nested)
        break()
      endif()
    endforeach()
    if(NOT nested)
      list(APPEND kept "${dir}")
    endif()
  endforeach()
  set(${out} "${kept}" PARENT_SCOPE)
endfunction()

# _release_ci_ignore_build_trees(<out-var> <context> <this-tree-rel> <copy-rel>)
# The ignore file's lines for the build trees in <context>: this one
# (<this-tree-rel>, "" when outside the context), every other one found, and
# an exception for the copy of cmake-release (<copy-rel>, "" for none).
function(_release_ci_ignore_build_trees out context this_rel copy_rel)
  set(text "")
  if(NOT this_rel STREQUAL "")
    _release_ci_ignore_escape(line "${this_rel}")
    string(APPEND text "# This build tree.\n${line}\n")
  endif()
  _release_ci_build_trees(trees "${context}")
  set(others "")
  foreach(dir IN LISTS trees)
    if(NOT dir STREQUAL this_rel)
      _release_ci_ignore_escape(line "${dir}")
      string(APPEND others "${line}\n")
    endif()
  endforeach()
  if(NOT others STREQUAL "")
    string(APPEND text "# Other CMake build trees found in the context when CMake configured.\n${others}")
  endif()
  # Last, so that no exclusion above overrides it.
  if(NOT copy_rel STREQUAL "")
    _release_ci_ignore_escape(line "${copy_rel}")
    string(APPEND text "# Except the copy of cmake-release the builder stage configures with.\n!${line}\n")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# _release_ci_context_layout(<name> <context>)
# Where the build tree and cmake-release lie in <context>, for the
# add_container_image() call that calls it; sets there: top_binary (the
# build tree's real path), bin_rel (it relative to the context, "" when
# outside), module_dir (cmake-release's cmake/), module_rel (where the
# builder finds it, relative to the context) and copy_rel (the copy of
# cmake-release in the build tree, "" when the context's own is used).
function(_release_ci_context_layout name context)
  file(REAL_PATH "${_RELEASE_CI_MODULE_DIR}" module_dir)
  file(REAL_PATH "${_RELEASE_CI_TEMPLATE_DIR}" template_dir)
  _release_ci_relative(module_rel "${module_dir}" "${context}")
  _release_ci_relative(template_rel "${template_dir}" "${context}")
  file(REAL_PATH "${CMAKE_BINARY_DIR}" top_binary)
  _release_ci_relative(bin_rel "${top_binary}" "${context}")
  if(bin_rel STREQUAL ".")
    _release_ci_fail("${name}" "the build directory is the build context '${context}'. "
      "Build out of source (cmake -B <dir>), or set CONTEXT to the source directory.")
  endif()
  # cmake-release as sources in the context (vendored, a submodule, beside the
  # project under a CONTEXT holding both) is what the builder configures
  # with. Anywhere else — fetched into the build tree by FetchContent,
  # installed, any path outside the context — the builder gets a copy of it
  # that this configure puts into the build tree, which must therefore lie in
  # the context.
  _release_ci_relative(module_in_build "${module_dir}" "${top_binary}")
  set(copy_rel "")
  if(NOT module_in_build STREQUAL "" OR module_rel STREQUAL "" OR template_rel STREQUAL "")
    if(bin_rel STREQUAL "")
      _release_ci_fail("${name}" "cmake-release's modules ('${module_dir}') are not in "
        "the build context '${context}' as sources, and neither is the build directory "
        "'${top_binary}', where add_container_image would put a copy of them for the "
        "builder stage. Fix: use a build directory inside the context (cmake -B build), "
        "put cmake-release inside the project (a vendored copy or a git submodule), or "
        "set CONTEXT to a directory that holds both the project and cmake-release.")
    endif()
    set(copy_rel "${bin_rel}/${_RELEASE_CI_MODULE_COPY}")
    set(module_rel "${copy_rel}/cmake")
  endif()
  foreach(v top_binary bin_rel module_dir module_rel copy_rel)
    set(${v} "${${v}}" PARENT_SCOPE)
  endforeach()
endfunction()

# _release_ci_fetchcontent_name(<out-var> <dir>)
# The lower-case FetchContent name whose populated source directory is
# <dir> (a real path), or "" when FetchContent did not populate it.
function(_release_ci_fetchcontent_name out dir)
  set(found "")
  get_cmake_property(vars VARIABLES)
  foreach(v IN LISTS vars)
    if(NOT v MATCHES "^(.+)_SOURCE_DIR$")
      continue()
    endif()
    string(TOLOWER "${CMAKE_MATCH_1}" lc)
    get_property(populated GLOBAL PROPERTY "_FetchContent_${lc}_populated")
    get_property(source GLOBAL PROPERTY "_FetchContent_${lc}_sourceDir")
    if(populated AND IS_DIRECTORY "${source}")
      file(REAL_PATH "${source}" source)
      if(source STREQUAL dir)
        set(found "${lc}")
        break()
      endif()
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# _release_ci_stage_modules(<out-args-var> <root> <copy-dir> <copy-in-builder>)
# Copies cmake-release (<root>: the directory holding cmake/ and templates/)
# into <copy-dir> in the build tree, for a builder stage that cannot use the
# project's own copy (fetched into the build tree, installed, or anywhere
# else outside the context), and returns the builder's configure arguments
# that make the project take it, whichever way it consumes cmake-release:
# CMAKE_MODULE_PATH; FETCHCONTENT_SOURCE_DIR_<NAME> when FetchContent
# populated <root> (no download in the builder); CMakeRelease_DIR when the
# project used find_package(CMakeRelease).
function(_release_ci_stage_modules out root copy_dir in_builder)
  file(REMOVE_RECURSE "${copy_dir}")
  file(MAKE_DIRECTORY "${copy_dir}")
  foreach(part IN ITEMS cmake templates toolchains loader launcher)
    if(IS_DIRECTORY "${root}/${part}")
      file(COPY "${root}/${part}" DESTINATION "${copy_dir}")
    endif()
  endforeach()
  # A source tree (FetchContent, add_subdirectory) is added as a project.
  foreach(f IN ITEMS CMakeLists.txt LICENSE CMakeReleaseConfigVersion.cmake)
    if(EXISTS "${root}/${f}")
      file(COPY "${root}/${f}" DESTINATION "${copy_dir}")
    endif()
  endforeach()
  set(args "-DCMAKE_MODULE_PATH=${in_builder}/cmake")
  _release_ci_fetchcontent_name(fc_name "${root}")
  if(NOT fc_name STREQUAL "")
    string(TOUPPER "${fc_name}" fc_upper)
    list(APPEND args "-DFETCHCONTENT_SOURCE_DIR_${fc_upper}=${in_builder}")
  endif()
  if(CMakeRelease_DIR)
    # The installed package's configuration locates the modules through its
    # install prefix; the copy has a configuration of its own that finds
    # them beside it.
    file(WRITE "${copy_dir}/CMakeReleaseConfig.cmake"
      "# Written by add_container_image(): cmake-release for the builder stage.\n"
      "set(CMakeRelease_MODULE_DIR \"\${CMAKE_CURRENT_LIST_DIR}/cmake\")\n"
      "set(CMakeRelease_TOOLCHAIN_DIR \"\${CMAKE_CURRENT_LIST_DIR}/toolchains\")\n"
      "if(NOT CMakeRelease_MODULE_DIR IN_LIST CMAKE_MODULE_PATH)\n"
      "  list(APPEND CMAKE_MODULE_PATH \"\${CMakeRelease_MODULE_DIR}\")\n"
      "endif()\n")
    list(APPEND args "-DCMakeRelease_DIR=${in_builder}")
  endif()
  set(${out} "${args}" PARENT_SCOPE)
endfunction()

# _release_ci_revision(<out-var> <source-dir>)
# The commit checked out in <source-dir>, with "-dirty" when tracked files
# differ from it (untracked files do not count, as for git describe --dirty);
# "" when <source-dir> is not in a Git checkout or git is missing.
function(_release_ci_revision out dir)
  set(${out} "" PARENT_SCOPE)
  find_package(Git QUIET)
  if(NOT GIT_EXECUTABLE)
    return()
  endif()
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${dir}" rev-parse --verify -q HEAD
    OUTPUT_VARIABLE revision ERROR_QUIET RESULT_VARIABLE rc
    OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0 OR NOT revision MATCHES "^[0-9a-f]+$")
    return()
  endif()
  # Whether the tree is dirty cannot be told: no revision rather than a
  # wrong one.
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${dir}" status --porcelain --untracked-files=no
    OUTPUT_VARIABLE changes ERROR_QUIET RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    return()
  endif()
  if(NOT changes STREQUAL "")
    string(APPEND revision "-dirty")
  endif()
  set(${out} "${revision}" PARENT_SCOPE)
endfunction()

# The launcher of a release, bin/<name>: LAUNCHER native|sh, ENTRY_POINTS and
# BEFORE_START of add_release() (docs/launcher.md). Internal helpers (names
# start with _release_), used at configure time by add_release() and at build
# time by steps/render.cmake. Like ReleaseCommon.cmake it only defines
# functions, so it may be included again.
#
# The native launcher is compiled from <cmake-release>/launcher/ FOR THE
# TARGET, with the project's own C++ compiler (a cross build's toolchain
# included), as the executable target release-<name>.launcher, linked
# -static: it runs where there is no libc and no shell. Its configuration
# (the release's name, programs, ENV, ARGS, ...) is one generated source file.

# _release_launcher_check(<release> <hermetic> <launcher> <programs>
#                         <entry-points> <before-start>)
# Checks LAUNCHER, ENTRY_POINTS and BEFORE_START (each a list; <launcher> may
# be empty) and sets _release_launcher in the caller's scope to native or sh.
# (A function: a macro would expand the ${...} a task may hold.)
function(_release_launcher_check release hermetic launcher programs entry_points before_start)
  _release_launcher_choose(choice "${release}" "${hermetic}" "${launcher}")
  _release_launcher_check_entry_points("${release}" "${programs}" "${entry_points}")
  _release_launcher_check_before_start("${release}" "${programs}" "${before_start}")
  set(_release_launcher "${choice}" PARENT_SCOPE)
endfunction()

function(_release_launcher_choose out release hermetic launcher)
  if(launcher STREQUAL "")
    if(hermetic)
      set(launcher native)
    else()
      set(launcher sh)
    endif()
  endif()
  if(NOT launcher MATCHES "^(native|sh)$")
    _release_fail("LAUNCHER '${launcher}' is not a launcher. "
      "Fix: write LAUNCHER native (a static program, needs no shell) or LAUNCHER sh (the "
      "POSIX sh control script), or leave it out for the default.")
  endif()
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(launcher STREQUAL "native" AND NOT CXX IN_LIST languages)
    _release_fail("LAUNCHER native is compiled with the "
      "project's C++ compiler, and the project has not enabled C++. Fix: enable it "
      "(project(<name> LANGUAGES C CXX) or enable_language(CXX)) before add_release(), "
      "or write LAUNCHER sh.")
  endif()
  if(launcher STREQUAL "native")
    _release_launcher_static(static)
    if(NOT static)
      _release_fail("LAUNCHER native is linked -static, and "
        "the C++ compiler '${CMAKE_CXX_COMPILER}' cannot link a static C++ program (see "
        "RELEASE_LAUNCHER_STATIC in CMakeCache.txt). Fix: install the static C and C++ "
        "libraries of the target (Debian/Ubuntu: libc6-dev and libstdc++-<n>-dev, or their "
        "-<arch>-cross packages; Fedora: glibc-static and libstdc++-static), then delete "
        "RELEASE_LAUNCHER_STATIC from the cache; or write LAUNCHER sh.")
    endif()
  endif()
  get_filename_component(src "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../launcher" ABSOLUTE)
  if(CXX IN_LIST languages AND NOT EXISTS "${src}/main.cpp")
    _release_fail("cmake-release's launcher sources "
      "('${src}') are missing. Fix: copy cmake-release whole (its launcher/ folder beside "
      "cmake/ and templates/).")
  endif()
  set(${out} "${launcher}" PARENT_SCOPE)
endfunction()

# _release_launcher_static(<out-var>)
# Whether the project's C++ compiler links a static program (once per build
# tree: the cache variable RELEASE_LAUNCHER_STATIC).
function(_release_launcher_static out)
  if(NOT DEFINED RELEASE_LAUNCHER_STATIC)
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_LINK_OPTIONS -static)
    set(CMAKE_REQUIRED_QUIET TRUE)
    check_cxx_source_compiles("#include <string>\nint main(int c, char **v) { return std::string(v[0]).size() == 0 && c; }"
      RELEASE_LAUNCHER_STATIC)
  endif()
  set(${out} "${RELEASE_LAUNCHER_STATIC}" PARENT_SCOPE)
endfunction()

function(_release_launcher_check_entry_points release programs entry_points)
  set(seen "")
  foreach(program IN LISTS entry_points)
    if(NOT program IN_LIST programs)
      string(JOIN " " names ${programs})
      _release_fail("ENTRY_POINTS '${program}' is not a "
        "program of TARGETS. Fix: name one of the release's programs (${names}), as "
        "'bin/${release} eval' knows them.")
    endif()
    if(program STREQUAL release)
      _release_fail("ENTRY_POINTS '${program}' would be "
        "bin/${program}, which is the release's launcher. Fix: leave it out (run it with "
        "'bin/${release} eval ${program}'), or give the release another name.")
    endif()
    if(program IN_LIST seen)
      _release_fail("ENTRY_POINTS names '${program}' twice. "
        "Fix: name each program once.")
    endif()
    list(APPEND seen "${program}")
  endforeach()
endfunction()

# _release_before_start_words(<out-var> <command-line>)
# The words of one BEFORE_START command line: split like a POSIX shell
# splits (quotes and backslashes), nothing expanded; $RELEASE_ROOT and
# $RELEASE_DATA are expanded at run time, as in ARGS.
function(_release_before_start_words out line)
  separate_arguments(words UNIX_COMMAND "${line}")
  set(${out} "${words}" PARENT_SCOPE)
endfunction()

function(_release_launcher_check_before_start release programs before_start)
  string(JOIN " " names ${programs})
  foreach(line IN LISTS before_start)
    # Quotes must pair up (separate_arguments would take an unpaired one as literal).
    string(REGEX REPLACE "\\\\." "" unescaped "${line}")
    string(REGEX REPLACE "'[^']*'|\"[^\"]*\"" "" unquoted "${unescaped}")
    if(unquoted MATCHES "['\"]")
      _release_fail("BEFORE_START '${line}' has a quote "
        "without its closing quote. Fix: close it, or escape a literal quote with a backslash.")
    endif()
    _release_before_start_words(words "${line}")
    list(LENGTH words count)
    if(count EQUAL 0)
      _release_fail("BEFORE_START has an empty command. "
        "Fix: give each task as a command line whose first word is a program of TARGETS "
        "(${names}), e.g. BEFORE_START \"migrate --up\".")
    endif()
    list(GET words 0 program)
    if(NOT program IN_LIST programs)
      _release_fail("BEFORE_START '${line}' runs "
        "'${program}', which is not a program of TARGETS. Fix: start the command with one "
        "of the release's programs (${names}).")
    endif()
    _release_check_args("${release}" "${words}" BEFORE_START)
  endforeach()
endfunction()

# _release_c_array(<out-var> <c-name> <item>...)
# A nullptr-terminated array of string literals named <c-name> (a JSON string
# is a valid C++17 literal: C++17 has no trigraphs).
function(_release_c_array out name)
  set(text "const char *const ${name}[] = {")
  foreach(item IN LISTS ARGN)
    _release_json_string(literal "${item}")
    string(APPEND text "\n    ${literal},")
  endforeach()
  set(${out} "${text}\n    nullptr};\n" PARENT_SCOPE)
endfunction()

# _release_launcher_declare(<release> <work> <launcher> <vsn> <main>
#     PROGRAMS .. REQUIRED_ENV .. ENV .. ARGS .. ENTRY_POINTS .. BEFORE_START ..
#     [HOOK] [PREFIX <dir>] [INTERPRETER <file>])
# Declares release-<release>.launcher (when the project has C++: a sh release
# ships it too, for `probe`) and sets _release_launcher_file in the caller's
# scope to its file ($<TARGET_FILE:...>) and _release_launcher_target to the
# target, or both to "".
function(_release_launcher_declare release work launcher vsn main)
  cmake_parse_arguments(PARSE_ARGV 5 arg "HOOK" "PREFIX;INTERPRETER"
    "PROGRAMS;REQUIRED_ENV;ENV;ARGS;ENTRY_POINTS;BEFORE_START")
  set(_release_launcher_file "" PARENT_SCOPE)
  set(_release_launcher_target "" PARENT_SCOPE)
  # A sh release gets the launcher (for probe) only where it can be linked.
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(NOT CXX IN_LIST languages)
    return()
  endif()
  _release_launcher_static(static)
  if(NOT static)
    return()
  endif()
  # Each task: the line as written, its words, nullptr; nullptr at the end.
  set(tasks "const char *const before_start[] = {")
  foreach(line IN LISTS arg_BEFORE_START)
    _release_before_start_words(words "${line}")
    foreach(item IN LISTS line words)
      _release_json_string(literal "${item}")
      string(APPEND tasks "\n    ${literal},")
    endforeach()
    string(APPEND tasks "\n    nullptr,")
  endforeach()
  set(source "// Generated by add_release(${release}) (cmake/ReleaseLauncher.cmake).\n")
  string(APPEND source "#include \"launcher.hpp\"\nnamespace launcher {\nnamespace {\n")
  foreach(pair "programs;PROGRAMS" "required_env;REQUIRED_ENV" "env_defaults;ENV"
      "args;ARGS" "entry_points;ENTRY_POINTS")
    list(GET pair 0 c_name)
    list(GET pair 1 keyword)
    _release_c_array(text "${c_name}" ${arg_${keyword}})
    string(APPEND source "${text}")
  endforeach()
  string(APPEND source "${tasks}\n    nullptr};\n}  // namespace\n")
  set(has_hook false)
  if(arg_HOOK)
    set(has_hook true)
  endif()
  foreach(var release vsn main arg_PREFIX arg_INTERPRETER)
    _release_json_string(c_${var} "${${var}}")
  endforeach()
  string(APPEND source "const ReleaseConfig kConfig = {${c_release}, ${c_vsn}, ${c_main}, "
    "programs, required_env, env_defaults, args, entry_points, before_start, ${has_hook}, "
    "${c_arg_PREFIX}, ${c_arg_INTERPRETER}};\n}  // namespace launcher\n")
  set(dir "${work}/launcher")
  file(MAKE_DIRECTORY "${dir}")
  _release_write_if_different("${dir}/release_config.cpp" "${source}")

  _release_launcher_objects(objects src)
  set(target "release-${release}.launcher")
  add_executable("${target}" EXCLUDE_FROM_ALL "${dir}/release_config.cpp"
    "$<TARGET_OBJECTS:${objects}>")
  _release_launcher_flags("${target}" "${src}")
  target_link_options("${target}" PRIVATE -static -s -Wl,--gc-sections)
  set_target_properties("${target}" PROPERTIES OUTPUT_NAME launcher RUNTIME_OUTPUT_DIRECTORY "${dir}")
  set(_release_launcher_file "$<TARGET_FILE:${target}>" PARENT_SCOPE)
  set(_release_launcher_target "${target}" PARENT_SCOPE)
endfunction()

# _release_launcher_objects(<target-out> <src-dir-out>)
# The launcher's own sources, compiled once per build tree (an OBJECT
# library in the top directory's scope); each release links them with its
# configuration.
function(_release_launcher_objects target_out src_out)
  get_filename_component(src "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../launcher" ABSOLUTE)
  set(target release-launcher-objects)
  if(NOT TARGET "${target}")
    add_library("${target}" OBJECT EXCLUDE_FROM_ALL "${src}/main.cpp" "${src}/environment.cpp"
      "${src}/daemon.cpp" "${src}/supervise.cpp" "${src}/probe.cpp")
    _release_launcher_flags("${target}" "${src}")
  endif()
  set(${target_out} "${target}" PARENT_SCOPE)
  set(${src_out} "${src}" PARENT_SCOPE)
endfunction()

# _release_launcher_flags(<target> <src-dir>)
# Whatever the project's build type and flags: C++17, optimised for size,
# without debug information (it would carry build-machine paths into the
# release), warnings on. Why -Os and one section per function and datum (the
# link drops the unused ones, --gc-sections): the static launcher goes into
# every release, and most of it is libstdc++ and glibc it never calls;
# 961,896 B with -O2, 847,176 B so (x86-64, GCC 12), against 682,696 B for a
# static empty main(). It only parses its configuration and execs.
function(_release_launcher_flags target src)
  target_include_directories("${target}" PRIVATE "${src}")
  target_compile_options("${target}" PRIVATE -Os -g0 -ffunction-sections -fdata-sections
    -Wall -Wextra)
  set_target_properties("${target}" PROPERTIES CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON
    CXX_EXTENSIONS OFF INTERPROCEDURAL_OPTIMIZATION OFF POSITION_INDEPENDENT_CODE OFF)
endfunction()

# _release_launcher_render(<rendered-dir>)
# At build time (steps/render.cmake): the release's bin/ and the launcher
# kept for `probe`. A native release gets the launcher as bin/<name> and as
# bin/<program> for each entry point (a copy: it tells which from the name
# it runs under); a sh release gets the rendered script for each (with its
# entry point set) and the launcher, when there is one, as
# libexec/.cmake-release/launcher. Reads RELEASE_LAUNCHER, RELEASE_LAUNCHER_FILE,
# RELEASE_ENTRY_POINTS and RELEASE_NAME; the sh template is rendered by the
# caller's function _release_render_control(<out-file> <entry-point>).
function(_release_launcher_render rendered)
  set(names "${RELEASE_NAME}" ${RELEASE_ENTRY_POINTS})
  set(entries "" ${RELEASE_ENTRY_POINTS})
  file(MAKE_DIRECTORY "${rendered}/bin")
  foreach(file entry IN ZIP_LISTS names entries)
    if(RELEASE_LAUNCHER STREQUAL "native")
      file(COPY_FILE "${RELEASE_LAUNCHER_FILE}" "${rendered}/bin/${file}")
      file(CHMOD "${rendered}/bin/${file}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
        GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
    else()
      _release_render_control("${rendered}/bin/${file}" "${entry}")
    endif()
  endforeach()
  if(RELEASE_LAUNCHER STREQUAL "sh" AND RELEASE_LAUNCHER_FILE)
    file(MAKE_DIRECTORY "${rendered}/libexec/.cmake-release")
    file(COPY_FILE "${RELEASE_LAUNCHER_FILE}" "${rendered}/libexec/.cmake-release/launcher")
    file(CHMOD "${rendered}/libexec/.cmake-release/launcher" PERMISSIONS OWNER_READ OWNER_WRITE
      OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  endif()
endfunction()

# _release_before_start_sh(<out-var>)
# At build time: the sh script's BEFORE_START tasks, one _rel_task line each
# (the line as written, then its words as ARGS words: $RELEASE_ROOT and
# $RELEASE_DATA expanded by the script).
function(_release_before_start_sh out)
  set(text "")
  foreach(line IN LISTS RELEASE_BEFORE_START)
    _release_before_start_words(words "${line}")
    _release_shell_quote(quoted "${line}")
    _release_args_words(sh_words "${words}")
    string(APPEND text "  _rel_task ${quoted} ${sh_words}\n")
  endforeach()
  string(APPEND text "  :")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

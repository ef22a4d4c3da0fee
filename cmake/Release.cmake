#[=======================================================================[.rst:
Release
-------

Assemble self-contained, relocatable releases of a project's executables: the
programs (with the ``$ORIGIN``-relative DT_RPATH ``$ORIGIN/../lib``), their
whole runtime shared-library closure, a control script (``bin/<name>``) and an env hook, in one directory
that runs on another Linux machine of the same family without installing
anything there.

.. code-block:: cmake

  list(APPEND CMAKE_MODULE_PATH <cmake-release>/cmake)   # or find_package(CMakeRelease)
  include(Release)

.. command:: add_release

  .. code-block:: cmake

    add_release(<name>
      TARGETS <exe-target>...
      [VERSION <vsn>]
      [ARGS <arg>...]
      [REQUIRED_ENV <VAR>...]
      [ENV <VAR>=<value>...]
      [ENV_HOOK <template>]
      [OVERLAYS <dir>...]
      [LIBRARIES <file-or-target>...]
      [EXCLUDE_LIBRARIES <regex>...]
      [LIBRARY_DIRS <dir>...]
      [OUTPUT_DIRECTORY <dir>]
      [STRIP | DEBUG_SYMBOLS <KEEP|SPLIT>]
      [HERMETIC] [PREFIX <abs-path>]
      [NO_SYSTEMD]
      [SYSTEMD_TYPE <exec|notify>]
      [SYSTEMD_USER <user>|DYNAMIC]
      [SYSTEMD_STOP_TIMEOUT <seconds>]
      [SYSTEMD_OPTIONS <[Section.]Key=value>...]
      [LAUNCHER <native|sh>]
      [ENTRY_POINTS <program>...]
      [BEFORE_START <command>...])

  Declares the targets ``release-<name>`` (this release) and ``release`` (all
  releases of the build). Building either builds the executables first, then
  assembles ``<OUTPUT_DIRECTORY>/<name>``.

  ``TARGETS``
    Executable targets of this project, or ``IMPORTED`` executables. The first
    is the main program, run by ``bin/<name> start``; all are available to
    ``bin/<name> eval``. Required.

  ``VERSION``
    The release version. Default: ``PROJECT_VERSION``, else ``0.0.0`` (with a
    configure-time warning). Letters, digits and ``._+~-`` only: it becomes a
    directory name. The cache variable ``RELEASE_VERSION_OVERRIDE`` (a list
    of ``<release>=<version>``) replaces it: an image's builder stage gets
    the version of the build that wrote its Dockerfile that way (see
    ``docs/add_container_image.md``, "Versions computed from git").

  ``ARGS``
    Default arguments of the main program: ``start``, ``daemon`` and
    ``restart`` put them before the caller's own arguments
    (``RELEASE_DEFAULT_ARGS=0`` leaves them out). ``$RELEASE_ROOT`` and
    ``$RELEASE_DATA`` in an argument are expanded by the control script at
    run time (``-c $RELEASE_ROOT/etc/app.conf``); everything else is literal.

  ``REQUIRED_ENV``
    Variables that must be set and non-empty when ``start``, ``daemon`` and
    ``eval`` run (checked after the env hook).

  ``ENV``
    ``VAR=value`` defaults for the program's environment. A variable the caller
    already set keeps the caller's value.

  ``ENV_HOOK``
    A template filled at build time (``@VAR@`` from CMake, ``configure_file``
    ``@ONLY`` rules) into ``releases/<vsn>/env.sh``, which the control script
    sources before every command. Default: ``rel/env.sh.in`` beside the calling
    ``CMakeLists.txt``, if present.

  ``OVERLAYS``
    Directories whose contents are copied verbatim into the release root.
    Default: ``rel/overlays`` beside the calling ``CMakeLists.txt``, if present.

  ``LIBRARIES``
    Extra shared objects to bundle, such as ``dlopen()``-ed plugins: files or
    ``SHARED``/``MODULE`` library targets. They land in ``lib/`` under their
    file name, with their own closure; the programs then always get the
    DT_RPATH ``$ORIGIN/../lib``, so ``dlopen()`` by bare file name finds them.

  ``EXCLUDE_LIBRARIES``
    Regular expressions matched against the names programs ask for (their
    ``DT_NEEDED`` entries); matching libraries are left to the target system.
    The glibc family is always left to the target, unless ``HERMETIC``.

  ``LIBRARY_DIRS``
    Extra directories searched for libraries, after each file's own search path
    and before the system directories. Each must exist at configure time,
    unless it is inside the build tree (made by the build).

  ``OUTPUT_DIRECTORY``
    Where the release directory is made. Default: ``${CMAKE_BINARY_DIR}/release``.

  ``STRIP``
    Strip the programs and libraries (with ``CMAKE_STRIP``) before their
    search path is set.

  ``DEBUG_SYMBOLS``
    ``SPLIT``: strip the release's files and keep their debug information in
    ``<OUTPUT_DIRECTORY>/<name>-debug/.build-id/xx/yyyy.debug``, each
    stripped file linked to it by ``.gnu_debuglink`` (needs ``objcopy``;
    packaged as the component ``<name>-debug``: ``...-debug.tar.gz``,
    ``<name>-dbgsym`` DEB, ``<name>-debuginfo`` RPM). ``KEEP`` (default):
    the files as built. Not together with ``STRIP``. See
    ``docs/debug-symbols.md``.

  ``HERMETIC``
    The release also carries the glibc family, its loader
    (``lib/ld-linux-*.so.*``) and the NSS module ``libnss_compat.so.2``,
    all from one glibc build (the target's, or ``RELEASE_GLIBC_DIR``): it
    runs on any Linux of its architecture whose kernel is new enough for
    that glibc, whatever libc the host has. The programs' ``PT_INTERP``
    becomes ``<PREFIX>/lib/<loader>``: at ``PREFIX`` they are directly
    executable; anywhere else ``bin/<name>`` runs them through the bundled
    loader (``ld.so --argv0``). See ``docs/hermetic.md``.

  ``PREFIX``
    The absolute path the release is installed at on the target: where
    container images and DEB/RPM packages put it, and the directory of a
    hermetic release's ``PT_INTERP``. Default:
    ``CPACK_PACKAGING_INSTALL_PREFIX`` when set, else ``/opt/<name>``.

  ``NO_SYSTEMD``
    Render no systemd unit; DEB and RPM packages then install files only.

  ``SYSTEMD_TYPE``
    The unit's ``Type=``: ``exec`` (default) or ``notify`` (the program calls
    ``sd_notify("READY=1")``).

  ``SYSTEMD_USER``
    The system user the service runs as, created by the DEB/RPM (default:
    ``<name>``), or ``DYNAMIC`` for ``DynamicUser=yes``.

  ``SYSTEMD_STOP_TIMEOUT``
    Seconds from ``SIGTERM`` to ``SIGKILL`` when the service stops
    (``TimeoutStopSec=``; default 30, the control script's).

  ``SYSTEMD_OPTIONS``
    ``[Section.]Key=value`` lines for the unit (section ``Service`` unless
    ``Unit.`` or ``Install.`` is given); the lines given for a key replace
    the unit's lines of that key, ``Key=`` alone removes it.

  ``LAUNCHER``
    What ``bin/<name>`` is: ``sh``, the POSIX sh control script (default,
    except for ``HERMETIC`` releases), or ``native``, a static C++17 program
    compiled for the target from ``launcher/`` as the target
    ``release-<name>.launcher`` (default for ``HERMETIC`` releases; needs the
    project's C++ compiler). Same commands, variables and exit statuses; the
    native one needs no shell (only for an env hook with commands) and, as
    PID 1, forwards signals and reaps orphans. A sh release of a project with
    C++ carries the native launcher as ``lib/cmake-release/launcher`` for
    ``bin/<name> probe``. See ``docs/launcher.md``.

  ``ENTRY_POINTS``
    Programs of ``TARGETS`` that get ``bin/<program>``, which runs the
    program exactly as ``bin/<name> eval <program>`` does.

  ``BEFORE_START``
    Command lines, each starting with a program of ``TARGETS`` (split like
    a POSIX shell splits words; ``$RELEASE_ROOT`` and ``$RELEASE_DATA``
    expanded at run time as in ``ARGS``), that ``start``, ``daemon`` and
    ``restart`` run in order, as ``eval`` runs a program, before the main
    program; the first that fails stops the command with its status.

  The unit (``templates/service/unit.service.in``) is rendered at build time
  into the build tree (target property ``RELEASE_SYSTEMD_UNIT``); DEB and RPM
  packages install it with the release under ``/opt/<name>``: see
  ``docs/systemd.md``.

  Target properties of ``release-<name>`` for other modules:
  ``RELEASE_HERMETIC`` (``TRUE``/``FALSE``), ``RELEASE_PREFIX``,
  ``RELEASE_INTERPRETER`` (the bundled loader relative to the release root,
  empty when not hermetic).

  The release is also installed by ``cmake --install <build> --component <name>``
  (the install prefix becomes the release root), and packaged by CPack: see
  ``docs/add_release.md``.
#]=======================================================================]

include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseCommon.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseArgs.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseSbom.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseService.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseDebug.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleasePackage.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseLauncher.cmake")

# Functions remember the policies in force where they are defined.
cmake_policy(PUSH)
cmake_policy(VERSION 3.25)

# _release_program_file_name(<out-var> <release> <target>)
# The file name a program target produces, known at configure time (used to
# check names and record them; the build uses $<TARGET_FILE_NAME>).
function(_release_program_file_name out release tgt)
  get_target_property(imported "${tgt}" IMPORTED)
  if(imported)
    set(location "")
    foreach(prop IMPORTED_LOCATION IMPORTED_LOCATION_RELEASE IMPORTED_LOCATION_RELWITHDEBINFO
                 IMPORTED_LOCATION_MINSIZEREL IMPORTED_LOCATION_DEBUG IMPORTED_LOCATION_NOCONFIG)
      get_target_property(location "${tgt}" ${prop})
      if(location)
        break()
      endif()
    endforeach()
    if(NOT location)
      message(FATAL_ERROR "add_release: the IMPORTED executable '${tgt}' has no "
        "IMPORTED_LOCATION. Fix: set_target_properties(${tgt} PROPERTIES "
        "IMPORTED_LOCATION /path/to/program).")
    endif()
    _release_check_imported_location("${release}" "${tgt}" "${location}")
    get_filename_component(file_name "${location}" NAME)
  else()
    get_target_property(file_name "${tgt}" OUTPUT_NAME)
    if(NOT file_name)
      set(file_name "${tgt}")
    endif()
    get_target_property(suffix "${tgt}" SUFFIX)
    if(suffix)
      string(APPEND file_name "${suffix}")
    else()
      string(APPEND file_name "${CMAKE_EXECUTABLE_SUFFIX}")
    endif()
  endif()
  set(${out} "${file_name}" PARENT_SCOPE)
endfunction()

# _release_existing_dirs(<out-var> <release> <keyword> <fix> <dir>...)
# Makes each <dir> absolute (relative to the calling source directory) and
# stops with an error naming <keyword> when one is not a directory.
# LIBRARY_DIRS may name a directory of the build tree that does not exist
# yet: the build makes it (libraries built by the project) before the
# release is resolved.
function(_release_existing_dirs out release keyword fix)
  set(dirs "")
  foreach(dir IN LISTS ARGN)
    cmake_path(ABSOLUTE_PATH dir BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    cmake_path(IS_PREFIX CMAKE_BINARY_DIR "${dir}" NORMALIZE in_build_tree)
    if(keyword STREQUAL "LIBRARY_DIRS" AND in_build_tree AND NOT EXISTS "${dir}")
      list(APPEND dirs "${dir}")
      continue()
    endif()
    if(NOT IS_DIRECTORY "${dir}")
      message(FATAL_ERROR "add_release(${release}): ${keyword} '${dir}' is not a directory. "
        "Fix: ${fix}.")
    endif()
    list(APPEND dirs "${dir}")
  endforeach()
  set(${out} "${dirs}" PARENT_SCOPE)
endfunction()

function(add_release name)
  # Directory-scoped variables of the module are not visible from a sibling
  # directory that did not include() it: take them from the module's files.
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleaseCommon.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleaseChecks.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleaseBuildPaths.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleaseArgs.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleaseService.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleaseVersionOverride.cmake")
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleaseLauncher.cmake")
  set(_RELEASE_MODULE_DIR "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  get_filename_component(_RELEASE_TEMPLATE_DIR "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../templates" ABSOLUTE)
  set(options STRIP HERMETIC ${_RELEASE_SERVICE_OPTIONS})
  set(one_value VERSION ENV_HOOK OUTPUT_DIRECTORY DEBUG_SYMBOLS PREFIX LAUNCHER ${_RELEASE_SERVICE_ONE_VALUE})
  set(multi_value TARGETS ARGS REQUIRED_ENV ENV OVERLAYS LIBRARIES EXCLUDE_LIBRARIES LIBRARY_DIRS
    ENTRY_POINTS BEFORE_START ${_RELEASE_SERVICE_MULTI_VALUE})
  cmake_parse_arguments(PARSE_ARGV 1 arg "${options}" "${one_value}" "${multi_value}")
  # A list element ending in a backslash escapes the ';' after it, merging it
  # with the next element of its keyword's list: such a value cannot be
  # carried through, so say so. (Last in its list, it is harmless.)
  math(EXPR last_arg "${ARGC} - 2")
  foreach(i RANGE 1 ${last_arg})
    if(last_arg LESS 1)
      break()
    endif()
    math(EXPR next "${i} + 1")
    _release_check_argument("${name}" "${ARGV${i}}" "${ARGV${next}}" ${one_value})
    if("${ARGV${i}}" MATCHES "\\\\$" AND NOT "${ARGV${next}}" IN_LIST options
       AND NOT "${ARGV${next}}" IN_LIST one_value AND NOT "${ARGV${next}}" IN_LIST multi_value)
      message(FATAL_ERROR "add_release(${name}): the argument '${ARGV${i}}' ends with a "
        "backslash, which CMake lists cannot carry (it would join the next argument). "
        "Fix: end the value with another character, e.g. a trailing '/' for a directory.")
    endif()
  endforeach()

  # --- Checks, all before any side effect. -------------------------------
  if(NOT name MATCHES "${_RELEASE_NAME_REGEX}")
    message(FATAL_ERROR "add_release: the release name '${name}' is not usable as a file "
      "name. Fix: use letters, digits and '._+-' only, starting with a letter or digit.")
  endif()
  _release_check_name("${name}")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "add_release(${name}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}. "
      "Fix: use only the keywords TARGETS, VERSION, ARGS, REQUIRED_ENV, ENV, ENV_HOOK, OVERLAYS, "
      "LIBRARIES, EXCLUDE_LIBRARIES, LIBRARY_DIRS, OUTPUT_DIRECTORY, STRIP, DEBUG_SYMBOLS, "
      "HERMETIC, PREFIX, NO_SYSTEMD, SYSTEMD_TYPE, SYSTEMD_USER, SYSTEMD_STOP_TIMEOUT, SYSTEMD_OPTIONS, "
      "LAUNCHER, ENTRY_POINTS, BEFORE_START.")
  endif()
  if(arg_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "add_release(${name}): the keyword(s) ${arg_KEYWORDS_MISSING_VALUES} "
      "were given without a value. Fix: give each a value, or leave the keyword out.")
  endif()
  get_property(generator_is_multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(generator_is_multi_config)
    message(FATAL_ERROR "add_release(${name}): the generator '${CMAKE_GENERATOR}' builds "
      "several configurations in one tree, which would share one release directory. "
      "Fix: use a single-configuration generator (Ninja or Unix Makefiles).")
  endif()
  get_property(known_releases GLOBAL PROPERTY RELEASE_NAMES)
  if(name IN_LIST known_releases)
    get_property(first_dir TARGET "release-${name}" PROPERTY RELEASE_SOURCE_DIR)
    message(FATAL_ERROR "add_release(${name}): a release named '${name}' was already "
      "declared (in ${first_dir}). Fix: give each release its own name.")
  endif()
  if(TARGET "release-${name}")
    message(FATAL_ERROR "add_release(${name}): the project already has a target named "
      "'release-${name}'. Fix: rename that target or choose another release name.")
  endif()
  if(TARGET release AND NOT known_releases)
    message(FATAL_ERROR "add_release(${name}): the project already has a target named "
      "'release', which add_release() needs for building all releases. Fix: rename that target.")
  endif()
  if(NOT arg_TARGETS)
    message(FATAL_ERROR "add_release(${name}): no TARGETS given. Fix: name the executable "
      "target(s) to release, the main program first: add_release(${name} TARGETS <exe>...).")
  endif()

  set(program_names "")
  foreach(tgt IN LISTS arg_TARGETS)
    if(NOT TARGET "${tgt}")
      set(hint "")
      if(tgt MATCHES "^[A-Z][A-Z_]+$")
        set(hint " If '${tgt}' is meant as a keyword, add_release() has no such keyword.")
      endif()
      message(FATAL_ERROR "add_release(${name}): '${tgt}' given in TARGETS is not a target. "
        "Fix: name an executable created with add_executable() (declare it before "
        "add_release), or an IMPORTED executable.${hint}")
    endif()
    get_target_property(type "${tgt}" TYPE)
    if(NOT type STREQUAL "EXECUTABLE")
      message(FATAL_ERROR "add_release(${name}): '${tgt}' given in TARGETS is a ${type}, "
        "not an executable. Fix: list executables in TARGETS; bundle extra shared "
        "libraries with LIBRARIES.")
    endif()
    _release_program_file_name(file_name "${name}" "${tgt}")
    if(NOT file_name MATCHES "${_RELEASE_NAME_REGEX}")
      message(FATAL_ERROR "add_release(${name}): the program file name '${file_name}' of "
        "target '${tgt}' is not a safe file name. Fix: set its OUTPUT_NAME to letters, "
        "digits and '._+-' only.")
    endif()
    if(file_name IN_LIST program_names)
      message(FATAL_ERROR "add_release(${name}): two targets in TARGETS produce a program "
        "named '${file_name}'. Fix: give them different OUTPUT_NAMEs.")
    endif()
    list(APPEND program_names "${file_name}")
  endforeach()

  if(NOT DEFINED arg_VERSION)
    if(PROJECT_VERSION)
      set(arg_VERSION "${PROJECT_VERSION}")
    else()
      set(arg_VERSION "0.0.0")
      message(WARNING "add_release(${name}): no VERSION given and the project "
        "'${PROJECT_NAME}' has none, so the release (its directory releases/<vsn>, "
        "'bin/${name} version', packages and image labels) is version 0.0.0. Fix: give "
        "the project a version, project(${PROJECT_NAME} VERSION <vsn> ...), or pass "
        "add_release(${name} ... VERSION <vsn>).")
    endif()
  endif()
  _release_version_override("${name}" arg_VERSION)   # ReleaseVersionOverride.cmake
  if(NOT arg_VERSION MATCHES "${_RELEASE_VERSION_REGEX}")
    message(FATAL_ERROR "add_release(${name}): VERSION '${arg_VERSION}' has characters that "
      "are unsafe in a path. Fix: use letters, digits and '._+~-' only, starting with a "
      "letter or digit (e.g. 1.2.3 or 1.2.3-rc.1).")
  endif()

  _release_check_args("${name}" "${arg_ARGS}")
  foreach(var IN LISTS arg_REQUIRED_ENV)
    if(NOT var MATCHES "${_RELEASE_ENV_NAME_REGEX}")
      message(FATAL_ERROR "add_release(${name}): REQUIRED_ENV '${var}' is not a valid "
        "environment variable name. Fix: use letters, digits and '_', not starting with a digit.")
    endif()
  endforeach()
  foreach(item IN LISTS arg_ENV)
    if(NOT item MATCHES "^([^=]*)=")
      message(FATAL_ERROR "add_release(${name}): ENV item '${item}' is not of the form "
        "VAR=value. Fix: write it as ${item}=<value>.")
    endif()
    set(var "${CMAKE_MATCH_1}")
    if(NOT var MATCHES "${_RELEASE_ENV_NAME_REGEX}")
      message(FATAL_ERROR "add_release(${name}): ENV item '${item}' names the variable "
        "'${var}', which is not a valid environment variable name. Fix: use "
        "letters, digits and '_', not starting with a digit.")
    endif()
  endforeach()
  _release_check_env("${name}" ${arg_ENV})

  if(DEFINED arg_ENV_HOOK)
    cmake_path(ABSOLUTE_PATH arg_ENV_HOOK BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    if(NOT EXISTS "${arg_ENV_HOOK}" OR IS_DIRECTORY "${arg_ENV_HOOK}")
      message(FATAL_ERROR "add_release(${name}): ENV_HOOK '${arg_ENV_HOOK}' is not a file. "
        "Fix: point it at a template, e.g. rel/env.sh.in (cmake -P "
        "<cmake-release>/cmake/release-init.cmake writes a commented one).")
    endif()
  elseif(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/rel/env.sh.in")
    set(arg_ENV_HOOK "${CMAKE_CURRENT_SOURCE_DIR}/rel/env.sh.in")
  else()
    set(arg_ENV_HOOK "")
  endif()
  # The hook's @VAR@ references take their values from this scope; record the
  # ones it uses (and re-run CMake when the hook changes, to see new ones).
  set(hook_variables "")
  if(arg_ENV_HOOK)
    file(READ "${arg_ENV_HOOK}" hook_text)
    string(REGEX MATCHALL "@[A-Za-z_][A-Za-z0-9_]*@" hook_refs "${hook_text}")
    list(REMOVE_DUPLICATES hook_refs)
    foreach(ref IN LISTS hook_refs)
      string(REGEX REPLACE "^@(.*)@$" "\\1" var "${ref}")
      if(DEFINED "${var}" AND NOT var MATCHES "^RELEASE_")
        list(APPEND hook_variables "${var}")
      endif()
    endforeach()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${arg_ENV_HOOK}")
  endif()

  if(NOT DEFINED arg_OVERLAYS AND IS_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/rel/overlays")
    set(arg_OVERLAYS "${CMAKE_CURRENT_SOURCE_DIR}/rel/overlays")
  endif()
  _release_existing_dirs(overlays "${name}" OVERLAYS "create it, or leave it out of OVERLAYS"
    ${arg_OVERLAYS})

  set(library_files "")
  set(library_deps "")
  foreach(lib IN LISTS arg_LIBRARIES)
    if(TARGET "${lib}")
      get_target_property(type "${lib}" TYPE)
      if(NOT type MATCHES "^(SHARED_LIBRARY|MODULE_LIBRARY)$")
        message(FATAL_ERROR "add_release(${name}): '${lib}' given in LIBRARIES is a ${type}, "
          "not a shared library. Fix: list SHARED or MODULE library targets, or files.")
      endif()
      list(APPEND library_files "$<TARGET_FILE:${lib}>")
      list(APPEND library_deps "${lib}")
    else()
      cmake_path(ABSOLUTE_PATH lib BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
      if(NOT EXISTS "${lib}" OR IS_DIRECTORY "${lib}")
        message(FATAL_ERROR "add_release(${name}): '${lib}' given in LIBRARIES is neither a "
          "target nor an existing file. Fix: name a SHARED/MODULE library target or the "
          "path of a shared object.")
      endif()
      list(APPEND library_files "${lib}")
    endif()
  endforeach()

  foreach(regex IN LISTS arg_EXCLUDE_LIBRARIES)
    # An invalid regular expression stops CMake here, at the caller's line.
    string(REGEX MATCH "${regex}" ignored "probe")
  endforeach()

  _release_existing_dirs(library_dirs "${name}" LIBRARY_DIRS "give an existing directory"
    ${arg_LIBRARY_DIRS})

  if(NOT DEFINED arg_OUTPUT_DIRECTORY)
    set(arg_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/release")
  endif()
  cmake_path(ABSOLUTE_PATH arg_OUTPUT_DIRECTORY BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)
  string(REGEX REPLACE "/$" "" arg_OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}")
  set(release_dir "${arg_OUTPUT_DIRECTORY}/${name}")

  _release_debug_check("${name}" debug_symbols objcopy)   # ReleaseDebug.cmake
  _release_service_check("${name}")                       # ReleaseService.cmake
  _release_launcher_check("${name}" "${arg_HERMETIC}" "${arg_LAUNCHER}" "${program_names}"
    "${arg_ENTRY_POINTS}" "${arg_BEFORE_START}")          # ReleaseLauncher.cmake
  find_program(RELEASE_PATCHELF patchelf DOC "patchelf used by add_release()")
  find_program(RELEASE_READELF NAMES "${CMAKE_READELF}" readelf DOC "readelf used by add_release()")
  foreach(tool PATCHELF READELF)
    if(NOT RELEASE_${tool})
      string(TOLOWER "${tool}" tool_name)
      if(tool STREQUAL "PATCHELF")
        set(pkg patchelf)
      else()
        set(pkg binutils)
      endif()
      message(FATAL_ERROR "add_release(${name}): ${tool_name} was not found. Fix: install "
        "it (Debian/Ubuntu: apt-get install ${pkg}) or set RELEASE_${tool} to its path.")
    endif()
  endforeach()

  _release_check_output_dir("${name}" "${arg_OUTPUT_DIRECTORY}")
  _release_library_search_dirs(system_dirs)
  _release_hermetic_configure("${name}" "${arg_HERMETIC}" "${arg_PREFIX}" ${system_dirs})  # ReleaseHermetic.cmake
  list(APPEND library_files ${hermetic_libraries})

  # --- Record the release. ------------------------------------------------
  _release_loader_tokens(loader_lib loader_platform)
  _release_loader_helper(loader "${name}")
  _release_map_build_paths(${arg_TARGETS} ${library_deps})
  list(GET program_names 0 main_program)
  set(work "${CMAKE_BINARY_DIR}/CMakeFiles/release.dir/${name}")
  set(steps "${_RELEASE_MODULE_DIR}/steps")
  set(config "${work}/config.cmake")

  set(page_size "")
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ppc64|ppc64le|powerpc64|powerpc64le)$"
     AND CMAKE_CROSSCOMPILING)
    # Those kernels may use 64 KiB pages; patchelf must align new segments to it.
    set(page_size 65536)
  endif()
  if(DEFINED RELEASE_PAGE_SIZE)
    set(page_size "${RELEASE_PAGE_SIZE}")
  endif()

  set(launcher_hook "")
  if(arg_ENV_HOOK)
    set(launcher_hook HOOK)
  endif()
  _release_launcher_declare("${name}" "${work}" "${_release_launcher}" "${arg_VERSION}"
    "${main_program}" ${launcher_hook} PREFIX "${hermetic_prefix}" INTERPRETER "${hermetic_interpreter}"
    PROGRAMS ${program_names} REQUIRED_ENV ${arg_REQUIRED_ENV} ENV ${arg_ENV} ARGS ${arg_ARGS}
    ENTRY_POINTS ${arg_ENTRY_POINTS} BEFORE_START ${arg_BEFORE_START})   # ReleaseLauncher.cmake
  set(program_files "")
  foreach(tgt IN LISTS arg_TARGETS)
    list(APPEND program_files "$<TARGET_FILE:${tgt}>")
  endforeach()
  # The configuration of the build-time steps, written at generate time (it
  # holds generator expressions) and rewritten only when it changes.
  set(content "# Generated by add_release(${name}). Read by the steps in ${steps}.\n")
  foreach(pair
      "RELEASE_NAME;${name}" "RELEASE_VSN;${arg_VERSION}" "RELEASE_DIR;${release_dir}"
      "RELEASE_WORK_DIR;${work}" "RELEASE_TEMPLATE_DIR;${_RELEASE_TEMPLATE_DIR}"
      "RELEASE_ENV_HOOK;${arg_ENV_HOOK}" "RELEASE_STRIP;${arg_STRIP}"
      "RELEASE_DEBUG_SYMBOLS;${debug_symbols}"
      "RELEASE_DEBUG_DIR;${release_dir}-debug" "RELEASE_OBJCOPY;${objcopy}"
      "RELEASE_STRIP_TOOL;${CMAKE_STRIP}" "RELEASE_PATCHELF;${RELEASE_PATCHELF}"
      "RELEASE_READELF;${RELEASE_READELF}"
      "RELEASE_PAGE_SIZE;${page_size}"
      "RELEASE_LOADER;${loader}" "RELEASE_LOADER_LIB;${loader_lib}"
      "RELEASE_LOADER_PLATFORM;${loader_platform}"
      "RELEASE_MAIN;${main_program}"
      "RELEASE_HERMETIC;${arg_HERMETIC}" "RELEASE_PREFIX;${hermetic_prefix}"
      "RELEASE_INTERPRETER;${hermetic_interpreter}" "RELEASE_GLIBC_DIR;${hermetic_glibc_dir}"
      "RELEASE_LAUNCHER;${_release_launcher}" "RELEASE_LAUNCHER_FILE;${_release_launcher_file}")
    list(POP_FRONT pair key)
    _release_bracket(value "${pair}")
    string(APPEND content "set(${key} ${value})\n")
  endforeach()
  foreach(pair
      "RELEASE_PROGRAM_FILES;program_files" "RELEASE_PROGRAMS;program_names"
      "RELEASE_LIBRARY_FILES;library_files" "RELEASE_EXCLUDE;arg_EXCLUDE_LIBRARIES"
      "RELEASE_SEARCH_DIRS;library_dirs" "RELEASE_SYSTEM_DIRS;system_dirs"
      "RELEASE_REQUIRED_ENV;arg_REQUIRED_ENV" "RELEASE_ENV;arg_ENV" "RELEASE_OVERLAYS;overlays"
      "RELEASE_ARGS;arg_ARGS" "RELEASE_ENTRY_POINTS;arg_ENTRY_POINTS"
      "RELEASE_BEFORE_START;arg_BEFORE_START")
    list(GET pair 0 key)
    list(GET pair 1 var)
    _release_bracket(value "${${var}}")
    string(APPEND content "set(${key} ${value})\n")
  endforeach()
  string(APPEND content "set(RELEASE_HOOK_VARIABLES [==[${hook_variables}]==])\n")
  foreach(var IN LISTS hook_variables)
    _release_bracket(value "${${var}}")
    string(APPEND content "set(RELEASE_HOOK_VALUE_${var} ${value})\n")
  endforeach()
  file(GENERATE OUTPUT "${config}" CONTENT "${content}")

  # --- Build-time steps. ---------------------------------------------------
  set(closure "${work}/closure.cmake")
  set(stage_stamp "${work}/stage.stamp")
  set(render_stamp "${work}/render.stamp")
  set(verify_stamp "${work}/verify.stamp")
  set(swap_stamp "${work}/assembled.stamp")
  set(run_step "${CMAKE_COMMAND}" "-DRELEASE_CONFIG=${config}" -P)

  # Runs on every build and costs about nothing: inputs.stamp changes only
  # when a file or directory the closure was made from has another identity
  # than when it was read, e.g. a system library replaced by dpkg with its
  # old mtime, which no build tool would notice. A target of its own, so
  # that make, like Ninja (restat), sees the stamp's time after the check.
  set(inputs_stamp "${work}/inputs.stamp")
  add_custom_target("release-${name}.inputs"
    COMMAND "${loader}" check "${work}/inputs.txt" "${inputs_stamp}"
    BYPRODUCTS "${inputs_stamp}"
    COMMENT "Release ${name}: checking the closure's inputs"
    VERBATIM)
  add_custom_command(OUTPUT "${closure}"
    COMMAND ${run_step} "${steps}/resolve.cmake"
    DEPENDS "${config}" "${steps}/resolve.cmake" "${_RELEASE_MODULE_DIR}/ReleaseCommon.cmake"
            "${_RELEASE_MODULE_DIR}/ReleaseLoader.cmake" "${loader}" "${inputs_stamp}"
            ${arg_TARGETS} ${library_deps} ${program_files} ${library_files}
    DEPFILE "${work}/resolve.d"
    COMMENT "Release ${name}: resolving the shared-library closure"
    VERBATIM)
  add_custom_command(OUTPUT "${stage_stamp}"
    COMMAND ${run_step} "${steps}/stage.cmake"
    DEPENDS "${config}" "${closure}" "${steps}/stage.cmake" "${loader}" ${program_files} ${library_files}
    DEPFILE "${work}/stage.d"
    COMMENT "Release ${name}: staging and patching programs and libraries"
    VERBATIM)
  set(hook_dep "")
  if(arg_ENV_HOOK)
    set(hook_dep "${arg_ENV_HOOK}")
  endif()
  add_custom_command(OUTPUT "${render_stamp}"
    COMMAND ${run_step} "${steps}/render.cmake"
    DEPENDS "${config}" "${steps}/render.cmake"
            "${_RELEASE_TEMPLATE_DIR}/control.sh.in" "${_RELEASE_TEMPLATE_DIR}/env-empty.sh.in"
            "${_RELEASE_MODULE_DIR}/ReleaseArgs.cmake" "${_RELEASE_MODULE_DIR}/ReleaseLauncher.cmake"
            ${hook_dep} ${_release_launcher_target} ${_release_launcher_file}
    COMMENT "Release ${name}: rendering the control script and env hook"
    VERBATIM)
  add_custom_command(OUTPUT "${verify_stamp}"
    COMMAND ${run_step} "${steps}/verify.cmake"
    DEPENDS "${config}" "${stage_stamp}" "${render_stamp}" "${steps}/verify.cmake"
    COMMENT "Release ${name}: verifying every ELF file of the release"
    VERBATIM)
  _release_sbom_step(sbom_stamp "${name}" "${config}" "${work}" "${closure}" "${stage_stamp}")
  add_custom_command(OUTPUT "${swap_stamp}" "${release_dir}/bin/${name}"
    COMMAND ${run_step} "${steps}/swap.cmake"
    DEPENDS "${config}" "${verify_stamp}" "${sbom_stamp}" "${steps}/swap.cmake" "${loader}"
    DEPFILE "${work}/swap.d"
    COMMENT "Release ${name}: assembling ${release_dir}"
    VERBATIM)

  _release_service_declare("${name}" "${arg_VERSION}" "${work}" service_files)
  add_custom_target("release-${name}" DEPENDS "${swap_stamp}" ${service_files})
  add_dependencies("release-${name}" "release-${name}.inputs" ${arg_TARGETS} ${library_deps})
  if(NOT TARGET release)
    add_custom_target(release)
  endif()
  add_dependencies(release "release-${name}")

  set_target_properties("release-${name}" PROPERTIES
    RELEASE_NAME "${name}"
    RELEASE_VERSION "${arg_VERSION}"
    RELEASE_DIR "${release_dir}"
    RELEASE_TARGETS "${arg_TARGETS}"
    RELEASE_PROGRAMS "${program_names}"
    RELEASE_MAIN_PROGRAM "${main_program}"
    RELEASE_ARGS "${arg_ARGS}"
    RELEASE_REQUIRED_ENV "${arg_REQUIRED_ENV}"
    RELEASE_ENV "${arg_ENV}"
    RELEASE_SOURCE_DIR "${CMAKE_CURRENT_SOURCE_DIR}"
    RELEASE_WORK_DIR "${work}"
    RELEASE_STAMP "${swap_stamp}"
    RELEASE_HERMETIC "${arg_HERMETIC}"
    RELEASE_PREFIX "${hermetic_prefix}"
    RELEASE_INTERPRETER "${hermetic_interpreter}"
    RELEASE_LAUNCHER "${_release_launcher}"
    RELEASE_ENTRY_POINTS "${arg_ENTRY_POINTS}")
  set_property(GLOBAL APPEND PROPERTY RELEASE_NAMES "${name}")

  # --- Install and CPack. ---------------------------------------------------
  # The install prefix becomes the release root, so a CPack archive's single
  # top directory is a runnable release.
  # The release is not part of the default build: installing (or packaging,
  # whose target builds only the default one) first brings it up to date.
  # Its tmp/ (a daemon's pid file and log, when run from the build tree)
  # is never installed.
  _release_bracket(q_config "${config}")
  _release_bracket(q_build "${CMAKE_BINARY_DIR}")
  _release_bracket(q_check "${steps}/install-check.cmake")
  install(CODE "set(RELEASE_CONFIG ${q_config})\nset(RELEASE_BUILD_DIR ${q_build})\ninclude(${q_check})"
    COMPONENT "${name}" EXCLUDE_FROM_ALL)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" release_dir_regex "${release_dir}")
  install(DIRECTORY "${release_dir}/" DESTINATION "." COMPONENT "${name}"
    USE_SOURCE_PERMISSIONS EXCLUDE_FROM_ALL
    REGEX "^${release_dir_regex}/tmp(/.*)?$" EXCLUDE)
  _release_cpack_defaults("${name}" "${arg_VERSION}")   # ReleasePackage.cmake
  return(PROPAGATE ${_release_cpack_variables})
endfunction()

cmake_policy(POP)

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
      [HERMETIC [GCONV_MODULES <module>...]] [PREFIX <abs-path>]
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
    sources before every command; it must be POSIX ``sh`` (the build checks
    that it parses). Default: ``rel/env.sh.in`` beside the calling
    ``CMakeLists.txt``, if present.

  ``OVERLAYS``
    Directories whose contents are copied verbatim into the release root.
    Default: ``rel/overlays`` beside the calling ``CMakeLists.txt``, if present.
    A symbolic link to a file of the release becomes that file; other links
    are refused (``docs/plugins.md``).

  Plugins that the programs find by listing a directory are put there by
  ``add_release_plugins()`` (module ``ReleasePlugins``, included).

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
    loader (``ld.so --argv0``), by its links
    ``libexec/.cmake-release/loader/<program>`` so that each process keeps
    its program's name in ``ps``. See ``docs/hermetic.md``.

  ``GCONV_MODULES``
    ``HERMETIC`` only: glibc character set modules to carry for
    ``iconv()`` beyond libc's built-in ones (UTF-8/16/32, ISO-8859-1,
    ASCII), by file name without ``.so`` (``EUC-JP``, ``ISO8859-15``),
    with their helper libraries, in ``lib/gconv/`` with a
    ``gconv-modules`` configuration of just them; ``bin/<name>`` sets
    ``GCONV_PATH`` to it.

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
    C++ carries the native launcher as ``libexec/.cmake-release/launcher`` for
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
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseStepConfig.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseArgs.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseSbom.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseService.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseDebug.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleasePackage.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleasePlugins.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseLauncher.cmake")

# Functions remember the policies in force where they are defined.
cmake_policy(PUSH)
cmake_policy(VERSION 3.25)

# add_release() is a short sequence of phases, each a function below (the
# argument checks are in ReleaseChecks.cmake): parse and validate, find the
# tools and the loader model, write the step configuration, declare the
# build-time steps, record the release (target properties), install/CPack.
# The phases share add_release()'s scope: each reads the arg_* values and what
# earlier phases computed, and hands back what it computes with
# return(PROPAGATE). A new keyword is one word in a list of
# _release_keywords() plus one call in the phase it belongs to.

# _release_keywords()
# The keywords of add_release(), as options, one_value and multi_value.
function(_release_keywords)
  set(options STRIP HERMETIC ${_RELEASE_SERVICE_OPTIONS})
  set(one_value VERSION ENV_HOOK OUTPUT_DIRECTORY DEBUG_SYMBOLS PREFIX LAUNCHER
    ${_RELEASE_SERVICE_ONE_VALUE})
  set(multi_value TARGETS ARGS REQUIRED_ENV ENV OVERLAYS LIBRARIES EXCLUDE_LIBRARIES LIBRARY_DIRS
    GCONV_MODULES ENTRY_POINTS BEFORE_START ${_RELEASE_SERVICE_MULTI_VALUE})
  return(PROPAGATE options one_value multi_value)
endfunction()

# _release_find_tools(<release>)
# patchelf and readelf (cache variables RELEASE_PATCHELF, RELEASE_READELF),
# the debug and service settings, and the loader model of the target: the
# system search directories, $LIB/$PLATFORM, the native helper, the page size.
function(_release_find_tools name)
  _release_debug_check("${name}" debug_symbols objcopy)   # ReleaseDebug.cmake
  _release_service_check("${name}")                       # ReleaseService.cmake
  find_program(RELEASE_PATCHELF patchelf DOC "patchelf used by add_release()")
  find_program(RELEASE_READELF NAMES "${CMAKE_READELF}" readelf DOC "readelf used by add_release()")
  set(tools PATCHELF READELF)
  set(packages patchelf binutils)
  foreach(tool pkg IN ZIP_LISTS tools packages)
    if(NOT RELEASE_${tool})
      string(TOLOWER "${tool}" tool_name)
      _release_fail("${tool_name} was not found. Fix: install "
        "it (Debian/Ubuntu: apt-get install ${pkg}) or set RELEASE_${tool} to its path.")
    endif()
  endforeach()
  _release_check_output_dir("${name}" "${arg_OUTPUT_DIRECTORY}")
  _release_library_search_dirs(system_dirs)                # ReleaseLoader.cmake
  _release_loader_tokens(loader_lib loader_platform)
  _release_loader_helper(loader "${name}")
  _release_page_size(page_size)
  return(PROPAGATE arg_STRIP debug_symbols objcopy system_dirs loader_lib loader_platform loader page_size)
endfunction()

# _release_write_steps(<release>)
# The step configuration: the call file of each build step
# (ReleaseStepConfig.cmake), every value verbatim; only the target-file
# lists go through generator-expression evaluation.
function(_release_write_steps name)
  set(program_files "")
  foreach(tgt IN LISTS arg_TARGETS)
    list(APPEND program_files "$<TARGET_FILE:${tgt}>")
  endforeach()
  # VAR=value per variable the hook names (a value's ';' kept escaped, so
  # that it stays one element of the list).
  set(hook_values "")
  foreach(var IN LISTS hook_variables)
    string(REPLACE ";" "\\;" value "${${var}}")
    list(APPEND hook_values "${var}=${value}")
  endforeach()
  set(template_dir "${_RELEASE_TEMPLATE_DIR}")
  set(debug_dir "${release_dir}-debug")
  set(build_dir "${CMAKE_BINARY_DIR}")
  _release_depfile_root(depfile_root)   # ReleaseStepConfig.cmake
  _release_write_release_steps("${work}" NAME=name VSN=arg_VERSION DIR=release_dir
    WORK_DIR=work TEMPLATE_DIR=template_dir ENV_HOOK=arg_ENV_HOOK STRIP=arg_STRIP
    DEBUG_SYMBOLS=debug_symbols DEBUG_DIR=debug_dir OBJCOPY=objcopy STRIP_TOOL=CMAKE_STRIP
    PATCHELF=RELEASE_PATCHELF READELF=RELEASE_READELF LOADER=loader
    LOADER_LIB=loader_lib LOADER_PLATFORM=loader_platform MAIN=main_program
    PROGRAM_FILES@program_files PROGRAMS=program_names LIBRARY_FILES@library_files
    EXCLUDE=arg_EXCLUDE_LIBRARIES SEARCH_DIRS=library_dirs SYSTEM_DIRS=system_dirs
    REQUIRED_ENV=arg_REQUIRED_ENV ENV=arg_ENV OVERLAYS=overlays ARGS=arg_ARGS
    HOOK_VALUES=hook_values BUILD_DIR=build_dir DEPFILE_ROOT=depfile_root PAGE_SIZE=page_size
    HERMETIC=arg_HERMETIC PREFIX=hermetic_prefix INTERPRETER=hermetic_interpreter
    GLIBC_DIR=hermetic_glibc_dir GCONV_FILES=hermetic_gconv
    LAUNCHER=_release_launcher LAUNCHER_FILE@_release_launcher_file
    ENTRY_POINTS=arg_ENTRY_POINTS BEFORE_START=arg_BEFORE_START)
  return(PROPAGATE program_files)
endfunction()

# _release_declare_steps(<release>)
# The build-time steps, one custom command per job with named inputs and
# outputs (Ninja and Makefiles skip what did not change): inputs check →
# resolve and stage (one job: _release_step_job) → render → verify → sbom →
# swap, and the service unit; then the targets release-<name> and release.
function(_release_declare_steps name)
  _release_map_build_paths(${arg_TARGETS} ${library_deps})  # ReleaseBuildPaths.cmake
  set(closure "${work}/closure.cmake")
  set(stage_stamp "${work}/stage.stamp")
  set(render_stamp "${work}/render.stamp")
  set(verify_stamp "${work}/verify.stamp")
  set(swap_stamp "${work}/assembled.stamp")
  # Resolve and stage always run one after the other: one job, one process.
  _release_step_job(run_stage deps_stage "${work}" resolve-stage "${closure}" resolve stage)
  _release_step_run(run_render deps_render "${work}" render)
  _release_step_native(run_verify deps_verify "${work}" "${loader}" verify)  # loader/verify.cpp
  _release_step_native(run_swap deps_swap "${work}" "${loader}" swap)   # loader/swap.cpp

  # Runs on every build and costs about nothing: inputs.stamp changes only
  # when a file or directory the closure was made from has another identity
  # than when it was read, e.g. a system library replaced by dpkg with its
  # old mtime, which no build tool would notice. A target of its own, so
  # that make, like Ninja (restat), sees the stamp's time after the check.
  set(inputs_stamp "${work}/inputs.stamp")
  # Ninja reads the steps' depfiles as they are written, with paths as it
  # names them (_release_depfile_root): with CMP0116 NEW every step with a
  # DEPFILE ran a second CMake process (cmake -E cmake_transform_depfile),
  # ~40 ms each. (A function runs with the policies of its definition:
  # ReleaseSbom.cmake sets its own.)
  cmake_policy(PUSH)
  cmake_policy(SET CMP0116 OLD)
  add_custom_target("release-${name}.inputs"
    COMMAND "${loader}" check "${work}/inputs.txt" "${inputs_stamp}"
    BYPRODUCTS "${inputs_stamp}"
    COMMENT "Release ${name}: checking the closure's inputs"
    VERBATIM)
  add_custom_command(OUTPUT "${closure}" "${stage_stamp}"
    COMMAND ${run_stage}
    DEPENDS ${deps_stage} "${_RELEASE_MODULE_DIR}/ReleaseLoader.cmake" "${loader}" "${inputs_stamp}"
            ${arg_TARGETS} ${library_deps} ${program_files} ${library_files}
    DEPFILE "${work}/resolve-stage.d"
    COMMENT "Release ${name}: staging and patching programs and libraries (the closure resolved first)"
    VERBATIM)
  set(hook_dep "")
  if(arg_ENV_HOOK)
    set(hook_dep "${arg_ENV_HOOK}")
  endif()
  add_custom_command(OUTPUT "${render_stamp}"
    COMMAND ${run_render}
    DEPENDS ${deps_render}
            "${_RELEASE_TEMPLATE_DIR}/control.sh.in" "${_RELEASE_TEMPLATE_DIR}/env-empty.sh.in"
            "${_RELEASE_MODULE_DIR}/ReleaseArgs.cmake" "${_RELEASE_MODULE_DIR}/ReleaseLauncher.cmake"
            ${hook_dep} ${_release_launcher_target} ${_release_launcher_file}
    COMMENT "Release ${name}: rendering the control script and env hook"
    VERBATIM)
  add_custom_command(OUTPUT "${verify_stamp}"
    COMMAND ${run_verify}
    DEPENDS ${deps_verify} "${stage_stamp}" "${render_stamp}"
    COMMENT "Release ${name}: verifying every ELF file of the release"
    VERBATIM)
  _release_sbom_step(sbom_stamp "${name}" "${work}" "${loader}" "${closure}" "${stage_stamp}")
  add_custom_command(OUTPUT "${swap_stamp}" "${release_dir}/bin/${name}"
    COMMAND ${run_swap}
    DEPENDS ${deps_swap} "${verify_stamp}" "${sbom_stamp}"
    DEPFILE "${work}/swap.d"
    COMMENT "Release ${name}: assembling ${release_dir}"
    VERBATIM)

  cmake_policy(POP)

  _release_service_declare("${name}" "${arg_VERSION}" "${work}" service_files)
  add_custom_target("release-${name}" DEPENDS "${swap_stamp}" ${service_files})
  add_dependencies("release-${name}" "release-${name}.inputs" ${arg_TARGETS} ${library_deps})
  if(NOT TARGET release)
    add_custom_target(release)
  endif()
  add_dependencies(release "release-${name}")
  return(PROPAGATE swap_stamp)
endfunction()

# _release_record(<release>)
# The release's target properties (docs/add_release.md, "Properties") and
# the global list of releases.
function(_release_record name)
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
    RELEASE_ENTRY_POINTS "${arg_ENTRY_POINTS}"
    _RELEASE_HELPER "${loader}")   # internal: the helper the steps (and add_oci_image's) run
  set_property(GLOBAL APPEND PROPERTY RELEASE_NAMES "${name}")
endfunction()

# _release_install(<release>)
# The install rules of component <name>: the install prefix becomes the
# release root, so a CPack archive's single top directory is a runnable
# release. The release is not part of the default build: installing (or
# packaging, whose target builds only the default one) first brings it up to
# date. Its tmp/ (a daemon's pid file and log, when run from the build tree)
# is never installed.
function(_release_install name)
  _release_bracket(q_check "${work}/steps/install-check.cmake")
  install(CODE "include(${q_check})" COMPONENT "${name}" EXCLUDE_FROM_ALL)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" release_dir_regex "${release_dir}")
  install(DIRECTORY "${release_dir}/" DESTINATION "." COMPONENT "${name}"
    USE_SOURCE_PERMISSIONS EXCLUDE_FROM_ALL
    REGEX "^${release_dir_regex}/tmp(/.*)?$" EXCLUDE)
endfunction()

function(add_release name)
  # Directory-scoped variables of the module are not visible from a sibling
  # directory that did not include() it: take them from the module's files.
  foreach(module ReleaseCommon ReleaseChecks ReleaseBuildPaths ReleaseArgs ReleaseService
                 ReleaseStepConfig ReleaseLauncher ReleaseVersionOverride)
    include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${module}.cmake")
  endforeach()
  set(_RELEASE_MODULE_DIR "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  get_filename_component(_RELEASE_TEMPLATE_DIR "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../templates" ABSOLUTE)

  # Parse and validate: every check before any side effect.
  _release_keywords()
  cmake_parse_arguments(PARSE_ARGV 1 arg "${options}" "${one_value}" "${multi_value}")
  set(_RELEASE_CALLER "add_release")
  _release_check_name("${name}")
  set(_RELEASE_CALLER "add_release(${name})")
  math(EXPR last_arg "${ARGC} - 1")
  if(last_arg GREATER 1)
    foreach(i RANGE 2 ${last_arg})
      math(EXPR previous "${i} - 1")
      _release_check_argument("${ARGV${previous}}" "${ARGV${i}}")
    endforeach()
  endif()
  _release_check_call("${name}")
  _release_check_programs("${name}")
  _release_check_version("${name}")
  _release_check_environment("${name}")
  _release_check_env_hook("${name}")
  _release_check_files("${name}")
  _release_launcher_check("${name}" "${arg_HERMETIC}" "${arg_LAUNCHER}" "${program_names}"
    "${arg_ENTRY_POINTS}" "${arg_BEFORE_START}")          # ReleaseLauncher.cmake
  _release_find_tools("${name}")
  _release_hermetic_configure("${name}" "${arg_HERMETIC}" "${arg_PREFIX}"   # ReleaseHermetic.cmake
    "${arg_GCONV_MODULES}" ${system_dirs})
  list(APPEND library_files ${hermetic_libraries})

  list(GET program_names 0 main_program)
  set(work "${CMAKE_BINARY_DIR}/_release/${name}")
  set(launcher_hook "")
  if(arg_ENV_HOOK)
    set(launcher_hook HOOK)
  endif()
  _release_launcher_declare("${name}" "${work}" "${_release_launcher}" "${arg_VERSION}"
    "${main_program}" ${launcher_hook} PREFIX "${hermetic_prefix}" INTERPRETER "${hermetic_interpreter}"
    PROGRAMS ${program_names} REQUIRED_ENV ${arg_REQUIRED_ENV} ENV ${arg_ENV} ARGS ${arg_ARGS}
    ENTRY_POINTS ${arg_ENTRY_POINTS} BEFORE_START ${arg_BEFORE_START})   # ReleaseLauncher.cmake
  _release_write_steps("${name}")
  _release_declare_steps("${name}")
  _release_record("${name}")
  _release_plugins_declare("${name}")                   # ReleasePlugins.cmake
  _release_install("${name}")
  _release_cpack_defaults("${name}" "${arg_VERSION}")   # ReleasePackage.cmake
  return(PROPAGATE ${_release_cpack_variables})
endfunction()

cmake_policy(POP)

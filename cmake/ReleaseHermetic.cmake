# Hermetic releases (add_release(... HERMETIC [PREFIX <abs>])): the release
# carries the glibc family and its loader from one glibc build, so that it
# runs on any Linux of its architecture whatever libc the host has
# (docs/hermetic.md). Internal helpers, for add_release() at configure time
# and for the build-time steps (script mode): the steps call one function
# each, and do nothing here unless the configuration says RELEASE_HERMETIC.
#
# No include guard: add_release() includes it again into its own scope.
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseHermeticLinks.cmake")   # libexec/.cmake-release/loader/

# The NSS modules glibc 2.34+ still loads by name (files and dns are part of
# libc itself since 2.34; systemd, mdns, ... belong to other packages).
set(_RELEASE_HERMETIC_NSS_MODULES "libnss_compat.so.2")
# The names glibc gives its loader, per architecture.
set(_RELEASE_HERMETIC_LOADER_GLOBS "ld-linux*.so.[0-9]*" "ld64.so.[0-9]*" "ld.so.[0-9]*")
set(_RELEASE_HERMETIC_PREFIX_REGEX "^(/[A-Za-z0-9._+-]+)+$")

# _release_hermetic_elf_kind(<out-var> <file>)
# The ELF class, byte order and machine of <file> (hex), "" when not ELF.
function(_release_hermetic_elf_kind out file)
  file(READ "${file}" head LIMIT 20 HEX)
  set(kind "")
  if(head MATCHES "^7f454c46(....)[0-9a-f]+(....)$")
    set(kind "${CMAKE_MATCH_1}-${CMAKE_MATCH_2}")
  endif()
  set(${out} "${kind}" PARENT_SCOPE)
endfunction()

# _release_hermetic_glibc_dir(<out-var> <release> <dir>...)
# The directory of the target's glibc: RELEASE_GLIBC_DIR when set (another
# glibc build of the target's architecture), else the first of the loader's
# system directories <dir>... whose libc.so.6 is built for the target (the
# one the resolver finds for the programs), symbolic links resolved. The
# target's kind of ELF file is that of the libc.so.6 the compiler links.
function(_release_hermetic_glibc_dir out release)
  set(want "")
  foreach(lang CXX C)
    if(CMAKE_${lang}_COMPILER)
      execute_process(COMMAND "${CMAKE_${lang}_COMPILER}" -print-file-name=libc.so.6
        OUTPUT_VARIABLE linked OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      if(IS_ABSOLUTE "${linked}" AND EXISTS "${linked}")
        _release_hermetic_elf_kind(want "${linked}")
      endif()
      break()
    endif()
  endforeach()
  if(DEFINED RELEASE_GLIBC_DIR)
    set(dirs "${RELEASE_GLIBC_DIR}")
    string(CONCAT fix "point RELEASE_GLIBC_DIR at the directory holding a glibc build's libc.so.6 "
      "and its loader, built for the target, or unset it to take the target's")
  else()
    set(dirs ${ARGN})
    string(CONCAT fix "install the target's C library (Debian: libc6-dev, or libc6-dev-<arch>-cross "
      "for a cross build), or set RELEASE_GLIBC_DIR to the directory of a glibc build")
  endif()
  foreach(dir IN LISTS dirs)
    if(NOT EXISTS "${dir}/libc.so.6")
      continue()
    endif()
    file(REAL_PATH "${dir}/libc.so.6" libc)
    _release_hermetic_elf_kind(kind "${libc}")
    if(kind STREQUAL "" OR (want AND NOT kind STREQUAL want))
      continue()
    endif()
    get_filename_component(dir "${libc}" DIRECTORY)
    set(${out} "${dir}" PARENT_SCOPE)
    return()
  endforeach()
  list(JOIN dirs ", " searched)
  _release_fail("HERMETIC needs the target's glibc, but no "
    "libc.so.6 built for the target was found in ${searched}. Fix: ${fix}.")
endfunction()

# _release_hermetic_loader(<out-var> <release> <glibc-dir>)
# The file name of the glibc loader in <glibc-dir> (one only).
function(_release_hermetic_loader out release dir)
  set(globs ${_RELEASE_HERMETIC_LOADER_GLOBS})
  list(TRANSFORM globs PREPEND "${dir}/")
  file(GLOB found LIST_DIRECTORIES false ${globs})
  list(LENGTH found n)
  if(NOT n EQUAL 1)
    list(JOIN found ", " found)
    _release_fail("HERMETIC needs exactly one glibc loader "
      "(ld-linux*.so.*) beside ${dir}/libc.so.6, found ${n}: '${found}'. Fix: set "
      "RELEASE_GLIBC_DIR to the directory of one complete glibc build (libc.so.6 and its "
      "loader together).")
  endif()
  get_filename_component(name "${found}" NAME)
  set(${out} "${name}" PARENT_SCOPE)
endfunction()

# _release_hermetic_gconv(<modules-var> <helpers-var> <release> <glibc-dir> <module>...)
# The gconv modules <module>... (GCONV_MODULES) of the glibc build's gconv/
# directory: <modules-var> their files, <helpers-var> the helper libraries
# of that directory they need (libJIS.so for EUC-JP, ...), which the
# release bundles in lib/ like LIBRARIES.
function(_release_hermetic_gconv modules_out helpers_out release glibc_dir)
  set(dir "${glibc_dir}/gconv")
  set(modules "")
  set(helpers "")
  foreach(module IN LISTS ARGN)
    if(NOT module MATCHES "^[A-Za-z0-9_.-]+$" OR NOT EXISTS "${dir}/${module}.so")
      _release_fail("GCONV_MODULES '${module}' is not a gconv "
        "module of the glibc build: there is no ${dir}/${module}.so. Fix: name modules by "
        "their file name without .so (ls ${dir}), e.g. GCONV_MODULES EUC-JP ISO8859-15.")
    endif()
    list(APPEND modules "${dir}/${module}.so")
    execute_process(COMMAND "${RELEASE_READELF}" -d "${dir}/${module}.so"
      OUTPUT_VARIABLE dynamic ERROR_QUIET)
    string(REGEX MATCHALL "Shared library: \\[[^]]+\\]" needed "${dynamic}")
    foreach(entry IN LISTS needed)
      string(REGEX REPLACE "^Shared library: \\[(.*)\\]$" "\\1" lib "${entry}")
      if(EXISTS "${dir}/${lib}")
        list(APPEND helpers "${dir}/${lib}")
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES modules)
  list(REMOVE_DUPLICATES helpers)
  set(${modules_out} "${modules}" PARENT_SCOPE)
  set(${helpers_out} "${helpers}" PARENT_SCOPE)
endfunction()

# _release_hermetic_configure(<release> <hermetic> <prefix> <gconv-modules>
#                             <system-dir>...)
# add_release()'s part: checks PREFIX, and for a HERMETIC release finds the
# glibc build it carries. Sets in the caller's scope: hermetic_prefix,
# hermetic_interpreter (lib/<loader>, or ""), hermetic_libraries (the loader
# and NSS modules, bundled as LIBRARIES are), hermetic_glibc_dir,
# hermetic_gconv (the modules of GCONV_MODULES, for lib/gconv/; their
# helper libraries are in hermetic_libraries).
function(_release_hermetic_configure release hermetic prefix gconv_modules)
  if(prefix STREQUAL "" AND DEFINED CPACK_PACKAGING_INSTALL_PREFIX)
    string(REGEX REPLACE "(.)/$" "\\1" prefix "${CPACK_PACKAGING_INSTALL_PREFIX}")
  elseif(prefix STREQUAL "")
    set(prefix "/opt/${release}")
  endif()
  if(NOT prefix MATCHES "${_RELEASE_HERMETIC_PREFIX_REGEX}" OR prefix MATCHES "/\\.\\.?(/|$)")
    _release_fail("PREFIX '${prefix}' is not a normalized "
      "absolute path of letters, digits and '._+-'. Fix: give the directory the release is "
      "installed at on the target, e.g. PREFIX /opt/${release}.")
  endif()
  foreach(tree IN ITEMS "${CMAKE_BINARY_DIR}" "${CMAKE_SOURCE_DIR}")
    cmake_path(IS_PREFIX tree "${prefix}" NORMALIZE inside)
    if(inside)
      _release_fail("PREFIX '${prefix}' is inside the build "
        "or source tree '${tree}', a path of the build machine that would be written into "
        "the release. Fix: give the directory the release is installed at on the target, "
        "e.g. PREFIX /opt/${release}.")
    endif()
  endforeach()
  set(interpreter "")
  set(libraries "")
  set(glibc_dir "")
  set(gconv "")
  if(gconv_modules AND NOT hermetic)
    _release_fail("GCONV_MODULES was given, but the release "
      "is not HERMETIC: it uses the target's glibc and its gconv modules. Fix: add HERMETIC, "
      "or leave GCONV_MODULES out.")
  endif()
  if(hermetic)
    _release_hermetic_glibc_dir(glibc_dir "${release}" ${ARGN})
    _release_hermetic_loader(loader "${release}" "${glibc_dir}")
    set(interpreter "lib/${loader}")
    list(APPEND libraries "${glibc_dir}/${loader}")
    foreach(module IN LISTS _RELEASE_HERMETIC_NSS_MODULES)
      if(EXISTS "${glibc_dir}/${module}")
        list(APPEND libraries "${glibc_dir}/${module}")
      endif()
    endforeach()
    _release_hermetic_gconv(gconv helpers "${release}" "${glibc_dir}" ${gconv_modules})
    list(APPEND libraries ${helpers})
  endif()
  set(hermetic_prefix "${prefix}" PARENT_SCOPE)
  set(hermetic_interpreter "${interpreter}" PARENT_SCOPE)
  set(hermetic_libraries "${libraries}" PARENT_SCOPE)
  set(hermetic_glibc_dir "${glibc_dir}" PARENT_SCOPE)
  set(hermetic_gconv "${gconv}" PARENT_SCOPE)
endfunction()

# ---- Build time (the steps; RELEASE_* from the step configuration) --------

# _release_hermetic_left(<out-var>)
# The resolver's --left regular expressions for the glibc family: none for a
# hermetic release (it bundles the family), else the whole family.
function(_release_hermetic_left out)
  if(RELEASE_HERMETIC)
    set(${out} "" PARENT_SCOPE)
  else()
    set(${out} "${_RELEASE_GLIBC_REGEX}" PARENT_SCOPE)
  endif()
endfunction()

# _release_hermetic_patchelf_args(<out-var>)
# What patchelf does to the programs of a hermetic release besides their
# DT_RPATH: their PT_INTERP becomes the bundled loader at PREFIX.
function(_release_hermetic_patchelf_args out)
  set(args "")
  if(RELEASE_HERMETIC)
    set(args --set-interpreter "${RELEASE_PREFIX}/${RELEASE_INTERPRETER}")
  endif()
  set(${out} "${args}" PARENT_SCOPE)
endfunction()

# _release_hermetic_library_mode(<out-var> <name>)
# The mode of lib/<name> in the release: the bundled loader is a program
# (exec'd by the control program, and the kernel maps a PT_INTERP only when
# it may execute it), every other library 644.
function(_release_hermetic_library_mode out name)
  set(mode 644)
  if(RELEASE_HERMETIC AND "lib/${name}" STREQUAL RELEASE_INTERPRETER)
    set(mode 755)
  endif()
  set(${out} ${mode} PARENT_SCOPE)
endfunction()

# _release_hermetic_check_closure()
# Stage step, before anything is copied: every piece of the glibc family in
# the closure (RELEASE_CLOSURE_NAMES/SOURCES) comes from the one glibc build
# in RELEASE_GLIBC_DIR (its private interface, GLIBC_PRIVATE, holds only
# between the files of one build), and the loader the programs get is there.
function(_release_hermetic_check_closure)
  if(NOT RELEASE_HERMETIC)
    return()
  endif()
  set(mixed "")
  set(has_loader FALSE)
  get_filename_component(loader "${RELEASE_INTERPRETER}" NAME)
  foreach(name source IN ZIP_LISTS RELEASE_CLOSURE_NAMES RELEASE_CLOSURE_SOURCES)
    if(NOT name MATCHES "${_RELEASE_GLIBC_REGEX}")
      continue()
    endif()
    file(REAL_PATH "${source}" real)
    get_filename_component(dir "${real}" DIRECTORY)
    if(NOT dir STREQUAL RELEASE_GLIBC_DIR)
      string(APPEND mixed "  ${name}: ${source}\n")
    endif()
    if(name STREQUAL loader)
      set(has_loader TRUE)
    endif()
  endforeach()
  if(mixed)
    _release_fail("HERMETIC: the glibc family must come from one glibc build, "
      "${RELEASE_GLIBC_DIR}, but these pieces of it come from elsewhere:\n${mixed}"
      "Fix: take them out of LIBRARIES and LIBRARY_DIRS (the release carries the glibc "
      "build's own), or set RELEASE_GLIBC_DIR to the directory they come from.")
  endif()
  if(NOT has_loader)
    _release_fail("HERMETIC: the closure has no ${loader} from ${RELEASE_GLIBC_DIR}. "
      "Fix: none on your side, this is a bug of cmake-release: please report it.")
  endif()
endfunction()

# _release_hermetic_stage_gconv(<stage-dir>)
# Stage step: the gconv modules of GCONV_MODULES (RELEASE_GCONV_FILES) in
# <stage-dir>/lib/gconv/, without their DT_RUNPATH $ORIGIN (which would let
# LD_LIBRARY_PATH in before the release's libraries): their helper
# libraries are in lib/, found like every bundled library through the
# program's DT_RPATH. Each is written as <file>.part and renamed; one whose
# source has the identity recorded in <work>/gconv-state.txt is kept; the
# others in lib/gconv/ are removed.
function(_release_hermetic_stage_gconv stage)
  set(dir "${stage}/lib/gconv")
  set(state_file "${RELEASE_WORK_DIR}/gconv-state.txt")
  set(old "")
  if(EXISTS "${state_file}")
    file(STRINGS "${state_file}" old)
  endif()
  _release_file_identity(ids ${RELEASE_GCONV_FILES})
  set(wanted "")
  set(records "")
  foreach(src id IN ZIP_LISTS RELEASE_GCONV_FILES ids)
    get_filename_component(name "${src}" NAME)
    set(dst "${dir}/${name}")
    list(APPEND wanted "${dst}")
    list(APPEND records "${src}|${id}|${RELEASE_PATCHELF}")
    if("${src}|${id}|${RELEASE_PATCHELF}" IN_LIST old AND EXISTS "${dst}")
      continue()
    endif()
    file(MAKE_DIRECTORY "${dir}")
    file(COPY_FILE "${src}" "${dst}.part")
    file(CHMOD "${dst}.part" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
    execute_process(COMMAND "${RELEASE_PATCHELF}" --remove-rpath "${dst}.part"
      RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      file(REMOVE "${dst}.part")
      _release_fail("patchelf --remove-rpath failed on the gconv module ${src}: ${err}"
        "Fix: correct what the message says (a full disk: free space), then build again.")
    endif()
    file(RENAME "${dst}.part" "${dst}")
  endforeach()
  file(GLOB staged LIST_DIRECTORIES false "${dir}/*")
  foreach(file IN LISTS staged)
    if(NOT file IN_LIST wanted)
      file(REMOVE "${file}")
    endif()
  endforeach()
  list(JOIN records "\n" text)
  file(WRITE "${state_file}" "${text}\n")
endfunction()

# _release_hermetic_render(<rendered-dir>)
# Render step: <rendered-dir>/lib/gconv/gconv-modules, the glibc build's
# gconv configuration (gconv-modules and gconv-modules.d/*.conf) cut down to
# the modules the release carries and the aliases of their character sets.
# The control program points glibc at it with GCONV_PATH.
function(_release_hermetic_render rendered)
  if(NOT RELEASE_GCONV_FILES)
    return()
  endif()
  set(modules "")
  foreach(src IN LISTS RELEASE_GCONV_FILES)
    get_filename_component(name "${src}" NAME_WE)
    list(APPEND modules "${name}")
  endforeach()
  file(GLOB configs "${RELEASE_GLIBC_DIR}/gconv/gconv-modules"
    "${RELEASE_GLIBC_DIR}/gconv/gconv-modules.d/*.conf")
  set(kept "")
  set(charsets "")
  set(aliases "")
  foreach(config IN LISTS configs)
    file(STRINGS "${config}" lines REGEX "^(module|alias)[ \t]")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "[ \t]+" ";" words "${line}")
      list(GET words 0 kind)
      if(kind STREQUAL "module")
        list(GET words 3 file)
        if(file IN_LIST modules)
          string(APPEND kept "${line}\n")
          list(GET words 1 from)
          list(GET words 2 to)
          list(APPEND charsets "${from}" "${to}")
        endif()
      else()
        list(APPEND aliases "${line}")
      endif()
    endforeach()
  endforeach()
  foreach(line IN LISTS aliases)
    string(REGEX REPLACE "[ \t]+" ";" words "${line}")
    list(GET words 2 target)
    if(target IN_LIST charsets)
      string(APPEND kept "${line}\n")
    endif()
  endforeach()
  file(WRITE "${rendered}/lib/gconv/gconv-modules"
    "# The gconv modules of this release (add_release GCONV_MODULES), from glibc's.\n${kept}")
endfunction()

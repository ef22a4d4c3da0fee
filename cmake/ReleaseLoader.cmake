# The loader model of cmake-release: where the target's dynamic loader looks
# for libraries (configure time), the native helper that walks the closure
# and reads ELF files (loader/, compiled here for the build machine), and
# the CMake functions the build-time steps read ELF files and file
# identities with. Internal: every name starts with _release_. Included by
# ReleaseCommon.cmake; defines only variables and functions.

# _release_library_search_dirs(<out-var>)
# The directories the target's dynamic loader searches by default, in its
# order, for the toolchain in use. For a cross build they come from the
# target's locations only (CMAKE_SYSROOT, the multiarch directories of the
# target triple, the cross toolchain's own runtime libraries), never from the
# build machine's.
function(_release_library_search_dirs out)
  set(dirs "")
  set(triple "${CMAKE_LIBRARY_ARCHITECTURE}")
  if(CMAKE_CROSSCOMPILING)
    # The cross compiler's own runtime libraries (libstdc++, libgcc_s).
    foreach(lang CXX C)
      if(CMAKE_${lang}_COMPILER)
        execute_process(COMMAND "${CMAKE_${lang}_COMPILER}" -print-file-name=libgcc_s.so.1
          OUTPUT_VARIABLE gcc_s OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
        if(IS_ABSOLUTE "${gcc_s}" AND EXISTS "${gcc_s}")
          get_filename_component(gcc_s_dir "${gcc_s}" DIRECTORY)
          get_filename_component(gcc_s_dir "${gcc_s_dir}" ABSOLUTE)
          list(APPEND dirs "${gcc_s_dir}")
        endif()
        break()
      endif()
    endforeach()
    _release_target_roots(roots)
    foreach(root IN LISTS roots)
      string(REGEX REPLACE "/$" "" root "${root}")
      if(triple)
        list(APPEND dirs "${root}/lib/${triple}" "${root}/usr/lib/${triple}")
      endif()
      if(NOT root STREQUAL "")
        list(APPEND dirs "${root}/lib" "${root}/usr/lib")
      endif()
    endforeach()
    if(triple)
      # Debian's cross toolchains keep the target's libc and libstdc++ here.
      list(APPEND dirs "/usr/${triple}/lib")
    endif()
  else()
    # ld.so.conf first (it is what ldconfig puts in the cache), then the
    # loader's built-in directories.
    set(conf_files "/etc/ld.so.conf")
    while(conf_files)
      list(POP_FRONT conf_files conf)
      if(NOT EXISTS "${conf}")
        continue()
      endif()
      file(STRINGS "${conf}" lines)
      foreach(line IN LISTS lines)
        string(REGEX REPLACE "#.*" "" line "${line}")
        string(STRIP "${line}" line)
        if(line MATCHES "^include[ \t]+(.*)$")
          file(GLOB included "${CMAKE_MATCH_1}")
          list(SORT included)
          list(APPEND conf_files ${included})
        elseif(IS_ABSOLUTE "${line}")
          list(APPEND dirs "${line}")
        endif()
      endforeach()
    endwhile()
    if(triple)
      list(APPEND dirs "/lib/${triple}" "/usr/lib/${triple}")
    endif()
    list(APPEND dirs /lib64 /usr/lib64 /lib /usr/lib)
  endif()
  list(REMOVE_DUPLICATES dirs)
  set(${out} "${dirs}" PARENT_SCOPE)
endfunction()

# _release_target_roots(<out-var>)
# The root directories of the target's file system: the sysroot (an empty
# one: the build machine's /, where Debian's multiarch packages of the
# target live) and CMAKE_FIND_ROOT_PATH of a cross build, else "/".
function(_release_target_roots out)
  set(roots "")
  if(CMAKE_CROSSCOMPILING)
    set(roots "${CMAKE_SYSROOT}" ${CMAKE_FIND_ROOT_PATH})
  endif()
  if(NOT roots)
    set(roots "/")
  endif()
  set(${out} "${roots}" PARENT_SCOPE)
endfunction()

# _release_loader_tokens(<lib-out> <platform-out>)
# What the target's loader substitutes for $LIB and $PLATFORM in a
# DT_RPATH/DT_RUNPATH entry. $LIB is the directory of libc: lib/<triple>
# on multiarch systems (Debian, Ubuntu), else lib64 for a 64-bit target
# that has /usr/lib64, else lib. $PLATFORM is the kernel's AT_PLATFORM:
# the processor name for x86 and 64-bit targets, v7l for 32-bit ARM.
function(_release_loader_tokens lib_out platform_out)
  _release_target_roots(roots)
  list(GET roots 0 root)
  string(REGEX REPLACE "/$" "" root "${root}")
  set(triple "${CMAKE_LIBRARY_ARCHITECTURE}")
  if(triple AND (IS_DIRECTORY "${root}/lib/${triple}" OR IS_DIRECTORY "${root}/usr/lib/${triple}"))
    set(lib "lib/${triple}")
  elseif(CMAKE_SIZEOF_VOID_P EQUAL 8 AND IS_DIRECTORY "${root}/usr/lib64")
    set(lib "lib64")
  else()
    set(lib "lib")
  endif()
  set(platform "${CMAKE_SYSTEM_PROCESSOR}")
  if(platform MATCHES "^(arm|armv7.*|armhf)$")
    set(platform "v7l")
  elseif(platform MATCHES "^i[3-6]86$")
    set(platform "i686")
  elseif(platform MATCHES "^(AMD64|amd64)$")
    set(platform "x86_64")
  elseif(platform STREQUAL "arm64")
    set(platform "aarch64")
  endif()
  set(${lib_out} "${lib}" PARENT_SCOPE)
  set(${platform_out} "${platform}" PARENT_SCOPE)
endfunction()

# _release_page_size(<out-var>)
# The page size patchelf aligns new segments to: RELEASE_PAGE_SIZE when set
# (the toolchain files set it), else, in a cross build, the largest page size
# of the target's row in _RELEASE_PLATFORMS (ReleasePlatforms.cmake: 64 KiB
# for aarch64 and ppc64le kernels), else "" (patchelf's own, this machine's).
function(_release_page_size out)
  set(size "")
  if(DEFINED RELEASE_PAGE_SIZE)
    set(size "${RELEASE_PAGE_SIZE}")
  elseif(CMAKE_CROSSCOMPILING)
    include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ReleasePlatforms.cmake")
    set(cpu "${CMAKE_SYSTEM_PROCESSOR}")
    if(cpu STREQUAL "arm64")
      set(cpu aarch64)
    elseif(cpu STREQUAL "powerpc64le")
      set(cpu ppc64le)
    endif()
    foreach(entry IN LISTS _RELEASE_PLATFORMS)
      string(REPLACE "|" ";" entry "${entry}")
      list(GET entry 1 processor)
      if(processor STREQUAL cpu)
        list(GET entry 4 size)
      endif()
    endforeach()
  endif()
  set(${out} "${size}" PARENT_SCOPE)
endfunction()

# _release_loader_helper(<out-var> <release>)
# The path of the native helper release-loader, compiled from
# <cmake-release>/loader/ with a C++17 compiler of the build machine (it runs
# there, in cross builds too) into ${CMAKE_BINARY_DIR}/_release/_loader/, once
# per build tree and again when its sources change. A RELEASE_LOADER set by
# the user (a prebuilt helper) is used as it is.
function(_release_loader_helper out release)
  if(RELEASE_LOADER)
    if(NOT EXISTS "${RELEASE_LOADER}" OR IS_DIRECTORY "${RELEASE_LOADER}")
      _release_fail("RELEASE_LOADER '${RELEASE_LOADER}' is not a "
        "file. Fix: point it at a release-loader built from cmake-release's loader/, or unset "
        "it to have add_release() build one.")
    endif()
    set(${out} "${RELEASE_LOADER}" PARENT_SCOPE)
    return()
  endif()
  get_filename_component(src_dir "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../loader" ABSOLUTE)
  set(sources elf.cpp closure.cpp copy.cpp dpkg.cpp files.cpp sbom.cpp sha256.cpp hashes.cpp
    uuid.cpp step.cpp swap.cpp verify.cpp main.cpp)
  set(dir "${CMAKE_BINARY_DIR}/_release/_loader")
  set(exe "${dir}/release-loader")
  set(inputs "")
  foreach(s IN LISTS sources ITEMS elf.hpp closure.hpp copy.hpp dpkg.hpp files.hpp sbom.hpp
      sha256.hpp hashes.hpp uuid.hpp step.hpp swap.hpp verify.hpp)
    if(NOT EXISTS "${src_dir}/${s}")
      _release_fail("cmake-release's helper source "
        "'${src_dir}/${s}' is missing. Fix: copy cmake-release whole (its loader/ folder "
        "beside cmake/ and templates/).")
    endif()
    list(APPEND inputs "${src_dir}/${s}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${src_dir}/${s}")
  endforeach()
  # The compiler for the build machine: the project's own C++ compiler in a
  # native build, else one found on the build machine's PATH.
  set(cxx "")
  if(NOT CMAKE_CROSSCOMPILING AND CMAKE_CXX_COMPILER)
    set(cxx "${CMAKE_CXX_COMPILER}")
  else()
    find_program(RELEASE_HOST_CXX NAMES c++ g++ clang++ NO_CMAKE_FIND_ROOT_PATH
      DOC "C++17 compiler of the build machine, for add_release()'s helper")
    set(cxx "${RELEASE_HOST_CXX}")
  endif()
  if(NOT cxx)
    _release_fail("no C++ compiler for the build machine was "
      "found to build cmake-release's helper release-loader. Fix: install one (Debian/Ubuntu: "
      "apt-get install g++) or set RELEASE_HOST_CXX to its path.")
  endif()
  # -pthread: sha256 hashes files in threads (glibc before 2.34 keeps them in
  # libpthread). The C++ runtime is linked in where the compiler has its
  # static archives: every step runs the helper a few times, and loading
  # libstdc++ at each start cost ~2 ms of its ~9 ms here; else (e.g. no
  # libstdc++.a) it is linked as usual. The key covers the flags, so that
  # a change of them builds the helper again.
  set(flags -std=c++17 -O1 -Wall -Wextra -pthread)
  # The SBOM's hashing loop is the one hot path (every byte of a release
  # from clean): at -O2 it hashes ~25% faster here (128 MB: 152 -> 116 ms),
  # and this small file still compiles sooner than the slowest one at -O1.
  set(hot_flags -O2)   # for sha256.cpp
  set(static_runtime -static-libstdc++ -static-libgcc)
  string(SHA256 key "${cxx}|${flags}|${hot_flags}|${static_runtime}")
  foreach(file IN LISTS inputs)
    file(SHA256 "${file}" h)
    string(SHA256 key "${key}${h}")
  endforeach()
  if(EXISTS "${exe}" AND EXISTS "${exe}.key")
    file(READ "${exe}.key" old_key)
    if(old_key STREQUAL key)
      set(${out} "${exe}" PARENT_SCOPE)
      return()
    endif()
  endif()
  file(MAKE_DIRECTORY "${dir}")
  # The sources at once (execute_process runs its commands together), then
  # the link.
  set(commands "")
  foreach(s IN LISTS sources)
    set(file_flags "")
    if(s STREQUAL "sha256.cpp")
      set(file_flags ${hot_flags})
    endif()
    list(APPEND commands
      COMMAND "${cxx}" ${flags} ${file_flags} -c "${src_dir}/${s}" -o "${dir}/${s}.o")
  endforeach()
  execute_process(${commands} RESULTS_VARIABLE rcs OUTPUT_VARIABLE log ERROR_VARIABLE log)
  if(NOT rcs MATCHES "^0(;0)*$")
    _release_fail("building cmake-release's helper with '${cxx}' "
      "failed:\n${log}\nFix: use a C++17 compiler of the build machine (set RELEASE_HOST_CXX).")
  endif()
  list(TRANSFORM sources APPEND ".o" OUTPUT_VARIABLE objects)
  list(TRANSFORM objects PREPEND "${dir}/")
  execute_process(COMMAND "${cxx}" -pthread ${static_runtime} -o "${exe}.tmp" ${objects}
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    execute_process(COMMAND "${cxx}" -pthread -o "${exe}.tmp" ${objects} RESULT_VARIABLE rc
      ERROR_VARIABLE log)
  endif()
  if(NOT rc EQUAL 0)
    _release_fail("linking cmake-release's helper with '${cxx}' "
      "failed:\n${log}\nFix: use a C++17 compiler of the build machine (set RELEASE_HOST_CXX).")
  endif()
  file(RENAME "${exe}.tmp" "${exe}")
  file(WRITE "${exe}.key" "${key}")
  set(${out} "${exe}" PARENT_SCOPE)
endfunction()

# _release_loader_run(<out-var> <what> <arg>...)
# Runs the helper (RELEASE_LOADER of the step's configuration) with <arg>...
# and sets <out-var> to what it printed; a failure stops the step with its
# message.
function(_release_loader_run out what)
  execute_process(COMMAND "${RELEASE_LOADER}" ${ARGN}
    OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    string(STRIP "${stderr}" stderr)
    if(rc EQUAL 1 AND NOT stderr STREQUAL "")
      _release_fail("${stderr}")
    endif()
    _release_fail("${what}: '${RELEASE_LOADER}' failed (${rc}): ${stderr} Fix: delete "
      "${RELEASE_LOADER} and reconfigure, which builds it again.")
  endif()
  set(${out} "${stdout}" PARENT_SCOPE)
endfunction()

# _release_file_identity(<out-var> <file>...)
# One key per <file>, in order: device, inode, size, mtime and ctime
# ("missing" for a file that is not there). A file replaced by a rename, or
# rewritten, gets another key even when its mtime was set back (dpkg does).
function(_release_file_identity out)
  if(NOT ARGN)
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  _release_loader_run(lines "reading file identities" identity ${ARGN})
  _release_lines(keys "${lines}")
  set(${out} "${keys}" PARENT_SCOPE)
endfunction()

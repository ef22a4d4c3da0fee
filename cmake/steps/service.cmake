# Build-time step of add_release(): render the systemd unit, the service's
# environment file and the package scripts that install the service.
#
#   cmake -P <work>/steps/service.cmake   (the call, cmake/ReleaseStepConfig.cmake)
#
# The call file (written by _release_service_declare, ReleaseService.cmake)
# is one call of _release_service_impl with named arguments:
#
#   _release_service_impl(NAME <name> VSN <vsn> TYPE <exec|notify>
#     USER <user>|DYNAMIC STOP_TIMEOUT <s> PREFIX <dir> TEMPLATE_DIR <dir>
#     OUTPUT_DIR <dir> [REQUIRED_ENV <var>...] [OPTIONS <[Section.]Key=value>...])
#
# Out: <OUTPUT_DIR>/<name>.service, <OUTPUT_DIR>/env (the /etc/<name>/env the
# packages install), <OUTPUT_DIR>/deb/{postinst,prerm,postrm} and
# <OUTPUT_DIR>/rpm/{pre,post,preun,postun}. All are written at each run (the
# build tool runs the step only when an input changed, and compares the
# outputs' times with the inputs').
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")

# _release_unit_set(<text-var> <section> <key> <line>...)
# In the unit text, the lines of <key> in [<section>] become <line>... (at
# the place of the first one, or at the end of the section); no <line>
# removes the key.
function(_release_unit_set text_var section key)
  set(text "${${text_var}}")
  string(FIND "${text}" "\n[${section}]\n" start)
  if(start LESS 0)
    message(FATAL_ERROR "the unit template has no [${section}] section")
  endif()
  math(EXPR start "${start} + 1")
  string(SUBSTRING "${text}" 0 ${start} head)
  string(SUBSTRING "${text}" ${start} -1 rest)
  # The section runs to the next "[Section]" line.
  string(FIND "${rest}" "\n[" end)
  if(end LESS 0)
    set(section_text "${rest}")
    set(tail "")
  else()
    string(SUBSTRING "${rest}" 0 ${end} section_text)
    string(SUBSTRING "${rest}" ${end} -1 tail)
  endif()
  set(new_lines "")
  foreach(line IN LISTS ARGN)
    string(APPEND new_lines "\n${line}")
  endforeach()
  string(FIND "${section_text}" "\n${key}=" at)
  if(at LESS 0)
    # A new key: before the blank line that ends the section.
    string(REGEX REPLACE "\n+$" "" section_text "${section_text}")
    string(APPEND section_text "${new_lines}\n")
  else()
    string(SUBSTRING "${section_text}" 0 ${at} before)
    string(SUBSTRING "${section_text}" ${at} -1 after)
    string(REGEX REPLACE "\n${key}=[^\n]*" "" after "${after}")
    set(section_text "${before}${new_lines}${after}")
  endif()
  set(${text_var} "${head}${section_text}${tail}" PARENT_SCOPE)
endfunction()

# _release_service_script(<template> <output>)
# One package script: its template, filled from the caller's variables
# (SERVICE_FUNCTIONS holds the shared functions).
function(_release_service_script template output)
  file(READ "${TEMPLATE_DIR}/service/${template}" text)
  string(CONFIGURE "${text}" text @ONLY)
  file(WRITE "${output}" "${text}")
  file(CHMOD "${output}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endfunction()

function(_release_service_impl)
  cmake_parse_arguments(PARSE_ARGV 0 arg ""
    "NAME;VSN;TYPE;USER;STOP_TIMEOUT;PREFIX;TEMPLATE_DIR;OUTPUT_DIR" "REQUIRED_ENV;OPTIONS")
  foreach(required NAME VSN TYPE USER STOP_TIMEOUT PREFIX TEMPLATE_DIR OUTPUT_DIR)
    if(NOT DEFINED arg_${required})
      message(FATAL_ERROR "service.cmake: ${required} was not given")
    endif()
  endforeach()
  # The names the templates use.
  set(RELEASE_NAME "${arg_NAME}")
  set(RELEASE_VSN "${arg_VSN}")
  set(SYSTEMD_TYPE "${arg_TYPE}")
  set(SYSTEMD_STOP_TIMEOUT "${arg_STOP_TIMEOUT}")
  set(SYSTEMD_PREFIX "${arg_PREFIX}")
  set(TEMPLATE_DIR "${arg_TEMPLATE_DIR}")
  set(OUTPUT_DIR "${arg_OUTPUT_DIR}")
  string(JOIN " " SERVICE_REQUIRED_ENV ${arg_REQUIRED_ENV})
  set(SYSTEMD_REQUIRED_ENV "${SERVICE_REQUIRED_ENV}")
  if(SYSTEMD_REQUIRED_ENV STREQUAL "")
    set(SYSTEMD_REQUIRED_ENV "none")
  endif()
  if(arg_USER STREQUAL "DYNAMIC")
    set(SERVICE_USER "")
    set(SYSTEMD_USER_LINES "DynamicUser=yes")
  else()
    set(SERVICE_USER "${arg_USER}")
    set(SYSTEMD_USER_LINES "User=${arg_USER}\nGroup=${arg_USER}")
  endif()
  set(SERVICE_ENV_LINES "")
  foreach(var IN LISTS arg_REQUIRED_ENV)
    string(APPEND SERVICE_ENV_LINES "#${var}=\n")
  endforeach()
  if(NOT arg_REQUIRED_ENV)
    set(SERVICE_ENV_LINES "# (none)\n")
  endif()

  file(READ "${TEMPLATE_DIR}/service/unit.service.in" unit)
  string(CONFIGURE "${unit}" unit @ONLY)
  # SYSTEMD_OPTIONS: the lines given for one key replace that key's lines.
  set(groups "")
  foreach(option IN LISTS arg_OPTIONS)
    _release_service_option("${option}" section key value)
    list(APPEND groups "${section}.${key}")
  endforeach()
  list(REMOVE_DUPLICATES groups)
  foreach(group IN LISTS groups)
    string(REPLACE "." ";" pair "${group}")
    list(GET pair 0 section)
    list(GET pair 1 key)
    set(lines "")
    foreach(option IN LISTS arg_OPTIONS)
      _release_service_option("${option}" s k value)
      if(s STREQUAL section AND k STREQUAL key AND NOT value STREQUAL "")
        list(APPEND lines "${key}=${value}")
      endif()
    endforeach()
    _release_unit_set(unit "${section}" "${key}" ${lines})
  endforeach()
  file(WRITE "${OUTPUT_DIR}/${RELEASE_NAME}.service" "${unit}")

  file(READ "${TEMPLATE_DIR}/service/env.in" env)
  string(CONFIGURE "${env}" env @ONLY)
  file(WRITE "${OUTPUT_DIR}/env" "${env}")

  file(MAKE_DIRECTORY "${OUTPUT_DIR}/deb" "${OUTPUT_DIR}/rpm")
  file(READ "${TEMPLATE_DIR}/service/functions.sh.in" SERVICE_FUNCTIONS)
  string(CONFIGURE "${SERVICE_FUNCTIONS}" SERVICE_FUNCTIONS @ONLY)
  string(REGEX REPLACE "\n$" "" SERVICE_FUNCTIONS "${SERVICE_FUNCTIONS}")
  # dpkg keeps an edited /etc/<name>/env on upgrade: it is a conffile.
  file(WRITE "${OUTPUT_DIR}/deb/conffiles" "/etc/${RELEASE_NAME}/env\n")
  foreach(script postinst prerm postrm)
    _release_service_script("deb-${script}.in" "${OUTPUT_DIR}/deb/${script}")
  endforeach()
  foreach(script pre post preun postun)
    _release_service_script("rpm-${script}.in" "${OUTPUT_DIR}/rpm/${script}")
  endforeach()
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseService.cmake")

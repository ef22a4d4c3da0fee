# add_release()'s systemd service: checks of the SYSTEMD_* keywords and the
# declaration of the build-time step (steps/service.cmake) that renders the
# unit and the package scripts. Internal; reference: docs/systemd.md.
# No include guard: it defines only variables and functions, and the public
# function includes it again into its own scope, because directory variables
# are not seen from a sibling directory that did not include the module.

# Functions remember the policies in force where they are defined.
cmake_policy(PUSH)
cmake_policy(VERSION 3.25)

# Keywords add_release() takes for the service (here so the lists stay in one place).
set(_RELEASE_SERVICE_OPTIONS NO_SYSTEMD)
set(_RELEASE_SERVICE_ONE_VALUE SYSTEMD_TYPE SYSTEMD_USER SYSTEMD_STOP_TIMEOUT)
set(_RELEASE_SERVICE_MULTI_VALUE SYSTEMD_OPTIONS)
# The stop timeout of the control script (templates/control.sh.in).
set(_RELEASE_SERVICE_STOP_TIMEOUT 30)

# _release_service_option(<option> <section-var> <key-var> <value-var>)
# Splits one SYSTEMD_OPTIONS item, [<Section>.]<Key>=<value>; the section is
# Service when none is given. Sets <section-var> to "" when the item is not
# of that form.
function(_release_service_option option section_var key_var value_var)
  set(section "")
  set(key "")
  set(value "")
  if(option MATCHES "^((Unit|Service|Install)\\.)?([A-Za-z][A-Za-z0-9]*)=(.*)$")
    set(section "${CMAKE_MATCH_2}")
    if(section STREQUAL "")
      set(section "Service")
    endif()
    set(key "${CMAKE_MATCH_3}")
    set(value "${CMAKE_MATCH_4}")
  endif()
  set(${section_var} "${section}" PARENT_SCOPE)
  set(${key_var} "${key}" PARENT_SCOPE)
  set(${value_var} "${value}" PARENT_SCOPE)
endfunction()

# _release_service_check(<name>)
# Checks the SYSTEMD_* keywords of add_release(<name>), reading the arg_*
# variables of add_release()'s scope (cmake_parse_arguments output), and
# stops with an error naming the keyword, the value and the fix.
function(_release_service_check name)
  if(arg_NO_SYSTEMD)
    foreach(keyword IN LISTS _RELEASE_SERVICE_ONE_VALUE _RELEASE_SERVICE_MULTI_VALUE)
      if(DEFINED arg_${keyword})
        message(FATAL_ERROR "add_release(${name}): ${keyword} was given with NO_SYSTEMD, "
          "which makes no unit. Fix: leave out NO_SYSTEMD or ${keyword}.")
      endif()
    endforeach()
    return()
  endif()
  if(DEFINED arg_SYSTEMD_TYPE AND NOT arg_SYSTEMD_TYPE MATCHES "^(exec|notify)$")
    message(FATAL_ERROR "add_release(${name}): SYSTEMD_TYPE '${arg_SYSTEMD_TYPE}' is not a "
      "service type a release can have. Fix: use exec (the default: started once "
      "bin/${name} start has exec'd the program) or notify (the program calls sd_notify "
      "READY=1).")
  endif()
  # useradd's rule for system user names, 32 characters at most.
  if(DEFINED arg_SYSTEMD_USER AND NOT arg_SYSTEMD_USER STREQUAL "DYNAMIC"
     AND NOT arg_SYSTEMD_USER MATCHES "^[a-z_][a-z0-9_-]*$")
    message(FATAL_ERROR "add_release(${name}): SYSTEMD_USER '${arg_SYSTEMD_USER}' is not a "
      "usable system user name. Fix: use lower-case letters, digits, '_' and '-', starting "
      "with a letter or '_', or DYNAMIC for a systemd DynamicUser.")
  endif()
  string(LENGTH "${arg_SYSTEMD_USER}" user_length)
  if(user_length GREATER 32)
    message(FATAL_ERROR "add_release(${name}): SYSTEMD_USER '${arg_SYSTEMD_USER}' is longer "
      "than 32 characters. Fix: choose a shorter user name.")
  endif()
  if(DEFINED arg_SYSTEMD_STOP_TIMEOUT AND NOT arg_SYSTEMD_STOP_TIMEOUT MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "add_release(${name}): SYSTEMD_STOP_TIMEOUT '${arg_SYSTEMD_STOP_TIMEOUT}' "
      "is not a whole number of seconds. Fix: give the seconds the program may take to stop "
      "after SIGTERM, e.g. SYSTEMD_STOP_TIMEOUT 30.")
  endif()
  foreach(option IN LISTS arg_SYSTEMD_OPTIONS)
    _release_service_option("${option}" section key value)
    if(section STREQUAL "")
      message(FATAL_ERROR "add_release(${name}): SYSTEMD_OPTIONS item '${option}' is not of "
        "the form [Section.]Key=value with Section one of Unit, Service, Install. Fix: write "
        "e.g. LimitNOFILE=65536 (a [Service] key) or Unit.After=postgresql.service.")
    endif()
    if(key MATCHES "^(ExecStart|Type|User|Group|DynamicUser|TimeoutStopSec)$")
      message(FATAL_ERROR "add_release(${name}): SYSTEMD_OPTIONS item '${option}' sets ${key}, "
        "which add_release() decides. Fix: use SYSTEMD_TYPE, SYSTEMD_USER or "
        "SYSTEMD_STOP_TIMEOUT instead (ExecStart is always bin/${name} start).")
    endif()
  endforeach()
endfunction()

# _release_service_prefix(<out-var> <name>)
# Where the packages install the release, which the unit's ExecStart names:
# CPACK_PACKAGING_INSTALL_PREFIX when the project set it before add_release(),
# else the release's PREFIX (hermetic_prefix, set in add_release() by
# _release_hermetic_configure: /opt/<name> unless PREFIX is given).
function(_release_service_prefix out name)
  if(DEFINED CPACK_PACKAGING_INSTALL_PREFIX)
    string(REGEX REPLACE "(.)/$" "\\1" prefix "${CPACK_PACKAGING_INSTALL_PREFIX}")
  elseif(DEFINED hermetic_prefix)
    set(prefix "${hermetic_prefix}")
  else()
    set(prefix "/opt/${name}")
  endif()
  set(${out} "${prefix}" PARENT_SCOPE)
endfunction()

# _release_service_declare(<name> <vsn> <work> <outputs-var>)
# Declares the step that renders the unit and package scripts into
# <work>/service, and sets <outputs-var> to the files it makes (empty with
# NO_SYSTEMD), for release-<name> to depend on. Reads add_release()'s arg_*
# variables, checked by _release_service_check.
function(_release_service_declare name vsn work outputs_var)
  set(${outputs_var} "" PARENT_SCOPE)
  if(arg_NO_SYSTEMD)
    return()
  endif()
  set(type exec)
  if(DEFINED arg_SYSTEMD_TYPE)
    set(type "${arg_SYSTEMD_TYPE}")
  endif()
  set(user "${name}")
  if(DEFINED arg_SYSTEMD_USER)
    set(user "${arg_SYSTEMD_USER}")
  endif()
  set(timeout "${_RELEASE_SERVICE_STOP_TIMEOUT}")
  if(DEFINED arg_SYSTEMD_STOP_TIMEOUT)
    set(timeout "${arg_SYSTEMD_STOP_TIMEOUT}")
  endif()
  _release_service_prefix(prefix "${name}")
  get_filename_component(template_dir "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../templates" ABSOLUTE)
  set(out "${work}/service")

  set(call "# Generated by add_release(${name}): the arguments of steps/service.cmake.\n")
  string(APPEND call "_release_service_render(\n")
  foreach(pair "NAME;${name}" "VSN;${vsn}" "TYPE;${type}" "USER;${user}"
      "STOP_TIMEOUT;${timeout}" "PREFIX;${prefix}" "TEMPLATE_DIR;${template_dir}"
      "OUTPUT_DIR;${out}")
    list(POP_FRONT pair key)
    _release_bracket(value "${pair}")
    string(APPEND call "  ${key} ${value}\n")
  endforeach()
  foreach(keyword REQUIRED_ENV SYSTEMD_OPTIONS)
    string(REGEX REPLACE "^SYSTEMD_" "" key "${keyword}")
    string(APPEND call "  ${key}")
    foreach(item IN LISTS arg_${keyword})
      _release_bracket(value "${item}")
      string(APPEND call " ${value}")
    endforeach()
    string(APPEND call "\n")
  endforeach()
  string(APPEND call ")\n")
  set(args "${work}/service-args.cmake")
  file(MAKE_DIRECTORY "${work}")
  _release_write_if_different("${args}" "${call}")

  set(outputs "${out}/${name}.service" "${out}/env")
  foreach(script deb/postinst deb/prerm deb/postrm deb/conffiles rpm/pre rpm/post rpm/preun rpm/postun)
    list(APPEND outputs "${out}/${script}")
  endforeach()
  set(templates "")
  foreach(t unit.service.in env.in functions.sh.in deb-postinst.in deb-prerm.in deb-postrm.in
      rpm-pre.in rpm-post.in rpm-preun.in rpm-postun.in)
    list(APPEND templates "${template_dir}/service/${t}")
  endforeach()
  set(steps "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/steps")
  add_custom_command(OUTPUT ${outputs}
    COMMAND "${CMAKE_COMMAND}" "-DRELEASE_SERVICE_ARGS=${args}" -P "${steps}/service.cmake"
    DEPENDS "${args}" "${steps}/service.cmake" "${CMAKE_CURRENT_FUNCTION_LIST_FILE}" ${templates}
    COMMENT "Release ${name}: rendering the systemd unit and package scripts"
    VERBATIM)
  set(${outputs_var} "${outputs}" PARENT_SCOPE)
endfunction()

cmake_policy(POP)

# A hermetic release at a PREFIX of its own: the loader, libc and the NSS
# module in lib/, PT_INTERP at PREFIX, the target properties.
add_executable(prog main.cpp)
add_release(app TARGETS prog HERMETIC PREFIX /srv/app-1)
foreach(pair "RELEASE_HERMETIC;TRUE" "RELEASE_PREFIX;/srv/app-1"
             "RELEASE_INTERPRETER;lib/ld-linux-x86-64.so.2")
  list(GET pair 0 property)
  list(GET pair 1 want)
  get_target_property(value release-app ${property})
  if(NOT value STREQUAL want)
    message(FATAL_ERROR "release-app: ${property} is '${value}', not '${want}'")
  endif()
endforeach()
# A release that is not hermetic: PREFIX /opt/<name>, no interpreter.
add_release(plain TARGETS prog)
foreach(pair "RELEASE_HERMETIC;FALSE" "RELEASE_PREFIX;/opt/plain" "RELEASE_INTERPRETER;")
  list(GET pair 0 property)
  list(GET pair 1 want)
  get_target_property(value release-plain ${property})
  if(NOT "${value}" STREQUAL "${want}")
    message(FATAL_ERROR "release-plain: ${property} is '${value}', not '${want}'")
  endif()
endforeach()

# Default arguments of a release's main program: add_release(ARGS <arg>...).
# Internal helpers (names start with _release_), used at configure time by
# add_release() and at build time by steps/render.cmake. Like
# ReleaseCommon.cmake it only defines functions, so it may be included again.
#
# An argument is passed literally, except for the words $RELEASE_ROOT and
# $RELEASE_DATA, which the control script expands at run time (after the env
# hook). CMake leaves "$NAME" without braces alone in quoted and unquoted
# arguments, and neither generator expressions ("$<") nor the bracket
# arguments of the generated step configuration touch it.

# Matches, at the start of a string, a run-time variable an argument may
# name: the name must not go on ($RELEASE_ROOTS is no such variable).
set(_RELEASE_ARGS_VAR_REGEX "^\\$(RELEASE_ROOT|RELEASE_DATA)([^A-Za-z0-9_]|$)")

# _release_check_args(<release> <list> [<keyword>])
# Stops with an error when an argument of <list> names a RELEASE_ variable
# the script would not expand ($RELEASE_TMP, or ${RELEASE_ROOT} with braces
# from a bracket argument, would reach the program literally). Items that
# CMake joined because of an unbalanced '[' were refused before, with every
# other argument of the call (_release_check_argument, ReleaseChecks.cmake).
# <keyword> (default ARGS) names where the list came from in the message.
function(_release_check_args release list)
  set(keyword ARGS)
  if(ARGC GREATER 2)
    set(keyword "${ARGV2}")
  endif()
  foreach(arg IN LISTS list)
    set(rest "${arg}")
    while(rest MATCHES "\\$({?)(RELEASE_[A-Za-z0-9_]*)(}?)(.*)$")
      set(written "$${CMAKE_MATCH_1}${CMAKE_MATCH_2}${CMAKE_MATCH_3}")
      set(brace "${CMAKE_MATCH_1}")
      set(var "${CMAKE_MATCH_2}")
      set(rest "${CMAKE_MATCH_4}")
      if(NOT brace AND var MATCHES "^RELEASE_(ROOT|DATA)$")
        continue()
      endif()
      message(FATAL_ERROR "add_release(${release}): the ${keyword} item '${arg}' names "
        "${written}, which the control script does not expand (only \$RELEASE_ROOT and "
        "\$RELEASE_DATA, written without braces, are). Fix: write \$RELEASE_ROOT/... or "
        "\$RELEASE_DATA/... without braces; other RELEASE_ variables reach the program "
        "through its environment.")
    endwhile()
  endforeach()
endfunction()

# _release_args_words(<out-var> <list>)
# The arguments as words of POSIX sh, separated by spaces: literal text
# single-quoted, $RELEASE_ROOT and $RELEASE_DATA as double-quoted expansions
# ("'-c' "$RELEASE_ROOT"'/etc/app.conf'"). Any content is safe, newlines and
# quotes included; an empty argument stays one (empty) word.
function(_release_args_words out list)
  set(words "")
  foreach(arg IN LISTS list)
    set(word "")
    set(literal "")
    set(rest "${arg}")
    while(TRUE)
      string(FIND "${rest}" "$RELEASE_" at)
      if(at EQUAL -1)
        string(APPEND literal "${rest}")
        break()
      endif()
      string(SUBSTRING "${rest}" 0 ${at} before)
      string(APPEND literal "${before}")
      string(SUBSTRING "${rest}" ${at} -1 rest)
      if(NOT rest MATCHES "${_RELEASE_ARGS_VAR_REGEX}")
        # Not one of the variables: its '$' is literal.
        string(APPEND literal "$")
        string(SUBSTRING "${rest}" 1 -1 rest)
        continue()
      endif()
      set(var "${CMAKE_MATCH_1}")
      if(NOT literal STREQUAL "")
        _release_shell_quote(literal "${literal}")
      endif()
      string(APPEND word "${literal}\"\$${var}\"")
      set(literal "")
      string(LENGTH "$${var}" skip)
      string(SUBSTRING "${rest}" ${skip} -1 rest)
    endwhile()
    if(NOT literal STREQUAL "" OR word STREQUAL "")
      _release_shell_quote(literal "${literal}")
      string(APPEND word "${literal}")
    endif()
    # Not a CMake list: a word may hold square brackets.
    string(APPEND words " ${word}")
  endforeach()
  string(REGEX REPLACE "^ " "" words "${words}")
  set(${out} "${words}" PARENT_SCOPE)
endfunction()

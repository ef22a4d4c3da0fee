# Per-file caches of the build-time steps over the staged files (verify's
# ELF records, the SBOM's hashes). What was said of a file is kept in a cache
# file under the file's staged identity (device, inode, size, mtime:
# _release_staged_identity), so that a run reads only the files staged anew.
#
# A cache file is text: a first line naming its format (another format, an
# older cmake-release's, is read as empty), then one line per file,
#   <key> TAB <value> TAB <file>
# <value> is one line, never empty, and may hold tabs and ';'. A line that
# does not parse, or a file whose path holds a tab, is a file not in the
# cache: it is read again, never mistaken for another.
include_guard(GLOBAL)

# _release_file_cache_load(<cache-file> <format>)
# What the cache file holds, in the caller: `known`, the key and file of each
# line ("<key> TAB <file>"), and `known_values`, their values in the same
# order. Both are empty when the file is missing or of another format.
function(_release_file_cache_load cache_file format)
  set(text "")
  if(EXISTS "${cache_file}")
    file(READ "${cache_file}" text)
  endif()
  string(LENGTH "${format}\n" head)
  string(SUBSTRING "${text}" 0 ${head} first)
  if(first STREQUAL "${format}\n")
    string(SUBSTRING "${text}" ${head} -1 text)
  else()
    set(text "")
  endif()
  _release_lines(lines "${text}")
  # The key and file of each cached line, and its value.
  set(known "")
  set(known_values "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^([^\t]+)\t(.+)\t([^\t]+)$")
      list(APPEND known "${CMAKE_MATCH_1}\t${CMAKE_MATCH_3}")
      string(REPLACE ";" "\\;" value "${CMAKE_MATCH_2}")
      list(APPEND known_values "${value}")
    endif()
  endforeach()
  return(PROPAGATE known known_values)
endfunction()

# _release_file_cache_read(FILE <cache-file> FORMAT <format> READER <function>
#   KEYS <keys-var> VALUES <values-var> CHANGED <changed-var> FILES <file>...)
# Sets <values-var> to one value per <file>, in order: the one in the cache
# when the file's key is unchanged, else what `<function>(<out-var>
# <file>...)` says of it (one call for all such files); <keys-var> to the
# current key of each file; <changed-var> to TRUE when the cache must be
# written again (_release_file_cache_write).
function(_release_file_cache_read)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "FILE;FORMAT;READER;KEYS;VALUES;CHANGED" "FILES")
  _release_staged_identity(keys ${arg_FILES})
  _release_file_cache_load("${arg_FILE}" "${arg_FORMAT}")
  # Where in `known` each file is (-1: not there), what the reader says of
  # the files not there, then every value in order. A cache written by the
  # last run holds the files in the same order: the common case looks at
  # one line per file, not at all of them. (A list of lists stays whole
  # through list(APPEND), list(GET) and foreach only: POP_FRONT, REMOVE_AT,
  # INSERT and the like split its items. ZIP_LISTS runs to the end of the
  # longest list: the loops stop after the last file.)
  list(LENGTH arg_FILES n)
  set(found "")
  set(missing "")
  set(i 0)
  foreach(file key id IN ZIP_LISTS arg_FILES keys known)
    if(i EQUAL n)
      break()
    elseif(id STREQUAL "${key}\t${file}")
      set(at ${i})
    else()
      list(FIND known "${key}\t${file}" at)
    endif()
    list(APPEND found ${at})
    if(at EQUAL -1)
      list(APPEND missing "${file}")
    endif()
    math(EXPR i "${i} + 1")
  endforeach()
  set(fresh "")
  if(missing)
    cmake_language(CALL "${arg_READER}" fresh ${missing})
  endif()
  set(values "")
  set(i 0)
  set(next 0)
  foreach(at value IN ZIP_LISTS found known_values)
    if(i EQUAL n)
      break()
    elseif(at EQUAL -1)
      list(GET fresh ${next} value)
      math(EXPR next "${next} + 1")
    elseif(NOT at EQUAL i)
      list(GET known_values ${at} value)
    endif()
    string(REPLACE ";" "\\;" value "${value}")
    list(APPEND values "${value}")
    math(EXPR i "${i} + 1")
  endforeach()
  set(changed FALSE)
  if(missing OR NOT EXISTS "${arg_FILE}")
    set(changed TRUE)
  endif()
  set(${arg_KEYS} "${keys}" PARENT_SCOPE)
  set(${arg_VALUES} "${values}" PARENT_SCOPE)
  set(${arg_CHANGED} "${changed}" PARENT_SCOPE)
endfunction()

# _release_file_cache_write(<cache-file> <format> <files-var> <keys-var> <values-var>)
# Writes the cache: one line per file of the lists <files-var>, <keys-var>
# and <values-var> (what _release_file_cache_read returned). One file(APPEND)
# per line: appending every line to one string would copy it again for each
# (seconds for ffmpeg's 208 files on a busy machine).
function(_release_file_cache_write cache_file format files_var keys_var values_var)
  file(WRITE "${cache_file}.tmp" "${format}\n")
  foreach(file key value IN ZIP_LISTS ${files_var} ${keys_var} ${values_var})
    file(APPEND "${cache_file}.tmp" "${key}\t${value}\t${file}\n")
  endforeach()
  file(RENAME "${cache_file}.tmp" "${cache_file}")
endfunction()

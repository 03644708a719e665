# Runs lupdate over the translated sources into a copy of one catalogue and fails when a
# message is unfinished, vanished or obsolete, or a translation or plural form is empty: a new
# or changed string needs its translation in every catalogue before it is merged.
#   cmake -DLUPDATE=... [-DLUPDATE_OPTIONS=-pluralonly] -DSOURCES_LIST=sources.lst
#         -DTS_FILE=unblur_de.ts -DWORK_DIR=...
#         -P CheckTranslations.cmake
foreach(var LUPDATE SOURCES_LIST TS_FILE WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "CheckTranslations.cmake: ${var} is not set")
    endif()
endforeach()

get_filename_component(name "${TS_FILE}" NAME)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(COPY "${TS_FILE}" DESTINATION "${WORK_DIR}")
set(copy "${WORK_DIR}/${name}")

separate_arguments(options UNIX_COMMAND "${LUPDATE_OPTIONS}")
execute_process(COMMAND "${LUPDATE}" ${options} "@${SOURCES_LIST}" -ts "${copy}"
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
message(STATUS "${output}")
if(NOT status EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${status})")
endif()

file(READ "${copy}" ts)
set(problems "")
foreach(kind unfinished vanished obsolete)
    string(REGEX MATCHALL "type=\"${kind}\"" found "${ts}")
    list(LENGTH found count)
    if(count GREATER 0)
        string(APPEND problems "  ${count} ${kind}\n")
    endif()
endforeach()
string(REGEX MATCHALL "<translation></translation>|<translation/>|<numerusform></numerusform>|<numerusform/>"
    empty "${ts}")
list(LENGTH empty count)
if(count GREATER 0)
    string(APPEND problems "  ${count} empty\n")
endif()
string(REGEX MATCHALL "<message[ >]" messages "${ts}")
list(LENGTH messages total)
if(NOT problems STREQUAL "")
    # Name the first unfinished sources so that the failure says what to translate.
    string(REGEX MATCHALL "<source>[^<]*</source>\n[^\n]*type=\"(unfinished|vanished|obsolete)\""
        offenders "${ts}")
    string(REGEX REPLACE "\n[ ]*" " " offenders "${offenders}")
    string(REPLACE ";" "\n" offenders "${offenders}")
    message(FATAL_ERROR "${name}: of ${total} messages,\n${problems}"
        "Run the update_translations target and translate them (Qt Linguist).\n${offenders}")
endif()
message(STATUS "${name}: ${total} messages, all translated")

# huntaze_add_test(<name> [SOURCES extra.cpp...] [LIBS lib...] [KEYRING] [ENVIRONMENT VAR=value...])
#
# Builds tst_<name>.cpp (next to the calling CMakeLists.txt) into a Qt Test
# executable and registers it with CTest. Every test runs headless
# (QT_QPA_PLATFORM=offscreen). KEYRING runs it inside a private D-Bus session
# with an unlocked gnome-keyring (scripts/with-keyring.sh), so keychain code
# meets a real Secret Service and never the developer's own keyring.
function(huntaze_add_test name)
    cmake_parse_arguments(arg "KEYRING" "" "SOURCES;LIBS;ENVIRONMENT" ${ARGN})
    set(target tst_${name})
    add_executable(${target} tst_${name}.cpp ${arg_SOURCES})
    target_link_libraries(${target} PRIVATE huntaze_testsupport Qt6::Test ${arg_LIBS})
    huntaze_target_defaults(${target})
    if(huntaze_ui IN_LIST arg_LIBS OR huntaze_uitestsupport IN_LIST arg_LIBS)
        huntaze_precompile_test(${target} WIDGETS)
    else()
        huntaze_precompile_test(${target} CORE)
    endif()

    if(arg_KEYRING)
        add_test(NAME ${name} COMMAND ${PROJECT_SOURCE_DIR}/scripts/with-keyring.sh $<TARGET_FILE:${target}>)
    else()
        add_test(NAME ${name} COMMAND ${target})
    endif()
    set(environment
        QT_QPA_PLATFORM=offscreen
        QT_LOGGING_RULES=huntaze.*.debug=false
        ASAN_OPTIONS=detect_leaks=1:suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizer/asan.supp
        LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizer/lsan.supp:print_suppressions=0
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
        ${arg_ENVIRONMENT})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${environment}" TIMEOUT 300)
endfunction()

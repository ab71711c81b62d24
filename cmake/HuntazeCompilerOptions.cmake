# Compiler options shared by every Huntaze target: call huntaze_target_defaults(target).

add_library(huntaze_compiler_options INTERFACE)
target_compile_options(huntaze_compiler_options INTERFACE -Wall -Wextra -Wpedantic)
target_compile_definitions(huntaze_compiler_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER)
if(HUNTAZE_WERROR)
    target_compile_options(huntaze_compiler_options INTERFACE -Werror)
endif()
if(HUNTAZE_SANITIZE)
    target_compile_options(huntaze_compiler_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(huntaze_compiler_options INTERFACE -fsanitize=address,undefined)
endif()

# LLVM's lld links the eighty-odd test executables, each with the static
# libraries and their debug information, in about a third of ld.bfd's time.
find_program(HUNTAZE_LLD NAMES ld.lld)
if(HUNTAZE_LLD)
    target_link_options(huntaze_compiler_options INTERFACE -fuse-ld=lld)
endif()

function(huntaze_target_defaults target)
    target_link_libraries(${target} PRIVATE huntaze_compiler_options)
endfunction()

# One INTERFACE target carries the whole compile policy; every target links it.
add_library(orderbridge_policy INTERFACE)
add_library(OrderBridge::Policy ALIAS orderbridge_policy)

target_compile_features(orderbridge_policy INTERFACE cxx_std_23)

target_compile_definitions(orderbridge_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
)

target_compile_options(orderbridge_policy INTERFACE
    -Wall -Wextra -Wpedantic
    -Wimplicit-fallthrough -Wnon-virtual-dtor -Woverloaded-virtual
    -Wcast-qual -Wformat=2 -Wundef
)

option(ORDERBRIDGE_WERROR "Treat warnings as errors" OFF)
if(ORDERBRIDGE_WERROR)
    target_compile_options(orderbridge_policy INTERFACE -Werror)
endif()

option(ORDERBRIDGE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(ORDERBRIDGE_SANITIZE)
    target_compile_options(orderbridge_policy INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(orderbridge_policy INTERFACE -fsanitize=address,undefined)
endif()

option(ORDERBRIDGE_TSAN "Build with ThreadSanitizer (the tests labelled \"threads\" run under it)" OFF)
if(ORDERBRIDGE_TSAN)
    if(ORDERBRIDGE_SANITIZE)
        message(FATAL_ERROR "ThreadSanitizer cannot be combined with AddressSanitizer; use the \"tsan\" preset")
    endif()
    # Qt itself is not instrumented: tests/tsan.supp names the reports that lie wholly inside Qt.
    target_compile_options(orderbridge_policy INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(orderbridge_policy INTERFACE -fsanitize=thread)
endif()

option(ORDERBRIDGE_FUZZ "Build only the libFuzzer targets in fuzz/ and the libraries they need (clang)" OFF)
if(ORDERBRIDGE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "ORDERBRIDGE_FUZZ needs clang (libFuzzer); use the \"fuzz\" preset")
    endif()
    # Instrument everything for coverage and the sanitizers; the fuzz executables add -fsanitize=fuzzer
    # (libFuzzer's main) themselves.
    target_compile_options(orderbridge_policy INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(orderbridge_policy INTERFACE -fsanitize=address,undefined)
endif()

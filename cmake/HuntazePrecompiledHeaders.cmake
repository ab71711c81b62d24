# Precompiled headers: most of a small file's compile time is parsing the same
# few hundred Qt and standard headers again (3-4 s of a 4.4 s compile under
# the sanitizers), so each library precompiles the ones its files include
# most, and the tests of one directory share one precompiled header.
#
# Only Qt's and the standard library's headers go in, never the project's own:
# editing a project header still rebuilds just the files that include it.
#
# GCC uses a precompiled header only when the macros it tested are defined the
# same way (Qt's headers test QT_WIDGETS_LIB, QTest tests QT_TESTCASE_BUILDDIR),
# and otherwise reads the listed headers as text: a mismatch costs time, never
# correctness. Hence one shared header per test directory and Qt module set.

option(HUNTAZE_PCH "Precompile the Qt and standard headers most files include" ON)

set(HUNTAZE_PCH_CORE
    <algorithm> <functional> <memory> <optional> <vector>
    <QByteArray> <QCoreApplication> <QDate> <QDateTime> <QFuture> <QHash> <QJsonArray> <QJsonDocument>
    <QJsonObject> <QJsonValue> <QList> <QLocale> <QMap> <QMutex> <QObject> <QPromise> <QSet> <QSqlDatabase>
    <QSqlError> <QSqlQuery> <QString> <QStringList> <QTimeZone> <QUrl> <QVariant>)
set(HUNTAZE_PCH_WIDGETS
    ${HUNTAZE_PCH_CORE}
    <QAction> <QComboBox> <QHBoxLayout> <QLabel> <QLineEdit> <QPushButton> <QVBoxLayout> <QWidget>)
set(HUNTAZE_PCH_TESTS <QSignalSpy> <QTemporaryDir> <QTest>)

# huntaze_precompile(<target> CORE|WIDGETS): the target precompiles its own.
function(huntaze_precompile target kind)
    if(HUNTAZE_PCH)
        target_precompile_headers(${target} PRIVATE ${HUNTAZE_PCH_${kind}})
    endif()
endfunction()

# huntaze_precompile_like(<target> <host>): the target reuses <host>'s, which
# must be built with the same compile options and Qt modules.
function(huntaze_precompile_like target host)
    if(HUNTAZE_PCH)
        target_precompile_headers(${target} REUSE_FROM ${host})
    endif()
endfunction()

# huntaze_precompile_test(<target> CORE|WIDGETS): the first test of its kind in
# a directory precompiles the tests' headers; the others reuse them.
function(huntaze_precompile_test target kind)
    if(NOT HUNTAZE_PCH)
        return()
    endif()
    get_directory_property(host HUNTAZE_TEST_PCH_${kind})
    if(host)
        target_precompile_headers(${target} REUSE_FROM ${host})
    else()
        target_precompile_headers(${target} PRIVATE ${HUNTAZE_PCH_${kind}} ${HUNTAZE_PCH_TESTS})
        set_directory_properties(PROPERTIES HUNTAZE_TEST_PCH_${kind} ${target})
    endif()
endfunction()

#include "csvreader.h"

#include <QCoreApplication>

#include <csv.h>

#include <memory>

namespace huntaze {

namespace {

// libcsv's parser state between records (ROW_NOT_BEGUN in csv.c; the struct is public).
constexpr int rowNotBegun = 0;

struct ParseState {
    QList<CsvRecord> records;
    QStringList fields;
    int recordStartLine = 1; // where the record being built began
};

void onField(void *data, size_t length, void *context)
{
    auto *state = static_cast<ParseState *>(context);
    state->fields.append(QString::fromUtf8(static_cast<const char *>(data), static_cast<qsizetype>(length)));
}

void onRecordEnd(int, void *context)
{
    auto *state = static_cast<ParseState *>(context);
    const bool blank = state->fields.size() == 1 && state->fields.first().isEmpty();
    if (!state->fields.isEmpty() && !blank)
        state->records.append({state->recordStartLine, state->fields});
    state->fields.clear();
}

Error parseError(int line)
{
    Error error = Error::validation(QStringLiteral("file"),
                                    QCoreApplication::translate("huntaze::CsvReader",
                                                                "Line %1: a quote is not closed, or a quoted field is followed by "
                                                                "other text. Fix the quotes on that line and import again.")
                                        .arg(line));
    error.position = line;
    return error;
}

} // namespace

Result<QList<CsvRecord>> CsvReader::read(const QByteArray &data, const Progress &progress)
{
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return Error(ErrorCode::Internal, QCoreApplication::translate("huntaze::CsvReader", "The CSV reader could not start."));
    const std::unique_ptr<csv_parser, void (*)(csv_parser *)> cleanup(&parser, csv_free);

    ParseState state;
    int line = 1;
    qsizetype offset = data.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    // Feed one physical line at a time so each record knows the line it starts on.
    while (offset < data.size()) {
        qsizetype end = data.indexOf('\n', offset);
        end = end < 0 ? data.size() : end + 1;
        if (parser.pstate == rowNotBegun && state.fields.isEmpty())
            state.recordStartLine = line;
        const auto length = static_cast<size_t>(end - offset);
        if (csv_parse(&parser, data.constData() + offset, length, onField, onRecordEnd, &state) != length)
            return parseError(state.recordStartLine);
        ++line;
        offset = end;
        if (progress && !progress(static_cast<double>(offset) / static_cast<double>(data.size())))
            return Error(ErrorCode::Cancelled,
                         QCoreApplication::translate("huntaze::CsvReader", "Import cancelled. Nothing was imported."));
    }
    if (csv_fini(&parser, onField, onRecordEnd, &state) != 0)
        return parseError(state.recordStartLine);
    return state.records;
}

} // namespace huntaze

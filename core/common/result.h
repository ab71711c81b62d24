#pragma once

#include <QDateTime>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace huntaze {

// What kind of failure happened; the UI picks presentation (inline field error,
// banner, dialog) from this, and never from the message text.
enum class ErrorCode {
    Validation,
    InvalidCredentials,
    AlreadyExists,
    NotFound,
    Unauthorized,
    Forbidden, // signed in, but the member's role does not allow it
    Conflict, // the thing is not in a state that allows this (clocking out with no shift open)
    Storage,
    SchemaTooNew,
    Keychain,
    KeychainUnavailable,
    Network, // the server could not be reached (DNS, refused, reset, offline)
    Timeout, // no complete answer within the request's time limit
    Tls, // the secure connection failed (certificate, handshake)
    HttpStatus, // the server answered with an error status (see httpStatus)
    MalformedResponse, // the answer was not the JSON that was expected
    CircuitOpen, // calls to this service are paused after repeated failures (see retryAt)
    RateLimited, // the server asked us to slow down (see retryAt)
    TooManyRequests, // huntaze-server's own limit refuses its caller for now (see retryAt): its 429
    DatabaseUnavailable, // the database server cannot be reached now (see retryAt)
    Cancelled,
    Internal,
};

struct Error {
    Error() = default;
    Error(ErrorCode code, QString message, QString detail = {}, QString field = {})
        : code(code), message(std::move(message)), detail(std::move(detail)), field(std::move(field))
    {}

    ErrorCode code = ErrorCode::Internal;
    QString message; // written for the user, already translated
    QString detail; // for the log only: never shown, never contains secrets
    QString field; // the input that is wrong, for validation errors
    int position = -1; // where in that input (character offset), when known
    int httpStatus = 0; // for HttpStatus (and RateLimited: 429)
    QDateTime retryAt; // for CircuitOpen and RateLimited: when trying again makes sense

    static Error validation(QString field, QString message)
    {
        return Error{ErrorCode::Validation, std::move(message), {}, std::move(field)};
    }
};

// A value or the reason there is none. Failures travel as values so that they
// cross threads through QFuture without exceptions.
template <typename T> class [[nodiscard]] Result
{
public:
    Result() : m_data(Error{ErrorCode::Internal, {}, QStringLiteral("empty result"), {}}) {}
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    // Asking for the wrong side is a programming error: fail loudly, with the message.
    const T &value() const &
    {
        requireValue();
        return std::get<T>(m_data);
    }
    T &value() &
    {
        requireValue();
        return std::get<T>(m_data);
    }
    T &&value() &&
    {
        requireValue();
        return std::get<T>(std::move(m_data));
    }

    const Error &error() const
    {
        if (ok())
            qFatal("Result::error() called on a success");
        return std::get<Error>(m_data);
    }

private:
    void requireValue() const
    {
        if (!ok())
            qFatal("Result::value() called on an error: %s (%s)", qPrintable(error().message), qPrintable(error().detail));
    }

    std::variant<T, Error> m_data;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    static Result success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const
    {
        if (ok())
            qFatal("Result::error() called on a success");
        return *m_error;
    }

private:
    std::optional<Error> m_error;
};

} // namespace huntaze

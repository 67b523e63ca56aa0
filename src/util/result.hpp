#pragma once
// Expected failures (a corrupt file, a bad parameter, a path outside the roots) travel as values
// carrying a kind and a message for the user; exceptions are kept for programming errors.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace lote {

// What sort of failure it is: the server maps a kind to an HTTP status and to the protocol's
// error, the CLI to its exit status, so each kind must mean one thing to a caller.
enum class ErrorKind {
    invalid,      // a bad parameter, flag or request: the caller can fix it
    not_found,    // a file, folder, job or preset that does not exist
    refused,      // not allowed: a path outside the roots, a symlink out, a foreign origin
    conflict,     // the state forbids it now: a running job, a name taken
    too_large,    // over a limit: pixels, bytes, memory
    unsupported,  // a format or feature lote does not handle
    corrupt,      // the data itself is damaged: a truncated scan, a malformed block
    io,           // the file system or a device failed: permissions, disk full
    unavailable,  // a peer or resource is down or busy: a broker, a full pool
    internal,     // lote's own fault; reported rather than crashing
};

// The stable name of a kind ("not_found"), for logs, JSON and translations.
constexpr std::string_view error_kind_name(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid:
            return "invalid";
        case ErrorKind::not_found:
            return "not_found";
        case ErrorKind::refused:
            return "refused";
        case ErrorKind::conflict:
            return "conflict";
        case ErrorKind::too_large:
            return "too_large";
        case ErrorKind::unsupported:
            return "unsupported";
        case ErrorKind::corrupt:
            return "corrupt";
        case ErrorKind::io:
            return "io";
        case ErrorKind::unavailable:
            return "unavailable";
        case ErrorKind::internal:
            return "internal";
    }
    return "internal";
}

// The kind named `name` (error_kind_name's inverse); internal for a name it does not know.
inline ErrorKind error_kind_from_name(std::string_view name) {
    for (ErrorKind kind : {ErrorKind::invalid, ErrorKind::not_found, ErrorKind::refused,
                           ErrorKind::conflict, ErrorKind::too_large, ErrorKind::unsupported,
                           ErrorKind::corrupt, ErrorKind::io, ErrorKind::unavailable}) {
        if (error_kind_name(kind) == name) {
            return kind;
        }
    }
    return ErrorKind::internal;
}

struct Error {
    std::string message;
    ErrorKind kind = ErrorKind::invalid;
    // A stable snake_case id of this failure for clients that speak another language than the
    // message ("unknown_filter"; util/error_codes.hpp lists them), and the values the message
    // mentions by name ({"filter": "blurr"}). No code: the kind's name stands for it.
    std::string code;
    nlohmann::json params = nlohmann::json::object();

    std::string_view code_or_kind() const {
        return code.empty() ? error_kind_name(kind) : std::string_view(code);
    }
    // This error with a code and its params: `return fail(kind, msg).coded(codes::x, {...});`
    Error coded(std::string_view id, nlohmann::json values = nlohmann::json::object()) const& {
        Error copy = *this;
        return std::move(copy).coded(id, std::move(values));
    }
    Error coded(std::string_view id, nlohmann::json values = nlohmann::json::object()) && {
        code = id;
        params = values.is_object() ? std::move(values) : nlohmann::json::object();
        return std::move(*this);
    }
};

template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<Error>(state_); }
    const std::string& message() const { return error().message; }
    ErrorKind kind() const { return error().kind; }

  private:
    std::variant<T, Error> state_;
};

// A Result with nothing to return but success.
class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(Error error) : error_(std::move(error)), failed_(true) {}
    static Status success() { return {}; }

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return error_; }
    const std::string& message() const { return error_.message; }
    ErrorKind kind() const { return error_.kind; }

  private:
    Error error_;
    bool failed_ = false;
};

// An invalid-input failure: the common case (a bad parameter, a bad flag).
inline Error fail(ErrorKind kind, std::string message) {
    Error error;
    error.message = std::move(message);
    error.kind = kind;
    return error;
}

inline Error fail(std::string message) {
    return fail(ErrorKind::invalid, std::move(message));
}

}  // namespace lote

#pragma once
// Expected failures (a corrupt file, a bad parameter, a path outside the roots) travel as values
// carrying a message for the user; exceptions are kept for programming errors.

#include <string>
#include <utility>
#include <variant>

namespace lote {

struct Error {
    std::string message;
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

  private:
    std::variant<T, Error> state_;
};

// A Result with nothing to return but success.
class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(Error error) : error_(std::move(error.message)), failed_(true) {}
    static Status success() { return {}; }

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const std::string& message() const { return error_; }

  private:
    std::string error_;
    bool failed_ = false;
};

inline Error fail(std::string message) {
    return Error{std::move(message)};
}

}  // namespace lote

#pragma once
#include <atomic>
#include <memory>

namespace lote {

// Shared by whoever may cancel (Ctrl-C, the server's `cancelar`) and whoever must stop.
class CancelToken {
  public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { flag_->store(true); }
    bool cancelled() const { return flag_->load(); }

  private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace lote

#include "filters/box_columns.hpp"

#include <algorithm>
#include <vector>

#include "filters/row_kernels.hpp"

namespace lote {

namespace {

// One pass, producing its rows on demand from the pass before it (or from the image). Its
// output lives in a ring of 2·whole+3 rows: exactly the rows the next pass reads at once (the
// window, the two fractional rows beyond it).
class Pass {
  public:
    Pass(const ExtendedBox& box, int rows, std::size_t width, Pass* source,
         const std::uint8_t* image)
        : box_(box),
          rows_(rows),
          width_(width),
          source_(source),
          image_(image),
          ring_rows_(2 * box.whole + 3),
          ring_(static_cast<std::size_t>(ring_rows_) * width),
          sums_(width, 0) {}

    // Row `r` of this pass's output, computing the rows up to it first.
    const std::uint8_t* output(int r) {
        while (next_ <= r) {
            produce(slot(next_));
        }
        return slot(r);
    }

    // Computes the next row into `out`.
    void produce(std::uint8_t* out) {
        if (next_ == 0) {
            for (int k = -box_.whole; k <= box_.whole; ++k) {
                kernels::accumulate_run(input(k), width_, sums_.data());
            }
        }
        // The farthest row first: producing it may recycle the source's oldest slot, which must
        // not be one of the rows read here (the ring holds exactly this window).
        const std::uint8_t* after = input(next_ + box_.whole + 1);
        const std::uint8_t* before = input(next_ - box_.whole - 1);
        const std::uint8_t* leaving = input(next_ - box_.whole);
        kernels::box_step_run(before, after, leaving, sums_.data(), width_, box_.weight,
                              box_.fraction, out);
        ++next_;
    }

  private:
    const std::uint8_t* input(int r) {
        r = std::clamp(r, 0, rows_ - 1);
        return source_ != nullptr ? source_->output(r)
                                  : image_ + static_cast<std::size_t>(r) * width_;
    }

    std::uint8_t* slot(int r) {
        return ring_.data() + static_cast<std::size_t>(r % ring_rows_) * width_;
    }

    const ExtendedBox& box_;
    int rows_;
    std::size_t width_;
    Pass* source_;
    const std::uint8_t* image_;
    int ring_rows_;
    std::vector<std::uint8_t> ring_;
    std::vector<std::uint32_t> sums_;
    int next_ = 0;
};

}  // namespace

// The last pass writes over the image while the first still reads it: safe, because when row y
// is written the first pass has already produced row y + 2·(whole+1), and from then on it only
// reads rows after y.
void blur_columns_thrice(std::uint8_t* plane, int rows, std::size_t row_samples,
                         const ExtendedBox& box) {
    Pass first(box, rows, row_samples, nullptr, plane);
    Pass second(box, rows, row_samples, &first, nullptr);
    Pass third(box, rows, row_samples, &second, nullptr);
    for (int y = 0; y < rows; ++y) {
        third.produce(plane + static_cast<std::size_t>(y) * row_samples);
    }
}

}  // namespace lote

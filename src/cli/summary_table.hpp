#pragma once
// The report at the end of `lote run`: a table per filter, the totals, every failure.

#include <ostream>

#include "batch/events.hpp"

namespace lote::cli {

void print_summary(std::ostream& out, const BatchSummary& summary);

}  // namespace lote::cli

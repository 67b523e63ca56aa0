#pragma once
// The hidden name an output is written under before it is renamed into place:
// ".<start of the name>.lote-tmp-<pid>-<n>@<writer>". Only the first bytes of the name are kept
// (temporary_name_prefix), so that the temporary name stays short when the output's own name is
// close to the file system's 255-byte limit. The writer is the host's name, or a node's --name, so
// that on a folder several machines write to (a NAS) a clean-up never mistakes another
// machine's live file for one of its own dead processes' (pids mean nothing across machines).

#include <optional>
#include <string>
#include <string_view>

namespace lote {

// Letters, digits, '.', '_' and '-' only (anything else becomes '_'), at most 64 characters.
std::string sanitized_writer_name(std::string_view raw);
// This machine's host name, sanitised.
std::string this_host_name();

// Process-wide; set once at start (a node's worker gets its node's name), default this host's.
void set_temporary_writer_name(std::string_view name);
std::string temporary_writer_name();

// The start of `file_name` a temporary name keeps: at most 40 bytes, never splitting a UTF-8
// character.
std::string temporary_name_prefix(std::string_view file_name);

// The temporary name for a file called `file_name`, unique in this process.
std::string temporary_name_for(std::string_view file_name);

struct TemporaryName {
    std::string target;  // the start of the file name it will be renamed to (temporary_name_prefix)
    long pid = 0;
    std::string writer;  // empty in names written before writers were recorded
};

std::optional<TemporaryName> parse_temporary_name(std::string_view file_name);

}  // namespace lote

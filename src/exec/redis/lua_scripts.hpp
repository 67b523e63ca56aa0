#pragma once
// The Lua scripts that make the broker's steps atomic. Redis runs a script without interleaving
// any other command, which is what an ownership check needs: XCLAIM and XACK alone succeed for a
// stale owner (a node paused past its lease, then resumed), so every step a node takes on an
// entry first checks, in the same script, that the entry is still pending for that very
// consumer. Each script's comment (lua_scripts.cpp) gives its KEYS and ARGV.

namespace lote {

struct LuaScript {
    const char* name;
    const char* source;
};

namespace lua {
extern const LuaScript kBegin;
extern const LuaScript kRenew;
extern const LuaScript kComplete;
extern const LuaScript kReclaim;
extern const LuaScript kRelease;
extern const LuaScript kForget;
extern const LuaScript kSetState;
extern const LuaScript kHeartbeat;
extern const LuaScript kLeave;
}  // namespace lua

}  // namespace lote

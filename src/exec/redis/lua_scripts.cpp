#include "exec/redis/lua_scripts.hpp"

namespace lote::lua {

// begin: a slot starts the task it has just read or reclaimed.
// KEYS: tasks stream, run hash, run results stream. ARGV: entry id, consumer, node, task number.
// Only the entry's owner may start it (a reclaim may have moved it since it was read), and only
// while its run is running: the tasks of a cancelled, superseded or vanished run are dropped
// here, never started. The `started` note tells the coordinator which node took which image.
const LuaScript kBegin{"begin", R"lua(
local p = redis.call('XPENDING', KEYS[1], 'workers', ARGV[1], ARGV[1], 1)
if #p == 0 or p[1][2] ~= ARGV[2] then return {'lost'} end
local state = redis.call('HGET', KEYS[2], 'state')
if state ~= 'running' then
  redis.call('XACK', KEYS[1], 'workers', ARGV[1])
  redis.call('XDEL', KEYS[1], ARGV[1])
  return {'drop', state or 'gone'}
end
redis.call('XADD', KEYS[3], '*', 'kind', 'started', 'task', ARGV[4], 'node', ARGV[3])
return {'go', p[1][4]}
)lua"};

// renew: keeps a lease alive and tells the holder what became of its run.
// KEYS: tasks stream, run hash. ARGV: entry id, consumer.
// XCLAIM to oneself with min-idle 0 and JUSTID resets the entry's idle time without counting a
// delivery; the owner check comes first, since XCLAIM would also succeed for a stale owner.
const LuaScript kRenew{"renew", R"lua(
local p = redis.call('XPENDING', KEYS[1], 'workers', ARGV[1], ARGV[1], 1)
if #p == 0 or p[1][2] ~= ARGV[2] then return {'lost'} end
redis.call('XCLAIM', KEYS[1], 'workers', ARGV[2], 0, ARGV[1], 'JUSTID')
return {'held', redis.call('HGET', KEYS[2], 'state') or 'gone'}
)lua"};

// complete: reports a finished task and retires its entry, as one step.
// KEYS: tasks stream, run hash, run results stream.
// ARGV: entry id, consumer, node, task number, result (JSON).
// A stale owner reports nothing. The entry's manifest note is copied into the result, so that a
// coordinator restarted after a crash can record it without the plan it had made. The entry is
// deleted with XDEL, never trimmed: MAXLEN could drop entries still pending for other nodes.
const LuaScript kComplete{"complete", R"lua(
local p = redis.call('XPENDING', KEYS[1], 'workers', ARGV[1], ARGV[1], 1)
if #p == 0 or p[1][2] ~= ARGV[2] then return 'lost' end
local entry = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
redis.call('XACK', KEYS[1], 'workers', ARGV[1])
redis.call('XDEL', KEYS[1], ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 0 then return 'gone' end
local note = ''
if #entry == 1 then
  local fields = entry[1][2]
  for i = 1, #fields, 2 do
    if fields[i] == 'note' then note = fields[i + 1] end
  end
end
redis.call('XADD', KEYS[3], '*', 'kind', 'done', 'task', ARGV[4], 'node', ARGV[3],
           'result', ARGV[5], 'note', note)
redis.call('HINCRBY', KEYS[2], 'done', 1)
return 'done'
)lua"};

// reclaim: an idle slot takes over a task whose owner stopped renewing its lease.
// KEYS: tasks stream, dead-letter stream. ARGV: consumer, the shortest idle time worth looking
// at (ms), how many pending entries to look at.
// Each run has its own claim timeout and delivery limit (its hash). A task already delivered
// that many times went down with every node that took it: it goes to the dead-letter stream and
// its coordinator hears of it as a failed image, instead of it killing one more node. Entries of
// runs that ended are dropped. Returns the first entry claimed or dead-lettered, with its owner
// until now (whose temporary files the caller may remove: that owner lost the lease).
const LuaScript kReclaim{"reclaim", R"lua(
local pending = redis.call('XPENDING', KEYS[1], 'workers', 'IDLE', ARGV[2], '-', '+', ARGV[3])
for _, p in ipairs(pending) do
  local id, owner, idle, deliveries = p[1], p[2], p[3], p[4]
  local entry = redis.call('XRANGE', KEYS[1], id, id)
  if #entry == 0 then
    redis.call('XACK', KEYS[1], 'workers', id)
  else
    local f = {}
    local raw = entry[1][2]
    for i = 1, #raw, 2 do f[raw[i]] = raw[i + 1] end
    local run = 'lote:run:' .. (f.run or '')
    local claim_ms = tonumber(redis.call('HGET', run, 'claim_ms'))
    if not claim_ms then
      redis.call('XACK', KEYS[1], 'workers', id)
      redis.call('XDEL', KEYS[1], id)
    elseif idle >= claim_ms then
      local limit = tonumber(redis.call('HGET', run, 'max_deliveries')) or 3
      if redis.call('HGET', run, 'state') ~= 'running' then
        redis.call('XACK', KEYS[1], 'workers', id)
        redis.call('XDEL', KEYS[1], id)
      elseif deliveries >= limit then
        local dead = redis.call('XADD', KEYS[2], '*', 'run', f.run, 'task', f.task or '',
                                'deliveries', deliveries, 'last_owner', owner, 'body', f.body or '')
        redis.call('XADD', run .. ':results', '*', 'kind', 'dead', 'task', f.task or '',
                   'node', owner, 'deliveries', deliveries, 'dead', dead, 'note', f.note or '')
        redis.call('XACK', KEYS[1], 'workers', id)
        redis.call('XDEL', KEYS[1], id)
        return {'dead', id, owner, f.run, f.task or '', f.body or ''}
      else
        local claimed = redis.call('XCLAIM', KEYS[1], 'workers', ARGV[1], claim_ms, id)
        if #claimed == 1 then return {'claimed', id, owner, f.run, f.task or '', f.body or ''} end
      end
    end
  end
end
return {'none'}
)lua"};

// release: a node that is stopping hands back a task it holds, at once and without counting a
// delivery: a new entry with the same fields; the old one is acknowledged and deleted.
// KEYS: tasks stream. ARGV: entry id, consumer.
const LuaScript kRelease{"release", R"lua(
local p = redis.call('XPENDING', KEYS[1], 'workers', ARGV[1], ARGV[1], 1)
if #p == 0 or p[1][2] ~= ARGV[2] then return 'lost' end
local entry = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #entry == 1 then redis.call('XADD', KEYS[1], '*', unpack(entry[1][2])) end
redis.call('XACK', KEYS[1], 'workers', ARGV[1])
redis.call('XDEL', KEYS[1], ARGV[1])
return 'released'
)lua"};

// forget: removes entries of a run from the task stream.
// KEYS: tasks stream. ARGV: 'unstarted' or 'all', then entry ids.
// 'unstarted' (a cancel) keeps the entries a node is working on, so they can finish and report;
// 'all' (the run is over) removes those too: their holders' next renewal finds the lease gone.
const LuaScript kForget{"forget", R"lua(
local removed = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  if ARGV[1] == 'all' or #redis.call('XPENDING', KEYS[1], 'workers', id, id, 1) == 0 then
    redis.call('XACK', KEYS[1], 'workers', id)
    removed = removed + redis.call('XDEL', KEYS[1], id)
  end
end
return removed
)lua"};

// set_state: KEYS: run hash. ARGV: state. A run that is gone stays gone (HSET would recreate a
// hash without its claim timeout and limits).
const LuaScript kSetState{"set_state", R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1])
return 1
)lua"};

// heartbeat: a node says it is alive; for display only (leases, not heartbeats, decide who owns
// a task). One live node per name, so that consumer names (name:slot) stay one machine's.
// KEYS: node hash, node set. ARGV: instance id, time to live (ms), name, then field, value...
const LuaScript kHeartbeat{"heartbeat", R"lua(
local holder = redis.call('HGET', KEYS[1], 'instance')
if holder and holder ~= ARGV[1] then return {'taken', redis.call('PTTL', KEYS[1])} end
redis.call('HSET', KEYS[1], 'instance', ARGV[1], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return {'ok'}
)lua"};

// leave: a node that stops removes its heartbeat and those of its consumers that hold nothing.
// A consumer with pending entries is kept: XGROUP DELCONSUMER would drop its entries from the
// pending list, and those tasks would never be reclaimed.
// KEYS: tasks stream, node hash, node set. ARGV: name, instance id, then consumer names.
const LuaScript kLeave{"leave", R"lua(
if redis.call('EXISTS', KEYS[1]) == 1 then
  for i = 3, #ARGV do
    local ok, p = pcall(redis.call, 'XPENDING', KEYS[1], 'workers', '-', '+', 1, ARGV[i])
    if ok and #p == 0 then redis.pcall('XGROUP', 'DELCONSUMER', KEYS[1], 'workers', ARGV[i]) end
  end
end
if redis.call('HGET', KEYS[2], 'instance') == ARGV[2] then
  redis.call('DEL', KEYS[2])
  redis.call('SREM', KEYS[3], ARGV[1])
end
return 'ok'
)lua"};

}  // namespace lote::lua
